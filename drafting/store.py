"""Where things live on disk, and writing them without losing anything.

The library is found the way git finds its repository: the nearest `clauses/`
and `templates/` in the current folder or a folder above it, explicit paths when given,
else the library shipped inside the package.

A write is whole or absent. The data goes to a hidden temporary file beside its target
(`.v2.json.k3j9x2_a.tmp`: listings skip it, and the next assembly of the template removes
one a killed run left), then into place in one step: linked, which fails rather than
replace anything, or, with force, renamed over a regular file. A symbolic link, a folder,
a pipe or a device is never replaced. Assemblies of one template take turns (a lock on its
folder, which the kernel drops if the run is killed), and a label is reserved by linking
its finished JSON record into place, so parallel runs never share a label.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import re
import stat
import tempfile
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from drafting.errors import DraftingError, near
from drafting.model import Document
from drafting.writers import FORMATS, document_writer

PACKAGE_DATA = Path(__file__).resolve().parent / "data"


def _walk_up(name: str, cwd: Path | None) -> Path | None:
    """The nearest `name` folder in the current folder or one above it, as git finds `.git`."""
    here = (cwd or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / name).is_dir():
            return folder / name
    return None


def library_dir(given: Path | None, cwd: Path | None = None) -> Path:
    """The clause library folder to use: `given`, else the nearest clauses/ here or above,
    else the shipped one."""
    if given is not None:
        return given
    return _walk_up("clauses", cwd) or PACKAGE_DATA / "clauses"


def templates_dir(given: Path | None, cwd: Path | None = None) -> Path:
    """The templates folder to use: `given`, else the nearest templates/ here or above, else
    the shipped one."""
    if given is not None:
        return given
    return _walk_up("templates", cwd) or PACKAGE_DATA / "templates"


#: A version label is a name, never a path: letters, digits, dots, dashes, underscores.
_LABEL = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")


def _plain(name: str) -> bool:
    return bool(_LABEL.fullmatch(name)) and ".." not in name


def check_label(label: str) -> str:
    """`label` when it is a plain name; a `DraftingError` when it could name a path."""
    if not _plain(label):
        raise DraftingError(f"the label {label!r} is not a plain name",
                            hint="a label is a name such as v2 or chair-text-3 (letters, digits, "
                                 "'.', '-', '_', at most 64), never a path")
    return label


# --- One write ------------------------------------------------------------------------------

#: What a write never replaces, in the words of its message.
_KINDS = ((stat.S_ISLNK, "a symbolic link"), (stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe"),
          (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"), (stat.S_ISSOCK, "a socket"))
#: The temporary files `_place` makes (`tempfile.mkstemp` adds eight characters).
_TEMPORARY = re.compile(r"\..+\.[a-z0-9_]{8}\.tmp")
#: File systems without hard links (FAT, some network shares) refuse `os.link` with these.
_NO_HARD_LINKS = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.ENOSYS}


def _make_folder(folder: Path) -> None:
    """Create `folder` and the folders above it; a part that is a file is one clear message."""
    for part in (folder, *folder.parents):
        if os.path.lexists(part):
            if not part.is_dir():
                raise DraftingError("this is a file, not a folder: nothing can be written in it", path=part,
                                    hint="choose another path (or --drafts folder)")
            break
    folder.mkdir(parents=True, exist_ok=True)


def _is_file(path: Path) -> bool:
    """Whether a regular file is at `path` (False: nothing is); a `DraftingError` when something
    else is there, which no write replaces."""
    try:
        mode = path.lstat().st_mode
    except FileNotFoundError:
        return False
    if stat.S_ISREG(mode):
        return True
    kind = next((name for is_kind, name in _KINDS if is_kind(mode)), "not a regular file")
    hint = "give the name of a regular file, or of one that does not exist yet"
    if stat.S_ISLNK(mode):
        hint = f"it points to {os.path.realpath(path)}; to write that file, name it"
    raise DraftingError(f"this is {kind}; only a regular file is ever replaced, even with --force",
                        path=path, hint=hint)


def _exists(path: Path) -> DraftingError:
    return DraftingError("the file exists; it was not overwritten", path=path,
                         hint="choose another path, or pass --force to replace it")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _write_all(fd: int, data: bytes) -> None:
    """Write every byte of `data` to `fd`; a full disk raises rather than writing less."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _link(tmp: Path, path: Path) -> None:
    """Give `tmp` the name `path`, failing with FileExistsError when the name is taken."""
    try:
        os.link(tmp, path)
    except OSError as exc:
        if exc.errno not in _NO_HARD_LINKS:
            raise
        # No hard links here: check, then rename. Only the folder's lock guards the gap.
        if os.path.lexists(path):
            raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(path)) from None
        os.rename(tmp, path)


