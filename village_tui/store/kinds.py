"""The kinds of record a data folder keeps, and the ids of yearly records."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from village_tui.domain import models as m
from village_tui.domain.errors import NotFoundError


@dataclass(frozen=True)
class Kind:
    """A kind of record and where it is kept.

    Attributes:
        name: Table name (also the file name for yearly kinds).
        cls: The domain dataclass.
        label: Chinese name, for messages and the audit log.
        date_field: For yearly kinds, the date that picks the year.
        level: The unit whose folder holds it: 村 (a village), 乡镇 (a township's or a county's desk).
        yearly: True for kinds kept in one file per year (those with a ``date_field``). A field set
            once, not a property: every save asks it several times.
    """

    name: str
    cls: type
    label: str
    date_field: str | None = None
    level: str = "村"
    yearly: bool = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "yearly", self.date_field is not None)

    @property
    def year_field(self) -> str:
        """The date field that picks a yearly record's year.

        Raises:
            TypeError: The kind is kept in the reference file, not by year.
        """
        if self.date_field is None:
            raise TypeError(f"{self.name} is not kept by year")
        return self.date_field

    def day_of(self, record: Any) -> date:
        """The date that picks the year of a record of this yearly kind."""
        day: date = getattr(record, self.year_field)
        return day


KINDS: dict[str, Kind] = {k.name: k for k in (
    Kind("cadres", m.Cadre, "干部"),
    Kind("households", m.Household, "农户"),
    Kind("special_periods", m.SpecialPeriod, "特殊时期"),
    Kind("pairings", m.Pairing, "结对"),
    Kind("matters", m.Matter, "五事"),
    Kind("duty", m.DutyDay, "值班", "day"),
    Kind("visits", m.Visit, "走访", "day"),
    Kind("ledger", m.LedgerItem, "民情", "day"),
    Kind("meetings", m.Meeting, "分析会", "day"),
    Kind("requests", m.ServiceRequest, "便民服务", "day"),
    Kind("township_items", m.TownshipItem, "乡镇民情事项", level="乡镇"),
)}
VILLAGE_KINDS: dict[str, Kind] = {name: kind for name, kind in KINDS.items() if kind.level == "村"}
SETTINGS_TABLE = "settings"


def kind_of(obj: Any) -> Kind:
    """The kind of a domain record."""
    for kind in KINDS.values():
        if type(obj) is kind.cls:
            return kind
    raise TypeError(f"not a stored record: {type(obj).__name__}")


def yearly_id(year: int, doc_id: int) -> str:
    """The id of a yearly record: ``"2026-0042"``."""
    return f"{year:04d}-{doc_id:04d}"


def split_yearly_id(record_id: str) -> tuple[int, int]:
    """``"2026-0042"`` → ``(2026, 42)``.

    Raises:
        NotFoundError: The id is not of that form.
    """
    try:
        year, number = str(record_id).split("-")
        return int(year), int(number)
    except ValueError:
        raise NotFoundError(f"编号格式不对：{record_id}") from None
