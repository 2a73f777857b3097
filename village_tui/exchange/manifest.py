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
    return read_signed_manifest(folder)[0]


def read_signed_manifest(folder: Path) -> tuple[Manifest, bytes]:
    """Read an export folder's manifest: the manifest and the bytes read (which its signature covers).

    Raises:
        FileNotFoundError: There is no manifest.
        ValueError: It does not parse.
    """
    raw = (folder / MANIFEST_NAME).read_bytes()
    return manifest_from_bytes(raw), raw


def manifest_from_bytes(raw: bytes) -> Manifest:
    """The manifest held in the bytes of ``manifest.json``.

    Raises:
        ValueError: They do not parse.
    """
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


def record_lines(data: bytes) -> int:
    """Records of a year file counted by their lines (the store writes one record per line)."""
    return len(_RECORD_LINE.findall(data))


class FilesSeen:
    """Each file of a copy as it was read, once: its size, SHA-256 and record lines.

    Handed to the copy's ``DataFolder`` as its ``on_read``, it sees the very bytes each parse
    reads, so a verifier compares with the manifest what was parsed, and reads only the files
    nothing parsed. A file read twice with different bytes (changed while it was being
    checked) is kept as changed: it matches no manifest.

    Attributes:
        files: Path → (size, SHA-256, record lines of a year file or 0).
    """

    CHANGED = "changed while it was read"

    def __init__(self) -> None:
        self.files: dict[Path, tuple[int, str, int]] = {}

    def __call__(self, path: Path, raw: bytes) -> None:
        """Note one read of ``path``."""
        path = Path(path)
        lines = record_lines(raw) if path.parent.name.isdigit() else 0
        seen = (len(raw), hashlib.sha256(raw).hexdigest(), lines)
        before = self.files.get(path)
        if before is not None and before[:2] != seen[:2]:
            seen = (-1, self.CHANGED, lines)
        self.files[path] = seen

    def read(self, path: Path) -> tuple[int, str, int]:
        """Size, SHA-256 and record lines of ``path``: as seen, or read now (once).

        Raises:
            OSError: The file cannot be read.
        """
        path = Path(path)
        found = self.files.get(path)
        if found is None:
            self(path, path.read_bytes())
            found = self.files[path]
        return found


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
            number = record_lines(data)
        counts[name] = counts.get(name, 0) + number
