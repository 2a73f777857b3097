"""The demo village's people: settings, cadres (with who falls short) and households."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from village_tui.demo.names import MULTI_READING_SURNAMES, NameMaker
from village_tui.domain.dates import add_years
from village_tui.domain.models import (LEDGER_CATEGORIES, NEED_TAGS, REQUEST_TYPES, Cadre, GroupMove, Household,
                                       Leave, VillageSettings)
from village_tui.domain.pinyin import name_initials

VILLAGE, TOWNSHIP, COUNTY = "桃源村", "均溪镇", "大田县"
# Seed 1 is 桃源村; other seeds name other villages of the township, so a township review of several
# demo villages tells them apart.
OTHER_VILLAGES = ("杏花村", "李家庄", "石牌村", "上坪村", "东坑村", "湖美村", "新丰村", "溪口村", "龙门村")


def village_name(seed: int) -> str:
    """The demo village's name for a seed: 桃源村 for seed 1, others for other seeds."""
    return VILLAGE if seed == 1 else OTHER_VILLAGES[(seed - 2) % len(OTHER_VILLAGES)]

# scale -> (households, groups, roles of the serving cadres)
SCALES: dict[str, tuple[int, int, tuple[str, ...]]] = {
    "small": (200, 4, ("书记", "主任", "副主任", "委员", "委员")),
    "large": (3000, 12, ("书记", "主任", "副书记", "副主任", "委员", "委员", "委员", "委员", "委员")),
}

_DUE_DAYS = {"增收致富": 60, "子女上学": 30, "饮水": 15, "行路": 45, "住房": 60, "矛盾纠纷": 15,
             "医疗": 20, "低保救助": 30, "其他": 30}
_CHECKLISTS = {
    "婚育证件": ["身份证", "户口簿", "结婚证"], "户口迁移": ["身份证", "户口簿", "准迁证"],
    "医疗保险": ["身份证", "户口簿"], "农村低保": ["申请书", "身份证", "户口簿", "收入证明"],
    "建房审批": ["申请书", "户口簿", "宅基地证明", "四邻意见"], "涉农补贴": ["身份证", "银行卡"],
    "党员组织关系接转": ["介绍信", "党员证明"],
}


@dataclass
class Roles:
    """Which demo cadres play which part, so that the other generators know who falls short.

    Attributes:
        secretary: The newly elected secretary (first term year runs in the data).
        former: The secretary before the last election, or None.
        director: The director; in some months visits only 7 households (R6).
        skipper: A 委员 who neglects his second group (R7).
        pairing_misser: A cadre who misses pairing visits in some months (R12).
        short_mentor: A mentor with only two 帮带 households (R11).
        mentors: Cadres who mentor households.
    """

    secretary: Cadre
    former: Cadre | None
    director: Cadre
    skipper: Cadre
    pairing_misser: Cadre
    short_mentor: Cadre
    mentors: list[Cadre] = field(default_factory=list)


def election_on_or_before(day: date) -> date:
    """The village election (every five years since 2021, in March) on or before ``day``."""
    year = day.year - (day.year - 2021) % 5
    election = date(year, 3, 20)
    return election if election <= day else date(year - 5, 3, 20)


def make_settings(groups: list[str], village: str = VILLAGE) -> VillageSettings:
    """The demo village's settings."""
    return VillageSettings(
        name=village, township=TOWNSHIP, county=COUNTY, groups=groups,
        ledger_categories=list(LEDGER_CATEGORIES), category_due_days=dict(_DUE_DAYS),
        request_types=list(REQUEST_TYPES), request_checklists={k: list(v) for k, v in _CHECKLISTS.items()},
        request_due_days=20)


class Initials:
    """Pinyin initials, computed once per distinct name (the dictionary lookup is slow)."""

    def __init__(self) -> None:
        self._cache: dict[str, list[str]] = {}

    def __call__(self, name: str) -> list[str]:
        found = self._cache.get(name)
        if found is None:
            found = self._cache[name] = name_initials(name)
        return list(found)


