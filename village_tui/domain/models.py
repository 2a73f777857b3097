"""Domain records of the village workbench.

Plain dataclasses with no knowledge of storage or screens. Dates are
``datetime.date``; ids are assigned by the store: reference records get an
``int`` id, records kept per year get a ``str`` id ``"YYYY-N"``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TypeVar

from village_tui.domain.dated import DatedFlag, DatedTags, DatedText, Term, value_on

ROLES = ("书记", "主任", "书记兼主任", "副书记", "副主任", "委员")
MAIN_ROLES = frozenset({"书记", "主任", "书记兼主任"})
NEED_TAGS = ("孤寡老人", "留守儿童", "残疾人", "病灾户", "低保户", "信访重点户")
VISIT_WAYS = ("入户", "电话", "来访")
DUTY_MODES = ("坐班", "轮班")
PAIRING_KINDS = ("帮扶", "帮带")
HELP_KINDS = ("资金", "技术", "市场", "信息", "其他")
LEDGER_SOURCES = ("走访", "来访", "收集点", "电话", "分析会")
LEDGER_CATEGORIES = ("增收致富", "子女上学", "饮水", "行路", "住房", "矛盾纠纷", "医疗", "低保救助", "其他")
LEDGER_STATUSES = ("受理", "办理中", "已办结", "退回")
LEVELS = ("村", "乡镇", "县")
SATISFACTION = ("满意", "基本满意", "不满意")
MATTER_STEPS = ("干群议事", "集体定事", "承诺干事", "村民监事", "考评亮事")
REQUEST_TYPES = ("婚育证件", "户口迁移", "医疗保险", "农村低保", "建房审批", "涉农补贴", "党员组织关系接转")
REQUEST_STATUSES = ("已受理", "办理中", "已办结", "退回")


_IdT = TypeVar("_IdT", int, str)


def saved_id(record_id: _IdT | None) -> _IdT:
    """The id of a record kept in the folder (the ``key`` of every record class).

    Raises:
        ValueError: The record was never saved (it has no id yet).
    """
    if record_id is None:
        raise ValueError("not saved yet: no id")
    return record_id


@dataclass(slots=True)
class VillageSettings:
    """The village itself and its editable lists.

    Attributes:
        name: Village name (村名).
        township: Township (乡镇).
        county: County (县).
        groups: Village groups (村民小组) in display order, e.g. ``["1组", "2组"]``.
        duty_mode: ``"坐班"`` (someone sits every day) or ``"轮班"`` (agreed rotation, R4).
        ledger_categories: Categories of ledger items (editable).
        category_due_days: Default days to resolve a ledger item, per category.
        request_types: Service desk request types (editable).
        request_checklists: Documents required per request type.
        request_due_days: Default days to finish a service request.
        last_operator_id: The cadre who last signed in, pre-selected next time.
        locked_before: Records dated before this day are locked (set by export).
        assessment_weights: Weight of each measure of the yearly assessment (R16),
            e.g. ``{"R6": 2}``; a measure not named weighs 1 (equal weights).
        notice_days: How many days a 村务公示 stays posted (公示期), 7 by default.
        supervision_phone: The 监督电话 printed on the 公示 ("" leaves a line to write it in).
        notice_party_branch: Whether the 公示 is signed by the 村党支部 beside the 村民委员会.
        started_on: The day the village was set up in the program, stored at set-up (moved
            earlier to the earliest imported record when history is imported). The village's
            obligations start then: earlier days are not judged. None in folders from before
            it was kept: the earliest record stands in.
        level: The unit this folder belongs to: ``"村"`` (a village), ``"乡镇"`` (a township's
            民情处理站) or ``"县"`` (a county's 民情处理中心).
        reply_due_days: A township's or county's days to reply to an escalated item, per
            category (``DEFAULT_REPLY_DAYS`` for a category not named).
        desk_operator: Who works a township's or county's desk when no operator is named.
        reply_sequences: In a township or county, the sequence number of the last reply package
            sent to each unit below (village name → number); in a village, of the last one applied
            from each unit above.
        signing_key: The public half of the folder's Ed25519 signing key (hexadecimal), made at set-up;
            the private half stays in the folder's key file, which only the store reads.
        trusted_keys: The public keys of the units this folder receives packages from (``村:桃源村``,
            ``乡镇:均溪镇``, ``县:大田县`` → hexadecimal), the first one seen from each, or one
            accepted on purpose after a phone call.
    """

    name: str = ""
    township: str = ""
    county: str = ""
    groups: list[str] = field(default_factory=list)
    duty_mode: str = "坐班"
    ledger_categories: list[str] = field(default_factory=lambda: list(LEDGER_CATEGORIES))
    category_due_days: dict[str, int] = field(default_factory=dict)
    request_types: list[str] = field(default_factory=lambda: list(REQUEST_TYPES))
    request_checklists: dict[str, list[str]] = field(default_factory=dict)
    request_due_days: int = 20
    last_operator_id: int | None = None
    locked_before: date | None = None
    assessment_weights: dict[str, float] = field(default_factory=dict)
    notice_days: int = 7
    supervision_phone: str = ""
    notice_party_branch: bool = False
    started_on: date | None = None
    level: str = "村"
    reply_due_days: dict[str, int] = field(default_factory=dict)
    desk_operator: str = ""
    reply_sequences: dict[str, int] = field(default_factory=dict)
    signing_key: str = ""
    trusted_keys: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class Leave:
    """A period a cadre is away (on leave, training, sick)."""

    start: date
    end: date
    reason: str = ""


@dataclass(slots=True)
class CancelledLeave:
    """A leave cancelled with a reason (entered by mistake or cut short); kept so it can be restored.

    Attributes:
        start: The first day of the leave as it was.
        end: The last day of the leave as it was.
        reason: The leave's own 事由.
        cancelled_on: The day it was cancelled.
        cancel_reason: Why it was cancelled (撤销原因).
    """

    start: date
    end: date
    reason: str = ""
    cancelled_on: date | None = None
    cancel_reason: str = ""

    def as_leave(self) -> Leave:
        """The leave as it was before it was cancelled."""
        return Leave(self.start, self.end, self.reason)


@dataclass(slots=True)
class Cadre:
    """A member of the 两委 (村干部).

    Attributes:
        name: Full name.
        role: One of ``ROLES``.
        term_start: First day of the current term; its first year triggers R5.
        term_end: Last day in office, or ``None`` while serving.
        groups: Village groups this cadre is responsible for (R7).
        can_mentor: Able to mentor households toward prosperity (R11).
        phone: Mobile or landline.
        leaves: Periods on leave, skipped by the duty rotation.
        cancelled_leaves: Leaves cancelled with a reason; they count for nothing and can be restored.
        initials: Pinyin initials of the name under every reading, for search.
        archived_on: The day the cadre was archived: from that day on nothing is
            asked of them (earlier days keep their obligations).
        role_history: Dated roles (the plain ``role`` is the latest).
        groups_history: Dated responsibility groups (the plain ``groups`` is the latest).
        mentor_history: Dated 帮带 ability (the plain ``can_mentor`` is the latest).
        past_terms: Earlier terms of office; ``term_start``/``term_end`` are the current one.
    """

    name: str
    role: str
    term_start: date
    term_end: date | None = None
    groups: list[str] = field(default_factory=list)
    can_mentor: bool = False
    phone: str = ""
    leaves: list[Leave] = field(default_factory=list)
    cancelled_leaves: list[CancelledLeave] = field(default_factory=list)
    initials: list[str] = field(default_factory=list)
    archived: bool = False
    archive_reason: str = ""
    archived_on: date | None = None
    role_history: list[DatedText] = field(default_factory=list)
    groups_history: list[DatedTags] = field(default_factory=list)
    mentor_history: list[DatedFlag] = field(default_factory=list)
    past_terms: list[Term] = field(default_factory=list)
    id: int | None = None

    @property
    def key(self) -> int:
        """The id of a cadre kept in the folder (rules and lists read only kept ones).

        Raises:
            ValueError: The cadre was never saved.
        """
        return saved_id(self.id)

    @property
    def is_main(self) -> bool:
        """True for the secretary and the director (村主干), by the current role."""
        return self.role in MAIN_ROLES

    def role_on(self, day: date) -> str:
        """The role the cadre held on ``day``."""
        return value_on(self.role_history, day, self.role)

    def is_main_on(self, day: date) -> bool:
        """Whether the cadre was a main cadre (村主干) on ``day``."""
        return self.role_on(day) in MAIN_ROLES

    def groups_on(self, day: date) -> list[str]:
        """The groups the cadre was responsible for on ``day``."""
        return value_on(self.groups_history, day, self.groups)

    def can_mentor_on(self, day: date) -> bool:
        """Whether the cadre was marked able to mentor (帮带) on ``day``."""
        return value_on(self.mentor_history, day, self.can_mentor)

    @property
    def gone(self) -> bool:
        """Archived before archive days were kept, without a last day: taken as never in office."""
        return self.archived and self.archived_on is None and self.term_end is None

    def active_on(self, day: date) -> bool:
        """Whether the cadre is in office on ``day``: in a term, and before the archive day."""
        if self.archived_on is not None and day >= self.archived_on:
            return False
        if self.term_start <= day and (self.term_end is None or day <= self.term_end):
            return True
        return any(t.start <= day <= t.end for t in self.past_terms)

    def terms(self) -> list[tuple[date, date | None]]:
        """Every term, earlier ones first, as ``(first day, last day or None)``; the archive day ends one."""
        found: list[tuple[date, date | None]] = [(t.start, t.end) for t in self.past_terms]
        found.append((self.term_start, self.term_end))
        if self.archived_on is None:
            return found
        cut = self.archived_on - timedelta(days=1)
        return [(s, cut if e is None or e > cut else e) for s, e in found if s <= cut]

    def days_in_office(self, first: date, last: date) -> int:
        """How many days from ``first`` to ``last`` the cadre was in office."""
        if self.gone:
            return 0
        total = 0
        for start, end in self.terms():
            low, high = max(first, start), min(last, end or last)
            total += max(0, (high - low).days + 1)
        return total

    def on_leave(self, day: date) -> bool:
        """Whether the cadre is on leave on ``day``."""
        return any(leave.start <= day <= leave.end for leave in self.leaves)


@dataclass(slots=True)
class GroupMove:
    """An earlier group of a household that moved: it was in ``group`` until the day before ``until``."""

    until: date
    group: str


@dataclass(slots=True)
class Household:
    """A household (户) of the village.

    Attributes:
        code: 户编号, unique in the village.
        head: Head of household (户主).
        id_number: Resident ID number of the head (GB 11643-1999).
        group: Current village group.
        members: Number of people.
        phone: Mobile or landline.
        away: Away working or trading (外出务工/经商): phone visits count (R8).
        needs: Need tags from ``NEED_TAGS``.
        address: Address.
        group_history: Earlier groups of a household that moved; ``group`` is the current one.
        initials: Pinyin initials of the head's name under every reading.
        registered_on: The day the household was registered in the village; None
            when it was there before every record.
        left_on: The day it moved out or was archived: from that day on it is
            not in residence (earlier days keep their obligations).
        away_history: Dated 外出 marks (the plain ``away`` is the latest).
        needs_history: Dated hardship categories (the plain ``needs`` is the latest).
    """

    code: str
    head: str
    group: str
    id_number: str = ""
    members: int = 1
    phone: str = ""
    away: bool = False
    needs: list[str] = field(default_factory=list)
    address: str = ""
    group_history: list[GroupMove] = field(default_factory=list)
    initials: list[str] = field(default_factory=list)
    archived: bool = False
    archive_reason: str = ""
    registered_on: date | None = None
    left_on: date | None = None
    away_history: list[DatedFlag] = field(default_factory=list)
    needs_history: list[DatedTags] = field(default_factory=list)
    id: int | None = None

    @property
    def key(self) -> int:
        """The id of a household kept in the folder (rules and lists read only kept ones).

        Raises:
            ValueError: The household was never saved.
        """
        return saved_id(self.id)

    def away_on(self, day: date) -> bool:
        """Whether the household was away working or trading (外出) on ``day``."""
        return value_on(self.away_history, day, self.away)

    def needs_on(self, day: date) -> list[str]:
        """The hardship categories the household had on ``day``."""
        return value_on(self.needs_history, day, self.needs)

    def resident_on(self, day: date) -> bool:
        """Whether the household lived in the village on ``day`` (registered, not yet moved out)."""
        if self.registered_on is not None and day < self.registered_on:
            return False
        if self.left_on is not None:
            return day < self.left_on
        return not self.archived  # archived before archive days were kept: taken as gone

    def resident_days(self, first: date, last: date) -> int:
        """How many days from ``first`` to ``last`` the household lived in the village."""
        if self.archived and self.left_on is None:
            return 0
        low = max(first, self.registered_on or first)
        high = last if self.left_on is None else min(last, self.left_on - timedelta(days=1))
        return max(0, (high - low).days + 1)

    def group_on(self, day: date) -> str:
        """The group the household belonged to on ``day``."""
        for move in sorted(self.group_history, key=lambda m: m.until):
            if day < move.until:
                return move.group
        return self.group


@dataclass(slots=True)
class SpecialPeriod:
    """A special period (防火, 防汛, 抗震减灾, key campaign) when every cadre is on duty (R2)."""

    start: date
    end: date
    reason: str
    cancelled: bool = False
    id: int | None = None

    @property
    def key(self) -> int:
        """The id of a special period kept in the folder.

        Raises:
            ValueError: The special period was never saved.
        """
        return saved_id(self.id)

    def covers(self, day: date) -> bool:
        """Whether ``day`` falls in the period."""
        return not self.cancelled and self.start <= day <= self.end


@dataclass(slots=True)
class SignIn:
    """A cadre's duty sign-in on a day."""

    cadre_id: int
    time: str = ""
    visitors: int = 0
    note: str = ""


@dataclass(slots=True)
class Swap:
    """A duty swap: ``from_id`` hands the day to ``to_id``."""

    from_id: int
    to_id: int
    reason: str


@dataclass(slots=True)
class DutyDay:
    """The duty record of one day: who was rostered and who actually sat."""

    day: date
    rostered: list[int] = field(default_factory=list)
    signins: list[SignIn] = field(default_factory=list)
    swaps: list[Swap] = field(default_factory=list)
    note: str = ""
    id: str | None = None

    @property
    def key(self) -> str:
        """The id of a duty day kept in the folder.

        Raises:
            ValueError: The duty day was never saved.
        """
        return saved_id(self.id)

    def signed_in(self) -> set[int]:
        """Ids of cadres who signed in for duty that day."""
        return {s.cadre_id for s in self.signins}


@dataclass(slots=True)
class Visit:
    """A household visit (入户走访), by phone for households away, or a visit received.

    Attributes:
        day: Date of the visit.
        cadre_id: The visiting cadre.
        household_id: The household visited.
        way: One of ``VISIT_WAYS``.
        learned: What was learned (情况).
        requests: What the household asked for (诉求).
        dispute: A dispute was mediated (矛盾纠纷).
        calmed: Feelings were calmed (情绪疏导).
        help_given: Help given on a pairing visit.
        ledger_item_id: The ledger item this visit's request became.
    """

    day: date
    cadre_id: int
    household_id: int
    way: str = "入户"
    learned: str = ""
    requests: str = ""
    dispute: bool = False
    calmed: bool = False
    help_given: str = ""
    ledger_item_id: str | None = None
    cancelled: bool = False
    cancel_reason: str = ""
    id: str | None = None

    @property
    def key(self) -> str:
        """The id of a visit kept in the folder (``"2026-0042"``).

        Raises:
            ValueError: The visit was never saved.
        """
        return saved_id(self.id)


@dataclass(slots=True)
class Pairing:
    """A pairing of a cadre with a household: 帮扶 (needy, R12) or 帮带 (mentoring, R11)."""

    cadre_id: int
    household_id: int
    kind: str
    start: date
    end: date | None = None
    help_planned: list[str] = field(default_factory=list)
    goals: str = ""
    cancelled: bool = False
    cancel_reason: str = ""
    id: int | None = None

    @property
    def key(self) -> int:
        """The id of a pairing kept in the folder.

        Raises:
            ValueError: The pairing was never saved.
        """
        return saved_id(self.id)

    def active_on(self, day: date) -> bool:
        """Whether the pairing is in force on ``day``."""
        if self.cancelled or day < self.start:
            return False
        return self.end is None or day <= self.end


@dataclass(slots=True)
class Escalation:
    """One step of a ledger item up to the township 民情处理站 or county 民情处理中心."""

    level: str
    day: date
    office: str = ""
    reply: str = ""
    reply_day: date | None = None
    signer: str = ""


@dataclass(slots=True)
class StatusChange:
    """A change of a ledger item's status."""

    day: date
    status: str
    note: str = ""


@dataclass(slots=True)
class LedgerItem:
    """An item of the residents' concern ledger (民情台账).

    The id is the ledger number ``"2026-0042"``.
    """

    day: date
    source: str
    category: str
    content: str
    household_id: int | None = None
    reporter: str = ""
    handler_id: int | None = None
    due: date | None = None
    status: str = "受理"
    level: str = "村"
    escalations: list[Escalation] = field(default_factory=list)
    history: list[StatusChange] = field(default_factory=list)
    result: str = ""
    feedback: str = ""
    satisfaction: str = ""
    closed_day: date | None = None
    sensitive: bool = False
    visit_id: str | None = None
    cancelled: bool = False
    cancel_reason: str = ""
    id: str | None = None

    @property
    def key(self) -> str:
        """The id of a ledger item kept in the folder (``"2026-0042"``).

        Raises:
            ValueError: The ledger item was never saved.
        """
        return saved_id(self.id)

    @property
    def is_open(self) -> bool:
        """Open items still need work (not closed, returned or cancelled)."""
        return not self.cancelled and self.status not in ("已办结", "退回")


@dataclass(slots=True)
class MeetingDecision:
    """What the monthly meeting decided on one ledger item."""

    item_id: str
    decision: str = ""
    handler_id: int | None = None
    due: date | None = None
    action: str = ""


@dataclass(slots=True)
class Meeting:
    """A monthly 民情分析会 (R9)."""

    day: date
    attendees: list[int] = field(default_factory=list)
    decisions: list[MeetingDecision] = field(default_factory=list)
    minutes: str = ""
    id: str | None = None

    @property
    def month(self) -> str:
        """The month the meeting belongs to, ``YYYY-MM``."""
        return f"{self.day.year:04d}-{self.day.month:02d}"


@dataclass(slots=True)
class MatterStep:
    """One of the five steps (五事) of a matter, with what each step records."""

    step: str
    day: date
    participants: list[str] = field(default_factory=list)
    villagers: int = 0
    content: str = ""
    outcome: str = ""
    votes_for: int | None = None
    votes_against: int | None = None
    responsible_id: int | None = None
    promised: date | None = None
    supervisors: list[str] = field(default_factory=list)
    findings: str = ""
    evaluation: str = ""
    satisfaction: str = ""
    posted_from: date | None = None
    posted_to: date | None = None


@dataclass(slots=True)
class Matter:
    """A village matter decided through the five steps (R14)."""

    title: str
    category: str
    steps: list[MatterStep] = field(default_factory=list)
    cancelled: bool = False
    cancel_reason: str = ""
    id: int | None = None

    @property
    def key(self) -> int:
        """The id of a matter kept in the folder.

        Raises:
            ValueError: The matter was never saved.
        """
        return saved_id(self.id)


@dataclass(slots=True)
class ServiceRequest:
    """A resident's application at the service desk (农事村办, R13).

    The id is the receipt number ``"2026-0007"``.
    """

    day: date
    kind: str
    household_id: int | None = None
    applicant: str = ""
    handler_id: int | None = None
    status: str = "已受理"
    due: date | None = None
    done_day: date | None = None
    documents: dict[str, bool] = field(default_factory=dict)
    note: str = ""
    cancelled: bool = False
    cancel_reason: str = ""
    id: str | None = None

    @property
    def key(self) -> str:
        """The id of a request kept in the folder.

        Raises:
            ValueError: The request was never saved.
        """
        return saved_id(self.id)

    @property
    def is_open(self) -> bool:
        """Open requests are neither done, returned nor cancelled."""
        return not self.cancelled and self.status not in ("已办结", "退回")


@dataclass(slots=True)
class AuditEntry:
    """One change in the audit log: who, when, what, before and after."""

    seq: int
    time: str
    operator: str
    action: str
    kind: str
    record_id: str
    before: dict | None = None
    after: dict | None = None
    reason: str = ""
    prev_hash: str = ""
    hash: str = ""


@dataclass(slots=True)
class TownshipItem:
    """A village's ledger item escalated to a township (or county), as the township's desk keeps it.

    Keyed by the village and the item's number (which the village never reuses); what the village
    sent is replaced by each later export, what the desk decided is the desk's own.

    Attributes:
        village: The village's name.
        item: The village's ledger number, ``"2026-0042"``.
        category: The item's category.
        content: The content, masked as in exports (sensitive items hidden).
        village_day: The day the village registered it.
        escalated_on: The day the village escalated it to the township.
        office: The office it was sent to.
        level: The level that holds it as the village last reported (乡镇 or 县).
        village_status: The item's status in the village.
        village_due: The village's own due day.
        history: The village's status changes of the item.
        escalations: The village's escalation steps of the item, with the replies it recorded.
        export_time: The time of the export it last came from (``2026-11-27 09:30:05``).
        received_on: The day it was last received.
        status: The desk's state: 待答复, 已答复, 已办结, 已退回 or 已转县.
        reply: The desk's reply (or reason of a return) to the village.
        reply_day: The day of that reply.
        signer: Who signed the reply.
        forwarded: The day the desk forwarded it to the county (the township's clock stops).
        forward_note: The note sent with it to the county.
        unsent: A reply not yet sent back to the village in a package.
        extended_to: The reply due day moved by 延期, or None.
        extend_reason: Why it was moved.
        township: At a county's desk, the township that sent it up ("" at a township's desk).
        forward_unsent: At a township, an item forwarded to the county not yet sent up in a package.
        county_status: The county's answer as the township received it (已答复, 已办结, 已退回; "" while none).
        county_reply: The county's reply.
        county_reply_day: Its day.
        county_signer: Who signed it at the county.
        id: The record's number in the desk's folder.
    """

    village: str
    item: str
    category: str
    content: str
    village_day: date
    escalated_on: date
    office: str = ""
    level: str = "乡镇"
    village_status: str = ""
    village_due: date | None = None
    history: list[StatusChange] = field(default_factory=list)
    escalations: list[Escalation] = field(default_factory=list)
    export_time: str = ""
    received_on: date | None = None
    status: str = "待答复"
    reply: str = ""
    reply_day: date | None = None
    signer: str = ""
    forwarded: date | None = None
    forward_note: str = ""
    unsent: bool = False
    extended_to: date | None = None
    extend_reason: str = ""
    township: str = ""
    forward_unsent: bool = False
    county_status: str = ""
    county_reply: str = ""
    county_reply_day: date | None = None
    county_signer: str = ""
    id: int | None = None
