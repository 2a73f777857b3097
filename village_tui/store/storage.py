"""TinyDB's storage for the data folder, and the encoding of its files.

TinyDB's own ``JSONStorage`` rewrites the file in place, so a power cut in the
middle leaves half a file. Here a save never rewrites a file: the storage
hands the changed documents to the folder's journal (:mod:`village_tui.store.journal`),
and the file is rewritten atomically only when the journal is compacted.
A file that does not parse is never written over.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from village_tui.domain.errors import DomainError, ReadOnlyError

_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


class BrokenDataFile(DomainError):
    """A data file exists but cannot be read; it is kept untouched.

    Attributes:
        path: The file.
        reason: Why it cannot be read, in Chinese.
        changes: For a journal broken in the middle, the good changes read before the break.
    """

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"数据文件无法读取：{path}（{reason}）。该文件已原样保留，未被覆盖。")
        self.path = path
        self.reason = reason
        self.changes: list[dict[str, Any]] = []


def encode_tables(data: dict[str, dict[str, Any]]) -> bytes:
    """Serialise TinyDB's tables with one record per line, readable in Notepad.

    Args:
        data: The tables.

    Returns:
        UTF-8 JSON with the Chinese unescaped.
    """
    encode = _ENCODER.encode
    parts = [b"{"]
    for t_index, (table, docs) in enumerate(data.items()):
        parts.append((b"," if t_index else b"") + b"\n" + encode(table).encode("utf-8") + b":{")
        parts.append(",".join("\n" + encode(key) + ":" + encode(doc) for key, doc in docs.items()).encode("utf-8"))
        parts.append(b"\n}")
    parts.append(b"\n}\n")
    return b"".join(parts)


def lay_over(data: dict, tables: dict[str, dict[str, Any]]) -> None:
    """Set each changed document in ``data``, in a new dict per changed table (None removes a document).

    Readers iterating the old table dict keep it unchanged.
    """
    for table, docs in tables.items():
        current = data.get(table)
        merged = dict(current) if isinstance(current, dict) else {}
        for key, doc in docs.items():
            if doc is None:
                merged.pop(key, None)
            else:
                merged[key] = doc
        data[table] = merged


class _Absurd(ValueError):
    """A value JSON allows but a data file never holds (a key twice, NaN, an infinite number)."""


def _one_key_once(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """An object's pairs as a dict, refusing a key written twice (the first copy would be hidden)."""
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        twice = next(key for key, _ in pairs if key in seen or seen.add(key))  # type: ignore[func-returns-value]  # add() gives None: the or goes on looking
        raise _Absurd(f"同一个键「{twice[:40]}」出现了两次，前一份内容会被隐藏")
    return result


def _no_constant(name: str) -> Any:
    raise _Absurd(f"含有 {name}，不是有效的数值")


def _finite_float(text: str) -> float:
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise _Absurd(f"数值 {text[:40]} 太大")
    return value


def strict_decoder() -> json.JSONDecoder:
    """A new decoder as strict as :func:`loads_data`, for reading a file value by value (``raw_decode``).

    New each time: a decoder's key memo is not meant to be shared by two threads at once.
    """
    return json.JSONDecoder(object_pairs_hook=_one_key_once, parse_constant=_no_constant, parse_float=_finite_float)


def loads_data(text: str) -> Any:
    """Parse the text of a data file strictly: no key twice, no NaN or Infinity.

    Raises:
        ValueError: Not JSON, a key written twice, NaN/Infinity, a number too long to read.
        RecursionError: Nested too deep.
    """
    return json.loads(text, object_pairs_hook=_one_key_once, parse_constant=_no_constant,
                      parse_float=_finite_float)


MAX_NESTING = 32  # the program's own files nest a few levels; masking and display walk values recursively


