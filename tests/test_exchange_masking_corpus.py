"""A masked export leaks no ID or mobile number, however it was typed (issue 17, item 1).

The demo village's own numbers are typed into names, addresses, visit notes and ledger
items in every spelling cadres use (``ID…``, ``tel…``, ``+86…``, ``130-6299-1083``,
``350425 19771117 0454``, the old 15-digit ID …), through the service, so they are in
the year files, the reference file and the audit log. Then every byte of the export is
scanned, the xlsx unzipped, for the digits and for each spelling.
"""

from __future__ import annotations

import dataclasses
import zipfile
from datetime import date

import pytest

from village_tui.demo.generate import generate_demo
from village_tui.domain.models import LedgerItem, Visit
from village_tui.exchange.export import export_village
from village_tui.service import VillageService

DAY = date(2026, 10, 12)


def id_spellings(number: str) -> list[str]:
    """Ways an 18-digit ID number is typed, and its old 15-digit form."""
    head, birth, tail = number[:6], number[6:14], number[14:]
    old = number[:6] + number[8:17]
    return [f"ID{number}", f"身份证{number}号", f"{head} {birth} {tail}", f"{head}-{birth}-{tail}",
            f"{head}.{birth}.{tail}", number[:-1] + number[-1].lower(), f"老身份证{old}", f"【{head}】{birth}{tail}",
            " ".join(number[i:i + 4] for i in range(0, 18, 4))]


def mobile_spellings(number: str) -> list[str]:
    """Ways an 11-digit mobile is typed."""
    a, b, c = number[:3], number[3:7], number[7:]
    return [f"tel{number}", f"+86{number}", f"86{number}", f"{a}-{b}-{c}", f"{a} {b} {c}", f"+86 {a} {b} {c}",
            f"电话{a}.{b}.{c}联系", f"手机：{number}", f"({a}){b}-{c}", f"（{a}）{b}{c}"]


@pytest.fixture(scope="module")
def corpus_export(tmp_path_factory):
    """The small demo village with its real numbers typed everywhere, exported masked."""
    root = tmp_path_factory.mktemp("corpus")
    generate_demo(root / "data", until=date(2026, 11, 27))
    service = VillageService.open(root / "data", today=date(2026, 11, 27))
    try:
        people = [h for h in service.households() if h.id_number and h.phone.startswith("1")][:2]
        spellings: list[str] = []
        for h in people:
            ids, mobiles = id_spellings(h.id_number), mobile_spellings(h.phone)
            spellings += ids + mobiles
            service.save_household(dataclasses.replace(h, head=f"{h.head[:2]}tel{h.phone}",
                                                       address=f"{mobiles[3]}，{ids[2]}"))
            service.save_visit(Visit(day=DAY, cadre_id=service.cadres()[0].id, household_id=h.id,
                                     learned="，".join(ids), requests="；".join(mobiles)))
            service.save_ledger_item(LedgerItem(day=DAY, source="走访", category="行路", content="\n".join(ids + mobiles),
                                                household_id=h.id, handler_id=service.cadres()[0].id,
                                                reporter=f"{h.head[:1]}{mobiles[4]}"))
        cadre = service.cadres()[1]
        service.save_cadre(dataclasses.replace(cadre, name=f"{cadre.name[:1]}{mobile_spellings(people[0].phone)[4]}"))
        usb = root / "usb"
        usb.mkdir()
        result = export_village(service, usb)
    finally:
        service.close()
    numbers = [h.id_number for h in people] + [h.phone for h in people]
    numbers += [h.id_number[:6] + h.id_number[8:17] for h in people]
    return result, numbers, spellings


def every_byte(folder):
    """Every file of an export (and every part of each xlsx) as (name, bytes)."""
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        if path.suffix == ".xlsx":
            with zipfile.ZipFile(path) as book:
                for name in book.namelist():
                    yield f"{path.name}:{name}", book.read(name)
        else:
            yield str(path.relative_to(folder)), path.read_bytes()


def test_no_number_and_no_spelling_of_one_is_anywhere_in_the_export(corpus_export):
    result, numbers, spellings = corpus_export
    assert result.verify.ok
    files = dict(every_byte(result.folder))
    assert any(name.endswith(".xlsx:xl/worksheets/sheet1.xml") for name in files)
    for name, data in files.items():
        for text in numbers + spellings:
            assert text.encode("utf-8") not in data, f"{text} in {name}"
        digits_only = data.translate(None, b" -.")
        for number in numbers:
            assert number.encode() not in digits_only, f"{number} in {name} once separators are removed"


def test_masked_spellings_keep_their_layout_and_show_what_was_hidden(corpus_export):
    result, numbers, _ = corpus_export
    phone = numbers[2]
    visits = (result.folder / "data" / "2026" / "visits.json").read_text("utf-8")
    assert f"{phone[:3]}-****-{phone[7:]}" in visits and f"+86{phone[:3]}****{phone[7:]}" in visits
    ident = numbers[0]
    assert f"ID{ident[:6]}********{ident[14:]}" in visits
    book = next(result.folder.glob("*.xlsx"))
    with zipfile.ZipFile(book) as opened:
        sheets = b"".join(opened.read(n) for n in opened.namelist() if n.startswith("xl/worksheets/"))
    assert f"{phone[:3]} **** {phone[7:]}".encode() in sheets


def test_the_audit_log_of_the_export_is_masked_and_says_which_entries(corpus_export):
    result, numbers, _ = corpus_export
    audit = b"".join(p.read_bytes() for p in (result.folder / "data" / "audit").glob("*.json"))
    assert numbers[0][:6].encode() + b"********" in audit
    assert result.manifest.masked_audit


def test_files_laid_out_otherwise_are_masked_the_same_way(corpus_export, tmp_path):
    """A file edited in Notepad (indented, not one record per line) is parsed whole: same masked content."""
    import json

    from village_tui.exchange.masking import Masker
    from village_tui.store import DataFolder

    result, numbers, _ = corpus_export
    data = result.folder.parent.parent / "data"
    folder = DataFolder(data, readonly=True)
    try:
        files = [(p.relative_to(data).as_posix(), p.read_bytes()) for p in folder.data_files()]
    finally:
        folder.close()
    by_lines, whole = Masker(), Masker()
    for relative, raw in files:
        if relative == "schema.json":
            continue
        pretty = json.dumps(json.loads(raw), ensure_ascii=False, indent=2).encode("utf-8")
        assert json.loads(by_lines(relative, raw)) == json.loads(whole(relative, pretty)), relative
    assert by_lines.masked_audit == whole.masked_audit and by_lines.counts == whole.counts
    assert by_lines.counts["households"] == result.manifest.counts["households"] > 0
