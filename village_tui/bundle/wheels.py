"""Collect every wheel the program needs, for the village PCs' platforms, by driving pip.

The program's own wheel is built with ``pip wheel --no-deps`` from a copy of the
source (so the source folder gets no ``build/`` litter); its dependencies come
from ``pip download``. pip evaluates environment markers for the machine it runs
on, so requirements that only other targets need (a ``python_version < "3.11"``
backport, a ``sys_platform == "win32"`` helper) are found by evaluating each
wheel's markers for every target and fetched for that target. A dependency
with binary parts gets a wheel per platform and Python version, as far as the
registry has them.
"""

from __future__ import annotations

import email.parser
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

# pip's platform tag -> how the report names it. manylinux2014 (glibc 2.17) runs on old Linux desktops too.
PLATFORMS = {"win_amd64": "Windows 64位", "win32": "Windows 32位", "manylinux2014_x86_64": "Linux x86_64"}
PYTHONS = ("3.10", "3.11", "3.12")
_MARKER_ENV = {
    "win_amd64": {"sys_platform": "win32", "platform_system": "Windows", "os_name": "nt", "platform_machine": "AMD64"},
    "win32": {"sys_platform": "win32", "platform_system": "Windows", "os_name": "nt", "platform_machine": "x86"},
    "manylinux2014_x86_64": {"sys_platform": "linux", "platform_system": "Linux", "os_name": "posix",
                             "platform_machine": "x86_64"},
}
_SOURCE_PARTS = ("pyproject.toml", "README.md", "village_tui")

Log = Callable[[str], None]


class BundleError(Exception):
    """pip could not build or fetch something the bundle cannot do without (message in Chinese)."""


@dataclass(frozen=True)
class Wheel:
    """A wheel file, read from its name (``name-version[-build]-python-abi-platform.whl``).

    Attributes:
        path: The file.
        name: The project name, normalized (lower case, ``-`` for ``_`` and ``.``).
        version: Its version.
        tags: ``(python, abi, platform)``.
    """

    path: Path
    name: str
    version: str
    tags: tuple[str, str, str]

    @classmethod
    def of(cls, path: Path) -> Wheel:
        """Read a wheel's name.

        Raises:
            ValueError: Not a wheel file name.
        """
        parts = path.name[:-len(".whl")].split("-") if path.name.endswith(".whl") else []
        if len(parts) not in (5, 6):
            raise ValueError(f"not a wheel: {path.name}")
        return cls(path, normalize(parts[0]), parts[1], (parts[-3], parts[-2], parts[-1]))

    @property
    def pure(self) -> bool:
        """Whether the wheel is pure Python (serves every platform)."""
        return self.tags[1] == "none" and self.tags[2] == "any"

    def serves(self, platform: str, python: str) -> bool:
        """Whether this (binary) wheel installs on ``platform`` with Python ``python`` (``"3.11"``)."""
        if self.pure:
            return True
        plat_ok = any(p == platform or (platform.startswith("manylinux") and p.startswith("manylinux")
                                        and p.endswith("_x86_64")) for p in self.tags[2].split("."))
        cp = "cp" + python.replace(".", "")
        py_ok = any(t in (cp, "py3") or (t.startswith("cp3") and self.tags[1] == "abi3" and int(t[3:]) <= int(cp[3:]))
                    for t in self.tags[0].split("."))
        return plat_ok and py_ok


@dataclass
class BinaryTarget:
    """What the registry had for one binary dependency on one platform and Python version.

    Attributes:
        platform: pip's platform tag.
        python: ``"3.10"`` etc.
        got: ``"binary"`` (a wheel built for it), ``"pure"`` (only the pure-Python fallback) or ``"none"``.
    """

    platform: str
    python: str
    got: str


