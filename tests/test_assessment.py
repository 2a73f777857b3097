"""The yearly assessment (R16) as a function: whose work counts, which findings are judged, the weights."""

from __future__ import annotations

from datetime import date

import pytest

from village_tui.domain.assessment import (
    RuleScore, assess_cadre, ended_months, judged, parse_weights, render_assessment, term_text, year_months,
)
from village_tui.domain.dated import Term
from village_tui.domain.errors import ValidationError
from village_tui.domain.models import Cadre, DutyDay, Household, LedgerItem, SignIn, StatusChange, Visit

WANG = Cadre("王建国", "书记", date(2021, 1, 1), groups=["1组"], id=1)
LIU = Cadre("刘雪", "委员", date(2021, 1, 1), groups=["2组"], id=2)
HOMES = {1: Household("0101", "李大山", "1组", id=1), 2: Household("0102", "陈秀英", "1组", id=2, away=True)}


def finding(rule: str, status: str = "met", cadre: Cadre = WANG, required: int | None = 1, **kw):
    from village_tui.domain.findings import Finding

    return Finding(rule, status != "missed", cadre=cadre.name, cadre_id=cadre.id, status=status,
                   required=required, **kw)


def duty(day: date, *cadres: Cadre) -> DutyDay:
    return DutyDay(day=day, signins=[SignIn(c.id) for c in cadres])


def closed_item(number: int, handler: Cadre, closed_day: date, satisfaction: str = "满意", **kw) -> LedgerItem:
    return LedgerItem(day=date(closed_day.year, 1, 1) if closed_day.month > 1 else closed_day, source="来访",
                      category="饮水", content="水管", handler_id=handler.id, status="已办结", closed_day=closed_day,
                      satisfaction=satisfaction, id=f"2026-{number:04d}",
                      history=[StatusChange(closed_day, "已办结")], **kw)


def assess(cadre=WANG, findings=(), duty_days=(), visits=(), ledger=(), **kw):
    return assess_cadre(cadre, 2026, list(findings), list(duty_days), list(visits), list(ledger), HOMES, **kw)


# -- whose work counts -----------------------------------------------------------

def test_each_cadre_is_credited_only_with_the_days_they_signed_in():
    days = [duty(date(2026, 3, 2), WANG), duty(date(2026, 3, 3), WANG, LIU), duty(date(2026, 3, 4), LIU),
            duty(date(2025, 12, 31), WANG), duty(date(2027, 1, 1), WANG)]
    assert (assess(WANG, duty_days=days).duty_days, assess(LIU, duty_days=days).duty_days) == (2, 2)


def test_duty_days_are_counted_up_to_and_including_the_last_day_counted():
    days = [duty(date(2026, 10, 31), WANG), duty(date(2026, 11, 1), WANG)]
    assert assess(duty_days=days, until=date(2026, 10, 31)).duty_days == 1
    assert assess(duty_days=days, until=date(2026, 11, 1)).duty_days == 2


def test_each_cadre_is_credited_only_with_the_items_they_closed_in_the_year():
    items = [closed_item(1, WANG, date(2026, 3, 1)), closed_item(2, LIU, date(2026, 3, 2), "基本满意"),
             closed_item(3, WANG, date(2025, 12, 31)), closed_item(4, WANG, date(2027, 1, 1)),
             closed_item(5, WANG, date(2026, 4, 1), cancelled=True)]
    items.append(LedgerItem(day=date(2026, 5, 1), source="来访", category="饮水", content="水管", handler_id=WANG.id,
                            status="办理中", id="2026-0006"))
    items.append(LedgerItem(day=date(2026, 5, 1), source="来访", category="饮水", content="水管", handler_id=WANG.id,
                            status="已办结", id="2026-0007", satisfaction="满意"))
    wang, liu = assess(WANG, ledger=items), assess(LIU, ledger=items)
    assert (wang.items_handled, wang.satisfaction) == (1, {"满意": 1, "基本满意": 0, "不满意": 0})
    assert (liu.items_handled, liu.satisfaction) == (1, {"满意": 0, "基本满意": 1, "不满意": 0})


