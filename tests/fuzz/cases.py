"""What every strategy shares: a file in a case, and the `show` and `diff` steps that read files."""

from __future__ import annotations

import base64
from typing import Any

from hypothesis import strategies as st

#: Formats `show` and `diff` are asked for, a wrong one included.
DOCUMENT_FORMATS = ("md", "txt", "json", "html", "docx", "outline", "term", "pdf")
REDLINE_FORMATS = ("term", "md", "json", "html", "docx", "txt", "outline")
SUFFIXES = {"md": ".md", "txt": ".txt", "json": ".json", "html": ".html", "docx": ".docx",
            "outline": ".txt", "term": ".txt", "pdf": ".pdf"}


def blob(data: bytes | str) -> dict[str, Any]:
    """A file of a case: readable text when it is UTF-8, else base64."""
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")
    try:
        return {"text": data.decode("utf-8")}
    except UnicodeDecodeError:
        return {"data": base64.b64encode(data).decode("ascii")}


def case(files: dict[str, bytes | str], *steps: list[str], **extra: Any) -> dict[str, Any]:
    """A case: files laid over the fixture library, then the steps in order."""
    return {"files": {name: blob(data) for name, data in files.items()}, "steps": list(steps), **extra}


@st.composite
def show_step(draw: st.DrawFn, name: str) -> list[str]:
    """`treaty show NAME` in a random format, sometimes to a file, sometimes with odd options."""
    fmt = draw(st.sampled_from((None, *DOCUMENT_FORMATS)))
    args = ["show", name] + (["-f", fmt] if fmt else [])
    if fmt == "docx" or draw(st.integers(0, 4)) == 0:
        args += ["-o", "out" + SUFFIXES.get(fmt or "md", ".md")]
    if draw(st.integers(0, 5)) == 0:
        args.append("--as-is-rejected")
    if draw(st.integers(0, 9)) == 0:
        args.append("--outline")
    return args


@st.composite
def diff_step(draw: st.DrawFn, old: str, new: str) -> list[str]:
    """`treaty diff OLD NEW` in a random format with a random set of its options."""
    fmt = draw(st.sampled_from((None, *REDLINE_FORMATS)))
    args = ["diff", old, new] + (["-f", fmt] if fmt else [])
    if fmt == "docx" or draw(st.integers(0, 4)) == 0:
        args += ["-o", "redline" + SUFFIXES.get(fmt or "term", ".txt")]
    flags = ("--summary", "--explain", "--exit-code", "--ignore-case", "--ignore-typography",
             "--no-color", "--as-is-rejected")
    args += draw(st.lists(st.sampled_from(flags), max_size=3, unique=True))
    if fmt == "docx" and draw(st.booleans()):
        args += ["--author", draw(st.sampled_from(("A. Negotiator", "[/x]", "bell\x07", "tab\there", "é" * 300))),
                 "--date", draw(st.sampled_from(("2025-11-20", "2025-11-20T10:00:00Z", "yesterday", "9999-99-99")))]
    return args


@st.composite
def shown(draw: st.DrawFn, content: st.SearchStrategy[Any], names: tuple[str, ...]) -> dict[str, Any]:
    """A file of `content` (bytes or text), under one of `names`, shown in any format."""
    name = draw(st.sampled_from(names))
    return case({name: draw(content)}, draw(show_step(name)))


@st.composite
def redlined(draw: st.DrawFn, pairs: st.SearchStrategy[tuple[Any, Any]], names: tuple[str, str]) -> dict[str, Any]:
    """Two files, `names`, of an old and a new content drawn from `pairs`, redlined in any format."""
    old, new = draw(pairs)
    return case({names[0]: old, names[1]: new}, draw(diff_step(*names)))
