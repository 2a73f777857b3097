"""The import and template commands: bad rows, all or nothing, --skip-bad, --dry-run, encodings."""

from __future__ import annotations

import csv
from datetime import date

from village_tui.cli import main
from village_tui.imports.readers import read_file
from village_tui.imports.template import write_templates
from village_tui.service import VillageService

from import_fixtures import TODAY, VILLAGE, sheets, write_csv, write_workbook

VILLAGE_ARGS = ["--village", VILLAGE[0], "--township", VILLAGE[1], "--county", VILLAGE[2]]


def _open(path):
    return VillageService.open(path, today=TODAY)


def _bad_book(tmp_path):
    data = sheets()
    data["走访"].append(["2026-13-40", "张建国", "0001", "入户", "", ""])  # row 5: no such day
    data["走访"].append(["2026-11-06", "王五", "0009", "上门", "", ""])  # row 6: three problems
    return write_workbook(tmp_path / "台账.xlsx", data)


def test_bad_rows_are_named_by_row_and_column_and_nothing_is_written(tmp_path, capsys):
    data = tmp_path / "data"
    code = main(["import", str(_bad_book(tmp_path)), "--data", str(data)])
    out = capsys.readouterr().out
    assert code == 1
    assert "走访表第5行「日期」列" in out and "日期不存在" in out
    assert "走访表第6行「干部」列：没有名为「王五」的干部" in out
    assert "走访表第6行「户编号」列：没有户编号为 0009 的农户" in out
    assert "走访表第6行「方式」列：方式应为：入户、电话、来访" in out
    assert "没有导入任何数据" in out
    service = _open(data)
    assert not service.is_set_up() and service.households() == [] and service.cadres() == []
    service.close()


def test_skip_bad_writes_good_rows_and_saves_bad_ones_beside_the_input(tmp_path, capsys):
    data = tmp_path / "data"
    book = _bad_book(tmp_path)
    assert main(["import", str(book), "--data", str(data), "--skip-bad"]) == 1
    bad = tmp_path / "走访-有问题的行.csv"
    assert f"有问题的行已另存到：{bad}" in capsys.readouterr().out
    with bad.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["日期", "干部", "户编号", "方式", "情况", "诉求", "问题"]
    assert [r[1] for r in rows[1:]] == ["张建国", "王五"]
    assert rows[2][-1].startswith("原第6行") and "干部：没有名为「王五」的干部" in rows[2][-1]
    service = _open(data)
    assert len(service.households()) == 4
    assert service.visits(2026, 11).total == 3
    service.close()
    # the fixed file imports on its own: its kind comes from its name, the 问题 column is ignored
    rows[1][0], rows[2][1:4] = "2026-11-07", ["李秀英", "0004", "入户"]
    write_csv(bad, rows)
    assert main(["import", str(bad), "--data", str(data)]) == 0
    service = _open(data)
    assert service.visits(2026, 11).total == 5
    service.close()


