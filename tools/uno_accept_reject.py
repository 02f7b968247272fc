"""Open a .docx in headless LibreOffice, accept or reject every tracked change, save as text.

Run with Debian's interpreter, which has the `uno` module (the project's venv does not):

    /usr/bin/python3 tools/uno_accept_reject.py IN.docx OUT.txt --accept|--reject|--none [--paragraphs]

`--none` saves the text as it loads, changes untouched. The text is UTF-8 (LibreOffice writes a
BOM first). With `--paragraphs`, OUT is instead a JSON list with one object per paragraph in
reading order (table cells included): its "text", its paragraph "style" (the name LibreOffice
shows, e.g. "Treaty Point", "Heading 2") and its "outline" level (0 = body text, 1 = the top
of the navigator), so a check can see that a paragraph came back in the right style, not only
with the right words. Each run starts its own soffice with a private profile, so several can
run at once, and always terminates it: on success, on error, and on timeout (exit code 3).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]
from com.sun.star.connection import NoConnectException  # type: ignore[import-not-found]

CONNECT_TIMEOUT = 60.0
COMMANDS = {"--accept": ".uno:AcceptAllTrackedChanges", "--reject": ".uno:RejectAllTrackedChanges"}


def _props(**values: object) -> tuple[PropertyValue, ...]:
    out = []
    for name, value in values.items():
        prop = PropertyValue()
        prop.Name, prop.Value = name, value
        out.append(prop)
    return tuple(out)


def _connect(pipe: str, proc: subprocess.Popen[bytes]) -> object:
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.monotonic() + CONNECT_TIMEOUT
    while True:
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except NoConnectException:
            if proc.poll() is not None:
                raise RuntimeError(f"soffice exited early with code {proc.returncode}") from None
            if time.monotonic() > deadline:
                raise TimeoutError("soffice did not answer on its pipe in time") from None
            time.sleep(0.2)


def _paragraphs(container: object) -> list[dict[str, object]]:
    """Every paragraph of a text, tables walked cell by cell: text, style name, outline level."""
    out: list[dict[str, object]] = []
    items = container.createEnumeration()  # type: ignore[attr-defined]
    while items.hasMoreElements():
        item = items.nextElement()
        if item.supportsService("com.sun.star.text.TextTable"):
            for name in item.getCellNames():
                out.extend(_paragraphs(item.getCellByName(name).getText()))
        elif item.supportsService("com.sun.star.text.Paragraph"):
            out.append({"text": item.getString(), "style": item.getPropertyValue("ParaStyleName"),
                        "outline": item.getPropertyValue("OutlineLevel")})
    return out


def convert(src: Path, dst: Path, mode: str, paragraphs: bool = False) -> None:
    """Load `src` hidden, apply `mode` to its tracked changes, store `dst` as UTF-8 text
    (or, with `paragraphs`, as the JSON list of paragraphs described above)."""
    profile = Path(tempfile.mkdtemp(prefix="treaty-lo-profile-"))
    pipe = f"treaty-{uuid.uuid4().hex}"
    proc = subprocess.Popen(
        ["soffice", "--headless", "--invisible", "--nologo", "--norestore", "--nodefault",
         "--nolockcheck", f"-env:UserInstallation={profile.as_uri()}",
         f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    desktop = None
    try:
        ctx = _connect(pipe, proc)
        smgr = ctx.ServiceManager  # type: ignore[attr-defined]
        desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        # A private copy: LibreOffice writes a lock file beside what it opens, and two runs on
        # the same file at once (accept and reject in parallel) would trip over it.
        copy = profile / f"input{src.suffix}"
        shutil.copyfile(src, copy)
        doc = desktop.loadComponentFromURL(copy.as_uri(), "_blank", 0, _props(Hidden=True))
        if doc is None:
            raise RuntimeError(f"LibreOffice could not load {src}")
        if mode in COMMANDS:
            doc.setPropertyValue("RecordChanges", False)
            helper = smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
            frame = doc.getCurrentController().getFrame()
            helper.executeDispatch(frame, COMMANDS[mode], "", 0, ())
        if paragraphs:
            dst.write_text(json.dumps(_paragraphs(doc.getText()), ensure_ascii=False, indent=0), encoding="utf-8")
        else:
            doc.storeToURL(dst.resolve().as_uri(), _props(FilterName="Text (encoded)", FilterOptions="UTF8"))
        doc.close(True)
    finally:
        try:
            if desktop is not None:
                desktop.terminate()
        except Exception:  # the bridge drops when soffice quits; that is the point
            pass
        try:
            proc.wait(timeout=20 if desktop is not None else 0.5)
        except subprocess.TimeoutExpired:
            pass
        try:  # soffice.bin is a grandchild: make sure none of the group outlives us
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait()
        shutil.rmtree(profile, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("src", type=Path)
    parser.add_argument("dst", type=Path)
    group = parser.add_mutually_exclusive_group(required=True)
    for flag in ("--accept", "--reject", "--none"):
        group.add_argument(flag, dest="mode", action="store_const", const=flag)
    parser.add_argument("--paragraphs", action="store_true",
                        help="Write a JSON list of paragraphs (text, style, outline level), not text.")
    parser.add_argument("--timeout", type=float, default=180.0, help="Seconds before giving up (exit 3).")
    args = parser.parse_args()

    def _expired(signum: int, frame: object) -> None:
        raise TimeoutError(f"gave up after {args.timeout:.0f} s")

    signal.signal(signal.SIGALRM, _expired)
    signal.setitimer(signal.ITIMER_REAL, args.timeout)
    try:
        convert(args.src, args.dst, args.mode, args.paragraphs)
    except TimeoutError as exc:
        print(f"uno_accept_reject: {exc}", file=sys.stderr)
        return 3
    except Exception as exc:  # report any UNO failure as one line, non-zero
        print(f"uno_accept_reject: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
