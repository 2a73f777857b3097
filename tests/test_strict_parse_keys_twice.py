"""The strict parse refuses a key written twice at every level of a data file (issue 30 measured a faster parse against it)."""

from __future__ import annotations

import pytest

from store_samples import sample, settings
from village_tui.store.convert import to_document
from village_tui.store.storage import BrokenDataFile, encode_tables, loads_data, read_json_file


def _files() -> dict[str, dict]:
    duty = to_document(sample("duty"))
    audit = {"seq": 1, "time": "2026-11-27 10:00:00", "operator": "单雄信", "action": "批量新增", "kind": "visits",
             "record_id": "2026-0001…2026-0002", "after": {"count": 2, "digests": {"2026-0001": "ab", "2026-0002": "cd"}}}
    return {
        "reference.json": {"settings": {"1": to_document(settings())},
                           "households": {"1": to_document(sample("households")), "2": to_document(sample("households"))}},
        "2026/duty.json": {"duty": {"1": duty, "2": duty | {"note": "说明：\"含引号\":也无妨"}}},
        "audit/2026-11.json": {"audit": {"1": audit}},
    }


def _written(tmp_path, relative: str, text: str):
    path = tmp_path / relative.replace("/", "_")
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("relative", list(_files()))
def test_a_file_as_the_program_writes_it_parses(tmp_path, relative):
    tables = _files()[relative]
    path = _written(tmp_path, relative, encode_tables(tables).decode("utf-8"))
    assert read_json_file(path) == tables


@pytest.mark.parametrize("relative, old, new", [
    ("reference.json", '"households":{', '"households":{\n"1":{},'),  # a record written twice
    ("reference.json", '"head":', '"head":"冒名户主","head":'),  # a field written twice
    ("reference.json", '"head":', '"head" :"冒名户主","head":'),  # ... with a space before its colon
    ("reference.json", '"group_history":[{', '"group_history":[{"group":"9组",'),  # inside a nested record
    ("2026/duty.json", '"signins":[{', '"signins":[{"cadre_id":9,'),  # inside a duty day's sign-in
    ("audit/2026-11.json", '"digests":{', '"digests":{"2026-0002":"ff",'),  # deep in an audit entry's after
    ("audit/2026-11.json", '{\n"audit"', '{"audit":{},\n"audit"'),  # a table written twice
])
def test_a_key_written_twice_anywhere_is_refused(tmp_path, relative, old, new):
    text = encode_tables(_files()[relative]).decode("utf-8")
    assert old in text
    path = _written(tmp_path, relative, text.replace(old, new, 1))
    with pytest.raises(BrokenDataFile, match="出现了两次"):
        read_json_file(path)
    with pytest.raises(ValueError):
        loads_data(path.read_text(encoding="utf-8"))


def test_nan_and_a_huge_number_are_refused(tmp_path):
    text = encode_tables(_files()["2026/duty.json"]).decode("utf-8")
    for bad, words in (("NaN", "NaN"), ("1e999", "1e999")):
        path = _written(tmp_path, "2026/duty.json", text.replace('"visitors":2', f'"visitors":{bad}', 1))
        with pytest.raises(BrokenDataFile, match=words):
            read_json_file(path)
