"""Where things live on disk, and writing them without losing anything.

The library is found the way git finds its repository: the nearest `clauses/`
and `templates/` in the current folder or a folder above it, explicit paths when given,
else the library shipped inside the package. Every write goes to a temporary
file renamed into place, and an existing file is never replaced without force.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path

from drafting.errors import DraftingError, near
from drafting.model import Document

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


def check_label(label: str) -> str:
    """`label` when it is a plain name; a `DraftingError` when it could name a path."""
    if not _LABEL.fullmatch(label) or ".." in label:
        raise DraftingError(f"the label {label!r} is not a plain name",
                            hint="a label is a name such as v2 or chair-text-3 (letters, digits, "
                                 "'.', '-', '_', at most 64), never a path")
    return label


def write_atomic(path: Path, data: str | bytes, *, force: bool = False) -> None:
    """Write `data` to `path` through a temporary file renamed into place.

    An existing `path` is refused unless `force`, so nothing a user wrote is lost.
    """
    if path.exists() and not force:
        raise DraftingError("the output file exists; it was not overwritten", path=path,
                            hint="choose another path, or pass --force to replace it")
    if path.is_dir():
        raise DraftingError("the output path is a folder", path=path)
    path.parent.mkdir(parents=True, exist_ok=True)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as handle:
            handle.write(raw)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _hash_of(record: Path) -> str | None:
    try:
        return str(json.loads(record.read_text(encoding="utf-8")).get("hash"))
    except (OSError, ValueError, AttributeError):
        return None


def draft_versions(folder: Path) -> list[Path]:
    """The JSON records of a template's drafts, oldest label first (v1, v2, …, v10)."""
    def order(path: Path) -> tuple[int, str]:
        match = re.fullmatch(r"v(\d+)", path.stem)
        return (int(match.group(1)) if match else 10**9, path.stem)

    return sorted(folder.glob("*.json"), key=order) if folder.is_dir() else []


def next_label(folder: Path) -> str:
    """The first free `vN` label in `folder`."""
    taken = {p.stem for p in folder.glob("*")} if folder.is_dir() else set()
    n = 1
    while f"v{n}" in taken:
        n += 1
    return f"v{n}"


def find_identical(folder: Path, doc: Document) -> Path | None:
    """An existing draft record in `folder` with the same content hash, or None."""
    digest = doc.content_hash
    return next((p for p in draft_versions(folder) if _hash_of(p) == digest), None)


def draft_reference(name: str, drafts: Path) -> Path | None:
    """Resolve `plan-28-point` (latest) or `plan-28-point/v2` to a record under `drafts`."""
    if re.search(r"[\\]|\.\.", name):
        return None
    template, _, label = name.partition("/")
    folder = drafts / template
    if not folder.is_dir():
        return None
    if label:
        record = folder / f"{Path(label).stem}.json"
        if not record.exists():
            raise DraftingError(f"no draft {label!r} of {template!r}", path=folder,
                                matches=near(label, [p.stem for p in draft_versions(folder)]))
        return record
    versions = draft_versions(folder)
    return versions[-1] if versions else None
