"""The wheels of a bundle and the targets they serve; the program's own wheel, built by pip.

The program's own wheel is built with ``pip wheel --no-deps`` from a copy of the
source (so the source folder gets no ``build/`` litter). Its dependencies come
from the lock (``requirements.lock``) through ``pip download`` (``fetch.py``).
pip evaluates environment markers for the machine it runs on, not the target, so
each target's requirements hold only its own pins (markers evaluated here for
that target); pip then checks every wheel's Requires-Python and tags against it.
"""


from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from village_tui.bundle.lock import PYTHONS, normalize

# pip's platform tag -> how the list names it. manylinux2014 (glibc 2.17) runs on old Linux desktops too.
PLATFORMS = {"win_amd64": "Windows 64位", "win32": "Windows 32位", "manylinux2014_x86_64": "Linux x86_64"}
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
class TargetResult:
    """What pip resolved for one platform and Python version.

    Attributes:
        platform: pip's platform tag (a key of PLATFORMS).
        python: ``"3.10"`` etc.
        wheels: The wheel pip chose for each dependency, by name.
        error: pip's last lines when it could not resolve the target, else None.
    """

    platform: str
    python: str
    wheels: dict[str, Wheel] = field(default_factory=dict)
    error: str | None = None

    @property
    def label(self) -> str:
        """The target in Chinese (``Windows 32位 Python 3.10``)."""
        return f"{PLATFORMS[self.platform]} Python {self.python}"


@dataclass
class WheelSet:
    """The wheels of a bundle, per target.

    Attributes:
        own: The program's own wheel.
        wheels: Every wheel in the folder, by file name.
        targets: What each platform × Python version resolved to.
    """

    own: Wheel | None = None
    wheels: dict[str, Wheel] = field(default_factory=dict)
    targets: list[TargetResult] = field(default_factory=list)

    def fallbacks(self, target: TargetResult) -> list[str]:
        """Dependencies built for other targets that fall back to their pure-Python wheel on ``target``."""
        binary = {w.name for t in self.targets for w in t.wheels.values() if not w.pure}
        return sorted(name for name, wheel in target.wheels.items() if wheel.pure and name in binary)


def find_source() -> Path | None:
    """The source folder of the running program (holding pyproject.toml), or None when installed from a wheel."""
    root = Path(__file__).resolve().parent.parent.parent
    pyproject = root / "pyproject.toml"
    if pyproject.is_file() and 'name = "village-tui"' in pyproject.read_text(encoding="utf-8"):
        return root
    return None


def pip_run(args: list[str]) -> subprocess.CompletedProcess:
    """Run this Python's pip with ``args``, its output captured as text."""
    command = [sys.executable, "-m", "pip", *args]
    return subprocess.run(command, capture_output=True, text=True, encoding="utf-8", errors="replace")


def pip_tail(result: subprocess.CompletedProcess) -> str:
    """The last lines pip wrote (what went wrong, when it failed)."""
    lines = [line for line in (result.stderr or result.stdout).splitlines() if line.strip()]
    return "\n".join(lines[-4:])


def _version_of(project: str) -> tuple[int, ...]:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return tuple(int(part) for part in version(project).split(".")[:2] if part.isdigit())
    except (PackageNotFoundError, ValueError):
        return ()


def _isolation_args() -> list[str]:
    """``--no-build-isolation`` when this Python can build the wheel itself (no setuptools fetched, works offline)."""
    setuptools = _version_of("setuptools")
    if setuptools >= (70, 1) or (setuptools >= (61,) and _version_of("wheel")):
        return ["--no-build-isolation"]
    return []


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
        result = pip_run(["wheel", "--disable-pip-version-check", "--no-deps", *_isolation_args(),
                          "--wheel-dir", str(dest), str(copy)])
    if result.returncode != 0:
        raise BundleError(f"生成本程序的安装包失败：\n{pip_tail(result)}")
    built = sorted(dest.glob("village_tui-*.whl"), key=lambda p: p.stat().st_mtime)
    if not built:
        raise BundleError("pip 没有生成本程序的安装包")
    return Wheel.of(built[-1])


def parse_target(text: str) -> tuple[str, str]:
    """``win32-3.10`` -> ``("win32", "3.10")``.

    Raises:
        ValueError: Not a platform of PLATFORMS and a Python of PYTHONS (message in Chinese).
    """
    platform, _, python = text.rpartition("-")
    if platform not in PLATFORMS or python not in PYTHONS:
        raise ValueError(f"不认识的目标：{text}（平台为 {'、'.join(PLATFORMS)}，Python 为 {'、'.join(PYTHONS)}）")
    return platform, python


def all_targets() -> list[tuple[str, str]]:
    """Every platform × Python version the bundle serves."""
    return [(platform, python) for platform in PLATFORMS for python in PYTHONS]
