"""The scripts and the 说明.txt of a USB-stick bundle, and how each is encoded on disk.

Encodings, chosen for what reads them:

- ``.bat`` files: UTF-8 *without* a BOM and with CRLF line ends. cmd.exe decodes
  a batch file line by line in the console's code page; the first two lines are
  plain ASCII (``@echo off``, ``chcp 65001``), so every later line, Chinese
  messages and file names included, is read as UTF-8. A BOM would turn the first
  line into an unknown command. Paths are never typed in: the scripts use
  ``%~dp0`` (their own folder) and ``%LOCALAPPDATA%``, and quote every path, so
  Chinese names and spaces work; a path ending in ``\\`` is passed as ``"%~dp0."``
  so its backslash does not escape the closing quote. They call
  ``venv\\Scripts\\python.exe -m village_tui`` rather than the ``.exe`` launcher.
- ``说明.txt``: UTF-8 with a BOM and CRLF, so Notepad of any Windows 10 opens it
  as UTF-8 rather than guessing GBK.
- ``.sh`` files: UTF-8, LF, executable.
"""

from __future__ import annotations

from pathlib import Path

WHEELS_DIR = "wheels"
SERVED = "3.10、3.11、3.12 或 3.13"

# Newest first: the py launcher, then a python.exe on PATH, each only for a Python the bundle serves.
# No "&&"/"||" after an IF (whether they belong to its body is easy to misread): blocks and
# "if not errorlevel 1", which is evaluated when the line runs, also inside a block.
_FIND_PYTHON_BAT = r"""set "PYEXE="
for %%V in (3.13 3.12 3.11 3.10) do (
    if not defined PYEXE (
        py -%%V -c "import sys" >nul 2>&1
        if not errorlevel 1 set "PYEXE=py -%%V"
    )
)
if defined PYEXE goto foundpython
python -c "import sys; sys.exit(0 if (3, 10) <= sys.version_info[:2] <= (3, 13) else 1)" >nul 2>&1
if not errorlevel 1 set "PYEXE=python"
if not defined PYEXE goto nopython
:foundpython
"""

INSTALL_BAT = r"""@echo off
chcp 65001 >nul
setlocal
cd /d "%~dp0"
rem 安装：把工作台装到这台电脑的 %LOCALAPPDATA%\village-tui（不需要网络），数据文件夹放在电脑硬盘上。
rem 装过旧版时，再运行本文件就升级：程序换成新版，数据先备份再升级。
set "APP=%LOCALAPPDATA%\village-tui"
set "VPY=%APP%\venv\Scripts\python.exe"
""" + _FIND_PYTHON_BAT + r"""if not exist "%VPY%" goto makeenv
rem 旧的运行环境用的 Python 已卸载或不合适时，重建。
"%VPY%" -c "import sys; sys.exit(0 if (3, 10) <= sys.version_info[:2] <= (3, 13) else 1)" >nul 2>&1
if errorlevel 1 rmdir /s /q "%APP%\venv"
if exist "%VPY%" goto haveenv
:makeenv
echo 正在用 %PYEXE% 建立运行环境，请稍候...
%PYEXE% -m venv "%APP%\venv"
if errorlevel 1 goto failed
:haveenv
echo 正在安装程序包（不需要网络）。如果工作台正开着，请先关闭它。
"%VPY%" -m pip install --disable-pip-version-check --no-index --find-links "%~dp0wheels" --require-hashes -r "%~dp0wheels\requirements.lock"
if errorlevel 1 goto failed
"%VPY%" -m pip install --disable-pip-version-check --no-index --find-links "%~dp0wheels" --no-deps --upgrade --force-reinstall village-tui
if errorlevel 1 goto failed
"%VPY%" -m village_tui.bundle.place --app "%APP%" --bundle "%~dp0."
if errorlevel 1 goto failed
pause
exit /b 0
:nopython
echo 没有找到能用的 Python（本安装包支持 Python """ + SERVED + r"""）。
echo 请先安装 Python 3.12：64位 Windows 用 python-3.12.x-amd64.exe，32位用 python-3.12.x.exe；
echo 安装第一页一定要勾选「Add python.exe to PATH」。装好后再双击本文件。
pause
exit /b 1
:failed
echo 安装没有成功。如果工作台正开着，请关闭它后再双击本文件；
echo 还不行的话，请把本窗口拍照发给乡镇管理员。
pause
exit /b 1
"""

