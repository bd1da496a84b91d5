"""A row's advice under a status bucket (rules 4 and 5): the one decision the table prebuilds.

The table (``_table.py``) calls ``advice_under`` once per row and bucket when it builds a code's
verdicts, so that the hot path only indexes a tuple. Nothing else decides what a status does to a
row.
"""

from __future__ import annotations

from ._rows import RowSpec

__all__ = ["BEFORE_STATUS", "Bucket", "advice_under"]

# The classes that rules 1 and 2 give before any status is read: a status never replaces them.
BEFORE_STATUS = ("unknown_execution", "partial")
# name, (class, retry, reconcile), beats_rows, the row classes the bucket leaves alone
Bucket = tuple[str, tuple[str, str, str], bool, frozenset[str]]
_OVERRIDABLE = ("class", "retry", "reconcile", "reason")  # what a row's `on_status` may change


def advice_under(spec: RowSpec, bucket: Bucket | None) -> tuple[str, ...]:
    """(class, retry, reconcile, reason) of a row under a status bucket (None: no decisive status).

    The bucket's advice replaces the row's when their classes differ, unless the row beats any
    status (rules 1 to 3) and the bucket does not beat rows (a 418 does: rule 3; never the classes
    of rules 1 and 2), or the bucket leaves rows of the row's class alone (a plain 4xx leaves a
    row that says execution is unknown); then the row's ``on_status`` for that bucket replaces
    what it names.
    """
    advice: tuple[str, ...] = (spec.status_class, spec.retry, spec.reconcile, spec.reason)
    if bucket is None:
        return advice
    name, (cls, retry, reconcile), beats_rows, keeps = bucket
    replaces = not spec.beats_status or (beats_rows and spec.status_class not in BEFORE_STATUS)
    if cls != spec.status_class and replaces and spec.status_class not in keeps:
        advice = (cls, retry, reconcile, spec.reason)
    override = spec.on_status.get(name)
    if override:
        advice = tuple(override.get(key, advice[i]) for i, key in enumerate(_OVERRIDABLE))
    return advice
