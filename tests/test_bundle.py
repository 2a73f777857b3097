"""``village-tui bundle``: a USB-stick folder that installs on a PC with no registry and runs.

The build downloads from the package registry once per run of this module; it is
skipped (with the reason) only when the registry cannot be reached at all.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from village_tui.bundle.build import describe
from village_tui.bundle.scripts import bundle_files
from village_tui.bundle.wheels import Wheel, WheelSet, needed_names

EXPECTED_FILES = {"安装.bat", "启动工作台.bat", "演示.bat", "install.sh", "start.sh", "说明.txt", "打包清单.txt"}


def _pip_env() -> dict[str, str]:
    """The environment of the bundle build: this machine's pip settings, the program importable."""
    env = dict(os.environ)
    root = str(Path(__file__).resolve().parent.parent)
    env["PYTHONPATH"] = root + os.pathsep + env.get("PYTHONPATH", "")
    return env


def _offline_env() -> dict[str, str]:
    """A village PC: no pip configuration, no extra wheel folders, no index, the program not on the path."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PIP_", "PYTHON", "VIRTUAL_ENV"))}
    env.update(PIP_CONFIG_FILE=os.devnull, PIP_NO_INDEX="1", PYTHON=sys.executable)
    return env


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> tuple[Path, str]:
    """One bundle built into a folder whose path has Chinese and a space, and the command's output."""
    root = tmp_path_factory.mktemp("usb")
    probe = subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--dest", str(root / "probe"),
                            "tinydb"], capture_output=True, text=True, env=_pip_env())
    if probe.returncode != 0:
        pytest.skip("软件源无法连接，不能生成安装包：" + probe.stderr.strip().splitlines()[-1])
    dest = root / "U盘 村务" / "工作台安装包"
    built = subprocess.run([sys.executable, "-m", "village_tui", "bundle", str(dest)], capture_output=True,
                           text=True, encoding="utf-8", env=_pip_env())
    assert built.returncode == 0, built.stderr
    return dest, built.stdout


@pytest.fixture(scope="module")
def installed(bundle) -> Path:
    """The bundle installed by its own install.sh with no registry in reach; the venv's python."""
    dest, _ = bundle
    done = subprocess.run(["sh", str(dest / "install.sh")], capture_output=True, text=True, encoding="utf-8",
                          env=_offline_env(), cwd=dest.parent)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "安装完成" in done.stdout
    return dest / "venv" / "bin" / "python"


def test_bundle_holds_the_scripts_the_wheels_and_says_what_it_holds(bundle):
    dest, output = bundle
    assert EXPECTED_FILES <= {p.name for p in dest.iterdir()}
    assert (dest / "数据").is_dir()
    wheels = {p.name for p in (dest / "wheels").glob("*.whl")}
    for name in ("village_tui-", "textual-", "tinydb-", "pypinyin-", "openpyxl-", "rich-"):
        assert any(w.startswith(name) for w in wheels), name
    assert "未能获得：" in output and "village_tui-0.1.0-py3-none-any.whl" in output
    listing = (dest / "打包清单.txt").read_bytes()
    assert listing.startswith(b"\xef\xbb\xbf") and "未能获得".encode() in listing


def test_every_binary_dependency_has_windows_and_linux_wheels_or_is_named_as_missing(bundle):
    dest, output = bundle
    for path in (dest / "wheels").glob("*.whl"):
        wheel = Wheel.of(path)
        if wheel.pure:
            continue
        assert f"{wheel.name}：" in output
        for platform in ("win_amd64", "manylinux"):
            for python in ("310", "311", "312"):
                has = any(p.name.startswith(path.name.split("-")[0] + "-") and f"cp{python}" in p.name
                          and platform in p.name for p in (dest / "wheels").glob("*.whl"))
                assert has or f"Python 3.{python[1:]} 没有" in output


