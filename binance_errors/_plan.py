"""``plan(verdict, request)``: the follow-up requests that settle what a request did.

Rules this module keeps:

1. Pure: no I/O, no clock. A time in a plan comes from the request (its ``timestamp``, FIX
   ``SendingTime``) and the documented rules; ``resolve`` takes the caller's ``now_ms``.
2. Every step is a request in the shape of the one sent (REST: ``method``/``path``/``params``;
   WebSocket API: ``method``/``params``; FIX, which has no order query: the REST query, or the
   WebSocket API one with ``fix_via="ws_api"``), names one order by one id, and copies no secret
   (``signature``, ``timestamp``, ``apiKey``, ``recvWindow``): the caller signs it anew.
3. The verdict decides whether anything needs settling; the request decides what to ask. A request
   this module cannot read is ``manual`` with a reason, never a guess and never an exception.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Mapping
from typing import Any

import attrs

from ._model import Execution, LegResult, Reconcile, Verdict
from ._requests import Sent, read_request
from ._targets import Operation, Target, operation
from ._venues import VENUES, WS_QUERIES, Venue
from ._verdicts import fast_init

__all__ = ["DEFAULT_MARGIN_MS", "Plan", "PlanAction", "Step", "plan"]

# Added to the spot cutoff (timestamp + recvWindow): 1000 ms because the server accepts a timestamp
# up to 1 s ahead of its own clock (so a client clock up to 1 s fast puts the server's cutoff up to
# 1 s later than the client computes it), and 1000 ms for delays inside the matching engine, which
# the rule does not cover (spot CHANGELOG 2025-08-12). Pass ``margin_ms=`` to choose another.
DEFAULT_MARGIN_MS = 2000
SEARCH_SLACK_MS = 1000  # a search starts this long before the timestamp (the same 1 s clock allowance)
NO_CLIENT_ID = (
    "the request carried no client order id: the step searches the order history from the request's "
    "timestamp by the order's fields, and one search cannot prove the order absent; "
    "send newClientOrderId (options: clientOrderId) next time"
)


class PlanAction(enum.Enum):
    """What to do next."""

    NONE = "none"  # nothing to settle: the verdict already says what happened
    RESEND = "resend"  # a read-only request whose answer was lost: sending it again is safe
    QUERY = "query"  # run the steps now
    WAIT = "wait"  # run the steps at ``at_ms`` (a resolution's next plan)
    MANUAL = "manual"  # the library cannot tell: ``reason`` says why


@attrs.frozen(slots=True)
class Step:
    """One follow-up request and what ``resolve`` needs to read its answer.

    ``request`` is a fresh dict in the shape of the request sent. ``kind`` is ``order``,
    ``order_list``, ``open_orders``, ``search`` or ``resend``; ``target`` names what it settles
    (``order``, ``cancel``, ``new_order``, ``item 2``, ``list``, ``open_orders``); ``intent`` what
    the original request did to it. ``cutoff_ms`` is the time (the request's clock) after which the
    original can no longer reach the matching engine, when the docs give a rule (``rule`` says which:
    ``recv_window``, ``no_recv_window`` for FIX without RecvWindow, ``none``).
    """

    request: dict[str, Any]
    transport: str
    kind: str
    target: str
    intent: str
    product: str
    ids: tuple[tuple[str, Any], ...] = ()
    expect: tuple[tuple[str, Any], ...] = ()
    match: tuple[tuple[str, Any], ...] = ()
    sent_ms: int | None = None
    recv_window_ms: float | None = None
    cutoff_ms: int | None = None
    rule: str = "none"
    venue: str = "spot"  # the endpoint family (``_venues.VENUES``)
    symbol: str | None = None
    keep: tuple[tuple[str, Any], ...] = ()  # parameters every query of this venue repeats (isIsolated)


@attrs.frozen(slots=True)
class Plan:
    """The follow-up: ``action``, its ``steps`` (run each and pass its answer to ``resolve``),
    ``reason`` in a sentence, ``warnings``, and ``at_ms`` (the request's clock) for a later plan."""

    action: PlanAction
    steps: tuple[Step, ...] = ()
    reason: str = ""
    warnings: tuple[str, ...] = ()
    product: str | None = None
    transport: str | None = None
    at_ms: int | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data."""
        return {
            "action": self.action.value,
            "reason": self.reason,
            "warnings": list(self.warnings),
            "product": self.product,
            "transport": self.transport,
            "at_ms": self.at_ms,
            "steps": [
                {"target": s.target, "kind": s.kind, "transport": s.transport, "request": s.request,
                 "cutoff_ms": s.cutoff_ms, "rule": s.rule}
                for s in self.steps
            ],
        }  # fmt: skip


# Positional constructors of the two classes, a plain slot store per field (``_verdicts.fast_init``).
_new_step = fast_init(Step)
_new_plan = fast_init(Plan)


def manual(reason: str, product: str | None = None) -> Plan:
    return Plan(PlanAction.MANUAL, reason=reason, product=product)


def plan(verdict: Verdict, request: Any, *, margin_ms: int = DEFAULT_MARGIN_MS, fix_via: str = "rest") -> Plan:
    """The follow-up requests that settle what ``request`` did, given the ``verdict`` on its answer.

    Never raises: a request it cannot read is ``PlanAction.MANUAL`` with the reason.
    """
    if not isinstance(verdict, Verdict):
        return manual(f"plan() takes the Verdict of the answer, not {type(verdict).__name__}")
    if margin_ms is not DEFAULT_MARGIN_MS or fix_via != "rest":  # the defaults need no check
        if isinstance(margin_ms, bool) or not isinstance(margin_ms, int) or not 0 <= margin_ms <= 600_000:
            return manual("margin_ms must be an int of ms between 0 and 600000")
        if fix_via not in ("rest", "ws_api"):
            return manual("fix_via must be 'rest' or 'ws_api'")
    try:
        return _plan(verdict, request, margin_ms, fix_via)
    except Exception as exc:  # a hostile request (a mapping that raises on reading): never an exception
        return manual(f"the request could not be read ({type(exc).__name__})", verdict.product)


def _plan(verdict: Verdict, request: Any, margin_ms: int, fix_via: str) -> Plan:
    if verdict.product == "openapi":
        return manual(
            "the Open API venue's documentation in this library (its response-format page) names no order "
            "query endpoint: check the order in that venue's own order history",
            "openapi",
        )
    sent = read_request(request)
    if isinstance(sent, str):
        return manual(sent, verdict.product)
    op = operation(sent, verdict.product)
    if isinstance(op, str):
        return manual(op, verdict.product)
    product = op.venue.product if op.venue is not None else verdict.product
    warnings = _product_warning(verdict, product) if verdict.product != product else ()
    if op.intent == "read":
        return _read_plan(verdict, op, sent, product)
    assert op.venue is not None  # a state-changing operation always has its venue
    targets = _unsettled(verdict, op)
    if isinstance(targets, str):
        return manual(targets, product)
    if not targets:
        return Plan(PlanAction.NONE, reason=_settled_reason(verdict), product=product, transport=sent.transport)
    transport = fix_via if sent.transport == "fix" else sent.transport
    steps: list[Step] = []
    for target in targets:
        made, notes = _steps(op, op.venue, target, transport, margin_ms)
        steps += made
        if notes:
            warnings += tuple(note for note in notes if note not in warnings)
    return _new_plan(PlanAction.QUERY, tuple(steps), _reason(verdict, targets), warnings, product, sent.transport, None)


def _reason(verdict: Verdict, targets: tuple[Target, ...]) -> str:
    asks = [f"query the {t.name} by {t.ids[0][0]}" if t.ids else f"search for the {t.name}" for t in targets]
    return f"execution {verdict.execution.value}: {'; '.join(asks)}"


def _product_warning(verdict: Verdict, product: str) -> tuple[str, ...]:
    if verdict.product in ("spot", product):
        return ()
    return (f"the verdict was read with the {verdict.product} table but the request is a {product} request",)


def _read_plan(verdict: Verdict, op: Operation, sent: Sent, product: str) -> Plan:
    transport = sent.transport
    if verdict.execution is not Execution.UNKNOWN and verdict.execution is not Execution.PARTLY:
        return Plan(PlanAction.NONE, reason="a read-only request changed nothing: nothing to settle", product=product)
    shaped: dict[str, Any]
    if transport == "rest":
        shaped = {"method": sent.verb, "path": sent.path, "params": dict(op.public)}
    elif transport == "ws_api":
        shaped = {"method": sent.verb, "params": dict(op.public)}
    else:
        shaped = dict(op.public)
    step = Step(shaped, transport, "resend", "request", "read", product)
    reason = "a read-only request changed nothing: send it again (signed anew)"
    return Plan(PlanAction.RESEND, (step,), reason, product=product, transport=transport)


def _needs(verdict: Verdict) -> bool:
    execution = verdict.execution
    if execution is Execution.UNKNOWN or execution is Execution.PARTLY:
        return True
    return execution is Execution.NO and verdict.reconcile is Reconcile.QUERY_ORDER


def _unsettled(verdict: Verdict, op: Operation) -> tuple[Target, ...] | str:
    """The targets whose outcome the verdict leaves open."""
    if verdict.legs is not None and op.intent != "cancel_replace":
        return "the answer holds cancel/replace legs but the request is not a cancel/replace"
    if verdict.items is not None and not op.intent.startswith("batch_"):
        return "the answer is a batch (a list) but the request is not a batch request"
    if op.intent == "cancel_replace" and verdict.legs is not None:
        legs = (verdict.legs.cancel, verdict.legs.new_order)
        return tuple(
            target
            for target, leg in zip(op.targets, legs, strict=True)
            if leg.result is LegResult.MISSING or (leg.verdict is not None and _needs(leg.verdict))
        )
    if op.intent.startswith("batch_") and verdict.items is not None:
        if len(verdict.items) != len(op.targets):
            return f"the answer has {len(verdict.items)} items but the request sent {len(op.targets)}"
        return tuple(target for target, item in zip(op.targets, verdict.items, strict=True) if _needs(item))
    return op.targets if _needs(verdict) else ()


def _settled_reason(verdict: Verdict) -> str:
    if verdict.legs is not None:
        return f"both legs are settled: {verdict.legs.summary}"
    if verdict.items is not None:
        return "every batch item is settled (each item's verdict says what happened)"
    return f"execution is {verdict.execution.value}: nothing to settle (see the verdict's retry advice)"


def _steps(op: Operation, venue: Venue, target: Target, transport: str, margin_ms: int) -> tuple[list[Step], list[str]]:
    symbol = target.symbol or op.symbol
    if target.kind == "open_orders":
        params: dict[str, Any] = {"symbol": symbol}
    elif not target.ids:  # no client id: the order history from the request's time
        base = _step(op, venue, target, {}, transport, symbol, margin_ms)
        steps = list(history_steps(base))
        notes = [_rest_note(venue, transport, "history")] if steps[0].transport != transport else []
        return steps, [NO_CLIENT_ID, *notes]
    elif symbol is None or (target.kind == "order_list" and not venue.list_needs_symbol):
        params = dict(target.ids)
    else:
        params = {"symbol": symbol, **dict(target.ids)}
    if op.keep:
        params.update(op.keep)
    request, note = _shaped(venue, transport, target.kind, params)
    return [_step(op, venue, target, request, _transport_of(request), symbol, margin_ms)], note


def _step(
    op: Operation, venue: Venue, target: Target, request: dict[str, Any], transport: str, symbol: Any, margin_ms: int
) -> Step:
    if not venue.recv_window_rule:  # when the original can no longer reach the matching engine
        cutoff, rule = None, "none"
    elif op.recv_window_ms is None:
        cutoff, rule = None, "no_recv_window"
    else:
        cutoff = None if op.sent_ms is None else op.sent_ms + math.ceil(op.recv_window_ms) + margin_ms
        rule = "recv_window"
    return _new_step(
        request, transport, target.kind, target.name, target.intent, venue.product, target.ids, target.expect,
        target.match, op.sent_ms, op.recv_window_ms, cutoff, rule, venue.name, symbol, op.keep,
    )  # fmt: skip


def _rest_note(venue: Venue, transport: str, kind: str) -> str:
    return f"the {venue.product} WebSocket API has no {kind.replace('_', ' ')} query: this step uses REST"


def _transport_of(request: Mapping[str, Any]) -> str:
    return "rest" if "path" in request else "ws_api"


def _shaped(venue: Venue, transport: str, kind: str, params: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """The query ``kind`` of ``venue`` as a request of ``transport`` (REST where the WebSocket API has none)."""
    if transport == "ws_api":
        method = WS_QUERIES.get(venue.name, {}).get(kind)
        if method is not None:
            return {"method": method, "params": params}, []
        note = _rest_note(venue, transport, kind)
    else:
        note = ""
    path = venue.paths.get(kind) or venue.history
    return {"method": "GET", "path": path, "params": params}, [note] if note else []


def history_steps(step: Step) -> tuple[Step, ...]:
    """The order history search over ``step``'s time window: the last word after the re-queries."""
    if step.symbol is None:
        return ()
    venue = VENUES[step.venue]
    params: dict[str, Any] = {"symbol": step.symbol}
    params.update(step.keep)
    if step.sent_ms is not None:
        params["startTime"] = max(0, step.sent_ms - SEARCH_SLACK_MS)
    kinds = ("history", "open_orders") if venue.history_finished_only else ("history",)
    steps = []
    for kind in kinds:
        query = dict(params)
        if kind == "open_orders":
            query.pop("startTime", None)
        request, _ = _shaped(venue, step.transport, kind, query)
        steps.append(attrs.evolve(step, request=request, transport=_transport_of(request), kind="search"))
    return tuple(steps)