def _sync_folder(folder: Path) -> None:
    """Put the folder's new entry on disk too, so a power cut keeps the file just placed."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        with suppress(OSError):  # some file systems cannot sync a folder; the data is synced
            os.fsync(fd)
    finally:
        os.close(fd)


def _place(path: Path, data: bytes, *, replace: bool) -> None:
    """Put `data` at `path` in one step through a finished temporary file beside it: linked,
    which raises FileExistsError rather than replace anything, or, when `replace`, renamed
    over the regular file there. A system error names `path`, not the temporary file."""
    tmp: Path | None = None
    try:
        mode = path.stat().st_mode & 0o777 if replace else 0o666 & ~_umask()
        fd, name = tempfile.mkstemp(prefix=f".{path.name[:64]}.", suffix=".tmp", dir=path.parent)
        tmp = Path(name)
        try:
            os.fchmod(fd, mode)
            _write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        if replace:
            os.replace(tmp, path)
        else:
            _link(tmp, path)
    except FileExistsError:
        raise
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror or str(exc), str(path)) from None
    finally:
        if tmp is not None:
            with suppress(OSError):
                tmp.unlink(missing_ok=True)
    _sync_folder(path.parent)


def _bytes(data: str | bytes) -> bytes:
    return data.encode("utf-8") if isinstance(data, str) else data


def write_atomic(path: Path, data: str | bytes, *, force: bool = False) -> None:
    """Write `data` to `path` whole or not at all.

    An existing regular file is replaced only with `force`; anything else there (a symbolic
    link, a folder, a pipe, a device) never is: a `DraftingError` says what it is.
    """
    _make_folder(path.parent)
    replace = _is_file(path)
    if replace and not force:
        raise _exists(path)
    try:
        _place(path, _bytes(data), replace=replace)
    except FileExistsError:
        raise _exists(path) from None  # made by someone else since we looked


# --- Drafts -----------------------------------------------------------------------------------

#: The suffixes a draft's formats use: the files of label v1 are v1.json, v1.md, v1.docx...
_SUFFIXES = tuple(sorted({f.suffix for f in FORMATS.values() if f.document}))
_NUMBERED = re.compile(r"v(\d+)")

#: A function that draws a document in one format.
Render = Callable[[Document], str | bytes]


@dataclass(frozen=True, slots=True)
class Kept:
    """What `keep_draft` did: the draft's JSON `record`, the files it wrote, and the files of
    a replaced draft it removed. `identical`: an identical draft was found, none written."""

    record: Path
    identical: bool
    written: tuple[Path, ...]
    removed: tuple[Path, ...]


def _hash_of(record: Path) -> str | None:
    try:
        return str(json.loads(record.read_text(encoding="utf-8")).get("hash"))
    except (OSError, ValueError, AttributeError):
        return None


def _names(folder: Path) -> list[Path]:
    """The files of `folder` a user sees: hidden (and temporary) ones left out."""
    return [p for p in folder.iterdir() if not p.name.startswith(".")] if folder.is_dir() else []


def draft_versions(folder: Path) -> list[Path]:
    """The JSON records of a template's drafts, oldest label first (v1, v2, …, v10)."""
    def order(path: Path) -> tuple[int, str]:
        match = _NUMBERED.fullmatch(path.stem)
        return (int(match.group(1)) if match else 10**9, path.stem)

    return sorted((p for p in _names(folder) if p.suffix == ".json" and p.is_file()), key=order)


def next_label(folder: Path) -> str:
    """`vN` one past the highest vN that any file in `folder` uses, so the newest is the last."""
    numbers = [int(m.group(1)) for p in _names(folder) if (m := _NUMBERED.fullmatch(p.stem))]
    return f"v{max(numbers, default=0) + 1}"


def find_identical(folder: Path, doc: Document) -> Path | None:
    """An existing draft record in `folder` with the same content hash, or None."""
    digest = doc.content_hash
    return next((p for p in draft_versions(folder) if _hash_of(p) == digest), None)


