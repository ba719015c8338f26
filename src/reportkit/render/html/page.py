"""The page shell shared by every review page: escaping, embedded JSON, inline assets, and a
Content-Security-Policy that lets the page load nothing from anywhere.

The policy allows styles inline and exactly one script, the page's own (by its SHA-256), so
even a report text that slipped past escaping could neither run code nor fetch a URL.
"""

from __future__ import annotations

import base64
import hashlib
import json
from functools import lru_cache
from html import escape
from importlib import resources

from ... import __version__


def esc(text) -> str:
    """Text (or None) as HTML, quotes included: safe in element content and attribute values."""
    return escape("" if text is None else str(text), quote=True)


def json_script(data, **attrs) -> str:
    """``data`` in a ``<script type="application/json">``: ``<``, ``>`` and ``&`` as \\u escapes,
    so no ``</script>`` or ``<!--`` in a report's text can end the element early."""
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    body = body.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    extra = "".join(f' {name.replace("_", "-")}="{esc(value)}"' for name, value in attrs.items())
    return f'<script type="application/json"{extra}>{body}</script>'


@lru_cache(maxsize=None)
def asset(name: str) -> str:
    return resources.files(__package__).joinpath("assets", name).read_text(encoding="utf-8")


def shell(title: str, body: str, *, kind: str) -> str:
    """A whole page: ``kind`` (check, parse, diff) names the page type for the script."""
    script = asset("review.js")
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    policy = (f"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{digest}'; "
              "img-src data:; base-uri 'none'; form-action 'none'")
    return (
        "<!DOCTYPE html>\n"
        '<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="reportkit {esc(__version__)}">\n'
        f"<title>{esc(title)}</title>\n<style>{asset('review.css')}</style>\n</head>\n"
        f'<body data-page="{esc(kind)}">\n{body}\n'
        '<div id="card" class="card" role="tooltip" hidden></div>\n'
        f"<script>{script}</script>\n</body>\n</html>\n"
    )
