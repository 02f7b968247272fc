"""The merge driver git calls as `treaty git merge-driver %O %A %B %L %P` (gitattributes(5)).

git hands over three temporary files with no suffix (`.merge_file_XXXXXX` at the top of
the work tree, which is also the current folder): the base (%O, EMPTY when both sides added
the file), ours (%A, where the result goes) and theirs (%B); %P is the path in the
repository, so its suffix picks the reader and writer. A non-zero exit makes git report the
file as conflicted while it keeps what %A holds: the bracketed alternatives.

The sides' names label the alternatives. git 2.39 sets `GITHEAD_<sha>` only for what is
merged in (its value the name given to `git merge`: a branch, or the sha itself); ours is
the branch HEAD is on.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from drafting.errors import DraftingError
from drafting.gitdrivers._git import git, raw, read_as
from drafting.merge import Merge, merge
from drafting.model import Document
from drafting.readers.docx._safety import Package
from drafting.store import write_atomic
from drafting.writers import document_writer

#: The formats a draft is merged in, by the suffix of %P (those a reader reads back).
FORMATS = {".json": "json", ".md": "md", ".markdown": "md", ".txt": "txt", ".text": "txt", ".docx": "docx"}
#: A version's label: v1, v2, ...; two branches that each assembled one add the same vN.
_VERSION = re.compile(r"v(\d{1,9})")
#: What `git pull` merges in is named "branch 'x' of URL"; the branch is the delegation's name.
_PULLED = re.compile(r"branch '(.+)' of .+")
_SHA = re.compile(r"[0-9a-f]{40}(?:[0-9a-f]{24})?")
#: The author our docx writer puts in the core properties; Word and LibreOffice put theirs on saving.
_AUTHOR = "treaty-drafting"
#: A style of ours: a .docx without it was not written by `treaty`.
_OUR_STYLE = b'w:styleId="TreatyParagraph"'
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_REVISIONS = tuple(f"{_W}{tag}" for tag in (
    "ins", "del", "moveFrom", "moveTo", "rPrChange", "pPrChange", "sectPrChange", "tblPrChange", "trPrChange",
    "tcPrChange", "tblGridChange", "numberingChange", "cellIns", "cellDel", "cellMerge"))
_COMMENTS = (f"{_W}commentReference", f"{_W}commentRangeStart")
_DC = "{http://purl.org/dc/elements/1.1/}"
_CP = "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}"


@dataclass(frozen=True, slots=True)
class Driven:
    """What the driver did: the merge (None when a side could not be read), the sides' names,
    the version merged against when the base was empty, the file the merged text went to when
    %A was left as it is, and what the user must know. `clean`: git may take %A as merged."""

    names: tuple[str, str]
    merge: Merge | None
    clean: bool
    base_from: str = ""
    beside: Path | None = None
    messages: tuple[str, ...] = ()


def _label(value: str) -> str:
    """A name for the alternatives from what git calls a side (a branch, a pull, a sha)."""
    pulled = _PULLED.fullmatch(value)
    name = pulled.group(1) if pulled else value[:7] if _SHA.fullmatch(value) else value
    return " ".join(name.split())[:60] or "theirs"


def side_names(environ: Mapping[str, str], cwd: Path) -> tuple[str, str]:
    """(ours, theirs): the branch HEAD is on and what `git merge` was given, as two different names."""
    head = git("rev-parse", "-q", "--verify", "HEAD", cwd=cwd, check=False).stdout.strip()
    branch = git("symbolic-ref", "--short", "-q", "HEAD", cwd=cwd, check=False).stdout.strip()
    ours, theirs = _label(branch) if branch else "ours", "theirs"
    for key, value in sorted(environ.items()):
        if key.startswith("GITHEAD_") and value.strip():
            if key[len("GITHEAD_"):] == head:
                ours = _label(value)
            else:
                theirs = _label(value)
    if ours.casefold() == theirs.casefold():
        ours, theirs = f"{ours} (ours)", f"{theirs} (theirs)"
    return ours, theirs


def _earlier(path: Path) -> Path | None:
    """The version before `path` (`drafts/T/v3.json` -> `v2.json`, else the highest below), in the
    same format or as its JSON record; None when `path` is no version or has none before it."""
    number = _VERSION.fullmatch(path.stem)
    if number is None or not path.parent.is_dir():
        return None
    found = [(int(m.group(1)), p.suffix == path.suffix, p) for p in path.parent.iterdir()
             if (m := _VERSION.fullmatch(p.stem)) and int(m.group(1)) < int(number.group(1))
             and p.suffix in (path.suffix, ".json") and p.is_file()]
    return max(found, key=lambda f: (f[0], f[1]))[2] if found else None


def _base(data: bytes, path: str, cwd: Path) -> tuple[Document, str]:
    """The base document, and the version it was taken from when git's base was empty (add/add)."""
    if data.strip():
        return read_as(data, path), ""
    earlier = _earlier(cwd / path)
    if earlier is None:
        return Document(), ""
    name = earlier.relative_to(cwd).as_posix()
    return read_as(raw(earlier), name), name


