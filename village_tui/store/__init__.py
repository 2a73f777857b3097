"""Storage: the only code that opens files in the data folder."""

from village_tui.store.folder import DataFolder
from village_tui.store.records import KINDS, RecordStore
from village_tui.store.storage import BrokenDataFile

__all__ = ["BrokenDataFile", "DataFolder", "KINDS", "RecordStore"]
