"""Seeded chains of plan versions for the synopsis benchmark, and what a synopsis of them must say.

Version 1 is a plan built like `generate.py`'s old plan (same vocabulary, points and
preamble); each next version is the previous one with a few percent of its points edited:
words changed (`generate._change`), points inserted, deleted and moved, and points deleted
in an earlier version restored (the synopsis must give a restored point one row, not two).
Every point keeps a hidden id across the versions, so the truth knows each subject's
presence and text in every version and hence the row status `treaty compare` must give it.

    python bench/chain.py --pages 10 100 1000 [--versions 10] [--seed 1] [--rate 0.03]

writes bench/data/chain-<pages>/{v01.txt ... v10.txt, truth.json}.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generate import DATA, EDITS_AT_1000, MAX_POINT_LABEL, TITLES, WORDS_PER_PAGE, Plan, _change, _point, _preamble

HERE = Path(__file__).resolve().parent
#: Share of a version's points edited to make the next one (changed, inserted, deleted, moved).
RATE = 0.03
#: The row statuses of `drafting.synopsis`, repeated here so the truth needs no import of it.
UNCHANGED, CHANGED, ADDED, DROPPED, RESTORED = "unchanged", "changed", "added later", "dropped", "dropped and restored"


def step_counts(points: int, rate: float = RATE) -> dict[str, int]:
    """Edits of each kind for one step on a plan of `points`: `rate` of its points, split like
    generate.py's pairs (changed 58%, inserted and deleted 19% each, moved 4%), one at least of each."""
    total = rate * points
    whole = sum(EDITS_AT_1000.values())
    return {kind: max(1, round(total * n / whole)) for kind, n in EDITS_AT_1000.items()}


@dataclass
class Version:
    """One version: the point ids in reading order and each id's text (a `Plan`)."""

    order: list[int]
    plans: dict[int, Plan]


@dataclass
class Chain:
    """A generated chain: the text of every version and its truth (see `truth`)."""

    texts: list[str]
    truth: dict[str, Any]


def _first(pages: int, rng: random.Random) -> tuple[str, list[str], Version]:
    title = rng.choice(TITLES)
    preamble = _preamble(rng)
    plans: dict[int, Plan] = {}
    words = len(title.split()) + sum(len(p.split()) for p in preamble)
    while words < pages * WORDS_PER_PAGE:
        plan = plans[len(plans)] = _point(len(plans), rng)
        words += plan.words() + 1
    return title, preamble, Version(list(plans), plans)