def test_items_closed_after_the_last_day_counted_wait_and_one_item_listed_twice_counts_once():
    first = closed_item(1, WANG, date(2026, 10, 31), "不满意")
    items = [first, first, closed_item(2, WANG, date(2026, 11, 1))]
    result = assess(ledger=items, until=date(2026, 10, 31))
    assert (result.items_handled, result.satisfaction["不满意"], result.satisfaction["满意"]) == (1, 1, 0)
    assert assess(ledger=items, until=date(2026, 11, 1)).items_handled == 2


def test_visits_count_the_cadres_own_visits_that_r8_counts_in_the_year_up_to_the_last_day():
    visits = [Visit(date(2026, 3, 1), WANG.id, 1), Visit(date(2026, 3, 2), WANG.id, 1),
              Visit(date(2026, 3, 3), WANG.id, 2, way="电话"), Visit(date(2026, 3, 4), WANG.id, 1, way="电话"),
              Visit(date(2026, 3, 5), LIU.id, 1), Visit(date(2025, 12, 31), WANG.id, 1),
              Visit(date(2026, 11, 1), WANG.id, 1), Visit(date(2026, 3, 6), WANG.id, 99)]
    result = assess(visits=visits, until=date(2026, 10, 31))
    assert (result.visits, result.households_visited) == (3, 2)
    assert assess(visits=visits).visits == 4, "the whole year when nothing is running"


# -- which findings are judged ---------------------------------------------------

def test_only_judged_findings_of_this_cadre_count():
    found = [finding("R6"), finding("R6", "missed"), finding("R6", "open"), finding("R6", cadre=LIU),
             finding("R12", required=0), finding("R12", "missed"), finding("R1"), finding("R7", "missed")]
    result = assess(findings=found)
    assert result.rules["R6"] == RuleScore(1, 2, open=1), "the open one is shown apart"
    assert result.rules["R12"] == RuleScore(0, 1, noted=1), "a month only noted (required 0) is not scored"
    assert result.rules["R7"] == RuleScore(0, 1) and "R1" not in result.rules
    assert result.rates == {"R12": 0, "R7": 0} and result.score == 0.0, "a measure still running is not scored"
    ended = assess(findings=[f for f in found if f.status != "open"])
    assert ended.rates == {"R6": 50, "R12": 0, "R7": 0} and ended.score == pytest.approx(16.7)


def test_judged_leaves_out_open_findings_and_periods_only_noted():
    assert judged(finding("R6")) and judged(finding("R6", "missed"))
    assert not judged(finding("R6", "open")) and not judged(finding("R12", required=0))
    assert judged(finding("R12", required=None)), "a rule without a count is judged"


def test_pairing_visits_are_reported_apart_from_having_a_pairing():
    found = [finding("R12"), finding("R12", household="0201"), finding("R12", "missed", household="0202")]
    result = assess(findings=found)
    assert result.rules["R12"] == RuleScore(1, 1) and result.pairing_months == RuleScore(1, 2)
    assert result.rates == {"R12": 100, "R12走访": 50} and result.score == 75.0
    assert "结对户月走访 1/2" in render_assessment(2026, [result])


def test_a_cadre_with_nothing_judged_has_no_score():
    result = assess(LIU)
    assert result.score is None and result.rates == {} and result.rules["R6"].text() == "不适用"
    assert result.rules["R6"].percent is None
    line = render_assessment(2026, [result]).splitlines()[1]
    assert "没有已考核的规则" in line and "综合得分 不适用" in line and "结对户月走访" not in line


def test_rates_are_rounded_and_the_score_is_the_weighted_mean():
    found = [finding("R6"), finding("R6"), finding("R6", "missed"), finding("R7", "missed")]
    result = assess(findings=found, weights={"R6": 3})
    assert result.rates == {"R6": 67, "R7": 0} and result.weights == {"R6": 3.0, "R7": 1.0}
    assert result.score == 50.0 and result.rules["R6"].percent == 67
    zero = assess(findings=found, weights={"R6": 0, "R7": 0})
    assert zero.score is None


