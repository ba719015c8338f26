"""`reportkit parse`: a report → its heading tree, sentences and quantities."""

from __future__ import annotations

from enum import Enum
from typing import List, Optional

import typer

from . import app


class ParseFormat(str, Enum):
    tree = "tree"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    html = "html"
    text = "text"


@app.command()
def parse(
    paths: List[str] = typer.Argument(..., help="Report files, directories, globs, .jsonl corpora, or - for stdin."),
    format: ParseFormat = typer.Option(ParseFormat.tree, "--format", "-f", help="tree (default), json, jsonl (one quantity per line), csv, html (a review page), text (the text read: a Word or PDF file's extracted text, which line/col count in)."),
    quantities: bool = typer.Option(False, "--quantities", "-q", help="Show a table of every quantity (with the tree format)."),
    relations: bool = typer.Option(False, "--relations", "-r", help="Show how the numbers relate: totals and parts, stages, rates, shares (with the tree format)."),
    output: Optional[str] = typer.Option(None, "--output", "-o", help="Write to this file (atomically) instead of stdout."),
    encoding: Optional[str] = typer.Option(None, "--encoding", help="Force the input encoding (default: detect UTF-8 / GB18030)."),
    text_field: str = typer.Option("content", "--text-field", help="The text field of .jsonl corpus records."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1, help="Worker processes (default: the machine's cores)."),
) -> None:
    """Split a report into its heading tree and sentences and extract every number."""
    from ..render import document as render
    from .run import for_each_document, make_console

    fmt = format.value
    if fmt == "tree":
        console = make_console(output)
        def show(doc):
            render.print_tree(doc, console)
            if quantities:
                render.print_quantities(doc, console)
            if relations:
                render.print_relations(doc, console)
        failed = for_each_document(paths, show, encoding=encoding, text_field=text_field, jobs=jobs, output=output, console=console)
    elif fmt == "json":
        failed = for_each_document(paths, render.iter_json, encoding=encoding, text_field=text_field, jobs=jobs, output=output, json_array=True)
    elif fmt == "text":
        failed = for_each_document(paths, extracted_text, encoding=encoding, text_field=text_field, jobs=jobs, output=output)
    elif fmt == "jsonl":
        failed = for_each_document(paths, render.to_jsonl, encoding=encoding, text_field=text_field, jobs=jobs, output=output)
    elif fmt == "html":
        failed = _html_page(paths, encoding=encoding, text_field=text_field, jobs=jobs, output=output)
    else:
        failed = for_each_document(paths, render.to_csv_rows, encoding=encoding, text_field=text_field, jobs=jobs, output=output, header=render.csv_header())
    if failed:
        raise typer.Exit(2)


def _html_page(paths, *, encoding, text_field, jobs, output) -> int:
    """One page for all inputs (its summary indexes them), written when the last is read."""
    from contextlib import closing

    from ..formats.inputs import expand
    from ..output import Sink
    from ..render.html.document import page_view
    from ..render.html.review import ReviewPage
    from .run import Batch

    refs = expand(paths, text_field=text_field)
    sink = Sink(output)
    batch = Batch(refs, page_view, encoding=encoding, text_field=text_field, jobs=jobs, to_stdout=sink.is_stdout)
    page = ReviewPage(with_findings=False)
    try:
        items = iter(batch)
        with closing(items):
            for _, doc in items:
                page.add(doc)
        if batch.succeeded:
            sink.write(page.render())
            sink.commit()
        else:
            sink.abort()
    except BaseException:
        sink.abort()
        raise
    batch.report_failures()
    return batch.failed


def extracted_text(doc) -> str:
    """The text the pipeline read (top level: the worker processes pickle it)."""
    return doc.text if doc.text.endswith("\n") else doc.text + "\n"
