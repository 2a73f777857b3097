"""Write a bundle folder: the wheels, the lock, the scripts, 说明.txt and what it holds per target (打包清单.txt)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from village_tui.bundle.lock import LOCK_NAME
from village_tui.bundle.scripts import WHEELS_DIR, write_bundle_files
from village_tui.bundle.fetch import collect_wheels
from village_tui.bundle.wheels import PLATFORMS, Log, WheelSet

LIST_NAME = "打包清单.txt"


def _size(path: Path) -> str:
    return f"{path.stat().st_size / 1024:.0f} KB"


def describe(wheels: WheelSet) -> str:
    """The bundle's contents per target, the pure-Python fallbacks and the targets it cannot serve, in Chinese."""
    own = wheels.own.path.name if wheels.own else ""
    lines = [f"本程序：{own}", f"{WHEELS_DIR} 文件夹里共有 {len(wheels.wheels)} 个程序包："]
    for name, wheel in sorted(wheels.wheels.items()):
        kind = "通用（纯 Python）" if wheel.pure else "二进制"
        lines.append(f"  {name}  {kind}  {_size(wheel.path)}")
    served = [t for t in wheels.targets if t.error is None]
    lines.append("")
    lines.append("每种电脑安装的程序包：")
    for target in wheels.targets:
        if target.error is not None:
            lines.append(f"【{target.label}】装不上：pip 解析依赖失败：")
            lines += [f"    {line}" for line in target.error.splitlines()]
            continue
        lines.append(f"【{target.label}】{len(target.wheels)} 个：")
        for name, wheel in sorted(target.wheels.items()):
            lines.append(f"  {name} {wheel.version}  {'纯 Python' if wheel.pure else '二进制 ' + wheel.path.name}")
        fallbacks = wheels.fallbacks(target)
        lines.append("  改用纯 Python 通用版（功能相同，稍慢）：" + ("、".join(fallbacks) if fallbacks else "无"))
    lines.append("")
    failed = [t.label for t in wheels.targets if t.error is not None]
    lines.append(f"能安装的电脑：{len(served)}/{len(wheels.targets)} 种；装不上：" + ("、".join(failed) if failed else "无"))
    return "\n".join(lines)


def build_bundle(dest: Path, source: Path, log: Log, targets: list[tuple[str, str]] | None = None,
                 progress: Callable[[int, int], None] | None = None) -> WheelSet:
    """Write the whole bundle into ``dest``.

    Args:
        dest: The bundle folder (created when missing).
        source: The program's source folder, holding ``requirements.lock``.
        log: Called with a Chinese line for what is going on.
        targets: ``(platform, python)`` pairs; default every one served.
        progress: Called with (targets done, targets in all).

    Raises:
        BundleError: pip could not build the program's wheel or fetch its dependencies, or the lock is missing.
        OSError: ``dest`` cannot be written.
    """
    from village_tui.bundle.wheels import BundleError
    from village_tui.store.api import atomic_write_bytes

    lock = source / LOCK_NAME
    if not lock.is_file():
        raise BundleError(f"源代码文件夹里没有锁定文件 {LOCK_NAME}（用 .ci/lock 生成）")
    dest.mkdir(parents=True, exist_ok=True)
    wheels = collect_wheels(source, lock, dest / WHEELS_DIR, log, targets, progress)
    atomic_write_bytes(dest / WHEELS_DIR / LOCK_NAME, lock.read_bytes())
    write_bundle_files(dest)
    atomic_write_bytes(dest / LIST_NAME, b"\xef\xbb\xbf" + describe(wheels).replace("\n", "\r\n").encode("utf-8"))
    return wheels


__all__ = ["LIST_NAME", "PLATFORMS", "build_bundle", "describe"]
