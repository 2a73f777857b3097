"""The 村务公示 as a print-ready HTML page: A4 (or A3) portrait through CSS ``@page``, fonts at print size.

A browser prints it as it is (Ctrl+P): the title 22 pt, the body 14 pt on A4
(30 and 18 on A3), tables with borders whose rows do not split across pages,
the 落款 on the right with room for the seal. Every piece of text is escaped.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from village_tui.exchange.notice import QUESTIONS_LINE, Notice
from village_tui.exchange.notice_sheet import PAPERS, Paper
from village_tui.store.api import atomic_write_bytes

_STYLE = """@page {{ size: {paper} portrait; margin: 15mm 15mm 18mm 15mm; }}
body {{ font-family: "SimSun", "宋体", "Noto Serif CJK SC", "Noto Sans CJK SC", serif; font-size: {body}pt;
       line-height: 1.5; margin: 0; color: #000; }}
h1 {{ font-size: {title}pt; text-align: center; margin: 0 0 4pt 0; }}
h2 {{ font-size: {heading}pt; margin: 12pt 0 4pt 0; }}
p {{ margin: 3pt 0; }}
.period {{ text-align: center; }}
table {{ border-collapse: collapse; width: 100%; }}
th, td {{ border: 1px solid #000; padding: 2pt 4pt; vertical-align: top; text-align: left; }}
th {{ text-align: center; }}
tr {{ page-break-inside: avoid; break-inside: avoid; }}
.review {{ margin-top: 14pt; }}
.sign {{ text-align: right; margin-top: 40pt; }}
.sign p {{ margin: 2pt 0; }}
"""


def notice_html(notice: Notice, paper: Paper = PAPERS["A4"]) -> str:
    """The whole page, as text."""
    total = sum(notice.parts[0].shares) if notice.parts else 12
    out = ["<!DOCTYPE html>", '<html lang="zh-CN">', "<head>", '<meta charset="utf-8">',
           f"<title>{escape(notice.title)}</title>",
           "<style>" + _STYLE.format(paper=paper.name, body=paper.body_pt, title=paper.title_pt,
                                     heading=paper.heading_pt) + "</style>", "</head>", "<body>",
           f"<h1>{escape(notice.title)}</h1>", f'<p class="period">{escape(notice.period_line)}</p>',
           f"<p>{escape(notice.intro)}</p>"]
    for part in notice.parts:
        out.append(f"<h2>{escape(part.heading)}</h2>")
        if part.rows:
            shares = sum(part.shares) or total
            # Attributes as well as CSS: word processors opening the page (WPS, LibreOffice) read only those.
            out.append('<table border="1" cellspacing="0" cellpadding="4" width="100%"><colgroup>'
                       + "".join(f'<col width="{100 * s / shares:.0f}%" style="width:{100 * s / shares:.1f}%">'
                                 for s in part.shares) + "</colgroup>")
            out.append("<tr>" + "".join(f"<th>{escape(h)}</th>" for h in part.headers) + "</tr>")
            for row in part.rows:
                out.append("<tr>" + "".join(f"<td>{escape(str(v))}</td>" for v in row) + "</tr>")
            out.append("</table>")
        out.extend(f"<p>{escape(note)}</p>" for note in part.notes)
    out += [f"<p>{escape(notice.period_line)}。</p>", f"<p>{escape(notice.phone_line)}</p>",
            f"<p>{escape(QUESTIONS_LINE)}</p>", f'<p class="review">{escape(notice.review_line)}</p>',
            '<div class="sign">', *(f"<p>{escape(i)}</p>" for i in notice.issuers),
            f"<p>{escape(notice.date_line)}</p>", "<p>（盖章）</p>", "</div>", "</body>", "</html>"]
    return "\n".join(out) + "\n"


def save_notice_html(notice: Notice, path: Path | str, paper: str = "A4") -> Path:
    """Write the page through a temp file, so a failed write leaves no half file.

    Raises:
        OSError: The file cannot be written.
    """
    path = Path(path)
    atomic_write_bytes(path, notice_html(notice, PAPERS[paper]).encode("utf-8"))
    return path
