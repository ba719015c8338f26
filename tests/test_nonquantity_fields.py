"""quantities._non_quantity builds a NonQuantity by position: the fields' order it writes."""

import dataclasses

from reportkit.models import NonQuantity


def test_non_quantity_fields_in_the_order_non_quantity_writes_them():
    assert [f.name for f in dataclasses.fields(NonQuantity)] == [
        "id", "kind", "text", "start", "end", "line", "col", "value", "unit", "lower", "upper",
        "reason", "sentence", "heading"]
