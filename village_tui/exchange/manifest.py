"""The manifest of an export: what village, when, by whom, and a SHA-256 for every file.

An export folder looks like::

    桃源村-20261127-0930/
      manifest.json              this manifest
      桃源村-2026年台账.xlsx     this year's ledgers for readers without the program
      data/                      the data files (schema, reference, years, audit)
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path

from village_tui.domain.error_words import error_words
from village_tui.store.api import atomic_write_bytes

MANIFEST_NAME = "manifest.json"
DATA_DIR = "data"
FORMAT = 1
_YEAR_FILE = re.compile(r"^\d{4}/([a-z_]+)\.json$")
_CHUNK = 1 << 20
# The start of one record's line in a year file: ``"42":{`` (a raw newline only ever ends a line).
_RECORD_LINE = re.compile(rb'\n[ \t]*"\d+"[ \t]*:')


@dataclass
class FileEntry:
    """One file of an export: its size and SHA-256."""

    size: int
    sha256: str


@dataclass
class Manifest:
    """What an export holds.

    Attributes:
        village: Village name.
        township: Township.
        county: County.
        schema: The data folder's schema version.
        program: Version of the program that exported.
        time: When, ``2026-11-27 09:30:05`` (China Standard Time).
        operator: Who exported.
        masked: Whether personal data was masked.
        locked: Whether the data folder's lock was held during the copy.
        lock_note: Why it was not, in Chinese.
        year: The year of the Excel workbook.
        counts: Records per kind (``visits``: 875 ...).
        files: Every file with its path relative to the export folder (``data/2026/visits.json``).
        masked_audit: Audit entries (``"2026-11:42"``) whose content masking changed.
    """

    village: str
    township: str
    county: str
    schema: int
    program: str
    time: str
    operator: str
    masked: bool
    locked: bool = True
    lock_note: str = ""
    year: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    files: dict[str, FileEntry] = field(default_factory=dict)
    masked_audit: list[str] = field(default_factory=list)
    format: int = FORMAT

    def to_json(self) -> dict:
        """The manifest as written to ``manifest.json``."""
        return asdict(self)

    @classmethod
    def from_json(cls, body: dict) -> Manifest:
        """Read a manifest written by :meth:`to_json`.

        Raises:
            ValueError: A required entry is missing or has the wrong type.
        """
        try:
            files = {str(k): FileEntry(int(v["size"]), str(v["sha256"])) for k, v in body["files"].items()}
            known = {k: body[k] for k in cls.__dataclass_fields__ if k in body and k != "files"}
            return cls(**known, files=files)
        except (KeyError, TypeError, AttributeError):
            raise ValueError("清单内容不完整或格式不对") from None


def write_manifest(folder: Path, manifest: Manifest) -> Path:
    """Write ``manifest.json`` into an export folder durably."""
    path = folder / MANIFEST_NAME
    text = json.dumps(manifest.to_json(), ensure_ascii=False, indent=1)
    atomic_write_bytes(path, text.encode("utf-8"))
    return path


def read_manifest(folder: Path) -> Manifest:
    """Read an export folder's manifest.

    Raises:
        FileNotFoundError: There is no manifest.
        ValueError: It does not parse.
    """
    raw = (folder / MANIFEST_NAME).read_bytes()
    try:
        body = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ValueError(f"清单文件已损坏：{error_words(error)}") from None
    if not isinstance(body, dict):
        raise ValueError("清单文件已损坏：内容不是清单")
    return Manifest.from_json(body)


def file_sha256(path: Path) -> str:
    """SHA-256 of a file, read in pieces (a ten-year village is tens of megabytes)."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def count_records(relative: str, data: bytes, counts: dict[str, int], tables: dict | None = None) -> None:
    """Add the records of one data file to ``counts`` (kind name → records).

    The parse already done (by the masking) is used when given. A year file that
    was not parsed is counted by its record lines (the store writes one record per
    line), so an export never parses a file only to count it.

    Args:
        relative: The file's path in the data folder (``reference.json``, ``2026/visits.json``).
        data: The file's bytes.
        counts: Updated in place.
        tables: The file's parsed tables, when already parsed.
    """
    from village_tui.store.api import KINDS

    if relative == "reference.json":
        tables = tables if tables is not None else json.loads(data.decode("utf-8"))
        for name, docs in tables.items():
            if name in KINDS:
                counts[name] = counts.get(name, 0) + len(docs)
    elif match := _YEAR_FILE.match(relative):
        name = match.group(1)
        if name not in KINDS:
            return
        if tables is not None:
            number = len(tables.get(name, {}))
        else:
            number = len(_RECORD_LINE.findall(data))
        counts[name] = counts.get(name, 0) + number