@contextmanager
def _taking_turns(folder: Path) -> Iterator[None]:
    """Hold `folder`'s lock, so assemblies of one template look and write one at a time.

    The kernel drops the lock when its process ends, killed or not. Where the file system
    has no locks, labels are still reserved by linking; only two identical drafts assembled
    at the same instant could then both be kept.
    """
    fd = os.open(folder, os.O_RDONLY)
    try:
        with suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _clear_leftovers(folder: Path) -> None:
    """Remove the temporary files of runs that were killed (only the lock holder writes here)."""
    for path in folder.iterdir():
        if _TEMPORARY.fullmatch(path.name):
            with suppress(OSError):
                path.unlink()


def _record(doc: Document) -> bytes:
    return _bytes(document_writer("json")(doc))


def _reserve(folder: Path, doc: Document) -> Path:
    """Link `doc`'s finished record into place under the next free `vN`; a label another run
    took meanwhile is skipped, never overwritten."""
    number = int(next_label(folder)[1:])
    while True:
        record = folder / f"v{number}.json"
        try:
            _place(record, _record(doc.with_meta(version=record.stem)), replace=False)
            return record
        except FileExistsError:
            number += 1


def _relabel(folder: Path, doc: Document, label: str, force: bool) -> tuple[Path, tuple[Path, ...]]:
    """Write `doc`'s record under the label the user chose. With `force`, every file of the
    draft it replaces goes first, so no file of the label describes another draft.

    Returns the record and the files removed."""
    record = folder / f"{label}.json"
    present = [path for path in (folder / f"{label}{suffix}" for suffix in _SUFFIXES) if _is_file(path)]
    taken = DraftingError(f"the draft {label} exists; it was not overwritten", path=folder,
                          hint="choose another --label, or pass --force to replace it and remove its other files")
    if present and not force:
        raise taken
    for path in present:
        if path != record:
            path.unlink()
    try:
        _place(record, _record(doc.with_meta(version=label)), replace=record in present)
    except FileExistsError:
        raise taken from None
    return record, tuple(path for path in present if path != record)


def _fill_in(record: Path, renders: Mapping[str, Render]) -> tuple[Path, ...]:
    """Write the formats an identical draft lacks, drawn from its own record (label, date)."""
    missing = {fmt: record.with_suffix(FORMATS[fmt].suffix) for fmt in renders if fmt != "json"}
    missing = {fmt: path for fmt, path in missing.items() if not os.path.lexists(path)}
    if missing:
        from drafting.readers.json import read_json  # only to fill in formats

        kept = read_json(record.read_text(encoding="utf-8"), source=str(record))
        for fmt, path in missing.items():
            _place(path, _bytes(renders[fmt](kept)), replace=False)
    return tuple(missing.values())


def keep_draft(folder: Path, doc: Document, renders: Mapping[str, Render], *,
               label: str | None = None, force: bool = False) -> Kept:
    """Keep `doc` in `folder` as a new version: its JSON record, then each format of `renders`.

    Without `label` or `force`, a draft with the same content hash is reported instead (and
    given the formats it lacks). Otherwise the record is linked into place under `label`, or
    the next free `vN`: the record is the reservation, and the other formats of that label are
    written after it, from the same document. An existing `label` is replaced only with
    `force`, and then its other files are removed. Runs on one folder take turns.
    """
    _make_folder(folder)
    with _taking_turns(folder):
        _clear_leftovers(folder)
        removed: tuple[Path, ...] = ()
        if label is not None:
            record, removed = _relabel(folder, doc, check_label(label), force)
        else:
            same = None if force else find_identical(folder, doc)
            if same is not None:
                return Kept(same, True, _fill_in(same, renders), ())
            record = _reserve(folder, doc)
        kept = doc.with_meta(version=record.stem)
        written = [record]
        for fmt, render in renders.items():
            if fmt != "json":
                written.append(record.with_suffix(FORMATS[fmt].suffix))
                _place(written[-1], _bytes(render(kept)), replace=False)
        return Kept(record, False, tuple(written), tuple(p for p in removed if p not in written))


def draft_reference(name: str, drafts: Path) -> Path | None:
    """Resolve `plan-28-point` (latest), `plan-28-point/v2` (its record) or `plan-28-point/v2.md`
    (that very file) under `drafts`; None when `name` is no such reference."""
    template, _, label = name.partition("/")
    folder = drafts / template
    if not _plain(template) or (label and not _plain(label)) or not folder.is_dir():
        return None
    if label:
        for path in (folder / label, folder / f"{label}.json"):
            if path.is_file():
                return path
        raise DraftingError(f"no draft {label!r} of {template!r}", path=folder,
                            matches=near(label, [p.stem for p in draft_versions(folder)]))
    versions = draft_versions(folder)
    return versions[-1] if versions else None
