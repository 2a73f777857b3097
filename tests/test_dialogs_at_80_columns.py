"""Every form and dialog whole at 80x24 and 100x30, with its keys in the footer (issue 19 item 5).

One app run per size walks every form (100x30 in ``test_dialogs_at_100_columns.py``): Tab reaches each field and button, and
each is drawn whole across (nothing cut on the right by the screen or by the
form's scrolling box). The 80x24 walk then types into each open form: Esc,
Ctrl+Q and F5 must ask before dropping the text (issue 19; one walk a form,
issue 30). Further tests: area keys work from inside a dialog (and
ask first when something was typed), and every dialog's footer names its Esc.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from textual.errors import NoWidget
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Footer, Input, OptionList, Select

from tests.bad_input_helpers import fresh_service
from tests.frames import drawn_whole, frames_not_drawn
from tests.settle import settled
from tests.test_forms_everywhere import asks_before_dropping_typed_text, opened_forms
from village_tui.app import VillageApp
from village_tui.widgets.forms.form_base import FormDialog
from village_tui.widgets.forms.unsaved_dialog import UnsavedDialog


def clipped_across(screen: Screen, widget) -> str | None:
    """How ``widget`` is cut off on the left or right, or None when it is drawn whole across."""
    try:
        geometry = screen.find_widget(widget)
    except NoWidget:  # inside a hidden box
        return None
    region, clip = geometry.region, geometry.clip
    if region.right > screen.size.width:
        return f"past the screen's right edge ({region.right} > {screen.size.width})"
    if region.x < clip.x or region.right > clip.right:
        return f"cut by its box ({region.x}-{region.right} outside {clip.x}-{clip.right})"
    return None


def footer_keys(screen: Screen) -> dict[str, str]:
    """The keys the footer of ``screen`` shows: key -> label."""
    return {key.key: key.description for key in screen.query_one(Footer).query("FooterKey")}


def esc_problem(screen: Screen, name: str) -> list[str]:
    """A dialog whose footer lacks Esc (or F1) with a label, or cuts a label at this width."""
    keys = footer_keys(screen)
    shown = sum(key.outer_size.width for key in screen.query_one(Footer).query("FooterKey"))
    problems = [] if keys.get("escape") else [f"{name}: no Esc in the footer {keys}"]
    if isinstance(screen, ModalScreen) and keys.get("f1") != "帮助":
        problems.append(f"{name}: no F1 帮助 in the footer {keys}")
    if shown > screen.size.width:
        problems.append(f"{name}: footer cut {keys}")
    return problems


def shown_whole(screen: Screen, widget) -> bool:
    """Whether ``widget`` is on screen now, not cut by anything (scrolled into view)."""
    try:
        geometry = screen.find_widget(widget)
    except NoWidget:
        return False
    return geometry.region.height > 0 and geometry.clip.contains_region(geometry.region)


def texts_and_buttons(form: Screen) -> list:
    """The labels, hints and buttons a cadre must be able to read: shown, with text, not in a closed list."""
    found = []
    for widget in form.query("Label, Static, Button"):
        if any(not node.display for node in widget.ancestors_with_self if node is not form and node.parent):
            continue
        if isinstance(widget, Footer) or any(isinstance(a, (Footer, Select, OptionList)) for a in widget.ancestors):
            continue
        if str(widget.render()).strip():
            found.append(widget)
    return found


async def walk_form(pilot, form: Screen, name: str, scrolling: bool) -> list[str]:
    """Tab (``focus_next``) once round ``form``: what is cut off across, never comes into view, or is never reached.

    ``scrolling``: also follow the form's scrolling, so every label, hint and
    button must come wholly into view at some point (slower: a refresh a field).
    """
    problems = []
    for widget in form.query("*"):  # labels, hints and messages too, scrolled into view or not
        if widget.display and widget.visible and not isinstance(widget, Footer) and widget.parent is not None:
            cut = clipped_across(form, widget)
            if cut:
                problems.append(f"{name}: {type(widget).__name__}#{widget.id} {cut}")
    buttons = {b for b in form.query(Button) if b.display and not b.disabled and b.parent.display}
    unseen = set(texts_and_buttons(form) if scrolling else ())  # each must come wholly into view as Tab goes round
    seen = []
    while form.focused is not None and form.focused not in seen and len(seen) < 60:
        unseen = {widget for widget in unseen if not shown_whole(form, widget)}
        seen.append(form.focused)
        buttons.discard(form.focused)
        form.focus_next()
        if scrolling:
            await settled()  # the form scrolls to the focused field (its scroll and layout done, no idle polling)
    problems += [f"{name}: button {b.label} never reached by Tab" for b in buttons]
    problems += [f"{name}: {type(w).__name__} {str(w.render())[:20]!r} never wholly in view" for w in unseen]
    return problems


async def every_form_problems(size: tuple[int, int], then: Callable[..., Awaitable[None]] | None = None,
                              names: list[str] | None = None) -> list[str]:
    """Open every form at ``size`` in one app run: what is cut off, unreached or misnamed in its footer.

    At 80x24 Tab also follows each form's scrolling (whatever comes into view there does in the
    taller 100x30 too). The two sizes are two tests in two files, so the suite runs them side by side.

    Args:
        size: The terminal size.
        then: Awaited as ``then(pilot, app, name, form)`` on each form after its wholeness checks,
            on the same open form (so one walk serves both), inside ``app.batch_update()``: it may
            read keys, screens, focus and texts, not where widgets lie.
        names: When given, each walked form's name is appended to it.
    """
    app = VillageApp(fresh_service(), operator_id=1)
    app.animation_level = "none"  # a scroll to the focused field lands at once: the checks read where it ends
    problems = []
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await app.push_screen(Screen())
        base = app.screen
        with frames_not_drawn():  # each form is drawn once, whole, after its checks
            problems += await _walk_every_form(pilot, app, base, size, then, names)
        assert app.is_running
    return problems


async def _walk_every_form(pilot, app, base: Screen, size: tuple[int, int],
                           then: Callable[..., Awaitable[None]] | None, names: list[str] | None) -> list[str]:
    """The loop of :func:`every_form_problems` over the forms opened in turn over ``base``."""
    problems = []
    async for name, form in opened_forms(app, base):
        for _ in range(4):  # the footer lists the dialog's keys a refresh or two after it opened
            await pilot.pause()
        here = f"{size[0]}x{size[1]} {name}"
        if name != "first-run setup":  # (where Esc does nothing: there is nowhere to go back to)
            problems += esc_problem(form, here)
        if isinstance(form, FormDialog) and footer_keys(form).get("escape") != form.CANCEL_LABEL.split()[0]:
            problems.append(f"{here}: Esc is not named as the cancel button {form.CANCEL_LABEL}")
        save = form.SAVE_LABEL.removesuffix("Ctrl+S").strip()
        if save and footer_keys(form).get("ctrl+s") not in (save, save.removesuffix("并登记下一条") + "并下一条",
                                                            save.removesuffix("设置")):
            problems.append(f"{here}: Ctrl+S is not named as the save button {form.SAVE_LABEL}")
        problems += await walk_form(pilot, form, here, scrolling=size == (80, 24))
        if then is not None:
            with app.batch_update():  # (keys, questions and focus only: not laid out until the end)
                await then(pilot, app, name, form)
        await drawn_whole(pilot)
        if names is not None:
            names.append(name)
    return problems


async def test_every_form_is_whole_across_at_80x24_and_asks_before_dropping_typed_text():
    """One walk of every form at 80x24: wholeness and footer first, then typed text must not go unasked."""
    names: list[str] = []
    assert await every_form_problems((80, 24), then=asks_before_dropping_typed_text, names=names) == []
    assert len(names) >= 20, names


async def _settle(pilot, app, workers: bool = True) -> None:
    """Let the app settle; ``workers=False`` while the unsaved-changes question waits (in a worker) for its answer."""
    if workers:
        await app.workers.wait_for_complete()
    for _ in range(3):
        await pilot.pause()


async def test_area_keys_work_from_inside_a_dialog_and_ask_about_typed_text():
    service = fresh_service()
    app = VillageApp(service, operator_id=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await _settle(pilot, app)
        await pilot.press("f9", "n")  # 受理申请 over the service desk
        await _settle(pilot, app)
        form = app.screen
        assert isinstance(form, FormDialog) and form.form_title() == "受理申请"
        assert footer_keys(form) == {"ctrl+s": "保存", "escape": "取消", "f1": "帮助"}
        form.query_one("#applicant", Input).focus()
        await pilot.press(*"王大山")
        await pilot.press("f1")  # the help opens over the dialog, Esc goes back to it with the text
        await _settle(pilot, app)
        assert type(app.screen).__name__ == "HelpScreen"
        from village_tui.screens.shell.help import screen_keys
        assert ("Esc", "取消") in screen_keys(form)  # the help lists the dialog's keys, in Chinese only
        assert [what for _, what in screen_keys(form) if what.isascii()] == []
        await pilot.press("escape")
        await _settle(pilot, app)
        assert app.screen is form and form.query_one("#applicant", Input).value == "王大山"
        await pilot.press("f5")
        await _settle(pilot, app, workers=False)
        question = app.screen
        assert isinstance(question, UnsavedDialog) and "受理申请" in str(question.query_one(".dialog-title").render())
        await pilot.press("f4", "f1")  # the question is answered first: area keys and F1 wait
        await _settle(pilot, app, workers=False)
        assert app.screen is question and app.current_mode == "f9"
        await pilot.click("#discard")  # 不保存
        await _settle(pilot, app)
        assert app.current_mode == "f5" and type(app.screen).__name__ == "VisitsScreen"
        assert service.requests(2026, limit=10) == []
        await pilot.press("f6", "n")  # 新增结对 with nothing typed: F4 switches at once
        await _settle(pilot, app)
        assert app.screen.form_title() == "新增结对"
        await pilot.press("f4")
        await _settle(pilot, app)
        assert app.current_mode == "f4" and type(app.screen).__name__ == "DutyScreen"


async def test_every_other_dialog_names_its_esc_in_the_footer_and_is_whole_at_80x24():
    from village_tui.screens.shell.broken_files import BrokenFilesScreen
    from village_tui.widgets.dialogs.archive import ArchiveDialog
    from village_tui.widgets.dialogs.choose import ChooseDialog
    from village_tui.widgets.dialogs.confirm import ConfirmDialog
    from village_tui.widgets.dialogs.reason import ReasonDialog

    service = fresh_service()
    dialogs = {
        "confirm": (ConfirmDialog("上报乡镇民情处理站？", "上报后由乡镇办理。", yes="上报"), "取消"),
        "reason": (ReasonDialog("作废申请 3 王大山", lambda reason: None), "取消"),
        "archive": (ArchiveDialog("归档农户 0001 王大山", lambda reason, day: None, service.today), "取消"),
        "unsaved": (UnsavedDialog("受理申请"), "继续编辑"),
        "broken files": (BrokenFilesScreen(), "关闭"),
        # issue 25 item 7: the reason dialog naming its record, and the list a record is chosen from
        "reason with facts": (ReasonDialog("办结申请 2026-0093 王大山", lambda text: None, ask="办理结果", facts=[
            "回执编号：2026-0093", "申请人：王大山", "农户：0001 王大山", "办理事项：农村低保",
            "受理日期：2026年11月20日", "当前状态：办理中", "待补材料：户口簿、家庭收入及财产情况声明"]), "取消"),
        "choose": (ChooseDialog("特殊时期：选中一项后回车，作废它（已作废的：恢复它）", [
            ("1", "【已作废】2026年12月1日 至 2027年2月28日  冬季森林防火"),
            ("2", "2026年6月1日 至 2026年8月31日  汛期防汛")]), "关闭"),
    }
    app = VillageApp(service, operator_id=1)
    problems = []
    async with app.run_test(size=(80, 24)) as pilot:
        await _settle(pilot, app)
        for name, (dialog, label) in dialogs.items():
            await app.push_screen(dialog)
            await _settle(pilot, app)
            problems += esc_problem(dialog, name) if name != "unsaved" else []  # (the question waits for its answer: no F1)
            if footer_keys(dialog).get("escape") != label:
                problems.append(f"{name}: Esc is not {label}: {footer_keys(dialog)}")
            problems += await walk_form(pilot, dialog, name, scrolling=True)  # whole at 80x24, every button reached
            app.pop_screen()
    assert problems == []


async def test_f11_its_import_and_f12_show_every_field_button_and_hint_whole_at_80x24_and_100x30():
    from tests.test_every_area_screen import cut_footer_keys
    from textual.widgets import Static

    from village_tui.widgets.forms.field import FormField

    app = VillageApp(fresh_service(), operator_id=1)
    problems = []
    async with app.run_test(size=(80, 24)) as pilot:
        for size in ((80, 24), (100, 30)):
            await pilot.resize_terminal(*size)
            for key in ("f11", "ctrl+o", "f12"):  # (Ctrl+O: F11's import screen)
                await pilot.press(key)
                await _settle(pilot, app)
                screen = app.screen
                assert key != "ctrl+o" or type(screen).__name__ == "ImportScreen"
                shown = [*screen.query(FormField), *screen.query(Button), *screen.query(".hint, .field-hint"),
                         *screen.query("Input, Select")]
                for widget in shown:
                    geometry = screen.find_widget(widget)
                    if not geometry.clip.contains_region(geometry.region):  # on screen whole, without scrolling
                        problems.append(f"{size} {key}: {type(widget).__name__}#{widget.id} not whole on screen")
                for hint in screen.query(".field-hint").results(Static):  # one sentence a line: none wraps
                    if hint.content_size.height != str(hint.render()).count("\n") + 1:
                        problems.append(f"{size} {key}: hint wraps: {hint.render()}")
                if cut_footer_keys(app):
                    problems.append(f"{size} {key}: footer cut {cut_footer_keys(app)}")
    assert problems == []
