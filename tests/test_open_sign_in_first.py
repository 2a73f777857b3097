"""Issue 30 item 1: the sign-in frame reads only the settings and cadres of ``reference.json``.

The open decodes the reference file's settings and cadres alone (with the journal's saves laid
over them); the whole file is parsed and shape-checked, from the same bytes, by the check after
the first frame. What the sign-in showed is what the check then holds; a file broken past the
cadres is named exactly as when the open found it, and nothing is written; a file written by an
older version, with those tables further in, still opens.
"""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date
from typing import Any

import pytest
from textual.widgets import Button, OptionList, Static

from app_fixtures import TODAY, make_village
from broken_folders import CATALOGUE, broken_copy, make_demo
from test_broken_app import REFERENCE_CASES
from village_tui.app import VillageApp
from village_tui.domain.models import Cadre
from village_tui.service import VillageService
from village_tui.store import storage
from village_tui.store.folder import DataFolder

REFERENCE = "reference.json"


def _village_on_disk(tmp_path):
    """东风村 on disk, its records compacted into the files (reference.json as the program writes it)."""
    folder = tmp_path / "村"
    service = VillageService.open(folder, today=TODAY)
    make_village(service)
    service.folder.compact()
    service.close()
    return folder


def _journal(folder) -> bytes:
    path = folder / "journal.jsonl"
    return path.read_bytes() if path.exists() else b""


def _sign_in_names(app) -> list[str]:
    options = app.screen.query_one("#operators", OptionList)
    return [str(options.get_option_at_index(i).prompt).split()[0] for i in range(options.option_count)]


def _highlighted(app) -> str:
    options = app.screen.query_one("#operators", OptionList)
    assert options.highlighted is not None
    return str(options.get_option_at_index(options.highlighted).prompt).split()[0]


async def _until_parsing(held: "HeldParse") -> None:
    """Let the app run until its check is inside the whole parse of reference.json (the worker waits there)."""
    # Waited for in a thread, so the app's loop runs on meanwhile and its worker can get there.
    parsing = await asyncio.to_thread(held.parsing.wait, 30)
    assert parsing, "the check after the first frame never parsed reference.json"


class HeldParse:
    """Holds the whole parse of ``reference.json`` (in whichever thread) until released.

    ``parsing`` is set once a thread is inside it; ``parses`` counts the whole parses.
    """

    def __init__(self, monkeypatch) -> None:
        self.parsing = threading.Event()
        self.released = threading.Event()
        self.parses = 0
        read = storage.read_json_file
        held = self

        def held_read(path, *args, **kwargs):
            if path.name == REFERENCE:
                held.parses += 1
                held.parsing.set()
                held.released.wait(timeout=60)
            return read(path, *args, **kwargs)

        monkeypatch.setattr(storage, "read_json_file", held_read)


@asynccontextmanager
async def at_the_sign_in(folder, monkeypatch) -> AsyncIterator[tuple[VillageService, VillageApp, Any, HeldParse]]:
    """The app open on ``folder`` at its sign-in, the whole parse of reference.json held until released.

    Yields the service, the app, its pilot and the held parse; the parse is released and the
    folder closed on the way out, whatever the test asserted.
    """
    held = HeldParse(monkeypatch)
    service = VillageService.open(folder, today=TODAY, check_later=True)
    try:
        app = VillageApp(service)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert type(app.screen).__name__ == "SignInScreen", "the settings and cadres read fine"
            yield service, app, pilot, held
    finally:
        held.released.set()
        service.close()


async def test_the_sign_in_list_before_the_whole_file_is_read_is_the_list_after(tmp_path, monkeypatch):
    folder = _village_on_disk(tmp_path)
    async with at_the_sign_in(folder, monkeypatch) as (service, app, pilot, held):
        assert not service.folder.is_loaded(REFERENCE), "the households and matters are not read for the sign-in"
        shown = _sign_in_names(app)
        assert shown == ["张建国", "李秀英"]
        assert "东风村" in app.screen.query_one("VillageHeader").render().plain
        await _until_parsing(held)  # the check after the frame parses the whole file
        # The worker is inside the whole parse: the screen's thread still reads the sign-in's tables.
        assert [c.name for c in service.cadres()] == shown and service.settings().name == "东风村"
        held.released.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert service.folder.is_loaded(REFERENCE) and not service.readonly
        assert [c.name for c in service.cadres()] == shown, "what the sign-in showed is what was checked"
        assert held.parses == 1, "the file is parsed whole once"


