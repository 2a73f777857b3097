"""A village applies a township's reply package to its ledger: all of it in one transaction, or nothing.

The package must pass its checks (its checksums and its signature) and be addressed to this
village of this township and county, signed with the key the village trusts for that township
(the first key seen is recorded and shown for a phone call; another key later is refused).
A package already applied (its sequence number is not above the last one applied
from that township) changes nothing; within a newer package, a reply the ledger already
holds is left as it is.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from village_tui.domain.errors import DomainError, NotFoundError
from village_tui.domain.township import reply_text
from village_tui.exchange.township.package import KIND, Package
from village_tui.exchange.township.trust import KeyJudge


class PackageRefused(DomainError):
    """A reply package this village must not apply (another village, failed checks, unknown items)."""


@dataclass
class ApplyResult:
    """What applying a package did.

    Attributes:
        applied: The item numbers whose escalation got the reply.
        unchanged: The item numbers that already had it.
        already: True when the package (or a later one) was applied before: nothing written.
        first_key: The line asking to confirm by phone the key of a township seen for the first time ("").
    """

    applied: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    already: bool = False
    first_key: str = ""

    def lines(self) -> list[str]:
        """The outcome in plain Chinese."""
        if self.already:
            return ["这个回复包已经导入过（或已导入更新的回复包），没有改动。"]
        lines = [self.first_key] if self.first_key else []
        lines.append(f"已登记乡镇答复 {len(self.applied)} 条，已有的 {len(self.unchanged)} 条未改动。")
        if self.applied:
            lines.append(f"登记答复的事项：{'、'.join(self.applied)}")
        return lines


def judged_key(package: Package, judge: KeyJudge) -> tuple[str, str]:
    """The package's key against the village's trust list (see :func:`~village_tui.domain.signing.trust_key`)."""
    return judge.judge_key(package.header.get("from_level", "乡镇"), package.header["from"],
                           package.signature.public_key)


def refusal(package: Package, settings, judge: KeyJudge | None = None) -> str:
    """Why this village must not apply the package, or "" (``judge`` adds the trust list's say)."""
    if not package.ok:
        return "回复包校验没有通过：" + "；".join(package.problems)
    header = package.header
    if header["kind"] != KIND:
        return f"这是{header['from']}发给{header['to']}的回复包，应由{header['to']}用 village-tui township receive 接收"
    if header["to"] != settings.name:
        return f"这个回复包是给{header['to']}的，不是给本村（{settings.name}）的"
    if header["township"] != settings.township or (header["county"] and settings.county
                                                   and header["county"] != settings.county):
        return f"这个回复包来自{header['county']}{header['township']}，不是本村所属的{settings.county}{settings.township}"
    if judge is not None:
        verdict, line = judged_key(package, judge)
        if verdict == "changed":
            return line
    return ""


def apply_package(service, package: Package, operator: str) -> ApplyResult:
    """Apply a checked reply package to the village's ledger in one journal transaction.

    Args:
        service: The opened VillageService, its operator signed in.
        package: The package read by :func:`~village_tui.exchange.township.package.read_package`.
        operator: Who imports it (named in the audit log's reason).

    Raises:
        PackageRefused: The package is for another unit, fails its checks, or names an
            item this village does not have; nothing was written.
    """
    settings = service.settings()
    reason = refusal(package, settings, service)
    if reason:
        raise PackageRefused(reason)
    verdict, key_line = judged_key(package, service)
    township, sequence = package.header["township"], package.header["sequence"]
    result = ApplyResult()
    if sequence <= settings.reply_sequences.get(township, 0):
        result.already = True
        return result
    for reply in package.replies:
        if reply.village != settings.name or reply.level not in ("乡镇", "县"):
            raise PackageRefused(f"回复包中的第 {reply.item} 号答复不是给本村的")
        try:
            service.ledger_item(reply.item)
        except NotFoundError:
            raise PackageRefused(f"回复包中的第 {reply.item} 号事项在本村台账里没有") from None
    note = f"导入{township}回复包第 {sequence} 号（{package.folder.name}），导入人：{operator}"
    with service.records.transaction():
        if verdict == "new":
            service.trust(package.header.get("from_level", "乡镇"), package.header["from"],
                          package.signature.public_key, f"导入回复包时首次收到{package.header['from']}的签名密钥，已记录")
            result.first_key = key_line
        for reply in package.replies:
            saved = service.record_upper_reply(reply.item, reply.level,
                                               reply_text(reply.action, reply.text, reply.note, reply.level),
                                               reply.day, reply.signer, forward=reply.action == "上报县",
                                               reason=note, returned=reply.action == "退回",
                                               forwarded=reply.forwarded)
            (result.applied if saved is not None else result.unchanged).append(reply.item)
        settings = service.settings()
        settings.reply_sequences = {**settings.reply_sequences, township: sequence}
        service.save_settings(settings)
    service.forget_ledger_memo()
    return result
