"""What the store lends to exchange, commands and the installer, beside the service.

Exports, reports and the installer write files outside the data folder, and verification reads
a copy of one; they take the store's atomic writes, its kinds and its checks from here, and
reach a village's records only through the service. The installer also brings a data folder up
to date (or copies an old one) before the program opens it. Nothing else of the store is theirs.
"""

from __future__ import annotations

from village_tui.store.atomic import atomic_write_bytes, fsync_dir, rename
from village_tui.store.audit import AuditLog
from village_tui.store.convert import field_types
from village_tui.store.folder import REFERENCE_NAME, DataFolder
from village_tui.store.journaled import TORN_SAVE
from village_tui.store.kinds import KINDS, VILLAGE_KINDS, yearly_id
from village_tui.store.schema import SCHEMA_NAME, SCHEMA_VERSION
from village_tui.store.snapshot import take_snapshot
from village_tui.store.storage import BrokenDataFile, encode_tables, read_json_file
from village_tui.store.tamper import check_records
from village_tui.store.upgrade import Upgraded, copy_village, holds_village, upgrade_folder

__all__ = [
    "KINDS", "VILLAGE_KINDS", "REFERENCE_NAME", "SCHEMA_NAME", "SCHEMA_VERSION", "AuditLog", "BrokenDataFile", "DataFolder",
    "atomic_write_bytes", "check_records", "encode_tables", "field_types", "fsync_dir", "take_snapshot",
    "yearly_id", "read_json_file", "rename", "TORN_SAVE", "Upgraded", "copy_village", "holds_village", "upgrade_folder",
]