@dataclass
class WheelSet:
    """The wheels of a bundle and what could not be had.

    Attributes:
        own: The program's own wheel.
        wheels: Every wheel in the folder, by file name.
        binary: Per dependency with binary parts, one entry per platform × Python version.
        extra: Requirements only other targets need, fetched for them (``name (target)``).
        missing: Requirements of some target that could not be fetched, in Chinese.
    """

    own: Wheel | None = None
    wheels: dict[str, Wheel] = field(default_factory=dict)
    binary: dict[str, list[BinaryTarget]] = field(default_factory=dict)
    extra: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)


def normalize(name: str) -> str:
    """A project name as pip compares it (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def find_source() -> Path | None:
    """The source folder of the running program (holding pyproject.toml), or None when installed from a wheel."""
    root = Path(__file__).resolve().parent.parent.parent
    pyproject = root / "pyproject.toml"
    if pyproject.is_file() and 'name = "village-tui"' in pyproject.read_text(encoding="utf-8"):
        return root
    return None


def _pip(args: list[str]) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "pip", *args]
    return subprocess.run(command, capture_output=True, text=True, encoding="utf-8", errors="replace")


def _tail(result: subprocess.CompletedProcess) -> str:
    lines = [line for line in (result.stderr or result.stdout).splitlines() if line.strip()]
    return "\n".join(lines[-4:])


def build_own_wheel(source: Path, dest: Path, log: Log) -> Wheel:
    """Build the program's wheel into ``dest`` from a copy of ``source``.

    Raises:
        BundleError: pip could not build it.
    """
    with tempfile.TemporaryDirectory(prefix="village-tui-src-") as tmp:
        copy = Path(tmp) / "src"
        copy.mkdir()
        for part in _SOURCE_PARTS:
            item = source / part
            if item.is_dir():
                shutil.copytree(item, copy / part, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
            elif item.is_file():
                shutil.copy2(item, copy / part)
        log("正在生成本程序的安装包（pip wheel）...")
        result = _pip(["wheel", "--no-deps", "--wheel-dir", str(dest), str(copy)])
    if result.returncode != 0:
        raise BundleError(f"生成本程序的安装包失败：\n{_tail(result)}")
    built = sorted(dest.glob("village_tui-*.whl"), key=lambda p: p.stat().st_mtime)
    if not built:
        raise BundleError("pip 没有生成本程序的安装包")
    return Wheel.of(built[-1])


def _download(args: list[str], dest: Path, errors: list[str] | None = None) -> list[Wheel]:
    """``pip download ARGS`` into a fresh folder, moved into ``dest``.

    Returns:
        The wheels it got; [] when pip failed (its last lines are appended to ``errors``).
    """
    with tempfile.TemporaryDirectory(prefix="village-tui-dl-", dir=dest) as tmp:
        result = _pip(["download", "--dest", tmp, *args])
        if result.returncode != 0:
            if errors is not None:
                errors.append(_tail(result))
            return []
        got = []
        for path in Path(tmp).glob("*.whl"):
            target = dest / path.name
            if not target.exists():
                shutil.move(str(path), target)
            got.append(Wheel.of(target))
        return got


def _requirements(wheel: Wheel) -> list[str]:
    """The ``Requires-Dist`` lines of a wheel's METADATA."""
    with zipfile.ZipFile(wheel.path) as archive:
        name = next((n for n in archive.namelist() if n.endswith(".dist-info/METADATA")), None)
        if name is None:
            return []
        metadata = email.parser.Parser().parsestr(archive.read(name).decode("utf-8", "replace"))
    return metadata.get_all("Requires-Dist") or []


def _packaging() -> type:
    """The ``packaging`` library's Requirement: installed on its own, or the copy inside pip."""
    try:
        from packaging.requirements import Requirement
        return Requirement
    except ImportError:  # pragma: no cover - depends on the machine
        from pip._vendor.packaging.requirements import Requirement as PipRequirement
        return PipRequirement


