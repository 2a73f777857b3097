"""``village-tui check``: the JSON format, exit codes, errors on stderr, --assess, and the demo village."""

from __future__ import annotations

import json
from datetime import date

import pytest

from village_tui.cli import main
from village_tui.domain.models import Cadre, Household, Meeting, Pairing, VillageSettings, Visit
from village_tui.service import VillageService

KEYS = ["rule", "ok", "cadre", "household", "date", "item", "required", "actual", "detail",
        "status", "cadre_id", "household_id", "required_max"]
TODAY = date(2026, 11, 27)


def write_village(folder, keep_everything: bool) -> None:
    """A one-cadre village on disk; with ``keep_everything`` October 2026 keeps every month rule."""
    svc = VillageService.open(folder, today=TODAY)
    svc.save_settings(VillageSettings(name="桃源村", township="武陵乡", county="大田县", groups=["1组"]))
    wang = svc.save_cadre(Cadre("王建国", "书记", date(2021, 1, 1), groups=["1组"]))
    homes = [svc.save_household(Household(f"01{n:02d}", f"农户{n}", "1组", needs=["低保户"] if n == 1 else [],
                                          registered_on=date(2020, 1, 1)))
             for n in range(1, 11)]
    svc.sign_in(wang.id)
    svc.save_pairing(Pairing(cadre_id=wang.id, household_id=homes[0].id, kind="帮扶", start=date(2026, 1, 1)))
    svc.save_meeting(Meeting(day=date(2026, 10, 20), attendees=[wang.id]))
    last_day = 31 if keep_everything else 30
    for day in range(1, last_day + 1):
        svc.duty_sign_in(wang.id, date(2026, 10, day), "08:30")
    for n, home in enumerate(homes if keep_everything else homes[:7]):
        svc.save_visit(Visit(day=date(2026, 10, n + 1), cadre_id=wang.id, household_id=home.id))
    svc.close()


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["check", *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def kept(tmp_path_factory):
    """A village keeping every month rule in October 2026 (built once; the checks open it read-only)."""
    folder = tmp_path_factory.mktemp("kept") / "v"
    write_village(folder, keep_everything=True)
    return str(folder)


@pytest.fixture(scope="module")
def broken(tmp_path_factory):
    """A village missing 31 October's duty and three of the secretary's ten visits."""
    folder = tmp_path_factory.mktemp("broken") / "v"
    write_village(folder, keep_everything=False)
    return str(folder)


@pytest.fixture
def today(monkeypatch):
    """Pin "today" for the command (it opens the folder itself)."""
    from village_tui.service import core

    original = core.ServiceBase.__init__

    def pinned(self, folder, today=None):
        original(self, folder, today or TODAY)

    monkeypatch.setattr(core.ServiceBase, "__init__", pinned)


def test_month_json_is_exactly_the_agreed_format_and_exit_0_when_all_kept(kept, capsys, today):
    code, out, err = run(capsys, "--data", kept, "--month", "2026-10", "--json")
    body = json.loads(out)
    assert list(body) == ["period", "findings"] and body["period"] == "2026-10"
    for finding in body["findings"]:
        assert list(finding) == KEYS
        assert isinstance(finding["ok"], bool) and isinstance(finding["detail"], str)
        for key in ("cadre", "household", "date", "item"):
            assert finding[key] is None or isinstance(finding[key], str)
        for key in ("required", "actual"):
            assert finding[key] is None or isinstance(finding[key], int)
    r6 = [f for f in body["findings"] if f["rule"] == "R6"]
    assert r6 == [{"rule": "R6", "ok": True, "cadre": "王建国", "household": None, "date": None, "item": None,
                   "required": 10, "actual": 10, "detail": "2026年10月走访10户，应不少于10户",
                   "status": "met", "cadre_id": 1, "household_id": None, "required_max": None}]
    assert [f["date"] for f in body["findings"] if f["rule"] == "R1"][:2] == ["2026-10-01", "2026-10-02"]
    r12 = [(f["cadre"], f["household"]) for f in body["findings"] if f["rule"] == "R12"]
    assert r12 == [("王建国", None), ("王建国", "0101")]
    assert all(f["ok"] for f in body["findings"]) and code == 0 and err == ""


def test_month_with_broken_rules_exits_1_and_names_them(broken, capsys, today):
    code, out, _ = run(capsys, "--data", broken, "--month", "2026-10", "--json")
    bad = [(f["rule"], f["date"], f["cadre"], f["actual"]) for f in json.loads(out)["findings"] if not f["ok"]]
    assert bad == [("R1", "2026-10-31", None, 0), ("R6", None, "王建国", 7)]
    assert code == 1
    code, out, _ = run(capsys, "--data", broken, "--month", "2026-10")
    assert code == 1
    assert "R6（二、4）村主干每月入户走访不少于10户：共 1 项，1 项不符合" in out
    assert "R1 2026-10-31：无人签到值班" in out


@pytest.mark.parametrize("args, reason", [
    (["--month", "2026-13"], "月份"),
    (["--month", "十月"], "月"),
    (["--year", "26"], "四位数字"),
    (["--month", "2026-10", "--assess"], "--assess"),
])
def test_bad_arguments_exit_2_with_the_reason_on_stderr(kept, capsys, today, args, reason):
    code, out, err = run(capsys, "--data", kept, *args)
    assert code == 2 and out == "" and reason in err


def test_missing_folder_and_a_folder_that_is_not_a_village_exit_2(tmp_path, capsys, today):
    code, out, err = run(capsys, "--data", str(tmp_path / "nowhere"), "--month", "2026-10")
    assert code == 2 and out == "" and "不存在" in err
    (tmp_path / "empty").mkdir()
    code, out, err = run(capsys, "--data", str(tmp_path / "empty"), "--month", "2026-10")
    assert code == 2 and out == "" and err.strip()


def test_month_and_year_together_are_refused(tmp_path, capsys, today):
    with pytest.raises(SystemExit) as caught:
        main(["check", "--data", str(tmp_path), "--month", "2026-10", "--year", "2026"])
    assert caught.value.code == 2
    assert "--year" in capsys.readouterr().err


def test_year_with_assessment(kept, capsys, today):
    code, out, err = run(capsys, "--data", kept, "--year", "2026", "--assess", "--json")
    body = json.loads(out)
    assert list(body) == ["period", "findings", "assessment", "coverage"] and body["period"] == "2026"
    assert body["coverage"] == "统计至2026年10月；11月尚未结束，不计入"
    assert {f["rule"] for f in body["findings"]} <= {"R5", "R7", "R11"}
    [wang] = body["assessment"]
    assert wang["cadre"] == "王建国" and wang["duty_days"] == 31 and wang["visits"] == 10
    assert wang["rules"]["R6"]["ok"] >= 1
    code, out, _ = run(capsys, "--data", kept, "--year", "2026", "--assess")
    assert "2026 年度村干部联系服务群众工作考核" in out and "王建国（书记，2021年1月1日起）：坐班 31 天" in out
    assert "统计至2026年10月；11月尚未结束，不计入" in out


def test_demo_village_reports_kept_and_broken_rules(tmp_path, capsys):
    from village_tui.demo import generate_demo

    generate_demo(tmp_path / "demo", scale="small", seed=1, until=TODAY)
    code, out, err = run(capsys, "--data", str(tmp_path / "demo"), "--month", "2026-10", "--json")
    findings = json.loads(out)["findings"]
    kept = {f["rule"] for f in findings if f["ok"]}
    broken = {f["rule"] for f in findings if not f["ok"]}
    assert kept and broken and code == 1 and err == ""
    assert {"R1", "R3", "R6", "R9", "R12"} <= kept
    assert all(list(f) == KEYS for f in findings)
    code, out, _ = run(capsys, "--data", str(tmp_path / "demo"), "--year", "2026")
    assert code == 1 and "R7" in out


def test_a_missing_data_folder_names_the_demo_folder(tmp_path, capsys, monkeypatch):
    from village_tui.launch import DEMO_FOLDER

    monkeypatch.chdir(tmp_path)
    assert main(["check", "--month", "2026-10"]) == 2
    err = capsys.readouterr().err
    assert "数据文件夹不存在：data" in err and str(DEMO_FOLDER) in err and "--data" in err
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "说明.txt").write_text("这是工作台默认的数据文件夹", encoding="utf-8")
    assert main(["report", "--month", "2026-10", "--xlsx", str(tmp_path / "月报.xlsx")]) == 2
    err = capsys.readouterr().err
    assert "数据文件夹里还没有村庄数据：data" in err and str(DEMO_FOLDER) in err
