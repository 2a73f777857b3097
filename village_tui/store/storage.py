"""A TinyDB storage that never leaves a broken file behind and never overwrites one it cannot read.

TinyDB's own ``JSONStorage`` rewrites the file in place, so a power cut in the
middle leaves half a file. This storage writes through :func:`atomic_write_bytes`
and keeps the parsed data in memory (the program holds the folder's lock, so
nobody else writes it), which also spares a re-parse on every query.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from village_tui.domain.errors import DomainError, ReadOnlyError
from village_tui.store.atomic import atomic_write_bytes

_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


class BrokenDataFile(DomainError):
    """A data file exists but cannot be read; it is kept untouched.

    Attributes:
        path: The file.
        reason: Why it cannot be read, in Chinese.
    """

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"数据文件无法读取：{path}（{reason}）。该文件已原样保留，未被覆盖。")
        self.path = path
        self.reason = reason


def encode_tables(data: dict[str, dict[str, Any]], memo: dict[str, dict[str, tuple[Any, bytes]]] | None = None) -> bytes:
    """Serialise TinyDB's tables with one record per line, readable in Notepad.

    Args:
        data: The tables.
        memo: Encoded line of each document from the previous write, keyed by
            table and document key and holding the document object itself.
            A document that is the very same object as last time is not
            encoded again; the store replaces documents instead of changing
            them in place, so an unchanged object means unchanged content.
            The memo is updated in place.

    Returns:
        UTF-8 JSON with the Chinese unescaped.
    """
    memo = {} if memo is None else memo
    parts = [b"{"]
    for t_index, (table, docs) in enumerate(data.items()):
        table_memo = memo.setdefault(table, {})
        get = table_memo.get

        def line(key: str, doc: Any) -> bytes:
            encoded = ("\n" + _ENCODER.encode(key) + ":" + _ENCODER.encode(doc)).encode("utf-8")
            table_memo[key] = (doc, encoded)
            return encoded

        lines = [hit[1] if (hit := get(key)) is not None and hit[0] is doc else line(key, doc)
                 for key, doc in docs.items()]
        parts.append((b"," if t_index else b"") + b"\n" + _ENCODER.encode(table).encode("utf-8") + b":{")
        parts.append(b",".join(lines))
        parts.append(b"\n}")
    parts.append(b"\n}\n")
    return b"".join(parts)


def read_json_file(path: Path) -> Any:
    """Parse a JSON data file.

    Raises:
        BrokenDataFile: The file is empty, truncated, not UTF-8 or not JSON.
    """
    try:
        # The bytes are dropped as soon as they are decoded: holding them, the text and the parsed
        # objects at once made opening a year's file the peak of the program's memory.
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        raise BrokenDataFile(path, "不是 UTF-8 编码") from None
    if not text.strip():
        raise BrokenDataFile(path, "文件为空")
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise BrokenDataFile(path, f"第 {error.lineno} 行第 {error.colno} 列格式错误，文件可能被截断") from None


class AtomicJSONStorage(Storage):
    """Crash-safe JSON storage for one data file.

    Args:
        path: The JSON file.
        readonly: Refuse every write.
    """

    def __init__(self, path: str | Path, readonly: bool = False) -> None:
        self.path = Path(path)
        self.readonly = readonly
        self._cache: dict | None = None
        self._memo: dict[str, dict[str, tuple[Any, bytes]]] = {}

    def read(self) -> dict | None:
        """Return the file's tables, parsing the file once."""
        if self._cache is None:
            if not self.path.exists():
                return None
            data = read_json_file(self.path)
            if not isinstance(data, dict):
                raise BrokenDataFile(self.path, "内容不是数据表")
            self._cache = data
        return self._cache

    def write(self, data: dict) -> None:
        """Replace the file with ``data`` atomically.

        Raises:
            ReadOnlyError: The folder is open read-only.
            OSError: The disk is full or not writable; the file on disk is unchanged.
        """
        if self.readonly:
            self._cache = None  # TinyDB changed the cached tables before asking to write them
            raise ReadOnlyError("数据文件夹以只读方式打开，不能保存。")
        if self._cache is None and self.path.exists():
            self.read()  # refuse to overwrite a file that does not parse
        try:
            atomic_write_bytes(self.path, encode_tables(data, self._memo))
        except BaseException:
            self._cache = None  # memory may hold the failed change: re-read the file
            self._memo = {}
            raise
        self._cache = data

    def close(self) -> None:
        """Drop the cached data."""
        self._cache = None
        self._memo = {}
