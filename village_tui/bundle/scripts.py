"""The scripts and the 说明.txt of a USB-stick bundle, and how each is encoded on disk.

Encodings, chosen for what reads them:

- ``.bat`` files: UTF-8 *without* a BOM and with CRLF line ends. cmd.exe decodes
  a batch file line by line in the console's code page; the first two lines are
  plain ASCII (``@echo off``, ``chcp 65001``), so every later line, Chinese
  messages and the ``数据`` folder name included, is read as UTF-8. A BOM would
  turn the first line into an unknown command. Paths are never typed in: the
  scripts use ``%~dp0`` (their own folder, handed over by Windows in full
  Unicode) and quote every path, so Chinese names and spaces work. They call
  ``venv\\Scripts\\python.exe -m village_tui`` rather than the ``.exe`` launcher.
- ``说明.txt``: UTF-8 with a BOM and CRLF, so Notepad of any Windows 10 opens it
  as UTF-8 rather than guessing GBK.
- ``.sh`` files: UTF-8, LF, executable.
"""

from __future__ import annotations

from pathlib import Path

DATA_NAME = "数据"
WHEELS_DIR = "wheels"

_FIND_PYTHON_BAT = r"""set "PYEXE="
for %%V in (3.12 3.11 3.10) do if not defined PYEXE py -%%V -c "import sys" >nul 2>&1 && set "PYEXE=py -%%V"
if not defined PYEXE python -c "import sys; sys.exit(0 if (3, 10) <= sys.version_info[:2] <= (3, 12) else 1)" >nul 2>&1 && set "PYEXE=python"
if not defined PYEXE goto nopython
"""

INSTALL_BAT = r"""@echo off
chcp 65001 >nul
setlocal
cd /d "%~dp0"
rem 安装：在本文件旁边建立 venv 文件夹，从 wheels 文件夹安装工作台（不需要网络）。
""" + _FIND_PYTHON_BAT + r"""echo 正在用 %PYEXE% 建立运行环境（venv 文件夹），请稍候...
%PYEXE% -m venv "%~dp0venv"
if errorlevel 1 goto failed
"%~dp0venv\Scripts\python.exe" -m pip install --no-index --find-links "%~dp0wheels" --upgrade village-tui
if errorlevel 1 goto failed
if not exist "%~dp0数据" mkdir "%~dp0数据"
echo.
echo 安装完成。以后双击「启动工作台.bat」打开工作台，双击「演示.bat」看演示村。
pause
exit /b 0
:nopython
echo 没有找到 Python 3.10、3.11 或 3.12。
echo 请先安装 Python 3.12（安装第一页勾选 Add python.exe to PATH），再双击本文件。
pause
exit /b 1
:failed
echo 安装没有成功。请把本窗口拍照发给乡镇管理员。
pause
exit /b 1
"""

START_BAT = r"""@echo off
chcp 65001 >nul
setlocal
cd /d "%~dp0"
rem 数据文件夹：默认是本文件旁边的「数据」文件夹。
rem 要用别处的文件夹，把下面一行改成完整路径，例如 set "DATA=E:\桃源村 数据"
set "DATA=数据"
if not "%~1"=="" set "DATA=%~1"
if not exist "%~dp0venv\Scripts\python.exe" goto notinstalled
set PYTHONUTF8=1
"%~dp0venv\Scripts\python.exe" -m village_tui --data "%DATA%"
if errorlevel 1 pause
exit /b
:notinstalled
echo 还没有安装。请先双击「安装.bat」。
pause
exit /b 1
"""

DEMO_BAT = r"""@echo off
chcp 65001 >nul
setlocal
cd /d "%~dp0"
rem 演示：打开内置的演示村（第一次会先生成演示数据），不碰「数据」文件夹。
if not exist "%~dp0venv\Scripts\python.exe" goto notinstalled
set PYTHONUTF8=1
"%~dp0venv\Scripts\python.exe" -m village_tui --demo
if errorlevel 1 pause
exit /b
:notinstalled
echo 还没有安装。请先双击「安装.bat」。
pause
exit /b 1
"""

