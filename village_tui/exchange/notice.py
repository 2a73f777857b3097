"""What the 村务公示 of a period says: the five-step matters, the ledger items handled, the service desk.

The notice is posted on the village's board (R14 考评亮事, R15 村民知情和监督), so
it is built for residents: their names are masked (``王**``), ID and phone numbers
typed in free text are masked, and sensitive ledger items and matters are left out
with their count stated. It carries the parts a posted notice needs: the 公示期
(from the day it is issued, ``VillageSettings.notice_days`` days), the 监督电话,
where questions go (the 村务监督委员会, answered within 10 days) and the 落款.

The content is laid out twice from this one value: as the workbook's 公示 sheet
(:mod:`village_tui.exchange.notice_sheet`) and as a print-ready page
(:mod:`village_tui.exchange.notice_html`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from village_tui.domain import clock
from village_tui.domain.dates import format_cn
from village_tui.domain.privacy import mask_name
from village_tui.exchange.masking import mask_text
from village_tui.exchange.publication import NOTICE_HEADERS, notice_rows

ANSWER_DAYS = 10
QUESTIONS_LINE = (f"公示期间，村民对公示内容如有疑问或意见，可向村务监督委员会反映，"
                  f"村务监督委员会将在{ANSWER_DAYS}日内予以答复。")
PHONE_BLANK = "＿＿＿＿＿＿＿＿"
_ALL = 1_000_000


@dataclass
class NoticeTable:
    """One numbered part of the notice: a heading, a table and the lines under it.

    Attributes:
        heading: ``"一、五事办理情况"``.
        headers: The table's column headers (none for a part without a table).
        shares: Each column's share of the page width (they add up to 12).
        rows: The table's rows, as text.
        notes: Lines printed under the table (what was left out, and why).
    """

    heading: str
    headers: list[str] = field(default_factory=list)
    shares: list[int] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class Notice:
    """A village's 村务公示 of one month (or year), ready to be laid out.

    Attributes:
        title: ``"桃源村2026年11月村务公示"``.
        intro: The opening sentence.
        parts: The numbered parts.
        posted_from: First day of the 公示期.
        posted_to: Last day of the 公示期.
        phone: The 监督电话 ("" when not set).
        issuers: The signing bodies: the 村民委员会, and the 村党支部 when the setting asks.
        issued: The day the notice is issued (printed in Arabic numerals).
    """

    title: str
    intro: str
    parts: list[NoticeTable]
    posted_from: date
    posted_to: date
    phone: str
    issuers: list[str]
    issued: date

    @property
    def period_line(self) -> str:
        """``"公示期：2026年11月27日至2026年12月3日（7天）"``."""
        days = (self.posted_to - self.posted_from).days + 1
        return f"公示期：{format_cn(self.posted_from)}至{format_cn(self.posted_to)}（{days}天）"

    @property
    def phone_line(self) -> str:
        """``"监督电话：0598-7233678"``, with a line to write on when no number is set."""
        return f"监督电话：{self.phone or PHONE_BLANK}"

    @property
    def review_line(self) -> str:
        """The space for the 村务监督委员会's review and signature."""
        return "村务监督委员会审核意见：＿＿＿＿＿＿＿＿　　　签字：＿＿＿＿＿＿"

    @property
    def date_line(self) -> str:
        """The issuing date in Arabic numerals: ``"2026年11月27日"``."""
        return format_cn(self.issued)


def _masked_names(text: str, public: set[str]) -> str:
    """Supervisors as printed: a resident's name masked; cadres and bodies (村务监督委员会) as they are."""
    names = [n.strip() for n in text.split("、") if n.strip()]
    return "、".join(n if n in public or len(n) > 4 else mask_name(n) for n in names)