def make_cadres(scale: str, names: NameMaker, initials: Initials, groups: list[str], start: date,
                until: date) -> tuple[list[Cadre], Roles]:
    """The cadres in serving order (the former secretary, if any, last) and their parts."""
    rng = names.rng
    roles = SCALES[scale][2]
    latest = election_on_or_before(until)
    earlier = election_on_or_before(min(start, latest - timedelta(days=1)))
    cadres: list[Cadre] = []
    for index, role in enumerate(roles):
        male = rng.random() < (0.85 if role in ("书记", "主任") else 0.6)
        birth = names.birth_date(until, 32, 58)
        name = names.name(male, birth.year)
        cadres.append(Cadre(name=name, role=role, term_start=latest if index == 0 else earlier,
                            phone=names.mobile(), initials=initials(name)))
    others = cadres[2:]
    # Responsibility areas: the groups are shared out among the cadres who are not 村主干.
    for g_index, group in enumerate(groups):
        others[g_index % len(others)].groups.append(group)
    for cadre in others:
        cadre.groups.sort(key=groups.index)
    skipper = next(c for c in reversed(others) if len(c.groups) >= 2)
    mentors = [cadres[1], others[0], others[-1]]
    for cadre in mentors:
        cadre.can_mentor = True
    for cadre in cadres:
        _add_leaves(rng, cadre, max(start, cadre.term_start), until)
    former = None
    if latest > start:
        name = names.name(True, until.year - 60)
        former = Cadre(name=name, role="书记", term_start=earlier, term_end=latest - timedelta(days=1),
                       phone=names.mobile(), initials=initials(name), archived=True, archive_reason="换届离任",
                       archived_on=latest)
        cadres.append(former)
    parts = Roles(secretary=cadres[0], former=former, director=cadres[1], skipper=skipper,
                  pairing_misser=others[1], short_mentor=others[-1], mentors=mentors)
    return cadres, parts


def _add_leaves(rng: random.Random, cadre: Cadre, first: date, last: date) -> None:
    """About one leave (training, sick, family) a year."""
    day = first + timedelta(days=rng.randint(20, 300))
    while day < last:
        length = rng.randint(2, 7)
        reason = rng.choice(("参加县委党校培训", "病假", "事假", "陪护家人住院"))
        cadre.leaves.append(Leave(start=day, end=day + timedelta(days=length - 1), reason=reason))
        day += timedelta(days=rng.randint(250, 450))


def make_households(scale: str, names: NameMaker, initials: Initials, groups: list[str], until: date,
                    village: str = VILLAGE) -> list[Household]:
    """The households, group by group, with codes like ``03012`` and addresses like 均溪镇桃源村3组12号."""
    rng = names.rng
    total = SCALES[scale][0]
    weights = [rng.uniform(0.8, 1.2) for _ in groups]
    sizes = [int(total * w / sum(weights)) for w in weights]
    sizes[-1] += total - sum(sizes)
    households = []
    for g_index, (group, size) in enumerate(zip(groups, sizes), start=1):
        for number in range(1, size + 1):
            male = rng.random() < 0.82
            birth = names.birth_date(until, 26, 88)
            head = names.name(male, birth.year)
            members = 1 if until.year - birth.year > 75 and rng.random() < 0.4 else rng.choice((2, 3, 3, 4, 4, 5, 6))
            away = until.year - birth.year < 55 and rng.random() < 0.28
            phone = names.landline() if not away and rng.random() < 0.1 else names.mobile()
            households.append(Household(
                code=f"{g_index:02d}{number:03d}", head=head, group=group, id_number=names.id_number(birth, male),
                members=members, phone=phone, away=away, address=f"{TOWNSHIP}{village}{group}{number}号"))
    _ensure_multi_reading(rng, households, names)
    _tag_needs(rng, households, until)
    _move_some(rng, households, groups, until)
    for household in households:
        household.initials = initials(household.head)
    return households


def _ensure_multi_reading(rng: random.Random, households: list[Household], names: NameMaker) -> None:
    """Every surname with several readings appears at least twice, even in the small village."""
    for surname in MULTI_READING_SURNAMES:
        have = sum(h.head.startswith(surname) for h in households)
        for _ in range(max(0, 2 - have)):
            household = rng.choice(households)
            household.head = surname + household.head[1:]


def _tag_needs(rng: random.Random, households: list[Household], until: date) -> None:
    """About 8% of households carry one or two need tags that fit them."""
    for household in households:
        if rng.random() >= 0.08:
            continue
        age = until.year - int(household.id_number[6:10])
        tags = []
        if age >= 70 and household.members == 1:
            tags.append("孤寡老人")
        if household.away:
            tags.append("留守儿童")
        tags.append(rng.choice(("残疾人", "病灾户", "低保户", "低保户", "信访重点户")))
        household.needs = [t for t in NEED_TAGS if t in tags][:2]


def _move_some(rng: random.Random, households: list[Household], groups: list[str], until: date) -> None:
    """A few households moved to another group within the last two years."""
    for household in rng.sample(households, max(2, len(households) // 300)):
        old = household.group
        new = rng.choice([g for g in groups if g != old])
        household.group_history = [GroupMove(until=add_years(until, -2) + timedelta(days=rng.randint(0, 600)),
                                             group=old)]
        household.group = new