def test_dry_run_writes_nothing(tmp_path, capsys):
    data = tmp_path / "data"
    book = write_workbook(tmp_path / "台账.xlsx")
    assert main(["import", str(book), "--data", str(data), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "农户：新增 4 条" in out and "试运行：没有写入任何数据" in out
    assert not data.exists()
    data.mkdir()
    assert main(["import", str(book), "--data", str(data), "--dry-run"]) == 0
    service = _open(data)
    assert not service.is_set_up()
    service.close()


def test_importing_the_same_file_twice_adds_nothing(tmp_path, capsys):
    data, book = tmp_path / "data", write_workbook(tmp_path / "台账.xlsx")
    assert main(["import", str(book), "--data", str(data)]) == 0
    capsys.readouterr()
    assert main(["import", str(book), "--data", str(data)]) == 0
    out = capsys.readouterr().out
    assert "没有需要新增或更新的记录" in out and "走访：新增 0 条，更新 0 条，不变 3 条" in out


def _households_csv(tmp_path, encoding: str):
    rows = [sheets()["农户"][0], ["0001", "王大山", "", "1", 3, "", "否", "", ""],
            ["0002", "曾小明", "", "一组", 2, "", "否", "低保户", "石门坑"]]
    return write_csv(tmp_path / "农户.csv", rows, encoding)


def test_gbk_csv(tmp_path):
    path = _households_csv(tmp_path, "gbk")
    assert path.read_bytes()[:3] != b"\xef\xbb\xbf"
    data = tmp_path / "data"
    assert main(["import", str(path), "--data", str(data), *VILLAGE_ARGS]) == 0
    service = _open(data)
    assert [(h.head, h.group, h.address) for h in service.households()] == [
        ("王大山", "1组", ""), ("曾小明", "1组", "石门坑")]
    service.close()


def test_utf8_csv_with_and_without_bom(tmp_path):
    for encoding in ("utf-8-sig", "utf-8"):
        sheet = read_file(_households_csv(tmp_path, encoding))[0]
        assert sheet.name == "农户" and sheet.headers[0] == "户编号"
        assert sheet.rows[1][1]["困难类别"] == "低保户"


def test_csv_named_otherwise_needs_its_kind(tmp_path, capsys):
    path = write_csv(tmp_path / "名单.csv", [sheets()["农户"][0], ["0001", "王大山", "", "1", 3, "", "", "", ""]])
    data = str(tmp_path / "data")
    assert main(["import", str(path), "--data", data, *VILLAGE_ARGS]) == 2
    assert "无法从文件名" in capsys.readouterr().err
    assert main(["import", str(path), "--data", data, "--kind", "农户", *VILLAGE_ARGS]) == 0


def test_template_command_writes_a_workbook_and_csvs_that_import(tmp_path, capsys):
    folder = tmp_path / "模板"
    assert main(["template", str(folder)]) == 0
    names = sorted(p.name for p in folder.iterdir())
    assert "导入模板.xlsx" in names and "走访.csv" in names and "农户变动.csv" in names and len(names) == 10
    sheets_read = read_file(folder / "导入模板.xlsx")
    assert [s.name for s in sheets_read] == ["村", "干部", "农户", "农户变动", "特殊时期", "值班", "走访", "帮扶", "民情",
                                             "分析会"]
    assert all(len(s.rows) == 1 for s in sheets_read)
    data = str(tmp_path / "data")
    assert main(["import", str(folder / "导入模板.xlsx"), "--data", data, *VILLAGE_ARGS]) == 0
    assert main(["import", str(folder), "--data", data]) == 0  # the CSVs hold the same rows
    assert "没有需要新增或更新的记录" in capsys.readouterr().out


def test_write_templates_returns_the_files(tmp_path):
    written = write_templates(tmp_path)
    assert written[0].suffix == ".xlsx" and len(written) == 10
    with (tmp_path / "民情.csv").open(encoding="utf-8-sig") as f:
        assert next(csv.reader(f))[:3] == ["编号", "登记日期", "来源"]


def test_excel_serial_dates_and_date_cells(tmp_path):
    data = sheets()
    data["走访"] = [data["走访"][0], [46329, "张建国", "0001", "入户", "", ""],
                   [46330.0, "张建国", "0002", "入户", "", ""], [date(2026, 11, 6), "张建国", "0003", "电话", "", ""]]
    service = VillageService.in_memory(today=TODAY)
    from village_tui.imports import apply_plan, plan_file

    apply_plan(service, plan_file(service, write_workbook(tmp_path / "a.xlsx", data)))
    days = sorted(v.day for v in service.visits(2026, 11).rows)
    assert days == [date(2026, 11, 3), date(2026, 11, 4), date(2026, 11, 6)]


def test_the_template_as_written_imports_into_an_empty_folder(tmp_path, capsys):
    write_templates(tmp_path / "模板")
    data = tmp_path / "新村"
    assert main(["import", str(tmp_path / "模板" / "导入模板.xlsx"), "--data", str(data)]) == 0, capsys.readouterr()
    out = capsys.readouterr().out
    assert "缺少" not in out and "新建村庄：田县青山镇东风村" in out
    service = _open(data)
    try:
        settings = service.settings()
        assert (settings.name, settings.township, settings.county) == ("东风村", "青山镇", "田县")
        assert [c.name for c in service.cadres()] == ["张建国"]
        assert [h.head for h in service.households()] == ["李大山"]
    finally:
        service.close()