def nesting_problem(path: Path, data: Any, limit: int = MAX_NESTING) -> BrokenDataFile | None:
    """A file whose values nest deeper than ``limit`` (lists in lists ... in a field the program does not know).

    JSON parses such a file, but code walking a value recursively (the masking of an
    export) would end in a ``RecursionError``. Walked without recursion, only before an
    export (a quarter of the parse's time), so opening the folder does not pay for it.
    """
    stack = [(data, 1)]
    pop, push = stack.pop, stack.append
    while stack:
        value, depth = pop()
        if depth > limit:
            return BrokenDataFile(path, f"嵌套层数过多（超过 {limit} 层），无法读取")
        for item in value.values() if type(value) is dict else value:
            kind = type(item)
            if (kind is dict or kind is list) and item:
                push((item, depth + 1))
    return None


def read_json_file(path: Path, digest: list | None = None, on_read: Callable[[Path, bytes], None] | None = None,
                   raw: bytes | None = None) -> Any:
    """Parse a JSON data file.

    Args:
        path: The file.
        digest: When given, receives the SHA-256 of the file's bytes.
        on_read: When given, called with the path and the very bytes parsed (a verifier hashes
            them: what is checked against a manifest is what was read, and the file is read once).
        raw: The file's bytes, read already (the sign-in's tables were shown from them: the
            whole parse checks the very bytes shown); None reads the file.

    Raises:
        BrokenDataFile: The file is empty, truncated, not UTF-8 or not JSON, holds a key twice,
            NaN or Infinity, a number too long to read, or is nested too deep.
    """
    try:
        # The bytes are dropped as soon as they are decoded: holding them, the text and the parsed
        # objects at once made opening a year's file the peak of the program's memory.
        if raw is None:
            raw = path.read_bytes()
        if on_read is not None:
            on_read(path, raw)
        if digest is not None:
            digest.append(hashlib.sha256(raw).hexdigest())
        text = raw.decode("utf-8")
        del raw
    except UnicodeDecodeError:
        raise BrokenDataFile(path, "不是 UTF-8 编码") from None
    if not text.strip():
        raise BrokenDataFile(path, "文件为空")
    try:
        return loads_data(text)
    except json.JSONDecodeError as error:
        raise BrokenDataFile(path, f"第 {error.lineno} 行第 {error.colno} 列格式错误，文件可能被截断") from None
    except _Absurd as error:
        raise BrokenDataFile(path, str(error)) from None
    except ValueError:
        raise BrokenDataFile(path, "含有位数过多、无法读取的数字") from None
    except RecursionError:
        raise BrokenDataFile(path, "嵌套层数过多，无法读取") from None


