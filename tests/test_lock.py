"""The locks pin every dependency of pyproject.toml, with hashes, on every Python and platform served."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from packaging.requirements import Requirement

from village_tui.bundle.lock import LOCK_NAME, MARKER_ENV, PYTHONS, TEST_LOCK_NAME, marker_env, normalize, pins_for, read_lock

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent


def _project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


@pytest.mark.parametrize(("lock", "extras"), [(LOCK_NAME, ()), (TEST_LOCK_NAME, ("test",))])
@pytest.mark.parametrize("platform", sorted(MARKER_ENV))
@pytest.mark.parametrize("python", PYTHONS)
def test_each_dependency_of_pyproject_is_pinned_once_with_hashes_within_its_specifier(lock, extras, platform, python):
    project = _project()
    requirements = [Requirement(line) for line in project["dependencies"]]
    for extra in extras:
        requirements += [Requirement(line) for line in project["optional-dependencies"][extra]]
    pins = pins_for(read_lock(ROOT / lock), platform, python)
    for requirement in requirements:
        if requirement.marker is not None and not requirement.marker.evaluate(marker_env(platform, python)):
            continue
        pin = pins.get(normalize(requirement.name))
        assert pin is not None, f"{lock}: {requirement.name} not pinned for {platform} Python {python}"
        assert requirement.specifier.contains(pin.version, prereleases=True), (lock, str(requirement), pin.version)
        assert all(h.startswith("sha256:") for h in pin.hashes) and pin.hashes


def test_the_test_lock_pins_the_program_exactly_as_the_program_lock_does():
    program = read_lock(ROOT / LOCK_NAME)
    test = {(p.name, p.marker): p.version for p in read_lock(ROOT / TEST_LOCK_NAME)}
    for pin in program:
        assert test.get((pin.name, pin.marker)) == pin.version, pin


def test_versions_that_need_a_newer_python_are_kept_from_python_310():
    # platformdirs 4.14 and python-dateutil 4.0 require Python 3.11: 3.10 gets the release before.
    pins = read_lock(ROOT / LOCK_NAME)
    on_310 = pins_for(pins, "win32", "3.10")
    on_313 = pins_for(pins, "win32", "3.13")
    assert on_310["python-dateutil"].version.startswith("3.") and on_313["python-dateutil"].version.startswith("4.")


def test_readme_ci_and_the_bundle_install_from_the_locks():
    from village_tui.bundle.scripts import bundle_files

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert ("python3 -m venv .venv && .venv/bin/pip install -r requirements.lock && "
            ".venv/bin/pip install --no-deps -e . && .venv/bin/village-tui --demo") in readme
    assert ("python3 -m venv .venv && .venv/bin/pip install -r requirements-test.lock && "
            ".venv/bin/pip install --no-deps -e . && .venv/bin/python -m pytest -q") in readme
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert ".venv/bin/pip install -r requirements-test.lock && .venv/bin/pip install --no-deps -e ." in ci
    files = bundle_files()
    assert '--require-hashes -r "%~dp0wheels\\requirements.lock"' in files["安装.bat"].decode()
    assert '--require-hashes -r "$here/wheels/requirements.lock"' in files["install.sh"].decode()
