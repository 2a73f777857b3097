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


CHINESE = "〇一二三四五六七八九"
FINANCIAL = "零壹贰叁肆伍陆柒捌玖"
CIRCLED = "⓪①②③④⑤⑥⑦⑧⑨"
SUPERSCRIPT = "⁰¹²³⁴⁵⁶⁷⁸⁹"
ARABIC_INDIC = "٠١٢٣٤٥٦٧٨٩"
DEVANAGARI = "०१२३४५६७८९"
FULLWIDTH = "０１２３４５６７８９"


def spelled(number: str, digits: str) -> str:
    """``number`` written with another script's digits (``digits[i]`` for the digit i)."""
    return "".join(digits[int(d)] if d.isdigit() else d for d in number)


def meaning_spellings(number: str) -> list[str]:
    """Issue 25 item 8: a mobile spelled by what the characters mean, one or more per family."""
    a, b, c = number[:3], number[3:7], number[7:]
    lookalike = number.replace("1", "l").replace("0", "O")
    return [
        spelled(number, CHINESE), "电话" + spelled(number, "零一二三四五六七八九"),  # Chinese numerals
        spelled(number, CHINESE).replace("一", "幺"), spelled(number, CHINESE).replace("二", "两"),  # 幺 and 两
        spelled(number, FINANCIAL), f"{spelled(a, FINANCIAL)} {spelled(b, FINANCIAL)} {spelled(c, FINANCIAL)}",
        spelled(number, CIRCLED), spelled(number, SUPERSCRIPT), spelled(number, ARABIC_INDIC),  # other digits
        spelled(number, DEVANAGARI), f"{spelled(a, FULLWIDTH)}\u3000{spelled(b, FULLWIDTH)}\u3000{spelled(c, FULLWIDTH)}",
        f"tel {lookalike}", f"{a}-{b}-{c}".replace("1", "I").replace("0", "o"),  # l, I, O, o between digits
        f"{a}/{b}/{c}", f"{a},{b},{c}", f"+86 {a}----{b}-{c}", f"{a}转{b}{c}", f"{a}_{b}_{c}",  # separators
        f"[{a}]{b}.{c}", f"{a}\n{b}\n{c}", f"（{a}）{spelled(b, CHINESE)}-{spelled(c, CIRCLED)}",
        f"{a}\u3000{b}／{c}",
    ]


def normalized(data: bytes) -> str:
    """A file's text with every digit read by meaning as 0-9 and every separator taken out."""
    from village_tui.domain.digits import SEPARATOR_CHARS, digit_value

    text = data.decode("utf-8", "replace").replace("\\n", " ")
    drop = set(SEPARATOR_CHARS.replace("\\", "")) | set("\u2010\u2011\u2012\u2013\u2014\u2015")
    out = []
    for ch in text:
        value = digit_value(ch)
        if value is not None:
            out.append(str(value))
        elif ch not in drop:
            out.append(ch)
    return "".join(out)


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
        for h in people:  # the families of issue 25 item 8, and numbers split across 情况 and 诉求
            family = meaning_spellings(h.phone)
            spellings += family
            cadre_id = service.cadres()[0].id
            for offset, (learned, requests) in enumerate([
                    ("；".join(family), "电话见上"),
                    (f"留了电话{h.phone[:3]} {h.phone[3:7]}", f"{h.phone[7:]}，请回电"),
                    (f"身份证{spelled(h.id_number[:9], CHINESE)}", f"{spelled(h.id_number[9:], FINANCIAL)}号")], 1):
                service.save_visit(Visit(day=date(2026, 10, 12 + offset), cadre_id=cadre_id, household_id=h.id,
                                         learned=learned, requests=requests))
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
        by_meaning = normalized(data)
        for number in numbers:
            assert number.encode() not in digits_only, f"{number} in {name} once separators are removed"
            assert number not in by_meaning, f"{number} in {name} once digits are read by meaning"


def test_every_spelling_of_the_corpus_is_masked_in_free_text(corpus_export):
    """The corpus result, spelling by spelling: each one comes out of the masking changed."""
    from village_tui.domain.privacy import mask_numbers_in_text

    _, _, spellings = corpus_export
    leaked = [text for text in spellings if mask_numbers_in_text(text) == text]
    assert not leaked, f"{len(spellings) - len(leaked)} of {len(spellings)} masked; leaked: {leaked}"
    assert len(spellings) >= 80


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


def test_a_number_split_across_two_cells_of_a_workbook_row_is_masked():
    """The export's workbook: 情况 and 诉求 are adjacent cells, read together like the record's fields."""
    from village_tui.exchange.report_data import mask_sheets
    from village_tui.exchange.report_xlsx import SheetData

    sheet = SheetData("走访", ["日期", "农户", "情况", "诉求", "次数"])
    sheet.rows = [["2026-10-13", "0002 曾小明", "留了电话139 5724", "6810，请回电", 1]]
    [masked] = mask_sheets([sheet])
    assert masked.rows == [["2026-10-13", "0002 曾小明", "留了电话139 ****", "6810，请回电", 1]]