def needed_names(root: Wheel, wheels: dict[str, Wheel], platform: str, python: str) -> tuple[set[str], list[str]]:
    """The projects ``root`` needs on one target, and the requirements of it no wheel in ``wheels`` provides.

    Args:
        root: The program's wheel.
        wheels: Wheels by normalized name.
        platform: pip's platform tag (a key of PLATFORMS).
        python: ``"3.10"`` etc.

    Returns:
        The normalized names needed, and the requirement strings not provided.
    """
    requirement_of = _packaging()
    env = {**_MARKER_ENV[platform], "python_version": python, "python_full_version": python + ".0",
           "implementation_name": "cpython", "platform_python_implementation": "CPython", "extra": ""}
    needed, missing, todo = {root.name}, [], [root]
    while todo:
        for line in _requirements(todo.pop()):
            requirement = requirement_of(line)
            if requirement.marker is not None and not requirement.marker.evaluate(env):
                continue
            name = normalize(requirement.name)
            if name in needed:
                continue
            needed.add(name)
            if name in wheels:
                todo.append(wheels[name])
            else:
                missing.append(str(requirement).split(";")[0].strip())
    return needed, missing


def _by_name(dest: Path) -> dict[str, Wheel]:
    wheels: dict[str, Wheel] = {}
    for path in sorted(dest.glob("*.whl")):
        wheel = Wheel.of(path)
        wheels.setdefault(wheel.name, wheel)
    return wheels


def _target_args(platform: str, python: str) -> list[str]:
    return ["--only-binary=:all:", "--platform", platform, "--python-version", python]


def collect_wheels(source: Path, dest: Path, log: Log) -> WheelSet:
    """Fill ``dest`` with every wheel the program needs on the village PCs' platforms.

    Args:
        source: The program's source folder.
        dest: The bundle's wheel folder (created when missing; wheels already there are kept).
        log: Called with a Chinese progress line.

    Raises:
        BundleError: The program's wheel or its dependencies for this machine cannot be had.
    """
    dest.mkdir(parents=True, exist_ok=True)
    result = WheelSet()
    result.own = build_own_wheel(source, dest, log)
    log("正在下载依赖包（pip download）...")
    errors: list[str] = []
    if not _download([str(result.own.path)], dest, errors):
        raise BundleError(f"下载依赖包失败（需要能连接软件源的网络）：\n{errors[0]}")
    for platform in PLATFORMS:
        for python in PYTHONS:
            _other_target(result, dest, platform, python, log)
    _binary_wheels(result, dest, log)
    result.wheels = {path.name: Wheel.of(path) for path in sorted(dest.glob("*.whl"))}
    return result


def _other_target(result: WheelSet, dest: Path, platform: str, python: str, log: Log) -> None:
    """Fetch what one target needs beyond this machine's wheels, until nothing more is missing."""
    label = f"{PLATFORMS[platform]} Python {python}"
    given_up: set[str] = set()
    if result.own is None:
        return
    for _ in range(5):  # each round's wheels may have requirements of their own
        _, missing = needed_names(result.own, _by_name(dest), platform, python)
        missing = [m for m in missing if m not in given_up]
        if not missing:
            return
        for requirement in missing:
            log(f"正在下载 {label} 需要的 {requirement}...")
            if _download([*_target_args(platform, python), requirement], dest):
                result.extra.append(f"{requirement}（{label}）")
            else:
                given_up.add(requirement)
                result.missing.append(f"{requirement}（{label}）")


def _binary_wheels(result: WheelSet, dest: Path, log: Log) -> None:
    """For each dependency with binary parts, its wheel per platform × Python version."""
    binaries = sorted({w.name: w for w in _by_name(dest).values() if not w.pure}.values(), key=lambda w: w.name)
    for wheel in binaries:
        log(f"{wheel.name} 含二进制部分，正在下载各平台的版本...")
        entries = []
        for platform in PLATFORMS:
            for python in PYTHONS:
                got = _download([*_target_args(platform, python), "--no-deps", f"{wheel.name}=={wheel.version}"],
                                dest)
                kind = "none"
                if any(w.name == wheel.name and not w.pure and w.serves(platform, python) for w in got):
                    kind = "binary"
                elif any(w.name == wheel.name and w.pure for w in got):
                    kind = "pure"
                entries.append(BinaryTarget(platform, python, kind))
        result.binary[wheel.name] = entries
