"""A short summary of a cadre's visit worklist (R5–R7), with status colours."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from village_tui.domain.visit_worklist import DONE, DUE, NOT_DUE, OVERDUE, WorkItem, Worklist

# Theme variables for each status, so 16-colour and high-contrast terminals still read well.
STATUS_VARIABLES = {OVERDUE: "error", DUE: "warning", NOT_DUE: "foreground", DONE: "success"}


def status_part(status: str) -> tuple[str, str]:
    """A ``(text, style)`` part for :meth:`Content.assemble`: ``[已逾期]`` in the status colour."""
    return f"[{status}]", f"bold ${STATUS_VARIABLES[status]}"


def _worst(items: list[WorkItem]) -> str:
    for status in (OVERDUE, DUE, NOT_DUE):
        if any(i.status == status for i in items):
            return status
    return DONE


def summary_content(work: Worklist) -> Content:
    """One or two lines: this month's count (R6), the first term year (R5), the groups (R7)."""
    cadre = work.cadre
    parts: list[str | tuple[str, str]] = [(f"{cadre.name}（{cadre.role}）", "bold")]
    if work.r6 is not None:
        parts += [f" 本月走访 {work.r6.actual}/{work.r6.required} 户 ", status_part(work.r6.status)]
    if work.first_year is not None:
        total, done = len(work.r5), work.done_count("R5")
        parts.append(f"\n任期第一年：已走访 {done}/{total} 户")
        if work.r5_days_left:
            parts.append(f"，还剩 {work.r5_days_left} 天")
        parts += [" ", status_part(_worst(work.r5))]
    if work.r7:
        done = work.done_count("R7")
        overdue = sum(1 for i in work.r7 if i.status == OVERDUE)
        due = sum(1 for i in work.r7 if i.status == DUE)
        parts.append(f" 责任组 {'、'.join(cadre.groups)}：本年走访满2次 {done}/{len(work.r7)} 户")
        if overdue:
            parts += ["，", (f"逾期 {overdue} 户", f"bold ${STATUS_VARIABLES[OVERDUE]}")]
        if due:
            parts += ["，", (f"待走访 {due} 户", f"bold ${STATUS_VARIABLES[DUE]}")]
        parts += [" ", status_part(_worst(work.r7))]
    if work.r6 is None and work.first_year is None and not work.r7:
        parts.append(" 当前没有走访任务（不在任期内或没有责任组）")
    return Content.assemble(*parts)


class WorklistSummary(Static):
    """Shows :func:`summary_content` of a worklist; user text never becomes markup."""

    DEFAULT_CSS = """
    WorklistSummary {
        height: auto;
        padding: 0 1;
    }
    """

    def show(self, work: Worklist | None) -> None:
        """Show the summary of ``work`` (None empties it)."""
        self.update(summary_content(work) if work is not None else "")

    @property
    def plain(self) -> str:
        """The summary as plain text (for tests and screen readers)."""
        return str(self.content)