def matters_part(service, village: str, first: date, last: date) -> NoticeTable:
    """一、五事: each matter due for publication, its decision, promise, result; sensitive ones counted."""
    rows, left_out = notice_rows(service, village, first, last)
    public = set(service.cadre_names().values())
    col = {name: NOTICE_HEADERS.index(name) for name in NOTICE_HEADERS}
    part = NoticeTable("一、五事（集体定事、承诺干事、村民监事、考评亮事）办理情况",
                       ["序号", "事项", "集体决定", "承诺与监督", "办理结果"], [1, 2, 3, 3, 3])
    for number, row in enumerate(rows, start=1):
        cadre, supervisors = row[col["责任干部"]], row[col["监督人"]]
        promise = "；".join(p for p in (row[col["承诺"]], f"责任干部：{cadre}" if cadre else "",
                                       f"监督人：{_masked_names(supervisors, public)}" if supervisors else "") if p)
        promised = row[col["承诺完成日期"]]
        if row[col["考评结果"]]:
            satisfaction = row[col["群众满意度"]]
            result = "；".join(p for p in (row[col["考评结果"]], f"群众满意度：{satisfaction}" if satisfaction else "")
                              if p)
        else:
            result = f"承诺于{format_cn(promised)}前完成" if promised else "正在办理"
        part.rows.append([str(number), f"{row[col['事项']]}（{row[col['类别']]}）", row[col["集体决定"]],
                          promise, result])
    if not rows:
        part.notes.append("本期没有需要公示的五事事项。")
    if left_out:
        part.notes.append(f"另有{left_out}件涉及矛盾纠纷或信访等敏感事项，不予公示。")
    return part


def ledger_part(service, first: date, last: date) -> NoticeTable:
    """二、民情: items closed in the period, the reporter's name masked; sensitive items only counted."""
    households = {h.id: h.head for h in service.households(include_archived=True)}
    part = NoticeTable("二、群众反映事项办理情况", ["编号", "类别", "反映人", "反映事项", "办理结果"], [2, 2, 2, 3, 3])
    withheld = 0
    items = [i for year in range(first.year - 1, last.year + 1) for i in service.ledger_items(year, limit=_ALL)
             if i.closed_day is not None and first <= i.closed_day <= last and not i.cancelled]
    for item in sorted(items, key=lambda i: (i.closed_day, i.id or "")):
        if item.sensitive:
            withheld += 1
            continue
        who = item.reporter or households.get(item.household_id, "")
        part.rows.append([item.id or "", item.category, mask_name(who), mask_text(item.content),
                          mask_text(item.result) or item.status])
    if not items:
        part.notes.append("本期没有办结的群众反映事项。")
    if withheld:
        part.notes.append(f"另有{withheld}件涉及个人隐私，不予公示。")
    return part


def desk_part(service, first: date, last: date) -> NoticeTable:
    """三、便民服务: per kind, the applications received in the period, finished in it, and still open."""
    received: Counter = Counter()
    done: Counter = Counter()
    open_now: Counter = Counter()
    for year in range(first.year - 1, last.year + 1):
        for r in service.requests(year, limit=_ALL):
            if first <= r.day <= last:
                received[r.kind] += 1
            if r.done_day is not None and first <= r.done_day <= last:
                done[r.kind] += 1
            if r.day <= last and r.status not in ("已办结", "退回") and (r.done_day is None or r.done_day > last):
                open_now[r.kind] += 1
    part = NoticeTable("三、便民服务代办情况", ["事项", "本期受理", "本期办结", "期末在办"], [6, 2, 2, 2])
    kinds = sorted(set(received) | set(done) | set(open_now), key=lambda k: (-received[k], k))
    for kind in kinds:
        part.rows.append([kind, str(received[kind]), str(done[kind]), str(open_now[kind])])
    if kinds:
        part.rows.append(["合计", str(sum(received.values())), str(sum(done.values())),
                          str(sum(open_now.values()))])
    else:
        part.notes.append("本期没有便民服务代办事项。")
    return part


def build_notice(service, first: date, last: date, period: str, issued: date | None = None) -> Notice:
    """The village's 村务公示 for ``first``–``last`` (``period`` names it: ``"2026年11月"``).

    Args:
        service: The open village.
        first: First day of the period published.
        last: Last day of it.
        period: The period as printed in the title.
        issued: The day the notice is issued and its 公示期 starts; today by default.
    """
    settings = service.settings()
    issued = issued or clock.today()
    days = max(int(settings.notice_days or 7), 1)
    village = settings.name
    issuers = [f"{village}村民委员会"]
    if settings.notice_party_branch:
        issuers.append(f"{village}党支部")
    intro = (f"根据《中华人民共和国村民委员会组织法》和村务公开的有关规定，现将{village}{period}"
             f"村务有关事项公示如下，接受全体村民监督。")
    return Notice(f"{village}{period}村务公示", intro,
                  [matters_part(service, village, first, last), ledger_part(service, first, last),
                   desk_part(service, first, last)],
                  issued, issued + timedelta(days=days - 1), settings.supervision_phone, issuers, issued)