def test_the_assessment_as_json_and_text():
    result = assess(findings=[finding("R6")], duty_days=[duty(date(2026, 3, 2), WANG)],
                    visits=[Visit(date(2026, 3, 1), WANG.id, 1)], ledger=[closed_item(1, WANG, date(2026, 3, 1))])
    data = result.to_json()
    assert data["duty_days"] == 1 and data["visits"] == 1 and data["households_visited"] == 1
    assert data["rules"]["R6"] == {"ok": 1, "total": 1, "open": 0} and data["items_handled"] == 1
    assert data["pairing_months"] == {"visited": 0, "total": 0, "open": 0} and data["score"] == 100.0
    assert data["cadre_id"] == 1 and data["term"] == "2021年1月1日起" and data["role"] == "书记"
    assert render_assessment(2026, [result]).splitlines() == [
        "2026 年度村干部联系服务群众工作考核（R16，三、(三)）",
        "王建国（书记，2021年1月1日起）：坐班 1 天，走访 1 次（1 户），R6 1/1；办结民情 1 件（满意1、基本满意0、不满意0）；综合得分 100",
    ]


# -- terms, role, months ---------------------------------------------------------

def test_term_text_names_the_terms_touching_the_year():
    cadre = Cadre("赵敏", "主任", date(2026, 7, 1), past_terms=[Term(date(2020, 1, 1), date(2025, 12, 31)),
                                                              Term(date(2021, 1, 1), date(2026, 1, 1))], id=3)
    assert term_text(cadre, 2026) == "2021年1月1日至2026年1月1日；2026年7月1日起"
    assert term_text(cadre, 2025) == "2020年1月1日至2025年12月31日；2021年1月1日至2026年1月1日"
    assert term_text(cadre, 2027) == "2026年7月1日起"


def test_the_role_is_the_one_held_on_the_last_day_in_office_in_the_year():
    from village_tui.domain.dated import DatedText

    cadre = Cadre("赵敏", "书记", date(2021, 1, 1), term_end=date(2026, 6, 30), id=3,
                  role_history=[DatedText(date(2021, 1, 1), "委员"), DatedText(date(2026, 6, 30), "书记"),
                                DatedText(date(2026, 7, 1), "主任")])
    cadre.role = "主任"
    assert assess(cadre).role == "书记"
    assert assess_cadre(cadre, 2025, [], [], [], []).role == "委员"
    serving = Cadre("钱坤", "委员", date(2021, 1, 1), id=4, role_history=[DatedText(date(2021, 1, 1), "委员"),
                                                                       DatedText(date(2026, 12, 31), "主任")])
    assert assess(serving).role == "主任"


@pytest.mark.parametrize(("today", "begun", "ended"), [
    (date(2026, 1, 1), [1], []), (date(2026, 11, 30), list(range(1, 12)), list(range(1, 11))),
    (date(2026, 12, 1), list(range(1, 13)), list(range(1, 12))), (date(2027, 1, 1), list(range(1, 13)), list(range(1, 13))),
    (date(2025, 12, 31), [], []),
])
def test_months_begun_and_ended(today, begun, ended):
    assert (year_months(2026, today), ended_months(2026, today)) == (begun, ended)


# -- weights -----------------------------------------------------------------------

def test_weights_parse_one_per_line_or_with_commas_and_colons():
    assert parse_weights("R6 2\nr12走访：1.5，R7:0, R3 100\n\n") == {"R6": 2.0, "R12走访": 1.5, "R7": 0.0, "R3": 100.0}
    assert parse_weights("") == {}


@pytest.mark.parametrize("text", ["R6 101", "R6 -1", "R6 100.5", "R6 -0.1"])
def test_weights_outside_0_to_100_are_refused(text):
    with pytest.raises(ValidationError, match="R6 的权重应在 0 到 100 之间"):
        parse_weights(text)


@pytest.mark.parametrize(("text", "message"), [("R99 2", "无法识别：R99 2"), ("R6", "无法识别：R6"), ("R6 2 3", "无法识别"),
                                              ("R6 二", "R6 的权重应为数字：二")])
def test_unknown_measures_and_words_are_refused(text, message):
    with pytest.raises(ValidationError, match=message):
        parse_weights(text)


