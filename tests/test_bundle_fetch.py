"""How the bundle splits its pip runs: each Python's platforms together, then only the binary projects apart.

pip is replaced by a catalogue of wheel files that picks as pip does (a binary wheel of the first
platform given that has one, else the pure-Python wheel, else it fails), so each test sees which runs
the bundle makes and what each target ends up with, without the registry.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from village_tui.bundle import fetch, wheels
from village_tui.bundle.build import describe
from village_tui.bundle.wheels import BundleError

CATALOGUE = {
    "cffi": ["cffi-2.1.1-cp312-cp312-win_amd64.whl", "cffi-2.1.1-cp312-cp312-win32.whl",
             "cffi-2.1.1-cp312-cp312-manylinux2014_x86_64.manylinux_2_17_x86_64.whl"],
    "pendulum": ["pendulum-3.3.0-cp312-cp312-win_amd64.whl",
                 "pendulum-3.3.0-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl",
                 "pendulum-3.3.0-py3-none-any.whl"],
    "textual": ["textual-8.2.8-py3-none-any.whl"],
}
EVERY = [("win_amd64", "3.12"), ("win32", "3.12"), ("manylinux2014_x86_64", "3.12")]


class FakePip:
    """pip download / pip wheel over CATALOGUE, recording each run."""

    def __init__(self, catalogue: dict[str, list[str]], wheel_fails: bool = False) -> None:
        self.catalogue, self.wheel_fails = catalogue, wheel_fails
        self.runs: list[dict] = []

    def __call__(self, args: list[str]) -> subprocess.CompletedProcess:
        if args[0] == "wheel":
            if self.wheel_fails:
                return subprocess.CompletedProcess(args, 1, "", "ERROR: 生成失败的原因")
            dest = Path(args[args.index("--wheel-dir") + 1])
            (dest / "village_tui-0.2.0-py3-none-any.whl").write_bytes(b"")
            return subprocess.CompletedProcess(args, 0, "", "")
        platforms = [args[i + 1] for i, arg in enumerate(args) if arg == "--platform"]
        names = [line.split("==")[0] for line in Path(args[args.index("-r") + 1]).read_text().splitlines()]
        self.runs.append({"platforms": platforms, "names": names, "deps": "--no-deps" not in args})
        dest = Path(args[args.index("--dest") + 1])
        dest.mkdir(parents=True, exist_ok=True)
        for name in names:
            files = self.catalogue.get(name, [])
            binary = [f for p in platforms for f in files if p in f[:-4].split("-")[-1].split(".")]
            pure = [f for f in files if f.endswith("-none-any.whl")]
            if not binary and not pure:
                return subprocess.CompletedProcess(args, 1, "", f"ERROR: No matching distribution found for {name}")
            (dest / (binary or pure)[0]).write_bytes(b"")
        return subprocess.CompletedProcess(args, 0, "", "")


def _lock(tmp_path: Path) -> Path:
    lock = tmp_path / "requirements.lock"
    lock.write_text("cffi==2.1.1 \\\n    --hash=sha256:aa\npendulum==3.3.0 \\\n    --hash=sha256:bb\n"
                    "textual==8.2.8 \\\n    --hash=sha256:cc\n", encoding="utf-8")
    return lock


def _collect(tmp_path: Path, monkeypatch, pip: FakePip, targets=EVERY):
    monkeypatch.setattr(fetch, "pip_run", pip)
    monkeypatch.setattr(wheels, "pip_run", pip)
    source = tmp_path / "源代码"
    source.mkdir()
    return fetch.collect_wheels(source, _lock(tmp_path), tmp_path / "wheels", lambda line: None, targets)


def test_one_run_serves_64_bit_windows_and_the_other_platforms_fetch_only_the_binary_projects(tmp_path, monkeypatch):
    pip = FakePip(CATALOGUE)
    result = _collect(tmp_path, monkeypatch, pip)
    first, *rest = pip.runs
    assert first == {"platforms": ["win_amd64", "win32", "manylinux2014_x86_64"],
                     "names": ["cffi", "pendulum", "textual"], "deps": True}
    assert sorted(r["platforms"][0] for r in rest) == ["manylinux2014_x86_64", "win32"]
    assert all(r["names"] == ["cffi", "pendulum"] and not r["deps"] and len(r["platforms"]) == 1 for r in rest)
    by_target = {(t.platform, t.python): t for t in result.targets}
    assert [(t.platform, t.python) for t in result.targets] == EVERY
    assert {n: w.path.name for n, w in by_target[("win32", "3.12")].wheels.items()} == {
        "cffi": "cffi-2.1.1-cp312-cp312-win32.whl", "pendulum": "pendulum-3.3.0-py3-none-any.whl",
        "textual": "textual-8.2.8-py3-none-any.whl"}
    assert "manylinux" in by_target[("manylinux2014_x86_64", "3.12")].wheels["pendulum"].path.name
    assert by_target[("win_amd64", "3.12")].wheels["cffi"].path.name.endswith("win_amd64.whl")
    assert "改用纯 Python 通用版（功能相同，稍慢）：pendulum" in describe(result)
    assert not list((tmp_path / "wheels").glob("village-tui-dl-*"))  # pip's own folders are gone


def test_a_platform_with_no_fitting_wheel_is_refused_and_the_others_are_served(tmp_path, monkeypatch):
    catalogue = {**CATALOGUE, "cffi": CATALOGUE["cffi"][:2]}  # no Linux wheel of cffi
    result = _collect(tmp_path, monkeypatch, FakePip(catalogue))
    errors = {t.platform: t.error for t in result.targets}
    assert errors["win_amd64"] is None and errors["win32"] is None
    assert "No matching distribution found for cffi" in errors["manylinux2014_x86_64"]
    assert "能安装的电脑：2/3 种；装不上：Linux x86_64 Python 3.12" in describe(result)


def test_when_the_platforms_cannot_resolve_together_each_is_resolved_alone_with_its_dependencies(tmp_path,
                                                                                                 monkeypatch):
    pip = FakePip({**CATALOGUE, "textual": []})  # fails for every platform: each target says why itself
    with pytest.raises(BundleError, match="No matching distribution found for textual"):
        _collect(tmp_path, monkeypatch, pip)
    assert len(pip.runs) == 4 and all(r["deps"] and len(r["platforms"]) == 1 for r in pip.runs[1:])


def test_a_single_platform_of_a_python_is_resolved_alone_and_a_failed_program_wheel_stops_the_bundle(
        tmp_path, monkeypatch):
    pip = FakePip(CATALOGUE)
    result = _collect(tmp_path, monkeypatch, pip, [("win32", "3.12")])
    assert pip.runs == [{"platforms": ["win32"], "names": ["cffi", "pendulum", "textual"], "deps": True}]
    assert result.targets[0].wheels["pendulum"].pure
    failing = tmp_path / "again"
    failing.mkdir()
    with pytest.raises(BundleError, match="生成失败的原因"):
        _collect(failing, monkeypatch, FakePip(CATALOGUE, wheel_fails=True))
