"""How the desk names an item in every title and question: village, number and the content's start."""

from __future__ import annotations

from village_tui.domain.models import TownshipItem
from village_tui.domain.safe_text import inert

CONTENT_START = 12


def item_name(item: TownshipItem) -> str:
    """``桃源村 第 2026-0003 号「3组村道坑洼」`` (a long content cut after 12 characters with ``..``)."""
    content = inert(item.content)
    start = content if len(content) <= CONTENT_START else content[:CONTENT_START] + ".."
    return f"{inert(item.village)} 第 {inert(item.item)} 号「{start}」"