def test_the_whole_year_runs_to_31_december_and_the_role_is_taken_at_the_latest_term_end():
    from village_tui.domain.dated import DatedText

    days = [duty(date(2026, 12, 31), WANG)]
    items = [closed_item(1, WANG, date(2026, 12, 31))]
    visits = [Visit(date(2026, 12, 31), WANG.id, 1)]
    result = assess(duty_days=days, ledger=items, visits=visits)
    assert (result.duty_days, result.items_handled, result.visits) == (1, 1, 1)
    two_terms = Cadre("赵敏", "书记", date(2026, 3, 1), term_end=date(2026, 8, 31), id=3,
                      past_terms=[Term(date(2024, 1, 1), date(2026, 1, 31))],
                      role_history=[DatedText(date(2024, 1, 1), "委员"), DatedText(date(2026, 3, 1), "书记"),
                                    DatedText(date(2026, 9, 1), "主任")])
    assert assess(two_terms).role == "书记", "the later term's last day, not the earlier one's"


def test_a_visit_on_the_last_day_counted_counts_and_a_rule_fully_held_is_100_percent():
    visits = [Visit(date(2026, 10, 31), WANG.id, 1), Visit(date(2026, 11, 1), WANG.id, 2)]
    assert assess(visits=visits, until=date(2026, 10, 31)).visits == 1
    assert (RuleScore(1, 1).percent, RuleScore(0, 2).percent, RuleScore(1, 2).text()) == (100, 0, "1/2")


# -- the months covered and measures still running (main's one count of findings) -------------------

@pytest.mark.parametrize(("year", "today", "start", "text"), [
    (2027, date(2026, 11, 27), None, "2027年没有可统计的月份"),
    (2026, date(2026, 11, 27), date(2027, 1, 1), "2026年没有可统计的月份"),
    (2025, date(2026, 11, 27), None, "统计2025年全年（1月至12月）"),
    (2025, date(2026, 11, 27), date(2025, 3, 10), "自2025年3月10日（本村开始使用本系统）起；统计2025年全年（至12月）"),
    (2026, date(2026, 11, 27), None, "统计至2026年10月；11月尚未结束，不计入"),
    (2026, date(2026, 11, 27), date(2025, 6, 1), "统计至2026年10月；11月尚未结束，不计入"),
    (2026, date(2026, 12, 31), None, "统计至2026年11月；12月尚未结束，不计入"),
    (2026, date(2027, 1, 1), None, "统计2026年全年（1月至12月）"),
    (2026, date(2026, 1, 31), None, "2026年还没有结束的月份；1月尚未结束，不计入"),
    (2026, date(2026, 11, 27), date(2026, 11, 1),
     "自2026年11月1日（本村开始使用本系统）起；2026年还没有结束的月份；11月尚未结束，不计入"),
    (2026, date(2026, 11, 27), date(2026, 10, 31), "自2026年10月31日（本村开始使用本系统）起；统计至2026年10月；11月尚未结束，不计入"),
])
def test_coverage_names_the_months_counted_and_the_running_month_left_out(year, today, start, text):
    from village_tui.domain.assessment import coverage_text

    assert coverage_text(year, today, start) == text


def test_a_measure_still_running_is_shown_apart_and_not_scored():
    from village_tui.domain.assessment import RUNNING_NOTE

    assert (RuleScore(47, 47, 50).text(), RuleScore(0, 0, 50).text(), RuleScore().text()) == (
        "47/47，进行中50", "进行中50", "不适用")
    assert RuleScore(1, 1).scored and not RuleScore(1, 1, 1).scored and not RuleScore(0, 0).scored
    assert RuleScore(0, 0, 1).shown and RuleScore(1, 1).shown and not RuleScore(0, 0, 0, 2).shown
    running = assess(findings=[finding("R7", "open"), finding("R12", "open", household="0201")])
    lines = render_assessment(2026, [running], "统计至2026年10月；11月尚未结束，不计入").splitlines()
    assert lines[1] == f"统计至2026年10月；11月尚未结束，不计入；{RUNNING_NOTE}"
    assert "R7 进行中1" in lines[2] and "结对户月走访 进行中1" in lines[2] and "综合得分 不适用" in lines[2]
    assert len(render_assessment(2026, [running]).splitlines()) == 2, "no coverage line when none is given"
