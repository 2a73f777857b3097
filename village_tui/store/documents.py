"""Writing TinyDB documents as new objects, so the journal sees every change."""

from __future__ import annotations

from typing import Any

from tinydb.table import Table

from village_tui.domain.errors import NotFoundError
from village_tui.store.storage import JournalStorage


def storage_of(table: Table) -> JournalStorage:
    """The journaled storage under a table of the data folder.

    Raises:
        TypeError: The table is not one of the data folder's (TinyDB's own storage rewrites in place).
    """
    storage = table.storage
    if not isinstance(storage, JournalStorage):
        raise TypeError(f"{table.name} is not kept in a journaled file")
    return storage


def put_document(table: Table, doc_id: int, doc: dict[str, Any]) -> None:
    """Store one document (a new object) under ``doc_id``, without rebuilding the whole table."""
    storage_of(table).put(table.name, {str(doc_id): dict(doc)})
    table.clear_cache()


def insert_document(table: Table, doc: dict[str, Any]) -> int:
    """Store a new document under the file's next id for the table (ids never repeat)."""
    doc_id = storage_of(table).next_key(table.name)
    put_document(table, doc_id, doc)
    return doc_id


def insert_documents(table: Table, docs: list[dict[str, Any]]) -> list[int]:
    """Store new documents under the next ids, in one write."""
    storage = storage_of(table)
    ids = [storage.next_key(table.name) for _ in docs]
    storage.put(table.name, {str(doc_id): dict(doc) for doc_id, doc in zip(ids, docs)})
    table.clear_cache()
    return ids


def replace_document(table: Table, doc_id: int, doc: dict[str, Any]) -> None:
    """Replace a stored document by a new object (never change it in place).

    The journal takes the documents that are new objects, so an in-place
    change (TinyDB's ``Table.update``) would be missed on disk.

    Raises:
        NotFoundError: No document has this id.
    """
    if not table.contains(doc_id=doc_id):
        raise NotFoundError(f"找不到记录：{doc_id}")
    put_document(table, doc_id, doc)
