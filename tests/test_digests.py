"""Output over the corpus is byte-identical to the stored digests (an optimisation must not
change it). After an intended change of output: ``python benchmarks/digests.py --write``."""

from __future__ import annotations

import importlib.util
import json

import pytest

from conftest import CORPUS, DATA, ROOT


def _digests_module():
    spec = importlib.util.spec_from_file_location("digests", ROOT / "benchmarks" / "digests.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("name", ["parse-jsonl", "parse-json", "check-json"])
def test_corpus_output_is_byte_identical(name):
    if not CORPUS.exists():
        pytest.skip("../shared/corpus is not beside this checkout")
    stored = json.loads((DATA / "digests.json").read_text())
    assert _digests_module().digest(name, CORPUS) == stored[name], (
        f"{name} output over the corpus changed; if intended: python benchmarks/digests.py --write")