# On the stick: open the copy installed on this PC.
START_BAT = r"""@echo off
chcp 65001 >nul
setlocal
rem 打开装在这台电脑上的工作台（和双击桌面上的「村务工作台」一样）。
set "APP=%LOCALAPPDATA%\village-tui"
if not exist "%APP%\启动工作台.bat" goto notinstalled
call "%APP%\启动工作台.bat" %*
exit /b
:notinstalled
echo 这台电脑还没有安装工作台。请先双击「安装.bat」。
pause
exit /b 1
"""

DEMO_BAT = r"""@echo off
chcp 65001 >nul
setlocal
rem 演示：打开内置的演示村（第一次会先生成演示数据），不碰村里的数据文件夹。
set "APP=%LOCALAPPDATA%\village-tui"
if not exist "%APP%\演示.bat" goto notinstalled
call "%APP%\演示.bat"
exit /b
:notinstalled
echo 这台电脑还没有安装工作台。请先双击「安装.bat」。
pause
exit /b 1
"""

INSTALL_SH = """#!/bin/sh
# 安装：把工作台装到 ${XDG_DATA_HOME:-~/.local/share}/village-tui（不需要网络），数据放在文档文件夹里。
# 装过旧版时，再运行本文件就升级：程序换成新版，数据先备份再升级。
# 可用 PYTHON=/usr/bin/python3.11 sh install.sh 指定 Python；sh install.sh --data 文件夹 不再询问数据位置。
set -e
here=$(cd "$(dirname "$0")" && pwd)
app="${XDG_DATA_HOME:-$HOME/.local/share}/village-tui"
fits='import sys; sys.exit(0 if (3, 10) <= sys.version_info[:2] <= (3, 13) else 1)'
python=${PYTHON:-}
if [ -z "$python" ]; then
    for candidate in python3.13 python3.12 python3.11 python3.10 python3; do
        if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c "$fits" 2>/dev/null; then
            python=$candidate
            break
        fi
    done
fi
if [ -z "$python" ] || ! "$python" -c "$fits" 2>/dev/null; then
    echo "没有找到能用的 Python（本安装包支持 Python """ + SERVED + """）。"
    echo "请先安装 Python 3.12（统信/麒麟/Debian：sudo apt install python3 python3-venv），再运行本文件。"
    exit 1
fi
if [ -e "$app/venv" ] && ! "$app/venv/bin/python" -c "$fits" 2>/dev/null; then
    rm -rf "$app/venv"
fi
if [ ! -x "$app/venv/bin/python" ]; then
    echo "正在用 $python 在 $app 建立运行环境，请稍候..."
    mkdir -p "$app"
    if ! "$python" -m venv "$app/venv"; then
        rm -rf "$app/venv"
        echo "建立运行环境失败。统信/麒麟/Debian 上请先安装 python3-venv（sudo apt install python3-venv），再运行本文件。"
        exit 1
    fi
fi
echo "正在安装程序包（不需要网络）..."
"$app/venv/bin/python" -m pip install --disable-pip-version-check --no-index --find-links "$here/wheels" \\
    --require-hashes -r "$here/wheels/requirements.lock"
"$app/venv/bin/python" -m pip install --disable-pip-version-check --no-index --find-links "$here/wheels" \\
    --no-deps --upgrade --force-reinstall village-tui
"$app/venv/bin/python" -m village_tui.bundle.place --app "$app" --bundle "$here" "$@"
"""

START_SH = """#!/bin/sh
# 打开装在这台电脑上的工作台（和应用菜单里的「村务工作台」一样）。
app="${XDG_DATA_HOME:-$HOME/.local/share}/village-tui"
if [ ! -x "$app/start.sh" ]; then
    echo "这台电脑还没有安装工作台。请先运行 sh install.sh"
    exit 1
fi
exec "$app/start.sh" "$@"
"""

