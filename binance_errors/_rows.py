"""The row format of the generated tables, shared by the generator and the table.

Standard library only: the generator (``tools/generator.py``) loads this file by path, since it must
not import the package whose tables it writes; ``_table.py`` imports it as usual. A generated
``ROWS`` entry is a plain tuple in ``RowSpec`` field order (cheap to import); ``RowSpec._make``
names it where it is read.

No ``from __future__ import annotations`` here: ``NamedTuple`` would compile each field's string
annotation at import (import time is a benchmark); these annotations are cheap to evaluate.
"""

from collections.abc import Mapping
from typing import Any, NamedTuple

__all__ = ["RowSpec", "merge_statuses"]


class RowSpec(NamedTuple):
    """One row: a code's, a message's or a rule's own advice, before any status is applied."""

    code: int | None  # None for a rule (unknown codes) or a message that comes without a code
    status_class: str  # a StatusClass value
    retry: str  # a RetryAction value
    reconcile: str  # a Reconcile value
    reason: str
    beats_status: bool  # the row's class holds under any status bucket
    values: Mapping[str, Any]  # fixed values (a listed filter failure's name)
    message: str | None  # the exact message the row is for, None for a code's own row or a template
    on_status: Mapping[str, Mapping[str, str]]  # status bucket name -> advice that replaces the row's


def merge_statuses(shared: Mapping[str, Any], own: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """A product's status buckets: the shared rules' buckets with the product's changes, its new ones first.

    A product bucket named like a shared one changes that bucket's fields in place; a new name is
    placed before every shared bucket (the first match wins, so it is the more specific).
    """
    merged = {name: {**spec, **own.get(name, {})} for name, spec in shared.items()}
    new = {name: dict(spec) for name, spec in own.items() if name not in merged}
    return {**new, **merged}
