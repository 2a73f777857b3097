"""Issue 30 item 1: a two-stage open.

The sign-in frame needs only the reference file (settings, cadres); the year files are
parsed and checked in a worker after the first frame. A save attempted while that check
runs (the sign-in saves the operator) waits for it, then lands, or, when the check found a
broken file, is refused with the file named, and nothing is written.
"""

from __future__ import annotations

import threading

from textual.widgets import Input, Select, Static

from app_fixtures import TODAY, make_village
from village_tui.app import VillageApp
from village_tui.service import VillageService
from village_tui.store.folder import DataFolder
from village_tui.widgets.village_header import VillageHeader

VISITS = "2026/visits.json"


def _village_on_disk(tmp_path, visits: bytes = b'{"visits":{}}\n'):
    """东风村 on disk with a year file of this year (``visits`` its bytes)."""
    folder = tmp_path / "村"
    service = VillageService.open(folder, today=TODAY)
    make_village(service)
    service.folder.compact()  # the records into the files (a close does not compact), the year file replaced below
    service.close()
    (folder / "2026").mkdir(exist_ok=True)
    (folder / VISITS).write_bytes(visits)
    return folder


class HeldCheck:
    """Holds the open's check of the year files until a save on the app's thread asks for it.

    The worker's check waits on ``released``; the first write that waits on the check (on the
    app's thread) sets ``save_waiting``, and a helper thread then notes what the journal held
    at that moment and lets the check go on.
    """

    def __init__(self, monkeypatch, folder) -> None:
        self.released = threading.Event()
        self.save_waiting = threading.Event()
        self.journal_when_released: bytes | None = None
        self.pending_when_released: bool | None = None
        self.journal = folder / "journal.jsonl"
        check, finish = DataFolder._check_files, DataFolder.finish_check
        held = self

        def held_check(self, *args, **kwargs):
            held.released.wait(timeout=60)
            return check(self, *args, **kwargs)

        def finish_noting_a_waiting_save(self):
            if threading.current_thread() is threading.main_thread() and self.check_pending:
                held.save_waiting.set()
            return finish(self)

        monkeypatch.setattr(DataFolder, "_check_files", held_check)
        monkeypatch.setattr(DataFolder, "finish_check", finish_noting_a_waiting_save)
        self.helper = threading.Thread(target=self._release_when_a_save_waits, daemon=True)
        self.helper.start()

    def _release_when_a_save_waits(self) -> None:
        if self.save_waiting.wait(timeout=60):
            self.journal_when_released = self.journal.read_bytes() if self.journal.exists() else b""
            self.pending_when_released = True
        self.released.set()


async def _save_a_household(app, pilot) -> None:
    await pilot.press("f3")
    await pilot.press("n")
    await pilot.pause()
    form = app.screen
    assert type(form).__name__ == "HouseholdFormScreen"
    form.query_one("#code", Input).value = "0005"
    form.query_one("#head", Input).value = "赵春生"
    form.query_one("#group", Select).value = "3组"
    await pilot.pause()
    await pilot.press("ctrl+s")
    await pilot.pause()


async def test_the_sign_in_is_drawn_before_the_year_files_are_read(tmp_path):
    folder = _village_on_disk(tmp_path)
    service = VillageService.open(folder, today=TODAY, check_later=True)
    try:
        assert not service.folder.is_loaded(VISITS)
        app = VillageApp(service)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert type(app.screen).__name__ == "SignInScreen"
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert not service.folder.check_pending
            assert service.folder.is_loaded(VISITS), "this year's files are read once the sign-in is drawn"
            assert type(app.screen).__name__ == "SignInScreen" and not service.readonly
    finally:
        service.close()


async def _sign_in_as_the_second_cadre(app, pilot) -> None:
    """Choose 李秀英 on the sign-in list (a save: she becomes the last operator)."""
    assert type(app.screen).__name__ == "SignInScreen"
    await pilot.press("down", "enter")
    await pilot.pause()
    assert app.service.operator is not None and app.service.operator.name == "李秀英"


async def test_a_save_while_the_year_files_are_checked_waits_then_lands(tmp_path, monkeypatch):
    folder = _village_on_disk(tmp_path)
    service = VillageService.open(folder, today=TODAY, check_later=True)
    journal_at_open = (folder / "journal.jsonl").read_bytes() if (folder / "journal.jsonl").exists() else b""
    held = HeldCheck(monkeypatch, folder)
    try:
        app = VillageApp(service)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert service.folder.check_pending, "the check is held: still running"
            await _sign_in_as_the_second_cadre(app, pilot)
            assert held.pending_when_released, "the sign-in's save waited for the check"
            assert held.journal_when_released == journal_at_open, "nothing was written while it waited"
            assert service.settings().last_operator_id == service.operator.id
            assert (folder / "journal.jsonl").read_bytes() != journal_at_open, "it landed in the journal"
            await _save_a_household(app, pilot)
            assert type(app.screen).__name__ == "HouseholdsScreen", "the form saved and closed"
            assert service.household_by_code("0005").head == "赵春生"
            assert "赵春生" in (folder / "journal.jsonl").read_text(encoding="utf-8"), "on disk"
            await app.workers.wait_for_complete()
    finally:
        service.close()
    again = VillageService.open(folder, readonly=True, today=TODAY)
    try:
        assert again.settings().last_operator_id == again.cadres()[1].id, "the sign-in's save is on disk"
        assert again.household_by_code("0005").head == "赵春生"
    finally:
        again.close()


