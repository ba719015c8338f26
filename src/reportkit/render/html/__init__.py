"""``--format html``: self-contained review pages (inline CSS and JS, nothing fetched).

* :mod:`.review` — ``check`` and ``parse``: the report's text with every quantity marked,
  its outline, and (check) each finding beside its line;
* :mod:`.diff_page` — ``diff``: the changes, a bar chart, targets, claims and every aligned
  pair's two sentences with their changed characters marked.
"""
