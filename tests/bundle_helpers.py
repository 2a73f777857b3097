"""Helpers of the bundle tests: environments for building and installing, and running the installed program."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST_TARGET = f"manylinux2014_x86_64-{sys.version_info[0]}.{sys.version_info[1]}"


def pip_env() -> dict[str, str]:
    """The environment of an online bundle build: this machine's pip settings, the program importable."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def offline_env(home: Path, find_links: list[Path] | None = None) -> dict[str, str]:
    """A village PC: its own home, no pip configuration, no index; wheels only from ``find_links`` when given.

    pip writes no ``.pyc`` files while installing (``PIP_NO_COMPILE``): the tests check what is installed and
    that it runs, not how fast it starts, and Python compiles on first import what a run needs.
    """
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("PIP_", "PYTHON", "VIRTUAL_ENV", "XDG_"))}
    env.update(PIP_CONFIG_FILE=os.devnull, PIP_NO_INDEX="1", PIP_NO_COMPILE="1", PYTHON=sys.executable, HOME=str(home),
               XDG_DATA_HOME=str(home / ".local" / "share"), XDG_CONFIG_HOME=str(home / ".config"))
    if find_links:
        env["PIP_FIND_LINKS"] = " ".join(p.as_uri() for p in find_links)  # a path may hold spaces
    return env


def run(command: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess:
    """Run a command with UTF-8 text output, never from the source tree."""
    return subprocess.run(command, capture_output=True, text=True, encoding="utf-8", env=env, cwd=cwd)


def app_dir(home: Path) -> Path:
    """Where install.sh puts the program for ``home``."""
    return home / ".local" / "share" / "village-tui"


def source_copy(dest: Path, version: str) -> Path:
    """The program's source with another version number (an older or newer release)."""
    dest.mkdir(parents=True)
    for name in ("pyproject.toml", "README.md", "requirements.lock"):
        shutil.copy2(ROOT / name, dest / name)
    shutil.copytree(ROOT / "village_tui", dest / "village_tui", ignore=shutil.ignore_patterns("__pycache__"))
    init = dest / "village_tui" / "__init__.py"
    text = init.read_text(encoding="utf-8")
    start = text.index('__version__ = "')
    end = text.index('"', start + len('__version__ = "'))
    init.write_text(text[:start] + f'__version__ = "{version}"' + text[end + 1:], encoding="utf-8")
    return dest
