"""LibreOffice for tests: accept/reject tracked changes and read the paragraphs back with their
styles, convert to PDF.

Each call starts its own headless soffice with a private profile, so tests may run in
parallel. Tests that use these helpers carry `@pytest.mark.libreoffice` and call `require()`.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import NamedTuple

from tests.conftest import has_libreoffice, need

ROOT = Path(__file__).resolve().parents[1]
TOOL = ROOT / "tools" / "uno_accept_reject.py"
TIMEOUT = 240


def require() -> None:
    """Skip the calling test when soffice or Debian's python3-uno is missing (fail in CI)."""
    need(has_libreoffice(), "LibreOffice (soffice) with python3-uno")


class Paragraph(NamedTuple):
    """One paragraph as LibreOffice has it: the style name it shows, its outline level
    (0 = body text, 1 = top of the navigator), its text (tabs and line breaks kept)."""

    style: str
    outline: int
    text: str


def as_paragraphs(docx: Path, mode: str) -> list[Paragraph]:
    """The paragraphs LibreOffice has for `docx` after `mode` ("accept", "reject" or "none"),
    table cells included, in reading order."""
    out = docx.with_name(f"{docx.stem}.{mode}.{uuid.uuid4().hex[:8]}.json")
    run = subprocess.run(["/usr/bin/python3", str(TOOL), str(docx), str(out), f"--{mode}", "--paragraphs"],
                         capture_output=True, text=True, timeout=TIMEOUT)
    assert run.returncode == 0, f"uno_accept_reject failed on {docx.name}: {run.stderr}"
    return [Paragraph(str(p["style"]), int(p["outline"]), str(p["text"]))
            for p in json.loads(out.read_text(encoding="utf-8"))]


def paragraphs_of(jobs: list[tuple[Path, str]]) -> list[list[Paragraph]]:
    """`as_paragraphs` for several (docx, mode) jobs, two soffice processes at a time."""
    with ThreadPoolExecutor(max_workers=2) as pool:
        return list(pool.map(lambda job: as_paragraphs(*job), jobs))


def to_pdf(docs: list[Path], outdir: Path) -> list[Path]:
    """Convert `docs` to PDF in one soffice run; the PDFs' paths, in the same order."""
    profile = Path(tempfile.mkdtemp(prefix="treaty-lo-pdf-"))
    try:
        run = subprocess.run(
            ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
             "--convert-to", "pdf", "--outdir", str(outdir), *map(str, docs)],
            capture_output=True, text=True, timeout=TIMEOUT)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    assert run.returncode == 0, f"soffice --convert-to pdf failed: {run.stderr}"
    return [outdir / f"{doc.stem}.pdf" for doc in docs]


def pdf_pages(pdf: Path) -> int:
    """The page count `pdfinfo` reports (0 when it reports none)."""
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    for line in info.splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    return 0
