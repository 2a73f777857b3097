"""``village-tui trust [FOLDER] --data D --fingerprint F``: the signing keys a unit trusts.

- Without FOLDER: this folder's own fingerprint (made now for a folder that has none, audited),
  and the keys it trusts, for the phone call.
- With FOLDER (an export or a reply package signed with a new key, say after a reinstall): after
  the fingerprint was confirmed by phone and typed with ``--fingerprint``, the new key replaces the
  one on the trust list for that unit, audited. The package is then received as usual.

Works on every level's folder: a village trusts its township; a township its villages and its
county; a county its townships. Exit code 0 on success, 2 on an error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from village_tui.cli_text import error_text, os_reason
from village_tui.domain.errors import DomainError

EXIT_OK, EXIT_ERROR = 0, 2


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``village-tui trust``."""
    parser.add_argument("folder", metavar="FOLDER", nargs="?",
                        help="用新密钥签名的导出或回复包文件夹（不写时显示本单位的指纹和已信任的密钥）")
    parser.add_argument("--data", default="data", help="本单位（村、乡镇或县）的数据文件夹（默认 ./data）")
    parser.add_argument("--fingerprint", help="打电话核对过的对方新指纹，如 3F2A-9C41-0B7E-D5A8")
    parser.add_argument("--operator", help="经办人（记入审计日志）")


def _fail(message: str) -> int:
    print(f"错误：{message}", file=sys.stderr)
    return EXIT_ERROR


def sender_of(folder: Path) -> tuple[str, str, str, str, str]:
    """Who signed an export or a reply package: ``(level, name, township, county, public key)``.

    Raises:
        DomainError: The folder is neither, or fails its checks.
    """
    from village_tui.domain.error_words import missing_path
    from village_tui.exchange.township.package import is_package, read_package
    from village_tui.exchange.verify import verify_copy

    if not folder.exists():
        raise DomainError(missing_path(folder))
    if is_package(folder):
        package = read_package(folder)
        if not package.ok:
            raise DomainError("回复包校验没有通过：" + "；".join(package.problems))
        header = package.header
        return (header.get("from_level", "乡镇"), header["from"], header["township"], header["county"],
                package.signature.public_key)
    verified = verify_copy(folder, facts=False)
    if verified.manifest is None or verified.signature is None or not verified.ok:
        raise DomainError("导出校验没有通过：" + "；".join(verified.lines()[1:4]))
    manifest = verified.manifest
    return "村", manifest.village, manifest.township, manifest.county, verified.signature.public_key


def may_receive_from(settings, level: str, name: str, township: str, county: str) -> str:
    """Why this folder never receives from that unit ("" when it does: a unit under or above it)."""
    own = settings.level
    if own == "村" and level == "乡镇" and name == settings.township:
        return ""
    if own == "乡镇" and ((level == "村" and township == settings.name) or (level == "县" and name == settings.county)):
        return ""
    if own == "县" and level == "乡镇" and county == settings.name:
        return ""
    return f"本单位（{settings.name}）不接收{name}发来的包：只信任上下级（村—乡镇—县）的密钥"


def run(args: argparse.Namespace) -> int:
    """Show this unit's fingerprint and trust list, or accept a unit's new key."""
    from village_tui.domain.signing import fingerprint, normalize_fingerprint
    from village_tui.service import VillageService
    from village_tui.service.township import TownshipDesk

    data = Path(args.data)
    if not data.is_dir():
        return _fail(f"找不到数据文件夹：{data}")
    try:
        probe = TownshipDesk.open(data, readonly=True)
        try:
            level = probe.settings().level if probe.is_set_up() else ""
        finally:
            probe.close()
        if not level:
            return _fail(f"{data} 还没有设置好，没有签名密钥")
        service = (VillageService if level == "村" else TownshipDesk).open(data)
    except (DomainError, OSError) as error:
        return _fail(f"打不开数据文件夹 {data}：{error_text(error)}")
    try:
        if isinstance(service, TownshipDesk):
            service.desk_operator = args.operator or ""
        else:
            from village_tui.commands.reply_import import sign_in

            sign_in(service, args.operator)
        if args.folder is None:
            print(f"本单位（{service.settings().name}）的签名密钥指纹：{service.make_signing_key()}")
            for unit, key in sorted(service.settings().trusted_keys.items()):
                print(f"已信任：{unit.split(':', 1)[1]}（{unit.split(':', 1)[0]}） 指纹 {fingerprint(key)}")
            return EXIT_OK
        sender_level, name, township, county, public = sender_of(Path(args.folder))
        reason = may_receive_from(service.settings(), sender_level, name, township, county)
        if reason:
            return _fail(reason)
        typed = normalize_fingerprint(args.fingerprint or "")
        if not typed:
            return _fail(f"请用 --fingerprint 写上打电话核对过的指纹（这个包的指纹是 {fingerprint(public)}）")
        if typed != fingerprint(public):
            return _fail(f"指纹不符：这个包的签名密钥指纹是 {fingerprint(public)}，不是 {typed}；没有改动")
        verdict, _ = service.judge_key(sender_level, name, public)
        if verdict == "known":
            print(f"{name}的这个签名密钥（指纹 {typed}）已经在信任列表中，没有改动。")
            return EXIT_OK
        old = service.settings().trusted_keys.get(f"{sender_level}:{name}")
        before = f"，原指纹 {fingerprint(old)}" if old else ""
        service.trust(sender_level, name, public, f"打电话核对指纹后接受{name}的签名密钥 {typed}{before}")
        print(f"已信任{name}的签名密钥（指纹 {typed}{before}），可以接收它的包了。")
        return EXIT_OK
    except OSError as error:
        return _fail(f"不能写入：{os_reason(error)}")
    except DomainError as error:
        return _fail(error_text(error))
    finally:
        service.close()
