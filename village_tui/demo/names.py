"""Real-looking people for the demo village: names, resident ID numbers, phone numbers.

Surnames follow their rough frequency in 大田县 (Fujian), where 林, 陈, 郭 and 范
are common, and include every surname with several readings (单 曾 解 区 仇 查
朴 覃 尉 乐) so that pinyin search is exercised on them.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from village_tui.domain.validation import id_check_digit

COUNTY_CODE = "350425"  # 大田县
AREA_CODE = "0598"  # 三明

# (surname, relative weight); the tail holds the surnames with several readings.
SURNAMES: tuple[tuple[str, float], ...] = (
    ("林", 9.0), ("陈", 8.5), ("郭", 5.0), ("范", 4.0), ("张", 4.0), ("王", 3.5), ("李", 3.5),
    ("黄", 3.5), ("吴", 3.0), ("肖", 2.5), ("颜", 2.5), ("刘", 2.5), ("杨", 2.2), ("郑", 2.2),
    ("罗", 2.0), ("苏", 1.8), ("卢", 1.6), ("叶", 1.6), ("邱", 1.5), ("蔡", 1.5), ("魏", 1.3),
    ("徐", 1.2), ("周", 1.2), ("赖", 1.2), ("连", 1.1), ("涂", 1.0), ("姜", 1.0), ("田", 0.9),
    ("朱", 0.9), ("何", 0.9), ("钟", 0.8), ("谢", 0.8), ("邓", 0.8), ("章", 0.7), ("温", 0.7),
    ("乐", 0.6), ("曾", 1.4), ("查", 0.4), ("单", 0.4), ("解", 0.3), ("仇", 0.3), ("覃", 0.3),
    ("区", 0.2), ("尉", 0.2), ("朴", 0.2),
)
MULTI_READING_SURNAMES = ("单", "曾", "解", "区", "仇", "查", "朴", "覃", "尉", "乐")

# Given-name characters by generation and sex: older villagers have older-style names.
_OLD_MALE = "德福金水土木发明华国忠荣光庆祥贵财生根春其炳义仁顺和平兴旺永清文"
_OLD_FEMALE = "秀英兰珍凤玉梅桂花香妹莲金月娥菊美琴素芳彩霞爱"
_YOUNG_MALE = "伟强军杰磊勇涛斌超鹏宇浩俊辉建志明亮峰林斌鑫晨鸿"
_YOUNG_FEMALE = "丽敏静燕婷娟艳红霞琳雪晶颖慧倩洁琼娜玲萍"

_MOBILE_PREFIXES = ("130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152",
                    "153", "155", "157", "158", "159", "177", "180", "181", "182", "183", "187", "188",
                    "189", "191", "198", "199")


class NameMaker:
    """Draws names and identity numbers from one random generator.

    Args:
        rng: The demo's seeded random generator.
    """

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self._surnames = [s for s, _ in SURNAMES]
        self._weights = [w for _, w in SURNAMES]
        self._serials: set[str] = set()

    def surname(self) -> str:
        """A surname drawn by frequency."""
        return self.rng.choices(self._surnames, self._weights)[0]

    def given(self, male: bool, birth_year: int) -> str:
        """A given name of one or two characters fitting the person's age and sex."""
        old = birth_year < 1975
        pool = (_OLD_MALE if old else _YOUNG_MALE) if male else (_OLD_FEMALE if old else _YOUNG_FEMALE)
        if self.rng.random() < 0.18:
            return self.rng.choice(pool)
        return self.rng.choice(pool) + self.rng.choice(pool)

    def name(self, male: bool, birth_year: int, surname: str | None = None) -> str:
        """A full name of two or three characters."""
        return (surname or self.surname()) + self.given(male, birth_year)

    def birth_date(self, until: date, min_age: int, max_age: int) -> date:
        """A birth date giving an age between ``min_age`` and ``max_age`` on ``until``."""
        age = self.rng.randint(min_age, max_age)
        latest = date(until.year - age, 12, 31)
        return latest - timedelta(days=self.rng.randint(0, 364))

    def id_number(self, birth: date, male: bool) -> str:
        """A valid 18-character resident ID number of 大田县 (GB 11643-1999), unique in the demo."""
        while True:
            serial = self.rng.randint(0, 499) * 2 + (1 if male else 0)  # odd digit: male
            body = f"{COUNTY_CODE}{birth:%Y%m%d}{serial:03d}"
            if body not in self._serials:
                self._serials.add(body)
                return body + id_check_digit(body)

    def mobile(self) -> str:
        """A mobile number ``1[3-9]`` + 9 digits."""
        return self.rng.choice(_MOBILE_PREFIXES) + f"{self.rng.randint(0, 99_999_999):08d}"

    def landline(self) -> str:
        """A 大田 landline such as ``0598-7231456``."""
        return f"{AREA_CODE}-72{self.rng.randint(0, 99_999):05d}"
