"""Bounded imports (issue 17, item 5): a zip bomb, a million-row sheet and a huge CSV are refused early.

The hostile files are made small: a sheet's XML is deflated as one block repeated
(after a full flush deflate's output for the same block is the same bytes), so a
1.5 MB workbook holds a 1.5 GB cell and 100 KB hold a million rows. Each refusal
names its limit in Chinese, comes from ``village-tui import`` with exit 2 and
nothing written, and happens before the file is read: the peak of memory the
reader allocates (tracemalloc) stays a few megabytes.
"""

from __future__ import annotations

import io
import struct
import tracemalloc
import zlib

import openpyxl
import pytest

from village_tui.cli import main
from village_tui.imports import limits
from village_tui.imports.readers import read_file

SHEET_HEAD = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
              '<row><c t="inlineStr"><is><t>户编号</t></is></c><c t="inlineStr"><is><t>户主</t></is></c>'
              '<c t="inlineStr"><is><t>组别</t></is></c></row>').encode("utf-8")
SHEET_TAIL = b"</sheetData></worksheet>"
MB = 1024 * 1024


def deflate_repeated(head: bytes, block: bytes, times: int, tail: bytes) -> tuple[bytes, int, int]:
    """Raw deflate of ``head + block * times + tail`` without building it; (data, crc, unpacked size).

    The CRC is computed only for parts up to 64 MB: a bigger part is refused from its
    declared size and never unpacked, so its CRC is never checked.
    """
    packer = zlib.compressobj(6, zlib.DEFLATED, -15)
    first = packer.compress(head) + packer.flush(zlib.Z_FULL_FLUSH)
    repeated = packer.compress(block) + packer.flush(zlib.Z_FULL_FLUSH)
    again = packer.compress(block) + packer.flush(zlib.Z_FULL_FLUSH)
    assert again == repeated, "after a full flush the same block deflates to the same bytes"
    data = first + repeated * times + packer.compress(tail) + packer.flush()
    size = len(head) + len(block) * times + len(tail)
    crc = 0
    if size <= 64 * MB:
        crc = zlib.crc32(head)
        for _ in range(times):
            crc = zlib.crc32(block, crc)
        crc = zlib.crc32(tail, crc)
    return data, crc, size


def write_zip(path, members: dict[str, tuple[bytes, int, int]]) -> None:
    """A zip of raw-deflated members ``name -> (data, crc, unpacked size)``."""
    out, central = io.BytesIO(), io.BytesIO()
    for name, (data, crc, size) in members.items():
        raw = name.encode("utf-8")
        offset = out.tell()
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, len(data), size, len(raw), 0))
        out.write(raw + data)
        central.write(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0x21, crc, len(data), size,
                                  len(raw), 0, 0, 0, 0, 0, offset) + raw)
    start = out.tell()
    out.write(central.getvalue())
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(central.getvalue()),
                          start, 0))
    path.write_bytes(out.getvalue())


def hostile_workbook(path, block: bytes, times: int, head: bytes = SHEET_HEAD, tail: bytes = SHEET_TAIL):
    """A real 农户 workbook from openpyxl whose sheet XML is replaced by ``head + block * times + tail``."""
    book = openpyxl.Workbook()
    book.active.title = "农户"
    book.active.append(["户编号", "户主", "组别"])
    buffer = io.BytesIO()
    book.save(buffer)
    import zipfile

    members = {}
    with zipfile.ZipFile(buffer) as source:
        for info in source.infolist():
            content = source.read(info)
            packer = zlib.compressobj(6, zlib.DEFLATED, -15)
            members[info.filename] = (packer.compress(content) + packer.flush(), zlib.crc32(content), len(content))
    members["xl/worksheets/sheet1.xml"] = deflate_repeated(head, block, times, tail)
    write_zip(path, members)
    return path


