"""The exchange area: what an import asks of the service beyond the areas' own saves.

An import writes many records of several kinds in one journal transaction (:mod:`village_tui.imports.apply`):
the records a plan adds are stored together, stamped with the operator and the import's note; the
records it changes are saved through the one save path (period locks, read-only folders); afterwards
what the service derived from the records (the village's obligations start, the ledger's memo of
earlier years' open items) is derived again.
"""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

from village_tui.service.core import Area, ServiceContext, StoredRecord
from village_tui.service.ledger import LedgerService

R = TypeVar("R", bound=StoredRecord)


class ExchangeService(Area):
    """Writing an import's records, and backing the folder up before it.

    Args:
        context: The opened folder's shared state.
        ledger: The ledger area, whose memo of earlier years an import of 民情 items outdates.
    """

    def __init__(self, context: ServiceContext, ledger: LedgerService) -> None:
        super().__init__(context)
        self._ledger = ledger

    def require_writable(self) -> None:
        """Refuse an import into a read-only folder.

        Raises:
            ReadOnlyError: The folder is read-only, saying why.
        """
        self._ctx.require_writable()

    def backup_before(self, label: str) -> Path | None:
        """Back the data files up now, before a change that is hard to undo (``导入前``)."""
        return self._ctx.folder.backup_before(label)

    def add_imported(self, records: list[R], note: str) -> list[R]:
        """Store new records of an import together, numbered in order, stamped with the operator and ``note``."""
        self._ctx.forget_obligations_start()
        saved: list[R] = self.records.bulk_insert(records, self._ctx.operator_name, note)
        return saved

    def update_imported(self, record: R, note: str = "") -> R:
        """Save a record an import changes, through the one save path (a locked period needs ``note``)."""
        return self._ctx.update(record, note)

    def forget_derived(self) -> None:
        """Derive again what was derived from the records before an import wrote behind the areas' backs."""
        self._ctx.forget_obligations_start()
        self._ledger.forget_ledger_memo()