class JournalStorage(Storage):
    """TinyDB's storage of one data file: the file as last compacted, with the journal's changes on top.

    The data is parsed once and kept in memory (the program holds the folder's
    lock, so nobody else writes it) until its reader keeps the records itself
    (:meth:`release`). A write never rewrites the file: it works out which
    documents TinyDB replaced and hands just those to the folder,
    which appends them to the journal (inside the current transaction, with
    the audit entry of the change). Documents are replaced by new objects,
    never changed in place, so a document that is the same object as before is
    unchanged.

    Args:
        path: The JSON file, or None for a folder in memory.
        owner: The folder: ``overlay_into(relative, data)`` lays the journal's
            changes over the parsed file, ``stage(relative, changes)`` records a write.
        relative: The file's path inside the folder (``2026/visits.json``).
        readonly: Refuse every write.
    """

    def __init__(self, path: Path | None, owner: Any, relative: str, readonly: bool = False) -> None:
        self.path = path
        self.owner = owner
        self.relative = relative
        self.readonly = readonly
        self.read_already: bytes | None = None  # the file's bytes, read before: the first read parses these
        self._cache: dict | None = None
        self._next_keys: dict[str, int] = {}
        self._released = False  # the documents are kept by their reader (release): a put does not parse again

    @property
    def loaded(self) -> bool:
        """Whether the data is in memory."""
        return self._cache is not None

    def read(self) -> dict:
        """The file's tables with the journal's changes (a new outer dict each time; tables are shared)."""
        if self._cache is None:
            data: Any = {}
            raw, self.read_already = self.read_already, None
            if self.path is not None and (raw is not None or self.path.exists()):
                data = read_json_file(self.path, on_read=getattr(self.owner, "on_read", None), raw=raw)
                if not isinstance(data, dict):
                    raise BrokenDataFile(self.path, "内容不是数据表")
            self.owner.overlay_into(self.relative, data)
            self._cache = data
        return dict(self._cache)

    def write(self, data: dict) -> None:
        """Hand the documents TinyDB changed to the folder's journal.

        Raises:
            ReadOnlyError: The folder is open read-only.
            OSError: The disk is full or not writable (when the write is not part of a transaction).
        """
        if self.readonly:
            self._cache = None  # TinyDB changed its copy of the tables before asking to write them
            raise ReadOnlyError("数据文件夹以只读方式打开，不能保存。")
        if self._cache is None:
            self.read()  # refuse to write over a file that does not parse
        old_tables = self._cache or {}
        changes: dict[str, dict[str, Any]] = {}
        for table, docs in data.items():
            old = old_tables.get(table)
            if docs is old:
                continue  # TinyDB builds a new dict for the one table it changes
            old = old if isinstance(old, dict) else {}
            changed = {key: doc for key, doc in docs.items() if old.get(key) is not doc}
            added = sum(1 for key in changed if key not in old)
            if len(docs) - added != len(old):
                changed.update((key, None) for key in old.keys() - docs.keys())
            if changed:
                changes[table] = changed
        for table in old_tables.keys() - data.keys():
            changes[table] = dict.fromkeys(old_tables[table] or {})
        self._cache = data
        if changes:
            self.owner.stage(self.relative, changes)

    def next_key(self, table: str) -> int:
        """The next free document id of ``table``: one past the highest ever handed out, never reused.

        Kept here, with the data, so every user of the file shares it (TinyDB's
        own counter works out the highest id with a slow generator over every key).
        """
        counter = self.peek_next_key(table)
        self._next_keys[table] = counter + 1
        return counter

    def peek_next_key(self, table: str) -> int:
        """The id :meth:`next_key` will hand out next (worked out once, from the data)."""
        counter = self._next_keys.get(table)
        if counter is None:
            docs = self.read().get(table) or {}
            counter = self._next_keys[table] = max(map(int, docs), default=0) + 1
        return counter

    def put(self, table: str, docs: dict[str, Any]) -> None:
        """Write documents by key without TinyDB rebuilding the whole table (a save costs O(1), not O(n)).

        Raises:
            ReadOnlyError: The folder is open read-only.
        """
        if self.readonly:
            raise ReadOnlyError("数据文件夹以只读方式打开，不能保存。")
        if self._cache is None and not self._released:
            self.read()
        if self._cache is not None:
            lay_over(self._cache, {table: docs})  # a new table dict (a fast copy): a reader iterating keeps its own
        self.owner.stage(self.relative, {table: docs})

    def release(self) -> None:
        """Drop the parsed documents, whose records their reader now keeps (once, as records).

        The next ids are worked out first. A later put hands its documents to the journal without
        parsing the file again; a later read parses the file with the journal's changes.
        """
        for table in list(self._cache or {}):
            self.peek_next_key(table)
        self._cache = None
        self._released = True

    def apply(self, table: str, docs: dict[str, Any]) -> None:
        """Lay committed documents over the data in memory (a new table dict: readers keep theirs)."""
        if self._cache is not None:
            lay_over(self._cache, {table: docs})

    def invalidate(self) -> None:
        """Forget the data in memory (a transaction failed): the next read is the file and the journal."""
        self._cache = None

    def close(self) -> None:
        """Drop the cached data."""
        self._cache = None
