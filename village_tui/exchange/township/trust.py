"""The receiver's trust list applied to what it reads: a known key passes, a first one is noted, a changed one refused.

The first key seen from a unit is recorded (with the receive that takes its package) and shown
as a fingerprint to confirm by phone; a package from the same unit signed with another key is
refused with the reason. A new key is accepted on purpose with ``village-tui trust``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


class KeyJudge(Protocol):
    """What judges keys: the receiving service (:class:`~village_tui.service.signing.SigningService`)."""

    def judge_key(self, level: str, name: str, public_hex: str) -> tuple[str, str]:
        """``("known" | "new" | "changed", line)``."""
        ...


@dataclass(frozen=True)
class FirstKey:
    """A unit's key seen for the first time: to record, and to confirm by phone.

    Attributes:
        level: The unit's level (村, 乡镇, 县).
        name: The unit's name.
        public_key: The key (hexadecimal).
        line: What to print: the fingerprint and the request to confirm it by phone.
    """

    level: str
    name: str
    public_key: str
    line: str

    @property
    def reason(self) -> str:
        """The audit log's reason for recording it."""
        return f"首次收到{self.name}的签名密钥，已记录（待打电话核对指纹）"


def _two_keys(name: str) -> str:
    return (f"这次收到的{name}的包用了两个不同的签名密钥，无法判断哪个是真的，拒收；"
            f"请打电话向{name}核对指纹后用 village-tui trust 接受正确的那个")


def screen(judge: KeyJudge, level: str, senders: list[tuple[str, str]]) -> tuple[list[str], list[FirstKey]]:
    """Judge the keys of several packages read together.

    Args:
        judge: The receiving service.
        level: The senders' level.
        senders: Each package's sender name and key (hexadecimal), in order.

    Returns:
        Per package the refusal ("" when its key is trusted or first seen), and the first keys seen.
        Two packages of one unit signed with two keys never seen are both refused: which is the
        unit's own cannot be told without a phone call.
    """
    first: dict[str, FirstKey] = {}
    refusals = []
    for name, public in senders:
        verdict, line = judge.judge_key(level, name, public)
        if verdict == "changed":
            refusals.append(line)
            continue
        if verdict == "new":
            seen = first.get(name)
            if seen is not None and seen.public_key != public:
                refusals.append(_two_keys(name))
                continue
            first[name] = FirstKey(level, name, public, line)
        refusals.append("")
    conflicted = {name for (name, _), refusal in zip(senders, refusals) if refusal == _two_keys(name)}
    for index, (name, _) in enumerate(senders):
        if name in conflicted and not refusals[index]:
            refusals[index] = _two_keys(name)
    return refusals, [key for name, key in first.items() if name not in conflicted]
