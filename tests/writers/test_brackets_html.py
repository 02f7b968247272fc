"""Negotiating text in HTML, Markdown, plain text and the terminal (issue 12): marked spans with
`data-proposer`, the list of open places linking to each, the redline's bracket changes and the
open-place counts, and brackets kept as written where a format has no styles."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from typer.testing import CliRunner

from drafting.brackets import places
from drafting.cli.main import app
from drafting.writers import document_writer
from drafting.writers.html import document, redline
from drafting.writers.markdown import redline as md_redline
from drafting.writers.terminal import redline as term_redline
from tests.writers.test_brackets_docx import bracket_redline, every_form, resolved


class _Page(HTMLParser):
    """Ids, elements with `data-proposer`, and the text of every paragraph of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.proposers: list[tuple[str, str]] = []
        self.paras: list[str] = []
        self._p: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.append(a["id"] or "")
        if "data-proposer" in a:
            self.proposers.append((tag, a["data-proposer"] or ""))
        if tag == "p":
            self._p = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "p" and self._p is not None:
            self.paras.append("".join(self._p))
            self._p = None

    def handle_data(self, data: str) -> None:
        if self._p is not None:
            self._p.append(data)


def page(html: str) -> _Page:
    parsed = _Page()
    parsed.feed(html)
    return parsed


def test_the_open_places_are_listed_and_each_link_has_its_target() -> None:
    html = document(every_form())
    found = places(every_form())
    assert f"Open places ({len(found)})" in html
    links = re.findall(r'<li><a href="#(place-\d+)">([^<]*)</a></li>', html)
    assert [text for _, text in links] == [p.describe().replace("“", "“") for p in found]
    ids = page(html).ids
    assert all(ids.count(target) == 1 for target, _ in links)
    assert len(set(ids)) == len(ids)


def test_each_kind_of_bracket_has_its_own_markup_and_the_text_is_unchanged() -> None:
    html = document(every_form())
    assert '<span class="b-alternative" id="place-2" data-proposer="Alt 1"><b class="bk">[</b>' \
           '<span class="lb">Alt 1: </span>within 30 days<b class="bk">]</b></span>' in html
    assert '<span class="b-remark"><b class="bk">[</b><span class="lb">Note: </span>' in html
    assert '<span class="b-open" id="place-3"><b class="bk">[</b>shall <span class="b-open">' in html
    assert "continues [...] here. [Deleted.]</p>" in html  # an editor's brackets are text
    proposers = page(html).proposers
    assert ("p", "Option A") in proposers and ("p", "Option B") in proposers
    assert ("span", "Borealis") in proposers and ("span", "Arcadia") in proposers  # "Proposal of" left out
    paras = page(html).paras
    for text in (*every_form().preamble, *every_form().closing, *every_form().points[1].paragraphs[1:]):
        assert text in paras


def test_the_page_has_the_delegation_filter_and_its_script_only_with_open_places() -> None:
    html = document(every_form())
    options = re.findall(r"<option>([^<]*)</option>", html)
    assert options == ["Alt 1", "Alt 2", "Option A", "Option B", "Arcadia", "Borealis"]
    assert "<script>" in html and "script-src &#39;sha256-" in html  # the script, pinned by its hash
    agreed = document(resolve_all())
    assert "<script>" not in agreed and "Open places" not in agreed and "script-src &#39;none&#39;" in agreed


def resolve_all():  # type: ignore[no-untyped-def]
    from drafting.brackets import parse_take, resolve
    doc = every_form()
    return resolve(doc, [parse_take("Arcadia,Alt 1,Option A,Proposal of Arcadia")], ["all"]).document


def test_a_hostile_nest_of_brackets_stays_flat_and_whole() -> None:
    deep = "[" * 2000 + "x" + "]" * 2000
    doc = every_form().with_meta()
    from dataclasses import replace
    doc = replace(doc, preamble=(deep,))
    html = document(doc)
    assert html.count('class="b-open"') <= 8 + 10
    assert deep in "".join(page(html).paras)


def test_the_html_redline_shows_a_badge_per_bracket_change_and_the_counts() -> None:
    html = redline(bracket_redline())
    assert html.count("data-bracket>") == 3
    assert '<span class="badge bkt" data-bracket>alternative chosen (Proposal of Arcadia)</span>' in html
    assert "<p class=\"words\" data-open-places>Open places: 8 → 2 (1 agreed, 2 alternative chosen).</p>" in html


def test_the_terminal_and_markdown_redlines_say_what_happened_to_the_brackets() -> None:
    rl = bracket_redline()
    term = term_redline(rl)
    assert "open places: 8 → 2 (1 agreed, 2 alternative chosen)" in term.splitlines()[1]
    lines = term.splitlines()
    head = next(i for i, line in enumerate(lines) if line.startswith("4 ["))
    assert lines[head + 1].strip() == "alternative chosen (Proposal of Arcadia)"
    md = md_redline(rl)
    assert "Open places: 8 → 2 (1 agreed, 2 alternative chosen)." in md
    assert "### Point 2 *(changed)*\n\n*brackets removed, text agreed: “shall promptly”*\n" in md


def test_no_bracket_lines_without_open_places() -> None:
    from dataclasses import replace
    rl = bracket_redline()
    plain = replace(rl, points=tuple(replace(d, brackets=()) for d in rl.points), open_places=(0, 0))
    assert "open places" not in term_redline(plain).lower() and "open places" not in md_redline(plain).lower()
    assert "data-open-places" not in redline(plain) and "data-bracket" not in redline(plain)


def test_markdown_and_text_drafts_keep_the_brackets_as_written() -> None:
    doc = every_form()
    for fmt in ("md", "txt"):
        out = document_writer(fmt)(doc)
        assert isinstance(out, str)
        flat = " ".join(out.split())  # the text writer wraps long lines
        for para in (*doc.preamble, *doc.closing, *(p for point in doc.points for p in point.paragraphs)):
            assert para in flat, (fmt, para)
        for child in doc.points[3].children:
            assert child.paragraphs[0] in out


def test_show_and_export_take_alternatives_table_for_word_only(tmp_path: Path) -> None:
    src = tmp_path / "draft.json"
    src.write_text(document_writer("json")(every_form()), encoding="utf-8")  # type: ignore[arg-type]
    runner = CliRunner()
    out = tmp_path / "tables.docx"
    done = runner.invoke(app, ["export", str(src), "-o", str(out), "--alternatives", "table"])
    assert done.exit_code == 0, done.output
    from tests.writers.test_brackets_docx import tables
    assert len(tables(out.read_bytes())) == 4
    refused = runner.invoke(app, ["show", str(src), "-f", "md", "--alternatives", "table"])
    assert refused.exit_code == 2 and "--alternatives table is for --format docx" in refused.output
    typo = runner.invoke(app, ["show", str(src), "-o", str(tmp_path / "x.docx"), "--alternatives", "tabel"])
    assert typo.exit_code == 2 and "table" in typo.output and "Traceback" not in typo.output
    assert resolved().points  # the fixture the redline tests build on