async def test_a_cadre_and_a_sign_in_still_in_the_journal_show_at_the_sign_in(tmp_path, monkeypatch):
    folder = _village_on_disk(tmp_path)
    service = VillageService.open(folder, today=TODAY)
    service.sign_in(service.cadres()[0].id)
    service.save_cadre(Cadre(name="赵春生", role="委员", term_start=date(2025, 3, 1), groups=["3组"]))
    service.sign_in(service.cadres()[2].id)  # 赵春生 signs in last: he is highlighted next time
    service.close()
    assert "赵春生" not in (folder / REFERENCE).read_text(encoding="utf-8"), "only in the journal"
    assert "赵春生" in _journal(folder).decode("utf-8")
    async with at_the_sign_in(folder, monkeypatch) as (service, app, pilot, held):
        assert not service.folder.is_loaded(REFERENCE)
        assert _sign_in_names(app) == ["张建国", "李秀英", "赵春生"]
        assert _highlighted(app) == "赵春生"
        held.released.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert [c.name for c in service.cadres()] == ["张建国", "李秀英", "赵春生"]


def _household_twice(raw: bytes) -> bytes:
    """reference.json with household 2 written a second time, after the cadres (a key twice)."""
    text = raw.decode("utf-8")
    start = text.index('"households":{') + len('"households":{')
    return (text[:start] + '\n"2":{"code":"0002","head":"冒名户主"},' + text[start:]).encode("utf-8")


def _household_members_as_text(raw: bytes) -> bytes:
    """reference.json with one household's members written as text (the wrong shape), after the cadres."""
    tables = json.loads(raw.decode("utf-8"))
    tables["households"]["3"]["members"] = "三口人"
    return json.dumps(tables, ensure_ascii=False).encode("utf-8")


@pytest.mark.parametrize(("damage", "says"), [(_household_twice, "出现了两次"), (_household_members_as_text, "三口人")])
@pytest.mark.parametrize("sign_in_while_checked", [False, True])
async def test_a_reference_file_broken_after_the_cadres_is_named_and_nothing_written(
        tmp_path, monkeypatch, damage, says, sign_in_while_checked):
    folder = _village_on_disk(tmp_path)
    raw = damage((folder / REFERENCE).read_bytes())
    assert raw.decode("utf-8").index('"cadres"') < raw.decode("utf-8").index('"households"')
    (folder / REFERENCE).write_bytes(raw)
    journal = _journal(folder)
    async with at_the_sign_in(folder, monkeypatch) as (service, app, pilot, held):
        assert _sign_in_names(app) == ["张建国", "李秀英"]
        if sign_in_while_checked:
            await _until_parsing(held)
            threading.Timer(0.2, held.released.set).start()
            await pilot.press("down", "enter")  # 李秀英 signs in: the save waits for the check
        else:
            held.released.set()
            service.finish_open()  # the check is done; the app has not been told yet
            header = app.screen.query_one("VillageHeader").render().plain
            assert "村庄设置无法读取" in header, "a header drawn meanwhile says so, never a traceback"
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert type(app.screen).__name__ == "BrokenFilesScreen"
        listed = str(app.screen.query_one("#broken-list", Static).render())
        assert REFERENCE in listed and says in listed
        assert len(app.screen_stack) == 2, "no sign-in behind the dialog, as when the open finds it"
        assert service.operator is None and service.readonly
        assert "退出" in str(app.screen.query_one("#close", Button).label)
        await pilot.click("#close")
        await pilot.pause()
        assert not app.is_running
    assert (folder / REFERENCE).read_bytes() == raw, "the broken file is kept as it was"
    assert _journal(folder) == journal, "nothing written"


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """The small demo village, generated once."""
    return make_demo(tmp_path_factory.mktemp("sign-in-catalogue"))


@pytest.mark.parametrize("case", REFERENCE_CASES)
async def test_every_broken_reference_file_ends_as_at_an_open_that_reads_it_whole(case, demo, tmp_path):
    """The catalogue of test_broken_app, opened as the program opens it: the same dialog, nothing written."""
    damage = CATALOGUE[case]
    folder = broken_copy(demo, tmp_path / "村", damage)
    before = (folder / REFERENCE).read_bytes() if (folder / REFERENCE).exists() else None
    journal = _journal(folder)
    service = VillageService.open(folder, today=TODAY, check_later=True)
    app = VillageApp(service)
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert type(app.screen).__name__ == "BrokenFilesScreen"
            listed = str(app.screen.query_one("#broken-list", Static).render())
            assert REFERENCE in listed
            for words in damage.says:
                assert words in listed
            assert len(app.screen_stack) == 2, "no first-run setup and no sign-in behind the dialog"
            await pilot.click("#close")
            await pilot.pause()
            assert not app.is_running
    finally:
        service.close()
    after = (folder / REFERENCE).read_bytes() if (folder / REFERENCE).exists() else None
    assert after == before and _journal(folder) == journal, "nothing written"


