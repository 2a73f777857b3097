"""Every OS and library error reaches the clerk in Chinese, with no English in brackets."""

from __future__ import annotations

import errno
import re
import zipfile

from village_tui.cli import main
from village_tui.domain.error_words import error_words
from village_tui.store.folder import DataFolder
from village_tui.store.lock import FolderLock

from import_fixtures import sheets, write_workbook

ENGLISH = re.compile(r"[A-Za-z]{3,}(?: [A-Za-z]{2,})+")  # two English words in a row: a sentence, not a name


def _import(path, tmp_path, capsys) -> str:
    code = main(["import", str(path), "--data", str(tmp_path / "data")])
    out = capsys.readouterr()
    assert code != 0
    return out.out + out.err


def test_a_file_that_is_no_workbook_is_named_in_chinese(tmp_path, capsys):
    fake = tmp_path / "桃源村 台账.xlsx"
    fake.write_text("这不是工作簿", encoding="utf-8")
    said = _import(fake, tmp_path, capsys)
    assert "不是有效的工作簿（.xlsx）文件，或文件已损坏" in said
    assert "zip" not in said and not ENGLISH.search(said), said


def _damage_a_member(book, member: str) -> None:
    """Flip bytes inside one member's compressed data, leaving the zip's directory intact."""
    with zipfile.ZipFile(book) as archive:
        info = archive.getinfo(member)
    raw = bytearray(book.read_bytes())
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for offset in range(start + 2, start + min(info.compress_size, 40)):
        raw[offset] ^= 0x55
    book.write_bytes(bytes(raw))


def test_a_damaged_workbook_is_said_to_be_damaged_not_bad_crc(tmp_path, capsys):
    book = write_workbook(tmp_path / "台账.xlsx", sheets())
    _damage_a_member(book, "xl/workbook.xml")
    said = _import(book, tmp_path, capsys)
    assert "文件已损坏或不完整" in said
    assert "CRC" not in said and "Error" not in said and not ENGLISH.search(said), said


def test_a_read_only_disk_is_named_in_chinese(tmp_path, monkeypatch):
    def refuse(self):
        raise OSError(errno.EROFS, "Read-only file system", str(tmp_path))

    monkeypatch.setattr(FolderLock, "acquire", refuse)
    folder = DataFolder(tmp_path / "村务数据")
    try:
        assert folder.readonly_reason == "数据文件夹不可写：磁盘是只读的（U盘可能开了写保护）。以只读方式打开"
    finally:
        folder.close()


def test_library_and_unknown_system_errors_have_chinese_words():
    assert error_words(zipfile.BadZipFile("Bad CRC-32 for file 'xl/styles.xml'")) == (
        "文件已损坏或不完整（可能没有复制完）：其中的 xl/styles.xml 校验不符")
    assert error_words(OSError(errno.ENOLINK, "Link has been severed", "D:\\桃源村")) == (
        f"系统错误（错误号 {errno.ENOLINK}）：D:\\桃源村")
    assert error_words(KeyError("There is no item named 'xl/workbook.xml' in the archive")) == (
        "文件已损坏或不完整（可能没有复制完）：缺少 xl/workbook.xml")
    assert error_words(ValueError("invalid literal for int() with base 10: 'x'")) == "文件内容不对，程序无法读取"
    assert error_words(ValueError("日期不存在")) == "日期不存在"
