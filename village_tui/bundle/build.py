"""Write a bundle folder: the wheels, the scripts, 说明.txt and a list of what it holds (打包清单.txt)."""

from __future__ import annotations

from pathlib import Path

from village_tui.bundle.scripts import DATA_NAME, WHEELS_DIR, write_bundle_files
from village_tui.bundle.wheels import PLATFORMS, PYTHONS, Log, WheelSet, collect_wheels

LIST_NAME = "打包清单.txt"


def _size(path: Path) -> str:
    return f"{path.stat().st_size / 1024:.0f} KB"


def binary_gaps(wheels: WheelSet) -> list[str]:
    """Per binary dependency and target without a wheel built for it: what the bundle does instead, in Chinese."""
    gaps = []
    for name, entries in wheels.binary.items():
        for entry in entries:
            label = f"{name}：{PLATFORMS[entry.platform]} Python {entry.python}"
            if entry.got == "pure":
                gaps.append(f"{label} 没有专用版本，安装时用纯 Python 通用版（功能相同，稍慢）")
            elif entry.got == "none":
                gaps.append(f"{label} 没有可用的安装包，这种电脑装不上")
    return gaps


def describe(wheels: WheelSet) -> str:
    """The bundle's contents and gaps as Chinese text (printed and saved as 打包清单.txt)."""
    own = wheels.own.path.name if wheels.own else ""
    lines = [f"本程序：{own}", f"程序包共 {len(wheels.wheels)} 个（{WHEELS_DIR} 文件夹）："]
    for name, wheel in sorted(wheels.wheels.items()):
        kind = "通用（纯 Python）" if wheel.pure else "二进制"
        lines.append(f"  {name}  {kind}  {_size(wheel.path)}")
    if wheels.binary:
        lines.append("含二进制部分的依赖（每种平台 × Python " + "、".join(PYTHONS) + "）：")
        for name, entries in wheels.binary.items():
            have = sum(e.got == "binary" for e in entries)
            lines.append(f"  {name}：{have}/{len(entries)} 种有专用版本")
    else:
        lines.append("没有含二进制部分的依赖：全部程序包适用于所有平台。")
    if wheels.extra:
        lines.append("只有部分平台需要、已另外下载：" + "；".join(wheels.extra))
    gaps = binary_gaps(wheels) + [f"{m} 下载失败" for m in wheels.missing]
    lines.append("未能获得：" + ("无" if not gaps else ""))
    lines += [f"  {gap}" for gap in gaps]
    return "\n".join(lines)


def build_bundle(dest: Path, source: Path, log: Log) -> WheelSet:
    """Write the whole bundle into ``dest``; a ``数据`` folder already there is never touched.

    Raises:
        BundleError: pip could not build the program's wheel or fetch its dependencies.
        OSError: ``dest`` cannot be written.
    """
    dest.mkdir(parents=True, exist_ok=True)
    wheels = collect_wheels(source, dest / WHEELS_DIR, log)
    write_bundle_files(dest)
    (dest / DATA_NAME).mkdir(exist_ok=True)
    from village_tui.store.api import atomic_write_bytes

    atomic_write_bytes(dest / LIST_NAME, b"\xef\xbb\xbf" + describe(wheels).replace("\n", "\r\n").encode("utf-8"))
    return wheels