def _old_order(raw: bytes) -> bytes:
    """reference.json as older versions wrote it: the households first, the settings near the end."""
    tables = json.loads(raw.decode("utf-8"))
    order = ["households", "cadres", "pairings", "matters", "settings"]
    old = {name: tables[name] for name in order if name in tables}
    old.update((name, docs) for name, docs in tables.items() if name not in old)
    return storage.encode_tables(old)


def _table_order(folder) -> list[str]:
    return list(json.loads((folder / REFERENCE).read_text(encoding="utf-8")))


async def test_a_reference_file_in_the_old_order_opens_and_is_rewritten_with_the_sign_in_first(tmp_path, monkeypatch):
    folder = _village_on_disk(tmp_path)
    (folder / REFERENCE).write_bytes(_old_order((folder / REFERENCE).read_bytes()))
    assert _table_order(folder)[0] == "households" and _table_order(folder)[-1] == "settings"
    async with at_the_sign_in(folder, monkeypatch) as (service, app, pilot, held):
        assert not service.folder.is_loaded(REFERENCE)
        assert _sign_in_names(app) == ["张建国", "李秀英"]
        held.released.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not service.readonly
        await pilot.press("down", "enter")  # 李秀英 signs in: the settings are saved
        await pilot.pause()
        await app.workers.wait_for_complete()
        assert service.operator is not None and service.operator.name == "李秀英"
    service = VillageService.open(folder, today=TODAY)
    try:
        service.folder.compact()
        assert service.household_by_code("0002").head == "曾小明"
    finally:
        service.close()
    assert _table_order(folder)[:2] == ["settings", "cadres"], "written with the sign-in's tables first"
    again = DataFolder(folder, readonly=True, check_later=True)
    try:
        assert again.sign_in_table("cadres") is not None and not again.is_loaded(REFERENCE)
    finally:
        again.close()


SETTINGS = '{"1":{"name":"东风村","township":"青山镇","county":"田县"}}'
CADRES = '{"1":{"name":"张建国","role":"书记"},"2":{"name":"李秀英","role":"委员"}}'


@pytest.mark.parametrize(("text", "read"), [
    (f'{{"settings":{SETTINGS},"cadres":{CADRES},"households":{{"1":', True),  # broken after: the check's
    (f' \n{{ "households" : {{"1":{{"code":"0001"}}}} ,\n"cadres":{CADRES},"settings":{SETTINGS}}}', True),
    (f'{{"settings":{SETTINGS},"cadres":{CADRES.replace("2", "1")}}}', False),  # a cadre's key twice
    (f'{{"cadres":{CADRES},"cadres":{CADRES},"settings":{SETTINGS}}}', False),  # a table twice
    (f'{{"settings":{SETTINGS.replace(chr(34) + "田县" + chr(34), "NaN")},"cadres":{CADRES}}}', False),
    (f'{{"cadres":{CADRES},"households":{{}}}}', False),  # no settings: the whole file says what is wrong
    (f'\ufeff{{"settings":{SETTINGS},"cadres":{CADRES}}}', False),  # a byte-order mark, refused as a whole parse does
    (f'{{"settings":{SETTINGS},"cadres":{CADRES[:-1]}', False),  # cut short inside the cadres
])
def test_the_sign_in_tables_are_read_strictly_or_not_at_all(text, read):
    from village_tui.store.sign_in_tables import read_sign_in_tables

    tables = read_sign_in_tables(text)
    if read:
        assert tables is not None and tables["cadres"]["2"]["name"] == "李秀英"
        assert tables["settings"]["1"]["name"] == "东风村"
    else:
        assert tables is None


def test_a_cadre_written_twice_is_named_at_the_open_as_before(tmp_path):
    """When the sign-in's tables themselves do not read strictly, the open reads the file whole and names it."""
    folder = _village_on_disk(tmp_path)
    text = (folder / REFERENCE).read_text(encoding="utf-8")
    start = text.index('"cadres":{') + len('"cadres":{')
    (folder / REFERENCE).write_text(text[:start] + '\n"1":{"name":"冒名干部","role":"书记"},' + text[start:],
                                    encoding="utf-8")
    opened = DataFolder(folder, today=TODAY, check_later=True)
    try:
        assert opened.sign_in_table("cadres") is None and opened.readonly
        assert [b.path.name for b in opened.broken_files] == [REFERENCE]
        assert "出现了两次" in opened.broken_message()
    finally:
        opened.close()


def test_the_writer_puts_the_sign_in_tables_first_and_keeps_the_rest_in_order():
    from village_tui.store.sign_in_tables import sign_in_first

    tables = {"households": {}, "cadres": {}, "matters": {}, "settings": {}, "open_index": {}}
    assert list(sign_in_first(tables)) == ["settings", "cadres", "households", "matters", "open_index"]
    ordered = {"settings": {}, "cadres": {}, "households": {}}
    assert sign_in_first(ordered) is ordered
    assert list(sign_in_first({"households": {}, "cadres": {}})) == ["cadres", "households"]
