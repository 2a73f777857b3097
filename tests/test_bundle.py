"""``village-tui bundle``: a USB-stick folder that installs on a PC with no registry, and upgrades.

The full bundle is downloaded from the package registry once per run of this module; the
tests are skipped (with the reason) only when the registry cannot be reached at all. An older
bundle is built offline from its wheels and installed first; the full bundle then upgrades it.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bundle_helpers import HOST_TARGET, ROOT, app_dir, offline_env, pip_env, run, source_copy
from village_tui import __version__
from village_tui.bundle.build import describe
from village_tui.bundle.scripts import bundle_files
from village_tui.bundle.wheels import TargetResult, Wheel, WheelSet

EXPECTED_FILES = {"安装.bat", "启动工作台.bat", "演示.bat", "install.sh", "start.sh", "说明.txt", "打包清单.txt", "wheels"}


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> tuple[Path, str, Path]:
    """The full bundle, built into a folder whose path has Chinese and a space; its output; a setuptools folder."""
    root = tmp_path_factory.mktemp("usb")
    tools = root / "构建工具"
    probe = subprocess.run([sys.executable, "-m", "pip", "download", "--only-binary=:all:", "--dest", str(tools),
                            "setuptools>=61"], capture_output=True, text=True, env=pip_env())
    if probe.returncode != 0:
        pytest.skip("软件源无法连接，不能生成安装包：" + probe.stderr.strip().splitlines()[-1])
    dest = root / "U盘 村务" / "工作台安装包"
    built = run([sys.executable, "-m", "village_tui", "bundle", str(dest)], pip_env(), root)
    assert built.returncode == 0, built.stdout + built.stderr
    return dest, built.stdout, tools


@pytest.fixture(scope="module")
def upgraded(bundle, tmp_path_factory) -> dict:
    """An older bundle (0.1.5, built offline from the full bundle's wheels) installed by its install.sh on a PC
    with no registry and run on a village; then the full bundle installed over it. What each step said."""
    full, _, tools = bundle
    root = tmp_path_factory.mktemp("升级")
    builder = {**offline_env(root / "builder", [full / "wheels", tools]), "PYTHONPATH": str(ROOT)}
    old_bundle = root / "旧安装包 0.1.5"
    built = run([sys.executable, "-m", "village_tui", "bundle", str(old_bundle), "--target", HOST_TARGET,
                 "--source", str(source_copy(root / "源代码 0.1.5", "0.1.5"))], builder, root)
    assert built.returncode == 0, built.stdout + built.stderr
    home = root / "村部电脑"
    (home / "文档").mkdir(parents=True)
    pc = offline_env(home)
    old = run(["sh", str(old_bundle / "install.sh")], pc, root)
    assert old.returncode == 0, old.stdout + old.stderr
    python = app_dir(home) / "venv" / "bin" / "python"
    data = home / "文档" / "村务数据"
    steps = {"home": home, "python": python, "data": data, "old": old,
             "old_version": run([str(python), "-m", "village_tui", "--version"], pc, root).stdout}
    made = run([str(python), "-m", "village_tui", "demo", str(data), "--until", "2026-11-27"], pc, root)
    assert made.returncode == 0, made.stderr
    steps["before"] = run([str(python), "-m", "village_tui", "check", "--data", str(data), "--month", "2026-10"],
                          pc, root)
    steps["new"] = run(["sh", str(full / "install.sh")], pc, full.parent)  # no --data: the folder chosen before
    assert steps["new"].returncode == 0, steps["new"].stdout + steps["new"].stderr
    return steps


def test_bundle_holds_the_installer_and_wheels_only_and_lists_every_target(bundle):
    dest, output, _ = bundle
    assert {p.name for p in dest.iterdir()} == EXPECTED_FILES  # no venv, no data folder on the stick
    wheels = {p.name for p in (dest / "wheels").glob("*.whl")}
    for name in ("textual-", "tinydb-", "pypinyin-", "openpyxl-", "rich-"):
        assert any(w.startswith(name) for w in wheels), name
    assert f"village_tui-{__version__}-py3-none-any.whl" in output
    assert (dest / "wheels" / "requirements.lock").read_bytes() == (Path(__file__).parent.parent
                                                                     / "requirements.lock").read_bytes()
    listing = (dest / "打包清单.txt").read_bytes().decode("utf-8-sig").replace("\r\n", "\n")
    for system in ("Windows 64位", "Windows 32位", "Linux x86_64"):
        for python in ("3.10", "3.11", "3.12", "3.13"):
            assert f"【{system} Python {python}】" in listing, (system, python)
    assert "能安装的电脑：12/12 种；装不上：无" in listing


def test_python_310_gets_releases_that_support_it(bundle):
    dest, _, _ = bundle
    wheels = {p.name for p in (dest / "wheels").glob("*.whl")}
    # platformdirs and python-dateutil's newest releases need 3.11: both releases are in the bundle.
    assert sum(w.startswith("platformdirs-") for w in wheels) == 2
    assert sum(w.startswith("python_dateutil-") for w in wheels) == 2
    listing = (dest / "打包清单.txt").read_bytes().decode("utf-8-sig")
    section = listing.split("【Windows 32位 Python 3.10】")[1].split("【")[0]
    assert "python-dateutil 3." in section and "six " in section


def test_each_platform_gets_its_own_binary_wheels_and_32_bit_windows_falls_back_for_pendulum(bundle):
    dest, _, _ = bundle
    listing = (dest / "打包清单.txt").read_bytes().decode("utf-8-sig").replace("\r\n", "\n")
    tags = {"Windows 64位": "win_amd64", "Windows 32位": "win32", "Linux x86_64": "manylinux2014_x86_64"}
    for system, tag in tags.items():
        for python in ("3.10", "3.11", "3.12", "3.13"):
            section = listing.split(f"【{system} Python {python}】")[1].split("【")[0]
            cffi = next(line for line in section.splitlines() if line.startswith("  cffi "))
            assert cffi.endswith(".whl") and tag in cffi and f"cp{python.replace('.', '')}-" in cffi, (system, cffi)
            crypto = next(line for line in section.splitlines() if line.startswith("  cryptography "))
            assert tag in crypto, (system, python, crypto)
            pendulum = next(line for line in section.splitlines() if line.startswith("  pendulum "))
            fallback = section.split("改用纯 Python 通用版（功能相同，稍慢）：")[1].splitlines()[0]
            if system == "Windows 32位":  # pendulum publishes no 32-bit Windows wheel
                assert pendulum.endswith("纯 Python") and fallback == "pendulum", (python, section)
            else:
                assert tag in pendulum and fallback == "无", (system, python, section)


def test_installs_onto_the_pc_with_data_in_documents_and_a_menu_entry(bundle, upgraded):
    dest, _, _ = bundle
    home, python, done = upgraded["home"], upgraded["python"], upgraded["new"]
    app = app_dir(home)
    assert python.is_file() and (app / "start.sh").is_file()
    data = home / "文档" / "村务数据"
    assert data.is_dir() and (app / "数据位置.txt").read_text(encoding="utf-8") == str(data)
    entry = (home / ".local" / "share" / "applications" / "village-tui.desktop").read_text(encoding="utf-8")
    assert f'Exec="{app / "start.sh"}"' in entry and "Terminal=true" in entry
    assert "安装完成" in done.stdout and str(data) in done.stdout
    assert not (dest / "venv").exists() and not (dest / "数据").exists()


def test_offline_install_runs_help_demo_and_check_from_a_chinese_path_with_spaces(upgraded, tmp_path):
    home, python = upgraded["home"], upgraded["python"]
    env = offline_env(home)
    helped = run([str(python.parent / "village-tui"), "--help"], env, tmp_path)
    assert helped.returncode == 0 and "村干部联系服务群众工作台" in helped.stdout
    as_module = run([str(python), "-m", "village_tui", "--help"], env, tmp_path)
    assert as_module.stdout == helped.stdout
    data = tmp_path / "桃源村 数据"
    made = run([str(python), "-m", "village_tui", "demo", str(data), "--until", "2026-11-27"], env, tmp_path)
    assert made.returncode == 0, made.stderr
    checked = run([str(python), "-m", "village_tui", "check", "--data", str(data), "--month", "2026-10"], env, tmp_path)
    assert checked.returncode in (0, 1), checked.stderr
    assert checked.stdout.startswith("检查期间：2026-10") and "R1（二、3）" in checked.stdout
    where = run([str(python), "-c", "import village_tui; print(village_tui.__file__)"], env, tmp_path)
    assert "site-packages" in where.stdout


def test_a_newer_bundle_upgrades_the_program_and_opens_the_same_data_after_a_backup(upgraded, tmp_path):
    home, data = upgraded["home"], upgraded["data"]
    assert upgraded["old_version"].strip() == "village-tui 0.1.5"
    assert "原来的数据已备份到" in upgraded["new"].stdout and str(data) in upgraded["new"].stdout
    pc = offline_env(home)
    start = app_dir(home) / "start.sh"
    assert run([str(start), "--version"], pc, tmp_path).stdout.strip() == f"village-tui {__version__}"
    after = run([str(upgraded["python"]), "-m", "village_tui", "check", "--data", str(data), "--month", "2026-10"],
                pc, tmp_path)
    before = upgraded["before"]
    assert after.returncode == before.returncode and after.stdout == before.stdout
    assert after.stdout.startswith("检查期间：2026-10")
    backups = list((data / "backups").glob(f"*-安装{__version__}前"))
    assert len(backups) == 1 and (backups[0] / "reference.json").is_file()


def test_install_names_the_pythons_it_takes_when_none_fits(bundle, tmp_path):
    dest, _, _ = bundle
    too_old = tmp_path / "python3.9"
    too_old.write_text("#!/bin/sh\nexit 1\n", encoding="utf-8")
    too_old.chmod(0o755)
    env = {**offline_env(tmp_path), "PYTHON": str(too_old)}
    done = run(["sh", str(dest / "install.sh")], env, tmp_path)
    assert done.returncode == 1
    assert "支持 Python 3.10、3.11、3.12 或 3.13" in done.stdout and "请先安装 Python 3.12" in done.stdout


def test_bat_files_are_utf8_without_bom_with_crlf_and_install_onto_the_pc():
    files = bundle_files()
    for name in ("安装.bat", "启动工作台.bat", "演示.bat"):
        content = files[name]
        assert not content.startswith(b"\xef\xbb\xbf"), name
        first, second = content.split(b"\r\n")[:2]
        assert first == b"@echo off" and second == b"chcp 65001 >nul", name
        assert b"\n" not in content.replace(b"\r\n", b"")
        assert 'set "APP=%LOCALAPPDATA%\\village-tui"'.encode() in content, name
    install = files["安装.bat"].decode()
    assert "for %%V in (3.13 3.12 3.11 3.10)" in install and "<= (3, 13)" in install
    assert '--bundle "%~dp0."' in install  # "%~dp0" would end in \" and swallow the quote
    text = files["说明.txt"].decode("utf-8-sig")
    assert text.startswith("村干部") and "Add python.exe to PATH" in text and "D:\\村务数据" in text
    assert "3.13" in text and "不能放在U盘上" in text


def test_the_list_names_each_target_and_its_pure_python_fallbacks(tmp_path):
    def wheel(name: str) -> Wheel:
        path = tmp_path / name
        path.write_bytes(b"")
        return Wheel.of(path)

    own = wheel("village_tui-0.2.0-py3-none-any.whl")
    binary, pure = wheel("pendulum-3.3.0-cp312-cp312-win_amd64.whl"), wheel("pendulum-3.3.0-py3-none-any.whl")
    result = WheelSet(own=own, wheels={w.path.name: w for w in (own, binary, pure)}, targets=[
        TargetResult("win_amd64", "3.12", {"pendulum": binary}),
        TargetResult("win32", "3.12", {"pendulum": pure}),
        TargetResult("win32", "3.13", error="ERROR: No matching distribution found for pendulum==3.3.0")])
    text = describe(result)
    assert "【Windows 64位 Python 3.12】1 个：\n  pendulum 3.3.0  二进制" in text
    assert "【Windows 32位 Python 3.12】1 个：\n  pendulum 3.3.0  纯 Python\n  改用纯 Python 通用版（功能相同，稍慢）：pendulum" in text
    assert "【Windows 32位 Python 3.13】装不上" in text and "No matching distribution" in text
    assert "能安装的电脑：2/3 种；装不上：Windows 32位 Python 3.13" in text


def test_wheel_tags_tell_pure_from_binary_and_which_target_a_binary_serves():
    wheel = Wheel.of(Path("pendulum-3.3.0-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl"))
    assert not wheel.pure and wheel.name == "pendulum"
    assert wheel.serves("manylinux2014_x86_64", "3.11")
    assert not wheel.serves("manylinux2014_x86_64", "3.12") and not wheel.serves("win_amd64", "3.11")
    assert Wheel.of(Path("pendulum-3.3.0-py3-none-any.whl")).pure
