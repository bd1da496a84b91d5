"""Reading cancel/replace answers: both legs, each with its own verdict (docs/design.md section 3, rule 2).

What the legs make of the answer's class is decided in ``_compound.py`` (``legs_advice``); this
module reads their structure, names the outcome and says in a sentence what changed. A leg whose
own verdict says execution is unknown (``-1007`` inside a leg) makes the outcome ``UNCLEAR``.

A ``-2021``/``-2022`` answer (REST body ``data``, WebSocket API ``error.data``) and the success
body of a cancel/replace carry ``cancelResult``/``newOrderResult`` (``SUCCESS``, ``FAILURE``,
``NOT_ATTEMPTED``) and ``cancelResponse``/``newOrderResponse`` (an order, a ``{code, msg}``
error, or null). The legs decide the outer class, not the status:

- one leg succeeded -> ``partial`` (execution ``partly``), inspect the legs before anything else;
- no leg succeeded -> the most severe failed leg's class (a nested ``-1015`` is rate limiting),
  with that leg's advice; with no readable leg error, the code's own verdict stands.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ._model import Execution, Leg, LegResult, Legs, LegsOutcome, Verdict
from ._verdicts import fast_init, lazily

__all__ = ["LEG_KEYS", "find_leg_data", "read_legs", "summarize"]

LEG_KEYS = ("cancelResult", "newOrderResult", "cancelResponse", "newOrderResponse")
_RESULTS = {r.value: r for r in LegResult}
Classify = Callable[[Any], Verdict]
# Leg(result, verdict, order) and Legs(cancel, new_order, outcome, summary), fast (built on first use)
_leg_of = lazily(globals(), "_leg_of", lambda: fast_init(Leg))
_legs_of = lazily(globals(), "_legs_of", lambda: fast_init(Legs))


def _leg(result: Any, response: Any, classify: Classify) -> Leg:
    kind = _RESULTS.get(result) if isinstance(result, str) else None
    kind = kind or LegResult.MISSING
    if isinstance(response, dict) and "code" in response:
        return _leg_of(kind, classify(response), None)
    order = response if isinstance(response, dict) and kind is LegResult.SUCCESS else None
    return _leg_of(kind, None, order)


def _why(leg: Leg) -> str:
    if leg.verdict is None:
        return ""
    message = leg.verdict.message or leg.verdict.reason
    return f" ({leg.verdict.code}: {message})"


def summarize(cancel: Leg, new: Leg) -> tuple[LegsOutcome, str]:
    """The outcome and one sentence saying exactly what changed on the exchange."""
    ok, failed = LegResult.SUCCESS, LegResult.FAILURE
    unsure = [leg for leg in (cancel, new) if leg.verdict is not None and leg.verdict.execution is Execution.UNKNOWN]
    if unsure:  # a leg that failed with "execution status unknown" is not a settled failure
        return (
            LegsOutcome.UNCLEAR,
            f"A leg's execution is unknown{_why(unsure[0])}; query both orders before trusting local state.",
        )
    if cancel.result is ok and new.result is ok:
        return LegsOutcome.REPLACED, "The old order was canceled and the new order was placed."
    if cancel.result is ok:
        return (
            LegsOutcome.CANCELED_NOT_REPLACED,
            f"The old order was canceled; no replacement exists: the new order {_not_placed(new)}.",
        )
    if new.result is ok:
        return (
            LegsOutcome.PLACED_NOT_CANCELED,
            "The old order was not canceled and the new order was placed: both may be live; "
            f"the cancel failed{_why(cancel)}.",
        )
    if cancel.result is failed and new.result in (failed, LegResult.NOT_ATTEMPTED):
        return (
            LegsOutcome.NOTHING_CHANGED,
            f"Nothing changed: the cancel failed{_why(cancel)} and the new order {_not_placed(new)}.",
        )
    return (
        LegsOutcome.UNCLEAR,
        f"Leg results unclear (cancel {cancel.result.value}, new order {new.result.value}); "
        "query both orders before trusting local state.",
    )


def _not_placed(leg: Leg) -> str:
    if leg.result is LegResult.NOT_ATTEMPTED:
        return "was not attempted" + _why(leg)
    return "failed" + _why(leg)


def read_legs(data: Mapping[str, Any], classify: Classify) -> Legs:
    """Both legs of a cancel/replace ``data`` object (or success body)."""
    cancel = _leg(data.get("cancelResult"), data.get("cancelResponse"), classify)
    new = _leg(data.get("newOrderResult"), data.get("newOrderResponse"), classify)
    outcome, summary = summarize(cancel, new)
    return _legs_of(cancel, new, outcome, summary)


def find_leg_data(frame: Any) -> Mapping[str, Any] | None:
    """The object holding the four cancel/replace keys in any response shape, else None.

    Looks at a REST body (top level or ``data``) and a WebSocket API frame (``result`` or
    ``error.data``).
    """
    if not isinstance(frame, dict):
        return None
    candidates = (frame, frame.get("data"), frame.get("result"))
    error = frame.get("error")
    for candidate in (*candidates, error.get("data") if isinstance(error, dict) else None):
        if isinstance(candidate, dict) and ("cancelResult" in candidate or "newOrderResult" in candidate):
            return candidate
    return None
