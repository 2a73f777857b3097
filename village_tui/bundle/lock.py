"""The lock files: every dependency pinned with its hashes, read back for the bundle and the tests.

``requirements.lock`` (the program) and ``requirements-test.lock`` (the program and its tests)
are written by ``.ci/lock`` (uv's universal resolver). One pin per project and Python, with
environment markers where a version needs a newer Python (``platformdirs==4.14.9 ;
python_full_version >= '3.11'``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

LOCK_NAME = "requirements.lock"
TEST_LOCK_NAME = "requirements-test.lock"

# The Pythons the program and its bundle serve.
PYTHONS = ("3.10", "3.11", "3.12", "3.13")

# What a platform tag means for environment markers.
MARKER_ENV = {
    "win_amd64": {"sys_platform": "win32", "platform_system": "Windows", "os_name": "nt", "platform_machine": "AMD64"},
    "win32": {"sys_platform": "win32", "platform_system": "Windows", "os_name": "nt", "platform_machine": "x86"},
    "manylinux2014_x86_64": {"sys_platform": "linux", "platform_system": "Linux", "os_name": "posix",
                             "platform_machine": "x86_64"},
}


@dataclass(frozen=True)
class Pin:
    """One line of a lock: ``name==version ; marker`` and its hashes.

    Attributes:
        name: The project name, normalized (PEP 503).
        version: The pinned version.
        marker: The environment marker text, or "" when the pin holds everywhere.
        hashes: ``sha256:...`` of every file of that version the registry had.
    """

    name: str
    version: str
    marker: str
    hashes: tuple[str, ...]

    def applies(self, platform: str, python: str) -> bool:
        """Whether this pin is in force on ``platform`` (a MARKER_ENV key) with Python ``python``."""
        if not self.marker:
            return True
        return packaging_module("markers").Marker(self.marker).evaluate(marker_env(platform, python))


def packaging_module(name: str):
    """``packaging.<name>``: the library installed on its own, or the copy inside pip (not a dependency)."""
    import importlib

    try:
        return importlib.import_module(f"packaging.{name}")
    except ImportError:  # pragma: no cover - depends on the machine
        return importlib.import_module(f"pip._vendor.packaging.{name}")


def normalize(name: str) -> str:
    """A project name as pip compares it (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def marker_env(platform: str, python: str, extra: str = "") -> dict[str, str]:
    """The environment markers of a target: a MARKER_ENV platform and ``"3.11"``."""
    return {**MARKER_ENV[platform], "python_version": python, "python_full_version": python + ".0",
            "implementation_name": "cpython", "platform_python_implementation": "CPython", "extra": extra}


def read_lock(path: Path) -> list[Pin]:
    """The pins of a lock file (comments and continuation lines understood).

    Raises:
        ValueError: A line is not ``name==version [; marker]`` with hashes.
        OSError: The file cannot be read.
    """
    text = path.read_text(encoding="utf-8")
    logical = re.sub(r"\\\n", " ", text)
    pins = []
    for raw in logical.splitlines():
        line = raw.split(" #", 1)[0].strip() if not raw.lstrip().startswith("#") else ""
        if not line:
            continue
        hashes = tuple(re.findall(r"--hash=(\S+)", line))
        requirement = re.sub(r"--hash=\S+", "", line).strip()
        match = re.fullmatch(r"([A-Za-z0-9._-]+)==([^\s;]+)\s*(?:;\s*(.+))?", requirement)
        if match is None or not hashes:
            raise ValueError(f"{path.name}：不是带校验值的固定版本：{raw.strip()}")
        pins.append(Pin(normalize(match[1]), match[2], (match[3] or "").strip(), hashes))
    return pins


def pins_for(pins: list[Pin], platform: str, python: str) -> dict[str, Pin]:
    """The pins in force on one target, by name.

    Raises:
        ValueError: Two pins of one project are in force on the same target.
    """
    chosen: dict[str, Pin] = {}
    for pin in pins:
        if pin.applies(platform, python):
            if pin.name in chosen:
                raise ValueError(f"{pin.name} 在 {platform} Python {python} 上有两个版本")
            chosen[pin.name] = pin
    return chosen
