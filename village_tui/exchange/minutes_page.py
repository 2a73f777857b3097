"""The 民情分析会 record for printing: date, attendees, each decision and the minutes, as lines.

:func:`village_tui.exchange.print_page.lines_page_html` turns the lines into the A4 page.
"""

from __future__ import annotations

from collections.abc import Mapping

from village_tui.domain import dates
from village_tui.domain.models import Meeting


def minutes_lines(meeting: Meeting, *, village: str, cadres: Mapping[int, str], items: Mapping[str, str],
                  actions: Mapping[str, str]) -> list[str]:
    """The printed record of ``meeting``; the first line is the title.

    Args:
        meeting: The month's meeting (saved or not).
        village: The village name for the title.
        cadres: Cadre names by id (attendees, handlers).
        items: The ledger item's text by item id (``"1组 路灯不亮"``).
        actions: How each decision action reads (``""`` → ``继续办理``).
    """
    attendees = "、".join(cadres.get(i, "?") for i in meeting.attendees)
    lines = [f"{village}民情分析会会议记录", "",
             f"会议月份：{meeting.day.year}年{meeting.day.month}月",
             f"会议日期：{dates.format_cn_long(meeting.day)}",
             f"参会人员：{attendees or '（未填）'}（共{len(meeting.attendees)}人）",
             f"议定事项：{len(meeting.decisions)}件", ""]
    for number, decision in enumerate(meeting.decisions, 1):
        lines.append(f"{number}. {decision.item_id} {items.get(decision.item_id, '')}".rstrip())
        parts = [f"处理：{actions.get(decision.action, decision.action)}"]
        if decision.decision:
            parts.append(f"议定：{decision.decision}")
        if decision.handler_id is not None:
            parts.append(f"承办人：{cadres.get(decision.handler_id, '?')}")
        if decision.due is not None:
            parts.append(f"期限：{dates.format_cn(decision.due)}")
        lines.append("    " + "；".join(parts))
    lines += ["", "会议记录："]
    # Indented like a Chinese paragraph, so a line such as 「张三：同意」 stays text, not a fact row.
    lines += ["\u3000\u3000" + line.strip() for line in meeting.minutes.splitlines() if line.strip()] or ["\u3000\u3000（未填）"]
    lines += ["", "主持人签字：", "记录人签字："]
    return lines
