"""The county 民情处理中心's desk: the township's desk one level up.

A county's folder is a data folder like a township's (the same store, journal, audit, lock,
backups and signing key) whose settings say ``level="县"``. Its records are the items its
townships forwarded (上报县), one per (township, village, item number), read from the townships'
forwarding packages; its answers go down to each township in a reply package, which the
township passes on to the village in its next ``send``.
"""

from __future__ import annotations

from village_tui.domain import township as T
from village_tui.domain.errors import DomainError
from village_tui.domain.models import TownshipItem, VillageSettings
from village_tui.domain.validation import validate_required, validate_text
from village_tui.service.township import TownshipDesk

DEFAULT_COUNTY_OPERATOR = "县民情处理中心"
# What the township's forwarding package decides about an item (the rest is the county's own).
TOWNSHIP_FIELDS = ("category", "content", "village_day", "escalated_on", "office", "level", "forward_note")


class CountyDesk(TownshipDesk):
    """The county's desk over its own data folder: receive forwarded items, list, reply, send down."""

    UPSTREAM_FIELDS = TOWNSHIP_FIELDS
    ACTIONS = T.COUNTY_ACTIONS
    BELOW_WORD = "乡镇"

    @property
    def operator_name(self) -> str:
        """Who the audit log names: the operator given, the settings' desk operator, or the centre."""
        return self.desk_operator or self.settings().desk_operator or DEFAULT_COUNTY_OPERATOR

    def check_is_desk(self) -> None:
        """Refuse a folder that holds a village or a township, not a county.

        Raises:
            DomainError: The folder is set up as another level.
        """
        settings = self.records.settings()
        if settings is not None and settings.level != "县":
            raise DomainError(f"{self.folder.path} 是{settings.name or '一个村'}（{settings.level}）的数据文件夹，"
                              "不是县的；县的命令请用县民情处理中心的数据文件夹")

    def set_up_county(self, county: str, operator: str = "") -> VillageSettings:
        """The settings of a new county folder (saved by the first receive), with its signing key."""
        county = validate_required(county, "county", "县", 40)
        operator = validate_text(operator, "operator", "经办人", 20)
        settings = VillageSettings(name=county, county=county, level="县", groups=[], started_on=self.today,
                                   desk_operator=operator)
        self.key_for_set_up(settings)
        return settings

    @staticmethod
    def unit_below(item: TownshipItem) -> str:
        """A county's answers go down to the township that forwarded the item."""
        return item.township

    def level_columns(self, item: TownshipItem) -> dict:
        """``county list``'s own column: the township that forwarded the item."""
        return {"township": item.township}

    def rows(self) -> list[dict]:
        """Each item as ``county list`` shows it, the longest waiting first."""
        return sorted(super().rows(), key=lambda r: (-r["waiting_days"], r["township"], r["village"], r["item"]))
