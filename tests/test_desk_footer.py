"""Every screen and dialog of the township desk shows its keys whole, with Esc and F1 帮助, at 80x24 and 100x30.

The desk is the village app's sibling: a clerk at an 80-column terminal reads the same footer
there. One run per size walks the sign-in, the waiting list, an item's detail, each of the five
forms, the question before 办结, the unsaved question, 重开's reason, the review's folder and
its scorecard, and F1 帮助 itself. On each the bottom row must name every key the footer lists
(nothing cut at the right edge), name Esc (except on the list, the desk's base, where Esc does
nothing) and F1 帮助 (except in the help, which F1 closes); F1 must open the help there.
"""

from __future__ import annotations

import pytest
from textual.widgets import Button, Footer, Input

from app_fixtures import press_each
from screen_text import screen_lines
from test_township_desk_tui import received, run_desk, sign_in, township  # noqa: F401  (the fixtures)
from village_tui.screens.township.help import DeskHelp
from village_tui.screens.township.waiting import WaitingScreen


def footer_problems(app, name: str) -> list[str]:
    """What the current screen's footer lacks or cuts, as ``name: ...`` lines."""
    screen = app.screen
    keys = {key.key: key.description for key in screen.query_one(Footer).query("FooterKey")}
    shown = [f"{key.key_display} {key.description}" for key in screen.query_one(Footer).query("FooterKey")]
    bottom = screen_lines(app)[-1]
    problems = [f"{name}: {key!r} cut from the bottom row {bottom!r}" for key in shown if key not in bottom]
    width = sum(key.outer_size.width for key in screen.query_one(Footer).query("FooterKey"))
    if width > screen.size.width:
        problems.append(f"{name}: footer {width} columns wide at {screen.size.width}: {keys}")
    if not isinstance(screen, WaitingScreen) and not keys.get("escape"):
        problems.append(f"{name}: no Esc in the footer {keys}")
    if not isinstance(screen, DeskHelp) and keys.get("f1") != "帮助":
        problems.append(f"{name}: no F1 帮助 in the footer {keys}")
    return problems


async def settle(pilot) -> None:
    """Let a screen that just opened list its keys (a dialog's footer fills a refresh or two later)."""
    for _ in range(4):
        await pilot.pause()


async def check_here(pilot, app, name: str, problems: list[str]) -> None:
    """Check the footer of the screen shown now, then that F1 opens the help there and Esc comes back."""
    await settle(pilot)
    problems += footer_problems(app, name)
    screen = app.screen
    await press_each(pilot, "f1")
    await settle(pilot)
    if not isinstance(app.screen, DeskHelp):
        problems.append(f"{name}: F1 did not open the help")
        return
    problems += footer_problems(app, f"{name} → help")
    await press_each(pilot, "escape")
    await settle(pilot)
    if app.screen is not screen:
        problems.append(f"{name}: Esc in the help did not come back")


async def walk(folder, size: tuple[int, int]) -> tuple[list[str], list[str]]:
    """Every desk screen and dialog at ``size``: the footer problems and the names walked."""
    problems: list[str] = []
    names: list[str] = []

    async def here(name: str) -> None:
        names.append(name)
        await check_here(pilot, app, f"{size[0]}x{size[1]} {name}", problems)

    app = run_desk(folder)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await here("登录")
        await sign_in(pilot)
        await here("待办事项")
        for key, name in (("r", "答复"), ("c", "办结"), ("b", "退回"), ("e", "延期"), ("u", "上报县")):
            await press_each(pilot, key)
            await here(name)
            if key in "cbu":  # the question before it ends or moves the item
                await pilot.press(*"已处理")
                await press_each(pilot, "ctrl+s")
                await here(f"{name}：再问一次")
                await press_each(pilot, "escape")
            await pilot.press(*"半句")
            await press_each(pilot, "escape")
            await here(f"{name}：未保存")
            app.screen.query_one("#discard", Button).press()  # 不保存
            await settle(pilot)
            assert isinstance(app.screen, WaitingScreen), name
        await press_each(pilot, "enter")
        await here("事项详情")
        await press_each(pilot, "r")
        await pilot.press(*"已列入明年计划")
        await press_each(pilot, "ctrl+s")
        await press_each(pilot, "o")
        await here("重开的原因")
        await press_each(pilot, "escape", "escape")
        await press_each(pilot, "f3")
        await here("村情审阅")
        app.screen.query_one("#review-folder", Input).value = str(folder.parent / "stick")
        await press_each(pilot, "enter")
        await app.workers.wait_for_complete()
        await settle(pilot)
        await here("村情审阅：各村")
    app.service.close()
    return problems, names


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_every_desk_screen_and_dialog_shows_esc_and_f1_uncut(township, size):  # noqa: F811
    problems, names = await walk(township, size)
    assert problems == []
    assert len(names) == 19, names
