"""The county roll-up writes its rows straight from the stored documents."""

from __future__ import annotations

import json
import sqlite3

import pytest

import village_tui.store.records as records_module
from exchange_fixtures import build_village
from village_tui.domain.models import VillageSettings
from village_tui.exchange.sqlite_rollup import write_rollup
from village_tui.service import VillageService


@pytest.fixture(scope="module")
def village(tmp_path_factory):
    path = build_village(tmp_path_factory.mktemp("rollup") / "东风村", "东风村")
    # A duty day saved before sign-ins had a visitor count and a note: the stored sign-in lacks both.
    (path / "2025").mkdir(exist_ok=True)
    old_duty = {"duty": {"1": {"day": "2025-03-03", "rostered": [1, 2], "signins": [{"cadre_id": 1, "time": "08:30"}],
                               "swaps": [], "note": "老台账补录"}}}
    (path / "2025" / "duty.json").write_text(json.dumps(old_duty, ensure_ascii=False), encoding="utf-8")
    return path


def rollup(village, tmp_path):
    service = VillageService.open(village, readonly=True)
    try:
        totals = write_rollup([(service, "东风村", None)], tmp_path / "county.db")
    finally:
        service.close()
    return totals, sqlite3.connect(tmp_path / "county.db")


def test_rollup_builds_no_record_objects(village, tmp_path, monkeypatch):
    built = []
    real = records_module.from_document

    def counting(cls, doc, record_id=None):
        built.append(cls.__name__)
        return real(cls, doc, record_id)

    monkeypatch.setattr(records_module, "from_document", counting)
    totals, db = rollup(village, tmp_path)
    try:
        assert totals["households"] == 4 and totals["visits"] == 2 and totals["ledger"] == 2
        assert db.execute("SELECT COUNT(*) FROM visits WHERE requests = '想办低保'").fetchone() == (1,)
    finally:
        db.close()
    assert set(built) <= {VillageSettings.__name__}  # the village's name, once: no household, visit or ledger item


def test_a_nested_record_saved_before_a_field_existed_gets_its_default(village, tmp_path):
    totals, db = rollup(village, tmp_path)
    try:
        day, signins, note = db.execute("SELECT day, signins, note FROM duty WHERE id = '2025-0001'").fetchone()
    finally:
        db.close()
    assert (day, note) == ("2025-03-03", "老台账补录")
    assert json.loads(signins) == [{"cadre_id": 1, "time": "08:30", "visitors": 0, "note": ""}]
    assert list(json.loads(signins)[0]) == ["cadre_id", "time", "visitors", "note"]  # the fields in the record's order