def _step(prev: Version, rng: random.Random, rate: float, gone: dict[int, tuple[Plan, int | None]],
          next_id: int) -> tuple[Version, dict[str, int]]:
    """The next version: `prev` with a few percent of its points edited. `gone` holds the
    points deleted so far (id -> last text, the id that stood before it) for restoring."""
    counts = step_counts(len(prev.order), rate)
    plans = dict(prev.plans)
    order = list(prev.order)
    pick = rng.sample(order, min(len(order) - 1, counts["deleted"] + counts["moved"] + counts["changed"]))
    deleted = pick[:counts["deleted"]]
    moved = pick[counts["deleted"]:counts["deleted"] + counts["moved"]]
    changed = pick[counts["deleted"] + counts["moved"]:]
    restorable = sorted(gone)
    restored = rng.sample(restorable, min(len(restorable), max(1, counts["deleted"] // 4)))
    for pid in deleted:
        at = order.index(pid)
        gone[pid] = (plans.pop(pid), order[at - 1] if at else None)
        order.pop(at)
    for pid in moved:  # at least three points away from where it stood
        at = order.index(pid)
        order.pop(at)
        far = [t for t in range(len(order) + 1) if abs(t - at) >= 3] or [len(order)]
        order.insert(rng.choice(far), pid)
    for k, pid in enumerate(changed):
        plans[pid] = _change(plans[pid], rng, want_number=k % 3 == 0)[0]
    for pid in restored:  # back after the point it followed, if that is still there
        plan, before = gone.pop(pid)
        plans[pid] = plan
        order.insert(order.index(before) + 1 if before in plans else rng.randint(0, len(order)), pid)
    for k in range(counts["inserted"]):
        plans[next_id + k] = _point(next_id + k, rng)
        order.insert(rng.randint(0, len(order)), next_id + k)
    done = {"changed": len(changed), "inserted": counts["inserted"], "deleted": len(deleted),
            "moved": len(moved), "restored": len(restored)}
    return Version(order, plans), done


def expected_status(present: list[bool], texts: list[int | None]) -> str:
    """The row status a synopsis must give a subject present in the versions `present` with
    text revision `texts[k]` there (the rule of `drafting.synopsis`: restored after a gap,
    else unchanged / changed when there first and last, added later, dropped)."""
    gap = any(present[i] and not present[j] and any(present[j:])
              for i in range(len(present)) for j in range(i + 1, len(present)))
    if present[-1] and gap:
        return RESTORED
    if present[0] and present[-1]:
        return UNCHANGED if len({t for t in texts if t is not None}) <= 1 else CHANGED
    return ADDED if present[-1] else DROPPED


def make_chain(pages: int, versions: int = 10, seed: int = 1, rate: float = RATE, layout: str = "auto") -> Chain:
    """`versions` versions of a plan of about `pages` pages, each `rate` of points edited from the last.

    The same arguments give the same chain, and a shorter chain (in the same layout) is the start
    of a longer one.
    The truth lists per step what was edited and, per subject (point id), its label in each
    version (None where absent) and the row status it must get.
    """
    rng = random.Random(f"treaty-chain-{seed}-{pages}-{rate}")
    title, preamble, first = _first(pages, rng)
    chain: list[Version] = [first]
    steps: list[dict[str, int]] = []
    gone: dict[int, tuple[Plan, int | None]] = {}
    next_id = len(first.order)
    for _ in range(versions - 1):
        version, done = _step(chain[-1], rng, rate, gone, next_id)
        next_id += done["inserted"]
        chain.append(version)
        steps.append({**done, "points": len(version.order)})
    if layout == "auto":
        layout = "points" if max(len(v.order) for v in chain) <= MAX_POINT_LABEL else "articles"
    revision: dict[int, int] = {}  # id(Plan) -> text revision of its point
    labels: dict[int, list[str | None]] = {pid: [None] * versions for pid in range(next_id)}
    texts_of: dict[int, list[int | None]] = {pid: [None] * versions for pid in range(next_id)}
    texts: list[str] = []
    for k, version in enumerate(chain):
        blocks = [title, *preamble]
        for n, pid in enumerate(version.order, 1):
            plan = version.plans[pid]
            blocks.append(plan.render(n, layout))
            labels[pid][k] = str(n)
            texts_of[pid][k] = revision.setdefault(id(plan), len(revision))
        texts.append("\n\n".join(blocks) + "\n")
    subjects = {pid: {"labels": labels[pid],
                      "status": expected_status([x is not None for x in labels[pid]], texts_of[pid])}
                for pid in range(next_id)}
    statuses = Counter(s["status"] for s in subjects.values())
    truth = {
        "pages": pages, "versions": versions, "seed": seed, "rate": rate, "layout": layout,
        "generator": generator_version(),
        "words": [len(t.split()) for t in texts],
        "points": [len(v.order) for v in chain],
        "steps": steps,
        "expected": {"subjects": len(subjects), "statuses": dict(statuses)},
        "subjects": subjects,
    }
    return Chain(texts, truth)


def generator_version() -> str:
    """A short hash of this file and generate.py: chains made by another version are made again."""
    data = b"".join(p.read_bytes() for p in (HERE / "chain.py", HERE / "generate.py"))
    return hashlib.sha256(data).hexdigest()[:12]


def version_files(folder: Path, versions: int) -> list[Path]:
    """The text files of a chain's versions, oldest first."""
    return [folder / f"v{k:02d}.txt" for k in range(1, versions + 1)]


def write_chain(pages: int, versions: int = 10, seed: int = 1, rate: float = RATE, layout: str = "auto",
                root: Path = DATA) -> Path:
    """Write <root>/chain-<pages>/{v01.txt ..., truth.json}, unless the same chain is there; return the folder."""
    folder = root / f"chain-{pages}"
    truth_path = folder / "truth.json"
    if truth_path.exists():
        old = json.loads(truth_path.read_text(encoding="utf-8"))
        same = {k: old.get(k) for k in ("versions", "seed", "rate", "generator")}
        if same == {"versions": versions, "seed": seed, "rate": rate, "generator": generator_version()} \
                and (layout == "auto" or old.get("layout") == layout) \
                and all(p.exists() for p in version_files(folder, versions)):
            return folder
    made = make_chain(pages, versions, seed, rate, layout)
    folder.mkdir(parents=True, exist_ok=True)
    for stale in folder.glob("v*.txt"):
        stale.unlink()
    for path, text in zip(version_files(folder, versions), made.texts):
        path.write_text(text, encoding="utf-8")
    truth_path.write_text(json.dumps(made.truth, indent=1) + "\n", encoding="utf-8")
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, nargs="+", default=[10, 100, 1000])
    parser.add_argument("--versions", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rate", type=float, default=RATE)
    parser.add_argument("--layout", choices=["auto", "points", "articles"], default="auto")
    parser.add_argument("--out", type=Path, default=DATA)
    args = parser.parse_args()
    for pages in args.pages:
        folder = write_chain(pages, args.versions, args.seed, args.rate, args.layout, args.out)
        truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
        print(f"{folder}: {args.versions} versions, {truth['words'][0]:,} words, points {truth['points']} "
              f"({truth['layout']}), subjects {truth['expected']}")


if __name__ == "__main__":
    main()