def refused_within_memory(path, words: tuple[str, ...], peak_mb: float = 20) -> str:
    """Read ``path``: refused with a message holding ``words``, the reader's memory peak under ``peak_mb``."""
    tracemalloc.start()
    try:
        with pytest.raises(limits.LimitExceeded) as refused:
            read_file(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    message = str(refused.value)
    for word in words:
        assert word in message, message
    assert peak < peak_mb * MB, f"the reader allocated {peak / MB:.1f} MB before refusing"
    return message


def test_a_workbook_with_one_1_5_gb_cell_is_refused_from_its_declared_size(tmp_path):
    cell = b'<row><c t="inlineStr"><is><t>'
    path = hostile_workbook(tmp_path / "炸弹.xlsx", b"A" * MB, 1536, head=SHEET_HEAD + cell,
                            tail=b"</t></is></c></row>" + SHEET_TAIL)
    assert path.stat().st_size < 2 * MB, "the test file itself is small"
    refused_within_memory(path, ("xl/worksheets/sheet1.xml", "1536.0 MB", "上限 128.0 MB"))


def test_a_cell_under_the_part_limit_but_over_the_cell_limit_is_refused_before_parsing(tmp_path):
    cell = b'<row><c t="inlineStr"><is><t>'
    path = hostile_workbook(tmp_path / "长格.xlsx", "村".encode("utf-8") * 1000, 1000, head=SHEET_HEAD + cell,
                            tail=b"</t></is></c></row>" + SHEET_TAIL)
    refused_within_memory(path, ("农户", f"每格 {limits.MAX_CELL_CHARS} 个字"))


def test_a_long_cell_found_while_reading_names_its_row_and_column(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "农户"
    sheet.append(["户编号", "户主", "组别"])
    sheet.append(["0001", "王大山", "1组"])
    sheet.append(["0002", "曾" * (limits.MAX_CELL_CHARS + 1), "1组"])
    book.save(tmp_path / "农户.xlsx")
    message = refused_within_memory(tmp_path / "农户.xlsx", ("第3行", "「户主」列", f"{limits.MAX_CELL_CHARS + 1} 个字"))
    assert "10000" in message


def test_a_million_row_sheet_is_refused_after_the_row_limit_without_being_parsed(tmp_path):
    rows = '<row><c t="inlineStr"><is><t>曾小明</t></is></c></row>'.encode("utf-8") * 1000
    path = hostile_workbook(tmp_path / "百万行.xlsx", rows, 1000)
    assert path.stat().st_size < MB
    refused_within_memory(path, ("农户", "超过 10000 行"))


def test_a_csv_over_the_file_size_limit_is_refused_before_a_byte_is_read(tmp_path):
    path = tmp_path / "走访.csv"
    with open(path, "wb") as handle:
        handle.write("日期,干部,户编号\n".encode("utf-8"))
        handle.truncate(limits.MAX_FILE_BYTES + 1)  # sparse: big on paper, nothing on the disk
    refused_within_memory(path, ("走访.csv", "50.0 MB"), peak_mb=1)


def test_a_csv_over_the_row_limit_is_refused_while_streaming(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_ROWS", 1_000)  # the real 100,000 rows take seconds; the stream is the same
    path = tmp_path / "走访.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        handle.write("日期,干部,户编号\n")
        for n in range(300_000):
            handle.write(f"2026-11-01,王建国,{n:06d}\n")
    # Reading the whole file into rows would take over 100 MB; refused at row 1,001 it takes almost nothing.
    refused_within_memory(path, ("走访", "超过 1000 行"), peak_mb=5)


def test_the_limits_leave_room_for_the_largest_village():
    """5,000 households, ten years of a large village's records (80,000 visits), with room to spare."""
    assert limits.row_limit("农户") >= 2 * 5_000
    assert limits.row_limit("走访") >= 100_000
    assert limits.MAX_CELL_CHARS >= 5 * 2_000


def test_the_import_command_refuses_with_exit_2_and_writes_nothing(tmp_path, capsys):
    rows = '<row><c t="inlineStr"><is><t>曾小明</t></is></c></row>'.encode("utf-8") * 1000
    path = hostile_workbook(tmp_path / "百万行.xlsx", rows, 1000)
    code = main(["import", str(path), "--data", str(tmp_path / "村"), "--village", "东风村", "--township", "青山镇",
                 "--county", "田县"])
    out, err = capsys.readouterr()
    assert code == 2 and "超过 10000 行" in err and "Traceback" not in out + err
    assert not (tmp_path / "村" / "reference.json").exists()


def test_a_real_village_sized_workbook_is_within_every_limit(tmp_path):
    """5,000 households with a realistic row each read fine (the limits leave room for the largest village)."""
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("农户")
    sheet.append(["户编号", "户主", "身份证号", "组别", "人口", "电话", "外出", "困难类别", "住址"])
    for n in range(5_000):
        sheet.append([f"{n:04d}", f"王大山{n}", "", f"{n % 12 + 1}组", 4, "13812345678", "否", "",
                      f"均溪镇桃源村{n % 12 + 1}组{n}号"])
    book.save(tmp_path / "农户.xlsx")
    (sheet_read,) = read_file(tmp_path / "农户.xlsx")
    assert len(sheet_read.rows) == 5_000