INSTALL_SH = """#!/bin/sh
# 安装：在本文件旁边建立 venv 文件夹，从 wheels 文件夹安装工作台（不需要网络）。
# 可用 PYTHON=/usr/bin/python3.11 ./install.sh 指定 Python。
set -e
here=$(cd "$(dirname "$0")" && pwd)
python=${PYTHON:-}
if [ -z "$python" ]; then
    for candidate in python3.12 python3.11 python3.10 python3; do
        if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c \\
            'import sys; sys.exit(0 if (3, 10) <= sys.version_info[:2] <= (3, 12) else 1)' 2>/dev/null; then
            python=$candidate
            break
        fi
    done
fi
if [ -z "$python" ]; then
    echo "没有找到 Python 3.10、3.11 或 3.12，请先安装（统信/麒麟/Debian 上还要装 python3-venv）。"
    exit 1
fi
echo "正在用 $python 建立运行环境（venv 文件夹），请稍候..."
"$python" -m venv "$here/venv"
"$here/venv/bin/python" -m pip install --no-index --find-links "$here/wheels" --upgrade village-tui
mkdir -p "$here/数据"
echo "安装完成。以后运行 ./start.sh 打开工作台，./start.sh 文件夹名 打开别的数据文件夹。"
"""

START_SH = """#!/bin/sh
# 打开本文件旁边的数据文件夹（默认「数据」）；也可以写 ./start.sh 文件夹 或完整路径。
here=$(cd "$(dirname "$0")" && pwd)
cd "$here" || exit 1
data=${1:-数据}
if [ ! -x "$here/venv/bin/python" ]; then
    echo "还没有安装。请先运行 ./install.sh"
    exit 1
fi
exec "$here/venv/bin/python" -m village_tui --data "$data"
"""

README_TXT = """村干部联系服务群众工作台 —— U盘安装包

一、先装 Python（每台电脑只装一次）
  1. 安装 Python 3.10、3.11 或 3.12（推荐 3.12；Windows 7 装不了，请用 Windows 10 或更新）。
     安装包在 python.org 下载，或由乡镇统一拷贝：
       64位 Windows：python-3.12.x-amd64.exe    32位 Windows：python-3.12.x.exe
  2. 安装第一页一定要勾选「Add python.exe to PATH」，再点「Install Now」。

二、安装工作台（每台电脑只装一次，不需要网络）
  Windows：双击「安装.bat」，看到「安装完成」后按任意键关闭。
  Linux（统信、麒麟等）：在本文件夹打开终端，运行 sh install.sh
  安装会在本文件夹里建立 venv 文件夹，请不要删除它。

三、每天使用
  双击「启动工作台.bat」（Linux：sh start.sh），打开本文件夹里的「数据」文件夹。
  第一次打开时按提示填写村庄名称、干部等。
  双击「演示.bat」打开演示村，可以随便练习，不影响「数据」文件夹。
  推荐装 Windows Terminal（微软商店免费）并用等距更纱黑体（Sarasa Mono SC）或新宋体（NSimSun）字体，中文对得更齐。

四、数据文件夹（最重要）
  村里录入的一切都在「数据」文件夹里。备份就是把整个「数据」文件夹复制走。
  搬到别处：先关闭工作台，把「数据」文件夹整个复制到新位置（另一个U盘、D盘等），
  确认新位置能打开后再删旧的。
  打开别处的数据文件夹：用记事本打开「启动工作台.bat」，把 set "DATA=数据" 这一行
  改成完整路径，例如 set "DATA=D:\\桃源村 数据"，保存后双击。
  换电脑：在新电脑上照第一、二步安装，再把「数据」文件夹复制到本文件夹里。
  上报乡镇请用工作台里的「导出」，不要直接拷贝正在使用的数据文件夹。

五、文件说明
  安装.bat / install.sh         安装
  启动工作台.bat / start.sh     打开「数据」文件夹
  演示.bat                      打开演示村
  wheels 文件夹                 安装用的程序包（不要改动）
  打包清单.txt                  本安装包里的程序包和各平台的情况
"""


def _crlf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\n", "\r\n")


def bundle_files() -> dict[str, bytes]:
    """Every script and text file of a bundle: file name -> its bytes, encoded as the module docstring says."""
    return {
        "安装.bat": _crlf(INSTALL_BAT).encode("utf-8"),
        "启动工作台.bat": _crlf(START_BAT).encode("utf-8"),
        "演示.bat": _crlf(DEMO_BAT).encode("utf-8"),
        "install.sh": INSTALL_SH.encode("utf-8"),
        "start.sh": START_SH.encode("utf-8"),
        "说明.txt": b"\xef\xbb\xbf" + _crlf(README_TXT).encode("utf-8"),
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
