"""The ``reportkit`` command. Commands live one per module and stay thin: they call the
library, then a renderer. Errors a user can cause print one line and exit 2."""

from __future__ import annotations

import os
import sys

import typer

from ..errors import ReportkitError

app = typer.Typer(
    name="reportkit",
    help="Read Chinese government work reports into structured data and check their numbers.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _show_version(value: bool) -> None:
    if value:
        from .. import __version__

        print(f"reportkit {__version__}")
        raise typer.Exit()


@app.callback()
def _options(
    version: bool = typer.Option(False, "--version", callback=_show_version, is_eager=True,
                                 help="Print the version and exit."),
) -> None:
    """Read Chinese government work reports into structured data and check their numbers."""


# Every command and the module that adds it to ``app`` on import, in the order help lists them.
_COMMANDS = {"parse": "parse_cmd", "check": "check_cmd", "rules": "rules_cmd", "diff": "diff_cmd"}
_RANK = {module: k for k, module in enumerate(_COMMANDS.values())}


def _register(args: list[str]) -> None:
    """Import the module of the command ``args`` names, or all of them (help, no command,
    an unknown one, options first): each costs its imports on every start."""
    named = _COMMANDS.get(args[0]) if args else None
    for module in [named] if named else _RANK:
        try:
            __import__(f"{__name__}.{module}")
        except ModuleNotFoundError as exc:  # a command still being built is simply absent
            if exc.name != f"{__name__}.{module}" or module == "parse_cmd":
                raise
    # Runs in one process (tests) may have added them in any order: help keeps its own.
    app.registered_commands.sort(
        key=lambda info: _RANK.get(info.callback.__module__.rpartition(".")[2], len(_RANK)))


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the app, turning user errors into one line and exit code 2.

    Run as the command itself (``argv`` None), the process then ends at once: see _end."""
    try:
        _register(sys.argv[1:] if argv is None else argv)
        try:
            app(args=argv, prog_name="reportkit", standalone_mode=True)
        except ReportkitError as exc:
            print(f"reportkit: error: {exc}", file=sys.stderr)
            sys.exit(2)
        except BrokenPipeError:
            _reader_left()
        except KeyboardInterrupt:
            sys.exit(130)
    except SystemExit as exc:
        if argv is None:
            _end(exc.code)
        raise


def _reader_left() -> None:
    # `reportkit parse … | head`: the reader left; exit quietly, like cat does.
    _stdout_to_devnull()
    sys.exit(1)


def _stdout_to_devnull() -> None:
    """What is still buffered for a reader that left goes nowhere, not into a traceback."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _end(code) -> None:
    """Exit with ``code`` as ``sys.exit`` would, without the interpreter's teardown.

    Tearing down frees every module, pattern and lexicon one by one and runs the collector
    over all of them: some 10 ms of each run, for memory the kernel takes back anyway. Only
    what matters for the results is done: output flushed, exit handlers run (the pattern
    cache is written by one). Any thread still running gets the normal exit instead."""
    import threading

    if threading.active_count() > 1:
        return
    if code is None:
        code = 0
    elif not isinstance(code, int):
        print(code, file=sys.stderr)
        code = 1
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _stdout_to_devnull()
        code = code or 1
    except (OSError, ValueError):  # stdout closed or unusable: nothing left to write
        pass
    try:
        import atexit

        atexit._run_exitfuncs()
        sys.stderr.flush()
    except Exception:  # a failing handler or stderr: the normal exit reports it
        return
    os._exit(code)