def test_offline_install_runs_help_demo_and_check_from_a_chinese_path_with_spaces(installed, tmp_path):
    env = _offline_env()
    script = installed.parent / "village-tui"
    helped = subprocess.run([str(script), "--help"], capture_output=True, text=True, encoding="utf-8", env=env,
                            cwd=tmp_path)
    assert helped.returncode == 0 and "村干部联系服务群众工作台" in helped.stdout
    as_module = subprocess.run([str(installed), "-m", "village_tui", "--help"], capture_output=True, text=True,
                               encoding="utf-8", env=env, cwd=tmp_path)
    assert as_module.stdout == helped.stdout
    data = tmp_path / "桃源村 数据"
    made = subprocess.run([str(installed), "-m", "village_tui", "demo", str(data), "--until", "2026-11-27"],
                          capture_output=True, text=True, encoding="utf-8", env=env, cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    assert "生成演示村" in made.stdout
    checked = subprocess.run([str(installed), "-m", "village_tui", "check", "--data", str(data),
                              "--month", "2026-10"], capture_output=True, text=True, encoding="utf-8", env=env, cwd=tmp_path)
    assert checked.returncode in (0, 1), checked.stderr
    assert checked.stdout.startswith("检查期间：2026-10") and "R1（二、3）" in checked.stdout
    # The program ran from the bundle's venv (cwd is not the source tree), not from this source tree.
    where = subprocess.run([str(installed), "-c", "import village_tui; print(village_tui.__file__)"],
                           capture_output=True, text=True, env=env, cwd=tmp_path)
    assert "site-packages" in where.stdout


def test_bat_files_are_utf8_without_bom_with_crlf_and_switch_cmd_to_utf8_first():
    files = bundle_files()
    for name in ("安装.bat", "启动工作台.bat", "演示.bat"):
        content = files[name]
        assert not content.startswith(b"\xef\xbb\xbf"), name
        first, second = content.split(b"\r\n")[:2]
        assert first == b"@echo off" and second == b"chcp 65001 >nul", name
        assert b"\n" not in content.replace(b"\r\n", b"")
        assert '"%~dp0venv\\Scripts\\python.exe"'.encode() in content
    assert files["说明.txt"].startswith(b"\xef\xbb\xbf")
    text = files["说明.txt"].decode("utf-8-sig")
    assert "Add python.exe to PATH" in text and "3.12" in text and "安装.bat" in text
    assert 'set "DATA=数据"'.encode() in files["启动工作台.bat"]


def _fake_wheel(folder: Path, name: str, requires: list[str]) -> Wheel:
    path = folder / f"{name}-1.0-py3-none-any.whl"
    with zipfile.ZipFile(path, "w") as archive:
        lines = [f"Name: {name}", "Version: 1.0", *(f"Requires-Dist: {r}" for r in requires)]
        archive.writestr(f"{name}-1.0.dist-info/METADATA", "\n".join(lines) + "\n")
    return Wheel.of(path)


def test_requirements_only_other_targets_need_are_found_by_their_markers(tmp_path):
    root = _fake_wheel(tmp_path, "village_tui", ["textual>=0.80", 'tomli>=2; python_version < "3.11"',
                                                 'colorama; sys_platform == "win32"'])
    wheels = {"textual": _fake_wheel(tmp_path, "textual", [])}
    _, on_linux_311 = needed_names(root, wheels, "manylinux2014_x86_64", "3.11")
    _, on_windows_310 = needed_names(root, wheels, "win32", "3.10")
    assert on_linux_311 == []
    assert sorted(on_windows_310) == ["colorama", "tomli>=2"]


def test_wheel_tags_tell_pure_from_binary_and_which_target_a_binary_serves():
    wheel = Wheel.of(Path("pendulum-3.3.0-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl"))
    assert not wheel.pure and wheel.name == "pendulum"
    assert wheel.serves("manylinux2014_x86_64", "3.11")
    assert not wheel.serves("manylinux2014_x86_64", "3.12") and not wheel.serves("win_amd64", "3.11")
    assert Wheel.of(Path("pendulum-3.3.0-py3-none-any.whl")).pure


def test_gaps_of_a_binary_dependency_are_listed_in_chinese(tmp_path):
    from village_tui.bundle.wheels import BinaryTarget

    result = WheelSet(own=_fake_wheel(tmp_path, "village_tui", []))
    result.wheels = {"village_tui-1.0-py3-none-any.whl": result.own}
    result.binary["pendulum"] = [BinaryTarget("win_amd64", "3.12", "binary"), BinaryTarget("win32", "3.10", "pure"),
                                 BinaryTarget("win32", "3.12", "none")]
    text = describe(result)
    assert "pendulum：1/3 种有专用版本" in text
    assert "pendulum：Windows 32位 Python 3.10 没有专用版本，安装时用纯 Python 通用版" in text
    assert "pendulum：Windows 32位 Python 3.12 没有可用的安装包" in text
