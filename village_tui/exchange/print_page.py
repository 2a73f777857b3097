"""A page of plain lines (a receipt, meeting minutes) as print-ready HTML: A4 portrait, print-size fonts.

The first line is the title (24 pt, centred). A line ``名称：内容`` becomes a row of a bordered
table (label and text, 16 pt), so the facts line up on paper; other lines (and any line starting
with a space, like an indented paragraph) are paragraphs and an empty line leaves a gap. Every piece of text is escaped.
"""

from __future__ import annotations

from html import escape

_STYLE = """@page { size: A4 portrait; margin: 20mm 18mm 20mm 18mm; }
body { font-family: "SimSun", "宋体", "Noto Serif CJK SC", "Noto Sans CJK SC", serif; font-size: 16pt;
       line-height: 1.6; margin: 0; color: #000; }
h1 { font-size: 24pt; text-align: center; margin: 0 0 12pt 0; }
p { margin: 4pt 0; white-space: pre-wrap; }
.gap { height: 10pt; }
table { border-collapse: collapse; width: 100%; margin: 4pt 0; }
th, td { border: 1px solid #000; padding: 4pt 8pt; vertical-align: top; text-align: left; }
th { width: 28%; font-weight: bold; white-space: nowrap; }
tr { page-break-inside: avoid; break-inside: avoid; }
"""


def _split(line: str) -> tuple[str, str] | None:
    """``("回执编号", "2026-0093")`` for a fact line, None for other text."""
    label, sep, value = line.partition("：")
    if not sep or not label or len(label) > 10 or label != label.strip() or " " in label:
        return None
    return label, value


def lines_page_html(lines: list[str]) -> str:
    """The whole page for ``lines`` (the first is the title), as text."""
    title = lines[0] if lines else ""
    out = ["<!DOCTYPE html>", '<html lang="zh-CN">', "<head>", '<meta charset="utf-8">',
           f"<title>{escape(title)}</title>", "<style>" + _STYLE + "</style>", "</head>", "<body>",
           f"<h1>{escape(title)}</h1>"]
    rows: list[str] = []

    def flush() -> None:
        if rows:
            out.append('<table border="1" cellspacing="0" cellpadding="6" width="100%">')
            out.extend(rows)
            out.append("</table>")
            rows.clear()

    for line in lines[1:]:
        fact = _split(line)
        if fact is not None:
            rows.append(f"<tr><th>{escape(fact[0])}</th><td>{escape(fact[1])}</td></tr>")
            continue
        flush()
        out.append('<div class="gap"></div>' if not line.strip() else f"<p>{escape(line)}</p>")
    flush()
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"