async def test_a_save_while_a_broken_year_file_is_found_is_refused_and_the_file_named(tmp_path, monkeypatch):
    folder = _village_on_disk(tmp_path, visits=b'{"visits":{"1":{"day":')
    service = VillageService.open(folder, today=TODAY, check_later=True)
    journal_at_open = (folder / "journal.jsonl").read_bytes() if (folder / "journal.jsonl").exists() else b""
    held = HeldCheck(monkeypatch, folder)
    try:
        app = VillageApp(service)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert service.folder.check_pending and not service.readonly
            await _sign_in_as_the_second_cadre(app, pilot)
            assert held.pending_when_released, "the sign-in's save waited for the check"
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert service.readonly and VISITS in (service.readonly_reason or "")
            assert type(app.screen).__name__ == "BrokenFilesScreen", "the broken file is named"
            assert VISITS in str(app.screen.query_one("#broken-list", Static).render())
            await pilot.click("#close")
            await pilot.pause()
            await pilot.press("f3", "n")
            await pilot.pause()
            assert type(app.screen).__name__ == "HouseholdsScreen", "no new household on a read-only folder"
            assert "只读" in app.screen.query_one(VillageHeader).render().plain
    finally:
        service.close()
    journal_now = (folder / "journal.jsonl").read_bytes() if (folder / "journal.jsonl").exists() else b""
    assert journal_now == journal_at_open, "nothing written"
    assert (folder / VISITS).read_bytes() == b'{"visits":{"1":{"day":', "the broken file is kept as it was"
    assert "赵春生" not in (folder / "reference.json").read_text(encoding="utf-8")


def test_a_folder_that_cannot_be_listed_during_the_check_turns_read_only_and_writes_nothing(tmp_path, monkeypatch):
    import pytest

    from village_tui.domain.errors import ReadOnlyError

    folder = _village_on_disk(tmp_path)
    service = VillageService.open(folder, today=TODAY, check_later=True)
    journal_at_open = (folder / "journal.jsonl").read_bytes()

    def refused(self):
        raise PermissionError(13, "Permission denied")

    try:
        monkeypatch.setattr(DataFolder, "data_files", refused)
        service.finish_open()
        monkeypatch.undo()
        assert service.readonly and "没有权限" in (service.readonly_reason or "")
        settings = service.settings()
        settings.name = "西风村"
        with pytest.raises(ReadOnlyError, match="没有权限"):
            service.save_settings(settings)
    finally:
        service.close()
    assert (folder / "journal.jsonl").read_bytes() == journal_at_open


def test_the_open_for_the_sign_in_reads_nothing_that_grows_with_the_years(tmp_path):
    """Issue 30 item 2: ten years of history (and their backups) cost the sign-in nothing.

    The open before the sign-in reads the lock, the schema, the journal and reference.json; the
    year and audit folders, and the backups that copy them, are first listed by the check after it.
    """
    import sys

    folder = _village_on_disk(tmp_path)
    for year in range(2016, 2026):
        (folder / str(year)).mkdir()
        (folder / str(year) / "visits.json").write_bytes(b'{"visits":{}}\n')
        (folder / "backups" / "2026-11-26" / str(year)).mkdir(parents=True)
    stale = folder / "2020" / ".visits.json.7.tmp"
    stale.write_bytes(b"{")
    touched: list[str] = []
    listening = [True]

    def note(event, args):
        if listening[0] and event in ("open", "os.scandir", "os.listdir") and args and args[0] is not None:
            path = str(args[0])
            if path.startswith(str(folder)):
                touched.append(path[len(str(folder)):].lstrip("/") or ".")

    sys.addaudithook(note)
    try:
        service = VillageService.open(folder, today=TODAY, check_later=True)
        assert [c.name for c in service.cadres()] == ["张建国", "李秀英"]
        read_at_open = list(touched)
        service.finish_open()
    finally:
        listening[0] = False
    try:
        assert not any(p[:4].isdigit() or p.startswith(("audit", "backups")) for p in read_at_open), read_at_open
        assert not stale.exists(), "the check removed the stale temp file"
        assert (folder / "backups" / "2026-11-26" / "2016").is_dir()
    finally:
        service.close()
