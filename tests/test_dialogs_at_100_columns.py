"""Every form whole across at 100x30, with its keys in the footer (issue 19 item 5; 80x24 beside it).

Its own file so that the suite's workers walk the two sizes side by side.
"""

from __future__ import annotations

from tests.test_dialogs_at_80_columns import every_form_problems


async def test_every_form_is_whole_across_at_100x30():
    assert await every_form_problems((100, 30)) == []
