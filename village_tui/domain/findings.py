"""A finding: the result of checking one rule for one subject (a day, a cadre, a household, an item)."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from datetime import date
from typing import Any

MET, MISSED, OPEN = "met", "missed", "open"
STATUSES = (MET, MISSED, OPEN)
STATUS_TEXT = {MET: "符合", MISSED: "不符合", OPEN: "进行中"}

# The clause of the county notice each rule comes from (田委组综〔2014〕31号).
CLAUSES = {
    "R1": "二、3", "R2": "二、3", "R3": "二、3", "R4": "二、3",
    "R5": "二、4", "R6": "二、4", "R7": "二、4", "R8": "二、4",
    "R9": "二、5", "R10": "二、5", "R11": "二、6", "R12": "二、7",
    "R13": "二、8", "R14": "二、2", "R15": "二、1", "R16": "三、(三)",
}

RULE_TITLES = {
    "R1": "每天至少1名村干部在村部坐班",
    "R2": "特殊时期两委成员全部在岗在位",
    "R3": "书记、主任带头在岗在位",
    "R4": "事务较少的村经乡镇商定可轮班",
    "R5": "任期第一年村主干走访遍所有农户",
    "R6": "村主干每月入户走访不少于10户",
    "R7": "其他村干部每年走访责任片（组）内农户不少于2次",
    "R8": "外出务工经商农户用电话保持联系",
    "R9": "建立民情台账，每月召开民情分析会",
    "R10": "超出村级职责的问题报送乡镇、县",
    "R11": "有帮带能力的村干部每人帮带3-5户",
    "R12": "每人结对帮扶困难群众1户以上，每月至少走访1次",
    "R13": "便民服务室受理代办村民申办事项",
    "R14": "五事：干群议事、集体定事、承诺干事、村民监事、考评亮事",
    "R15": "六要：村民知道、参与、作主、监督、满意",
    "R16": "年度考核",
}

# The fields that name a finding's subject, per judged rule (``check`` prints only these).
SUBJECT_FIELDS = {
    "R1": ("date",), "R2": ("date", "cadre"), "R3": ("cadre",), "R5": ("cadre", "household"),
    "R6": ("cadre",), "R7": ("cadre", "household"), "R9": ("date",), "R10": ("date", "item"), "R11": ("cadre",),
    "R12": ("cadre", "household"), "R13": ("date", "item"), "R14": ("date", "item"),
}
_SUBJECTS = ("cadre", "household", "date", "item")


@dataclass
class Finding:
    """One rule checked for one subject.

    Attributes:
        rule: ``"R1"`` … ``"R16"``.
        ok: False only when the rule is definitively missed (``status == "missed"``).
        cadre: The cadre's name, when the finding is about a cadre.
        household: The household's 户编号, when about a household.
        date: The day, when about a day.
        item: The ledger or request number, when about an item.
        required: What the rule asks for (a count, the minimum), when it counts;
            0 for a period noted but not judged (R12 with fewer than 15 days).
        actual: What was found.
        detail: A Chinese sentence explaining the finding.
        status: ``"met"``, ``"missed"`` or ``"open"`` (the period has not ended and
            the requirement can still be met). Left empty, it follows ``ok``;
            given, it sets ``ok``.
        cadre_id: The cadre's id beside the name (two cadres may share a name).
        household_id: The household's id beside the 户编号.
        required_max: The most the rule allows (R11: 5 households), when it has a maximum.
    """

    rule: str
    ok: bool
    cadre: str | None = None
    household: str | None = None
    date: date | None = None
    item: str | None = None
    required: int | None = None
    actual: int | None = None
    detail: str = ""
    status: str = ""
    cadre_id: int | None = None
    household_id: int | None = None
    required_max: int | None = None

    def __post_init__(self) -> None:
        if not self.status:
            self.status = MET if self.ok else MISSED
        self.ok = self.status != MISSED

    @property
    def is_open(self) -> bool:
        """True while the period runs and the requirement can still be met."""
        return self.status == OPEN

    @property
    def clause(self) -> str:
        """The clause of the notice the rule comes from."""
        return CLAUSES.get(self.rule, "")

    def to_json(self) -> dict:
        """The finding as ``check --json`` prints it (dates as YYYY-MM-DD)."""
        # Every field is a plain value (text, number, truth, day): read directly, without asdict()'s
        # deep copy of each one; the day is written as text.
        body = {name: getattr(self, name) for name in _FIELD_NAMES}
        body["date"] = self.date.isoformat() if self.date else None
        return body


#: The fields of a finding in their order, as ``to_json`` writes them.
_FIELD_NAMES = tuple(f.name for f in fields(Finding))


def subject_only(finding: Finding) -> Finding:
    """A copy with only the rule's subject fields set (R9 per month, R10 per item, ...).

    A handler or household dropped from an item's finding is kept in the
    detail, so nothing the areas said is lost.
    """
    keep = SUBJECT_FIELDS.get(finding.rule)
    if keep is None:
        return finding
    dropped: dict[str, Any] = {name: None for name in _SUBJECTS if name not in keep and getattr(finding, name) is not None}
    if "cadre" not in keep and finding.cadre_id is not None:
        dropped["cadre_id"] = None
    if "household" not in keep and finding.household_id is not None:
        dropped["household_id"] = None
    if not dropped:
        return finding
    extra = []
    if "item" in keep:
        if finding.cadre:
            extra.append(f"经办人：{finding.cadre}")
        if finding.household:
            extra.append(f"户编号：{finding.household}")
    detail = finding.detail + (f"（{'，'.join(extra)}）" if extra else "")
    return replace(finding, **dropped, detail=detail)
