"""Issue 13 item 6: every import column tried with the bad input catalogue through ``build_plan``.

One valid row per kind (the template's example, fitted to the test village) gets one cell replaced by a
catalogue value. The plan must never raise; a bad value is a Chinese problem naming row 2 and the
column; markup is planned literally and escape sequences are removed.
"""

from __future__ import annotations

import re
from dataclasses import asdict
from datetime import date

import pytest

from tests.app_fixtures import make_village, valid_id
from village_tui.imports.columns import BY_NAME, KINDS
from village_tui.imports.plan import build_plan
from village_tui.imports.readers import Sheet

LONG = "长" * 501
IMPOSSIBLE = "2026-02-30"
FUTURE = "2027-06-01"
BOLD = "[b]粗体[/b]"
CLICK = "[@click=app.quit]点我"
ESCAPES = "王\x1b[31m红\x1b]0;title\x07字"
EMOJI = "王😀"
FULLWIDTH_PHONE = "１３８１２３４５６７８"
CHINESE = re.compile(r"[\u4e00-\u9fff]")

# A valid row per kind for the village of tests.app_fixtures (cadre 张建国, households 0001-0004).
VALID = {
    "干部": ("孙立新", "委员", "2024-01-01", "", "1组", "否", ""),
    "农户": ("0100", "赵新民", "", "1组", "4", "", "否", "", "1组12号", ""),
    "农户变动": ("0001", "2026-11-27", "外出", "是"),  # make_village registers its households today
    "特殊时期": ("2026-03-01", "2026-04-30", "森林防火"),
    "值班": ("2026-11-02", "张建国", "08:30", "3", ""),
    "走访": ("2026-11-03", "张建国", "0001", "入户", "家中老人身体尚好", "希望修缮屋顶"),
    "帮扶": ("张建国", "0002", "帮扶", "2026-01-01", "", "技术、信息"),
    "民情": ("2026-0001", "2026-11-03", "走访", "0001", "住房", "屋顶漏雨", "村", "办理中", "张建国",
           "2026-12-03", "", ""),
    "分析会": ("2026-11-25", "张建国", "", "安排修缮"),
}
DATE_COLUMNS = {"任期开始", "任期结束", "开始日期", "结束日期", "日期", "登记日期", "期限", "办结日期", "变动日期"}
# Dates that may not lie after today (2026-11-27); plans and due dates may.
# (A future duty day may be rostered; only its sign-in is refused, under 签到时间.)
PAST_ONLY = {("走访", "日期"), ("民情", "登记日期"), ("民情", "办结日期"), ("分析会", "日期"), ("农户", "登记日期"),
             ("农户变动", "变动日期")}
# Free text: markup and escape sequences are kept as text.
TEXT_COLUMNS = {("干部", "姓名"), ("农户", "户主"), ("农户", "住址"), ("特殊时期", "事由"), ("值班", "备注"),
                ("走访", "情况"), ("走访", "诉求"), ("帮扶", "措施"), ("民情", "内容"), ("分析会", "决定")}


def catalogue(kind: str, column: str) -> list[tuple[str, str]]:
    """(value, expectation) pairs for one column: "bad", "any" or "literal:<text>"."""
    long = "长" * 4001 if (kind, column) == ("分析会", "决定") else LONG  # 决定 are the minutes: 4000
    cases = [("", "any"), (long, "bad"), (EMOJI, "any"), (BOLD, "any"), (CLICK, "any"), (ESCAPES, "any"),
             ("\x1b[31m", "any"), (IMPOSSIBLE, "any"), (FULLWIDTH_PHONE, "any")]
    if column in BY_NAME[kind].required:
        cases[0] = ("", "bad")
    if column in DATE_COLUMNS:
        cases += [(IMPOSSIBLE, "bad"), (BOLD, "bad")]
        if (kind, column) in PAST_ONLY:
            cases.append((FUTURE, "bad"))
    if (kind, column) in TEXT_COLUMNS:
        cases += [(BOLD, f"literal:{BOLD}"), (CLICK, f"literal:{CLICK}"), (ESCAPES, "literal:王红字")]
    if column == "身份证号":
        bad = valid_id("11010519900101123")
        cases += [(bad[:-1] + ("0" if bad[-1] != "0" else "1"), "bad"), (valid_id("11010520260230123"), "bad"),
                  (valid_id("11010520271201123"), "bad")]
    if column == "电话":
        cases += [(FULLWIDTH_PHONE, "literal:13812345678"), ("12345", "bad"), (BOLD, "bad")]
    return cases


CASES = [(kind.name, column, value, expect)
         for kind in KINDS for column in kind.columns for value, expect in catalogue(kind.name, column)]


@pytest.fixture(scope="module")
def service():
    return make_village()


def plan_with(service, kind: str, column: str, value: str):
    headers = list(BY_NAME[kind].columns)
    row = dict(zip(headers, VALID[kind]))
    row[column] = value
    return build_plan(service, [Sheet(kind, headers, [(2, row)])])


@pytest.mark.parametrize("kind", [k.name for k in KINDS])
def test_the_valid_row_of_each_kind_plans_without_problems(service, kind):
    plan = plan_with(service, kind, BY_NAME[kind].columns[0], VALID[kind][0])
    assert plan.problems == [] and plan.kinds[kind].add + plan.kinds[kind].update


@pytest.mark.parametrize("kind,column", [(k.name, c) for k in KINDS for c in k.columns])
def test_every_column_takes_the_catalogue(service, kind, column):
    for value, expect in catalogue(kind, column):
        label = f"{kind}/{column}={value[:20]!r}"
        plan = plan_with(service, kind, column, value)  # never raises
        for problem in plan.problems:
            assert problem.row in (0, 2) and CHINESE.search(problem.message), label
            assert "\x1b" not in problem.message, label
        ours = [p for p in plan.problems if p.row == 2 and p.column == column]
        if expect == "bad":
            assert ours, f"{label}: no problem naming row 2 and the column: {[str(p) for p in plan.problems]}"
            assert f"第2行" in str(ours[0]) and column in str(ours[0])
        elif expect.startswith("literal:"):
            assert plan.problems == [], f"{label}: {[str(p) for p in plan.problems]}"
            records = plan.kinds[kind].add + plan.kinds[kind].update
            text = str([asdict(r) for r in records])
            assert expect[len("literal:"):] in text, f"{label}: planned as {text[:300]}"
            assert "\x1b" not in text and "\x07" not in text, label