README_TXT = """村干部联系服务群众工作台 —— U盘安装包

U盘只用来安装和带导出的文件。工作台装在电脑上，村里的数据也放在电脑的硬盘上：
U盘拔掉、弄丢或坏了，数据都不会丢。

一、先装 Python（每台电脑只装一次）
  1. 安装 Python """ + SERVED + """ 都可以，推荐 3.12（Windows 7 装不了，请用 Windows 10 或更新）。
     安装包在 python.org 下载，或由乡镇统一拷贝：
       64位 Windows：python-3.12.x-amd64.exe    32位 Windows：python-3.12.x.exe
  2. 安装第一页一定要勾选「Add python.exe to PATH」，再点「Install Now」。

二、安装工作台（每台电脑装一次；不需要网络）
  Windows：双击「安装.bat」。
    1. 程序装到这台电脑的「C:\\Users\\用户名\\AppData\\Local\\village-tui」文件夹。
    2. 它问数据文件夹放在哪里：直接按回车，就用它提出的位置
       （有 D 盘时是「D:\\村务数据」，没有时是「文档」里的「村务数据」），也可以输入别的完整路径。
       不能放在U盘上。
    3. 桌面上出现「村务工作台」图标。看到「安装完成」后按任意键关闭。
  Linux（统信、麒麟等）：在本文件夹打开终端，运行 sh install.sh
    程序装到「~/.local/share/village-tui」，数据默认放在「文档」里的「村务数据」，
    应用菜单（和桌面）里出现「村务工作台」。

三、每天使用
  双击桌面上的「村务工作台」。第一次打开时按提示填写村庄名称、干部等。
  （U盘上的「启动工作台.bat」和 start.sh 也打开装在电脑上的工作台。）
  双击U盘上的「演示.bat」打开演示村，可以随便练习，不影响村里的数据。
  推荐装 Windows Terminal（微软商店免费）并用等距更纱黑体（Sarasa Mono SC）或新宋体（NSimSun）字体，中文对得更齐。

四、升级到新版本
  拿到新的安装包后，同样双击「安装.bat」（Linux：sh install.sh）。程序换成新版；
  数据文件夹不变，升级前先整个备份到数据文件夹里的 backups 文件夹，再由新版程序升级数据格式。
  旧版安装包把数据放在U盘上的「数据」文件夹里：装新版时会把它复制到电脑上，核对无误后可以删掉U盘上的那份。

五、数据文件夹（最重要）
  村里录入的一切都在数据文件夹里（默认「D:\\村务数据」），工作台每天自动备份到其中的 backups 文件夹。
  另外备份：关闭工作台后，把整个数据文件夹复制到别的地方。
  换位置：关闭工作台，把数据文件夹整个复制到新位置，再运行一次「安装.bat」并输入新位置。
  换电脑：在新电脑上照第一、二步安装，再把数据文件夹复制到安装时选的位置。
  上报乡镇请用工作台里的「导出」，导出到U盘；不要直接拷贝正在使用的数据文件夹。

六、文件说明
  安装.bat / install.sh         安装或升级
  启动工作台.bat / start.sh     打开装在电脑上的工作台
  演示.bat                      打开演示村
  wheels 文件夹                 安装用的程序包和锁定文件 requirements.lock（不要改动）
  打包清单.txt                  每种电脑（Windows 64位/32位、Linux，Python 3.10–3.13）安装哪些程序包
"""


def crlf(text: str) -> str:
    """``text`` with CRLF line ends (for cmd.exe and Notepad)."""
    return text.replace("\r\n", "\n").replace("\n", "\r\n")


def bundle_files() -> dict[str, bytes]:
    """Every script and text file of a bundle: file name -> its bytes, encoded as the module docstring says."""
    return {
        "安装.bat": crlf(INSTALL_BAT).encode("utf-8"),
        "启动工作台.bat": crlf(START_BAT).encode("utf-8"),
        "演示.bat": crlf(DEMO_BAT).encode("utf-8"),
        "install.sh": INSTALL_SH.encode("utf-8"),
        "start.sh": START_SH.encode("utf-8"),
        "说明.txt": b"\xef\xbb\xbf" + crlf(README_TXT).encode("utf-8"),
    }


def write_bundle_files(dest: Path) -> list[Path]:
    """Write the scripts and 说明.txt into ``dest`` (shell scripts executable); the paths written."""
    from village_tui.store.api import atomic_write_bytes

    written = []
    for name, content in bundle_files().items():
        path = dest / name
        atomic_write_bytes(path, content)
        if name.endswith(".sh"):
            path.chmod(0o755)
        written.append(path)
    return written