def foreign(data: bytes, who: str) -> list[str]:
    """Why a .docx must not be rebuilt from the tree: not written by `treaty` (nor left as it
    wrote it), tracked changes, comments; [] when it may be."""
    package = Package(data, who)
    try:
        if "word/document.xml" not in package.names or "docProps/core.xml" not in package.names:
            return [f"{who}'s copy was not written by treaty"]
        core = package.xml("docProps/core.xml")
        ours = core.findtext(f"{_DC}creator") == _AUTHOR and core.findtext(f"{_CP}lastModifiedBy") == _AUTHOR
        styled = "word/styles.xml" in package.names and _OUR_STYLE in package.read("word/styles.xml")
        reasons = [] if ours and styled else [f"{who}'s copy was not written by treaty, or was saved since "
                                              "by another program"]
        tags = set()
        for element in package.iterparse("word/document.xml", _REVISIONS + _COMMENTS):
            tags.add(element.tag)
            element.clear()
        if tags & set(_REVISIONS):
            reasons.append(f"{who}'s copy has tracked changes")
        if tags & set(_COMMENTS) or "word/comments.xml" in package.names and b"<w:comment " in package.read(
                "word/comments.xml"):
            reasons.append(f"{who}'s copy has comments")
        return reasons
    finally:
        package.close()


def _beside(path: Path) -> Path:
    """A free name beside `path` for the merged text: `v2.merged.docx`, `v2.merged-2.docx`, ..."""
    for n in range(1, 1000):
        candidate = path.with_name(f"{path.stem}.merged{'' if n == 1 else f'-{n}'}{path.suffix}")
        if not os.path.lexists(candidate):
            return candidate
    raise DraftingError("no free name for the merged text beside the file", path=path,
                        hint="remove the old *.merged*.docx files and merge again")


def _line_merge(ours: Path, base: Path, theirs: Path, marker_size: str, names: tuple[str, str],
                why: str, cwd: Path) -> Driven:
    """git's own line merge, for a text file routed here that is no draft (another tool's JSON)."""
    size = marker_size if marker_size.isdigit() else "7"
    run = git("merge-file", f"--marker-size={size}", "-L", names[0], "-L", "base", "-L", names[1],
              str(ours), str(base), str(theirs), cwd=cwd, check=False)
    said = f"not read as a draft ({why}); merged line by line"
    return Driven(names, None, run.returncode == 0, messages=(said,))


def merge_driver(base: Path, ours: Path, theirs: Path, marker_size: str, path: str, *,
                 environ: Mapping[str, str], cwd: Path) -> Driven:
    """Merge the three files git gave for `path`, writing the result over `ours` (or beside
    the work tree's file when that would drop what Word or a delegation put in it)."""
    names = side_names(environ, cwd)
    fmt = FORMATS.get(PurePosixPath(path).suffix.lower())
    data = raw(base), raw(ours), raw(theirs)
    try:
        if fmt is None:
            raise DraftingError(f"the suffix of {path} names no draft format")
        base_doc, base_from = _base(data[0], path, cwd)
        sides = read_as(data[1], path), read_as(data[2], path)
    except DraftingError as exc:
        if fmt == "docx" or b"\x00" in data[1][:8192] + data[2][:8192]:
            return Driven(names, None, False, messages=(
                f"not merged: {exc.message}; the file holds {names[0]}'s version", ))
        return _line_merge(ours, base, theirs, marker_size, names, exc.message, cwd)
    result = merge(base_doc, *sides, names=names)
    doc = result.document
    if not doc.meta.version and sides[0].meta.version == sides[1].meta.version:
        doc = doc.with_meta(version=sides[0].meta.version)  # both assembled the same vN
    out = document_writer(fmt or "md")(doc)
    reasons = [r for who, side in zip(names, data[1:], strict=True) for r in foreign(side, who)] \
        if fmt == "docx" else []
    if reasons:
        beside = _beside(cwd / path)
        write_atomic(beside, out)
        return Driven(names, result, False, base_from, beside, (
            f"not rebuilt from the text ({'; '.join(reasons)}): it holds {names[0]}'s version as it was; "
            f"the merged text is in {beside.relative_to(cwd).as_posix()}",))
    write_atomic(ours, out, force=True)
    return Driven(names, result, result.clean, base_from)
