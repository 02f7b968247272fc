"""A check report as JSON, in the form `drafting/check.schema.json` describes."""

from __future__ import annotations

import json

from drafting.check._finding import Report

#: The JSON form of a report, its name and version.
CHECK_FORMAT = "treaty-drafting/check@1"


def to_json(report: Report) -> str:
    """The report as indented JSON text: the format, the counts by code and the findings."""
    data = {
        "format": CHECK_FORMAT,
        "clean": report.clean,
        "total": len(report.findings),
        "counts": dict(report.counts),
        "findings": [{"code": f.code, "where": f.where, "words": f.words, "message": f.message}
                     for f in report.findings],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
