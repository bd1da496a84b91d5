"""Compound answers: cancel/replace legs (rule 2) and batch lists (rule 8).

Rules this module keeps:

1. Wherever leg results appear (an error's ``data``, a 200 body, a WebSocket API ``result``), the
   legs decide the class: one leg succeeded -> ``partial``; a leg whose own verdict says execution
   is unknown, or a leg result nobody can read -> ``unknown_execution`` (outcome ``UNCLEAR``:
   query both orders); both succeeded -> ``ok``; none succeeded -> the most severe failure.
2. A list answer is read item by item: an order object is a success; anything else is read like
   any body (an error object by its code, a message alone by its message, the rest unreadable).
   All succeeded -> the status decides; some failed -> ``partial``; none -> the most severe item.
3. Severity is one table (``SEVERITY``), worst first: an unknown execution outranks a ban, a ban
   a rate limit, a rate limit a partial answer, that a rejection. The advice of a partial batch
   and of a failed one is ``rules.yaml``'s (``batch``), never written here.
4. Each item's or leg's verdict is made by the function the caller passes (``_decide``'s
   ``classify_item``): this module imports no decision of the dispatch.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from ._legs import LEG_KEYS, find_leg_data, read_legs
from ._model import Legs, LegsOutcome, Reconcile, Retry, RetryAction, StatusClass, Verdict
from ._verdicts import lazily, maker, replace

if TYPE_CHECKING:
    from ._table import Table

__all__ = [
    "LEG_KEYS",
    "SEVERITY",
    "Judge",
    "classify_list",
    "has_legs",
    "legs_advice",
    "read_answer_legs",
    "with_legs",
    "worst",
]

Judge = Callable[[Any], Verdict]  # one item's or leg's verdict

# Worst first: how a failed item's or leg's class ranks when nothing succeeded.
SEVERITY: Mapping[StatusClass, int] = {
    StatusClass.UNKNOWN_EXECUTION: 5,
    StatusClass.BANNED: 4,
    StatusClass.RATE_LIMITED: 3,
    StatusClass.PARTIAL: 2,
    StatusClass.CLIENT_ERROR: 1,
    StatusClass.OK: 0,
}
_INSPECT = Retry(RetryAction.AFTER_RECONCILE)
_SOME_LEG_SUCCEEDED = (LegsOutcome.CANCELED_NOT_REPLACED, LegsOutcome.PLACED_NOT_CANCELED)
_TIMED = (StatusClass.RATE_LIMITED, StatusClass.BANNED)


def worst(verdicts: list[Verdict]) -> Verdict:
    """The most severe of ``verdicts`` (``SEVERITY``); on a tie the first."""
    found = verdicts[0]
    for verdict in verdicts[1:]:
        if SEVERITY[verdict.status_class] > SEVERITY[found.status_class]:
            found = verdict
    return found


def has_legs(data: Any) -> bool:
    """True when ``data`` is an object holding a cancel/replace leg key."""
    return isinstance(data, dict) and not data.keys().isdisjoint(LEG_KEYS)


def legs_advice(legs: Legs, own: Verdict, status: Verdict | None) -> tuple[StatusClass, Retry, Reconcile]:
    """The outer class and advice the legs decide (rule 1).

    ``own`` is the code's own verdict (the success verdict for a body with no error); ``status``
    the verdict a rate-limit or ban status (418, 429, 403) gives on its own, which counts as one
    more failure when no leg succeeded.
    """
    if legs.outcome in _SOME_LEG_SUCCEEDED:
        return StatusClass.PARTIAL, _INSPECT, Reconcile.INSPECT_LEGS
    if legs.outcome is LegsOutcome.UNCLEAR:
        return StatusClass.UNKNOWN_EXECUTION, _INSPECT, Reconcile.INSPECT_LEGS
    if legs.outcome is LegsOutcome.REPLACED:
        if own.is_ok and status is None:  # a success answer whose legs both succeeded
            return own.status_class, own.retry, own.reconcile
        return StatusClass.PARTIAL, _INSPECT, Reconcile.INSPECT_LEGS  # an error code or status says otherwise
    failed = [leg.verdict for leg in (legs.cancel, legs.new_order) if leg.verdict is not None]
    if status is not None:
        failed.append(status)
    if not failed:
        return own.status_class, own.retry, own.reconcile
    found = worst(failed)  # ties: the cancel leg first
    return found.status_class, found.retry, found.reconcile


# The fields the legs change on a verdict.
_legged = lazily(
    globals(),
    "_legged",
    lambda: maker(
        "code", "message", "values", "data", "legs", "status_class", "execution", "retry", "reconcile", "reason"
    ),
)


def with_legs(
    table: Table,
    verdict: Verdict,
    code: int | None,
    msg: str | None,
    values: Any,
    data: Any,
    status: int | None,
    judge: Judge,
    timing: Callable[[StatusClass], Retry | None],
) -> Verdict:
    """``verdict`` (the code's own, or the success verdict) with the legs of ``data`` deciding (rule 1).

    ``timing`` gives the answer's retry time for a rate-limit or ban class (the legs hold none).
    """
    legs = read_legs(data, judge)
    by_status = table.no_error.get(status) if status is not None else None
    if by_status is not None and by_status.status_class not in _TIMED:
        by_status = None  # only a rate-limit or ban status adds to the legs' own failures
    status_class, retry, reconcile = legs_advice(legs, verdict, by_status)
    if status_class in _TIMED:
        found = timing(status_class)
        if found is not None:
            retry = found
    execution = table.execution_of(status_class)
    # An error keeps its code's reason; a success the legs overturn says what they found.
    reason = legs.outcome.name if verdict.is_ok and status_class is not verdict.status_class else verdict.reason
    return _legged(verdict, code, msg, values, data, legs, status_class, execution, retry, reconcile, reason)


def read_answer_legs(table: Table, frame: Any, judge: Judge) -> Legs | None:
    """Both legs of any cancel/replace answer (success or error, any shape); None without legs."""
    data = find_leg_data(frame)
    if data is None:
        return None
    return read_legs(data, judge)


def classify_list(table: Table, items: list[Any], status: int | None, judge: Judge) -> Verdict | None:
    """A JSON list answer item by item (rule 2); None when every item succeeded (the status decides).

    ``judge`` gives an item's verdict; an item it finds ``ok`` is a success.
    """
    judged = tuple(judge(item) for item in items)
    failed = [item for item in judged if item.status_class is not StatusClass.OK]
    if not failed:
        return None
    if len(failed) < len(judged):
        shared = table.batch_partial
        return replace(shared, items=judged)
    found = worst(failed)
    return replace(
        table.batch_failed,
        status_class=found.status_class,
        execution=found.execution,
        retry=found.retry,
        reconcile=found.reconcile,
        items=judged,
    )
