"""Helpers for the review-page tests: build a page with the CLI, parse it with lxml."""

from __future__ import annotations

import json
from pathlib import Path

import lxml.html

ROOT = Path(__file__).resolve().parents[1]
PLANTED = ROOT / "tests" / "fixtures" / "check" / "full-width-planted.txt"
SAMPLE = ROOT / "samples" / "dongcheng-2023h1.txt"
EDITED = ROOT / "tests" / "fixtures" / "diff" / "dongcheng-2023h1-edited.txt"
REPORTS = ROOT / "tests" / "data" / "reports"

# a report whose text tries every way out of its element
HOSTILE = (
    "一、<script>window.pwned = 1</script>工作情况\n"
    '全年受理工单"><img src=x onerror="window.pwned=2">1896件，办结1911件。\n'
    "</script><!-- 资金<b>120万元</b> &amp; <style>body{background:url(http://example.com/x.png)}</style>\n"
)


def parse(path: Path):
    return lxml.html.fromstring(Path(path).read_bytes())


def build(cli, *args: str, out: Path, code: int = 0):
    """Run ``reportkit ARGS --format html --output OUT``; return the parsed page."""
    result = cli(*args, "--format", "html", "--output", str(out))
    assert result.code == code, result
    assert result.out == ""
    return parse(out)


def json_of(cli, *args: str) -> dict:
    result = cli(*args, "--format", "json")
    assert result.code in (0, 1), result
    return json.loads(result.out)


def embedded(page, doc: str) -> dict:
    (node,) = page.xpath(f'//script[@type="application/json"][@data-doc="{doc}"]')
    return json.loads(node.text)


def external_references(page) -> list[str]:
    """Every src/href that is not an in-page #anchor, and every url() in a style."""
    found = [v for attr in ("src", "href", "action", "formaction", "poster", "data")
             for v in page.xpath(f"//@{attr}") if not str(v).startswith("#")]
    styles = page.xpath("//style/text()") + page.xpath("//@style")
    found += [s for s in styles if "url(" in s or "@import" in s]
    return found
