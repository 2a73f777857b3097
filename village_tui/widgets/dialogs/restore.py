"""Undoing the end of a record: choose it from the ended ones, then give the reason for the 更正."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from textual.screen import Screen

from village_tui.widgets.dialogs.choose import ChooseDialog
from village_tui.widgets.dialogs.reason import ReasonDialog


@dataclass(frozen=True)
class Ended:
    """One ended record offered for restoring.

    Attributes:
        key: Its id, as text.
        label: Its line in the list.
        title: The dialog's title (``"恢复走访记录 2026-0012（王大山）"``).
        facts: The lines naming it in the dialog.
    """

    key: str
    label: str
    title: str
    facts: Sequence[str]


def ask_restore(screen: Screen, question: str, ended: Sequence[Ended], restore: Callable[[str, str], object],
                done: Callable[[Ended], None], empty: str = "（没有可恢复的记录）") -> None:
    """List ``ended``; Enter on one asks, naming it, for the 更正原因 and calls ``restore(key, reason)``.

    Args:
        screen: The screen asking (its app shows the dialogs).
        question: The list's title (``"恢复哪一条已作废的走访记录？"``).
        ended: The records that can be restored.
        restore: Saves the restoring; a DomainError it raises is shown in the dialog.
        done: Called with the record once restored.
        empty: Shown when there is nothing to restore.
    """
    by_key = {record.key: record for record in ended}

    def chosen(key: str | None) -> None:
        record = by_key.get(key or "")
        if record is None:
            return
        screen.app.push_screen(ReasonDialog(record.title, lambda reason: restore(record.key, reason),
                                            placeholder="如 误作废、误结束", facts=record.facts, ask="更正原因"),
                               lambda ok: done(record) if ok else None)

    screen.app.push_screen(ChooseDialog(question, [(r.key, r.label) for r in ended], empty=empty), chosen)
