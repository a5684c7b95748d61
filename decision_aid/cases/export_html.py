"""A handout as one self-contained HTML page: inline CSS, no scripts, nothing fetched.

Prints on A4 and Letter alike (the page size is left to the printer; margins in mm,
type in pt), one case per printed page group: each case starts on a new page.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from decision_aid.cases.handout import LABELS, Handout, safe_url
from decision_aid.core import Item, Section

CSS = """
:root { color-scheme: light; }
body { font: 11pt/1.45 Georgia, "Times New Roman", serif; color: #111; margin: 2rem auto;
       max-width: 46rem; padding: 0 1rem; }
h1 { font-size: 18pt; margin: 0 0 .3rem; } h2 { font-size: 12.5pt; margin: 1.1rem 0 .3rem; }
.meta { color: #444; font-size: 9.5pt; margin: 0 0 .8rem; }
.verdict { font: bold 12pt/1.3 Arial, Helvetica, sans-serif; padding: .45rem .6rem;
           border-left: 5pt solid #555; background: #f3f3f3; }
.verdict.avoid { border-color: #a40000; } .verdict.caution { border-color: #b36b00; }
.verdict.acceptable { border-color: #1d6b2a; }
.notice { font-style: italic; }
ul, ol { margin: .2rem 0 .4rem 1.3rem; padding: 0; } li { margin: .12rem 0; }
.note, .url { color: #444; font-size: 9pt; } .url { word-break: break-all; }
blockquote { margin: .3rem 0; padding-left: .7rem; border-left: 2pt solid #999; }
a { color: #0b4f8a; }
article + article { border-top: 1px solid #ccc; margin-top: 2rem; padding-top: 1.5rem; }
@page { margin: 16mm 15mm; }
@media print {
  body { margin: 0; max-width: none; padding: 0; }
  article { break-after: page; page-break-after: always; }
  article:last-child { break-after: auto; page-break-after: auto; }
  article + article { border-top: none; margin-top: 0; padding-top: 0; }
  h2, .verdict { break-after: avoid; page-break-after: avoid; }
  li, blockquote { break-inside: avoid; page-break-inside: avoid; }
  a { color: #111; text-decoration: none; }
}
"""


def _items(section: Section) -> str:
    if section.key == "reply":
        return "<blockquote>" + "<br>".join(
            escape(line) for line in section.items[0].text.splitlines()) + "</blockquote>"
    tag = "ol" if section.numbered else "ul"
    return f"<{tag}>" + "".join(f"<li>{_item(i)}</li>" for i in section.items) + f"</{tag}>"


def _item(item: Item) -> str:
    text = escape(item.text)
    url = safe_url(item.url)
    if url:
        text = (f'<a href="{escape(url)}">{text}</a>'
                f'<br><span class="url">{escape(url)}</span>')
    if item.note:
        text += f'<br><span class="note">{escape(item.note)}</span>'
    return text


def _list(title: str, lines: Sequence[str]) -> str:
    if not lines:
        return ""
    return f"<h2>{escape(title)}</h2><ul>" + "".join(
        f"<li>{escape(line)}</li>" for line in lines) + "</ul>"


def _article(h: Handout) -> str:
    case = h.case
    parts = [f"<h1>{escape(case.title)}</h1>"]
    meta = [f"{LABELS['level']}: {case.level}"] if case.level else []
    meta.append(f"Case {case.id}")
    parts.append(f'<p class="meta">{escape(" · ".join(meta))}</p>')
    if case.narrative:
        parts.append(f"<p>{escape(case.narrative)}</p>")
    parts.append(_list(LABELS["objectives"], case.objectives))
    if h.interview is not None:
        parts.append(f"<h2>{escape(LABELS['interview'])}</h2>{_items(h.interview)}")
    parts.append(f"<h2>{escape(LABELS['result'])}</h2>")
    if h.outline is None:
        parts.append(f'<p class="verdict">{escape("; ".join(h.problems))}</p>')
    else:
        view = h.outline
        if view.notice:
            parts.append(f'<p class="notice">{escape(view.notice)}</p>')
        parts.append(f'<p class="verdict {escape(view.verdict)}">{escape(view.word)}: '
                     f"{escape(view.headline)}</p>")
        for section in h.result_sections:
            parts.append(f"<h2>{escape(section.title)}</h2>{_items(section)}")
    points = [p.text for p in case.teaching_points]
    parts.append(_list(LABELS["teaching"], points))
    parts.append(_list(LABELS["discussion"], case.discussion))
    return "<article>" + "".join(parts) + "</article>"


def html_page(handouts: Sequence[Handout], title: str) -> str:
    body = "\n".join(_article(h) for h in handouts)
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(title)}</title><style>{CSS}</style></head>"
            f"<body>\n{body}\n</body></html>\n")
