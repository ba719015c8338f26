"""Digests of reportkit's output over the 72-report corpus: ``python benchmarks/digests.py``.

An optimisation must not change what reportkit writes. This script runs ``parse --format
jsonl``, ``parse --format json`` and ``check --format json`` over the corpus (fresh processes
of this checkout, in the corpus's folder so the paths in the output do not depend on where the
checkout lives) and prints the sha256 of each output. ``--write`` stores them in
``tests/data/digests.json``, which ``tests/test_digests.py`` compares against: regenerate them
when a change of output is intended, and say so in the commit.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "state-council-work-reports.jsonl"
STORE = ROOT / "tests" / "data" / "digests.json"

# name → (arguments, exit codes that mean success: check exits 1 when it has findings)
COMMANDS = {
    "parse-jsonl": (["parse", "--format", "jsonl", "--jobs", "1"], (0,)),
    "parse-json": (["parse", "--format", "json", "--jobs", "1"], (0,)),
    "check-json": (["check", "--format", "json", "--jobs", "1"], (0, 1)),
}


def digest(name: str, corpus: Path = CORPUS) -> str:
    args, ok = COMMANDS[name]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    env.pop("CI", None)
    done = subprocess.run([sys.executable, "-m", "reportkit", *args, corpus.name],
                          cwd=corpus.parent, env=env, capture_output=True)
    if done.returncode not in ok:
        raise RuntimeError(f"reportkit {' '.join(args)} exited {done.returncode}: "
                           f"{done.stderr.decode(errors='replace')[-2000:]}")
    return hashlib.sha256(done.stdout).hexdigest()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write", action="store_true", help=f"store the digests in {STORE.relative_to(ROOT)}")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args(argv)
    if not args.corpus.exists():
        parser.error(f"{args.corpus}: no such corpus (pass --corpus)")
    digests = {name: digest(name, args.corpus.resolve()) for name in COMMANDS}
    stored = json.loads(STORE.read_text()) if STORE.exists() else {}
    for name, value in digests.items():
        same = "same" if stored.get(name) == value else "CHANGED" if name in stored else "new"
        print(f"{name:12} {value}  {same}")
    if args.write:
        STORE.write_text(json.dumps(digests, indent=2) + "\n")
        print(f"written to {STORE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
