"""``resolve(plan, answer)``: what the answer to a plan's query says the original request did.

Rules this module keeps:

1. The answer is read with ``classify`` (its class, code and message); this module decides only
   what that answer means for the *original* request, never the answer's own class.
2. "Not executed" only when nothing can change it any more: for spot, once the original request
   can no longer reach the matching engine (``Step.cutoff_ms``: timestamp + recvWindow + a margin,
   spot rest-api.md "Timing security" and CHANGELOG 2025-05-22 / 2025-08-12). Before that, and for
   every product whose docs give no such rule, the outcome stays unknown with a ``next`` plan.
   Only a "not executed" resolution can make resending safe (``safe_to_resend``).
3. Pure: the time is the caller's ``now_ms``: when the *query* was sent (the server answered it no
   earlier; the time its answer arrived would be too late), on the clock that signed the original
   request. Never raises: an
   answer it cannot read leaves the outcome unknown, with the raw answer kept.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

import attrs
import ujson

from ._classify import classify
from ._model import Execution, StatusClass, Verdict
from ._plan import Plan, PlanAction, Step, history_steps
from ._verdicts import fast_init

__all__ = ["REQUERY_AFTER_MS", "Resolution", "resolve"]

# Products whose docs give no cutoff: re-query this long after timestamp + recvWindow (the last
# moment the gateway accepts the request), then hand over to the user data stream / order history.
REQUERY_AFTER_MS = (1_000, 3_000, 10_000, 30_000, 60_000)
OPEN = frozenset({"NEW", "PARTIALLY_FILLED", "PENDING_NEW", "PENDING_CANCEL", "ACCEPTED"})
CANCELED = frozenset({"CANCELED", "CANCELLED"})  # options spell it with two Ls
STREAM = "the user data stream (executionReport / ORDER_TRADE_UPDATE events) or the order history"


@attrs.frozen(slots=True)
class Resolution:
    """What the original request did, as far as the answer tells.

    ``execution`` uses the verdict's values; ``order`` is the order (or order list) found; ``next``
    is the plan to run later while the outcome is unknown (``next.at_ms`` says when, on the
    request's clock), else None; ``safe_to_resend`` is True only with ``execution`` ``no``.
    ``verdict`` is the answer's own classification and ``raw`` the answer when it could not be read.
    """

    execution: Execution
    reason: str
    order: Mapping[str, Any] | None = None
    next: Plan | None = None
    safe_to_resend: bool = False
    verdict: Verdict | None = None
    raw: Any = None
    step: Step | None = None

    @property
    def status(self) -> str | None:
        """The order's status (an order list's ``listOrderStatus``), when found."""
        return _text(self.order, "status", "listOrderStatus")

    @property
    def executed_qty(self) -> str | None:
        return _text(self.order, "executedQty")

    @property
    def order_id(self) -> Any:
        return None if self.order is None else self.order.get("orderId", self.order.get("orderListId"))

    @property
    def client_order_id(self) -> str | None:
        return _text(self.order, "clientOrderId", "listClientOrderId")

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data."""
        return {
            "execution": self.execution.value,
            "reason": self.reason,
            "safe_to_resend": self.safe_to_resend,
            "order": None if self.order is None else dict(self.order),
            "next": None if self.next is None else self.next.to_dict(),
        }


_new_resolution = fast_init(Resolution)  # a plain slot store per field (``_verdicts.fast_init``)


def _resolution(
    execution: Execution,
    reason: str,
    order: Mapping[str, Any] | None = None,
    next: Plan | None = None,
    safe_to_resend: bool = False,
    verdict: Verdict | None = None,
    raw: Any = None,
    step: Step | None = None,
) -> Resolution:
    """``Resolution(...)``, made faster."""
    return _new_resolution(execution, reason, order, next, safe_to_resend, verdict, raw, step)


def _text(order: Mapping[str, Any] | None, *keys: str) -> str | None:
    for key in keys:
        value = None if order is None else order.get(key)
        if isinstance(value, str):
            return value
    return None


def resolve(
    plan: Plan | Step, answer: Any, *, http_status: Any = None, headers: Any = None, now_ms: Any = None
) -> Resolution:
    """Read ``answer``, the answer to ``plan``'s one step (or to ``plan`` given as a :class:`Step`).

    ``now_ms`` is when the query was sent (not when its answer arrived), on the clock that signed
    the original request. A plan with several steps (a batch, both legs of a cancel/replace) is
    resolved step by step: ``resolve(step, answer)`` for each of ``plan.steps``. Never raises.
    """
    step = plan if isinstance(plan, Step) else None
    if isinstance(plan, Plan):
        if len(plan.steps) != 1:
            reason = f"the plan has {len(plan.steps)} steps: resolve each step with its own answer"
            return _resolution(Execution.UNKNOWN, reason, next=plan if plan.steps else None, raw=answer)
        step = plan.steps[0]
    if step is None:
        return _resolution(Execution.UNKNOWN, "resolve() takes a Plan or one of its steps", raw=answer)
    now = _clock(now_ms)
    try:
        return _resolve(step, answer, http_status, headers, now)
    except Exception as exc:  # a hostile answer: never an exception
        return _resolution(Execution.UNKNOWN, f"the answer could not be read ({type(exc).__name__})", raw=answer)


def _clock(now_ms: Any) -> int | None:
    """The caller's time as int ms (a finite float is truncated); anything else is no clock."""
    if now_ms.__class__ is int:
        return now_ms
    if isinstance(now_ms, float) and math.isfinite(now_ms) and abs(now_ms) < 2**63:
        return int(now_ms)
    return None


def _resolve(step: Step, answer: Any, http_status: Any, headers: Any, now: int | None) -> Resolution:
    verdict = classify(answer, http_status, headers, product=step.product, now_ms=now)
    if step.kind == "resend":
        reason = "the resent read-only request's own answer: the verdict says what it is"
        return _resolution(verdict.execution, reason, verdict=verdict, step=step)
    if verdict.status_class is not StatusClass.OK:
        if _not_found(verdict):
            return _not_found_resolution(step, verdict, now)
        return _failed_query(step, verdict, now, answer)
    payload = _payload(answer)
    if step.kind == "open_orders":
        if not isinstance(payload, list):
            return _unreadable(step, verdict, now, answer, "the open orders answer is not a list")
        if not payload:
            return _resolution(Execution.YES, f"no open orders remain on {step.symbol}", verdict=verdict, step=step)
        return _not_yet(step, now, verdict, f"{len(payload)} orders are still open on {step.symbol}", safe=True)
    if step.kind == "search":
        return _searched(step, verdict, now, answer, payload)
    if not isinstance(payload, Mapping) or ("status" not in payload and "listOrderStatus" not in payload):
        return _unreadable(step, verdict, now, answer, "the answer is not an order")
    if not _is_target(step, payload):
        return _unreadable(step, verdict, now, answer, "the answer is about another order than the one asked for")
    return _found(step, verdict, now, payload)


def _payload(answer: Any) -> Any:
    if answer.__class__ is dict:
        return answer["result"] if "result" in answer and ("id" in answer or "status" in answer) else answer
    if isinstance(answer, bytes | bytearray | memoryview | str):
        try:
            answer = ujson.loads(bytes(answer) if not isinstance(answer, str) else answer)
        except (ValueError, OverflowError, TypeError):
            return None
    if isinstance(answer, Mapping) and "result" in answer and ("id" in answer or "status" in answer):
        return answer["result"]  # a WebSocket API frame
    return answer


def _not_found(verdict: Verdict) -> bool:
    """-2013 "Order does not exist.", or -2011 "Unknown order sent." (spot errors.md: not found)."""
    if verdict.code == -2013:
        return True
    return verdict.code == -2011 and "unknown order sent" in (verdict.message or "").lower()


def _is_target(step: Step, order: Mapping[str, Any]) -> bool:
    for key, value in step.ids:
        if key == "orderId" or key == "orderListId":
            if str(order.get(key)) != str(value):
                return False
        elif step.intent not in ("amend", "modify"):  # an amendment may give the order a new client id
            fields = ("listClientOrderId",) if step.kind == "order_list" else ("clientOrderId", "origClientOrderId")
            if all(order.get(field) != value for field in fields):
                return False
    return True


def _found(step: Step, verdict: Verdict, now: int | None, order: Mapping[str, Any]) -> Resolution:
    status = _text(order, "status", "listOrderStatus") or "?"
    done = f"status {status}, executed {_text(order, 'executedQty') or '-'}"
    if step.intent in ("place", "place_list"):
        return _resolution(Execution.YES, f"the order exists ({done})", order, verdict=verdict, step=step)
    if step.intent == "cancel_list":
        if status == "ALL_DONE":
            reason = "the order list is ALL_DONE (canceled, or finished by its own orders)"
            return _resolution(Execution.YES, reason, order, verdict=verdict, step=step)
        return _not_yet(step, now, verdict, f"the order list is still {status}", safe=True, order=order)
    if step.intent == "cancel":
        if status in CANCELED:
            return _resolution(Execution.YES, f"the order is canceled ({done})", order, verdict=verdict, step=step)
        if status in OPEN:
            return _not_yet(step, now, verdict, f"the order is still open ({done})", safe=True, order=order)
        reason = f"the order is closed ({done}): the cancel had nothing left to cancel"
        return _resolution(Execution.NO, reason, order, verdict=verdict, step=step)
    if not step.expect:
        reason = f"the order exists ({done}), but the request gave no new values to compare it with"
        return _resolution(Execution.UNKNOWN, reason, order, _manual(step, reason), verdict=verdict, step=step)
    if all(_same(_field(order, field), value) for field, value in step.expect):
        return _resolution(Execution.YES, f"the order shows the new values ({done})", order, verdict=verdict, step=step)
    if status in OPEN:
        return _not_yet(step, now, verdict, f"the order does not show the new values ({done})", safe=True, order=order)
    reason = f"the order is closed ({done}) without the new values: the change can no longer apply"
    return _resolution(Execution.NO, reason, order, verdict=verdict, step=step)


def _not_found_resolution(step: Step, verdict: Verdict, now: int | None) -> Resolution:
    what = "the order list does not exist" if step.kind == "order_list" else "the order does not exist"
    if step.intent == "amend" and step.ids and step.ids[0][0] != "orderId":
        reason = (f"{what} under its old client id, which an amendment replaces (rest-api.md, newClientOrderId): "
                  "query it by orderId, and its amendments (GET /api/v3/order/amendments) by orderId")  # fmt: skip
        return _resolution(Execution.UNKNOWN, reason, None, _manual(step, reason), verdict=verdict, step=step)
    # a request acting on an existing order had nothing to act on; a new order may simply not be there yet
    return _not_yet(step, now, verdict, what, safe=step.intent in ("place", "place_list"))


def _searched(step: Step, verdict: Verdict, now: int | None, answer: Any, payload: Any) -> Resolution:
    if not isinstance(payload, list):
        return _unreadable(step, verdict, now, answer, "the search answer is not a list of orders")
    found = [order for order in payload if isinstance(order, Mapping) and _matches(step, order)]
    if len(found) == 1:
        reason = "one order in the history matches the request (by its fields: check it is the one sent)"
        if step.ids:
            reason = "the order history holds the order"
        return _resolution(Execution.YES, reason, found[0], verdict=verdict, step=step)
    if found:
        reason = f"{len(found)} orders in the history match the request's fields: check which one it was"
        return _resolution(Execution.UNKNOWN, reason, found[0], _manual(step, reason), verdict=verdict, step=step)
    return _not_yet(step, now, verdict, "no order in the history matches the request", safe=False, search=True)


def _matches(step: Step, order: Mapping[str, Any]) -> bool:
    if step.ids:
        return _is_target(step, order)
    if step.sent_ms is not None:
        created = order.get("time", order.get("createTime", order.get("updateTime")))
        if isinstance(created, int) and created < step.sent_ms - 1000:
            return False
    return bool(step.match) and all(_same(_field(order, field), value) for field, value in step.match)


def _field(order: Mapping[str, Any], field: str) -> Any:
    if field == "origQty" and field not in order:
        return order.get("quantity")  # options name it quantity
    return order.get(field)


def _same(mine: Any, theirs: Any) -> bool:
    try:
        return Decimal(str(mine)) == Decimal(str(theirs))
    except (InvalidOperation, ValueError):
        return str(mine) == str(theirs)


def _not_yet(
    step: Step,
    now: int | None,
    verdict: Verdict,
    what: str,
    *,
    safe: bool,
    order: Mapping[str, Any] | None = None,
    search: bool = False,
) -> Resolution:
    """The answer does not show the request's effect: conclusive only past the cutoff."""
    if step.rule == "recv_window" and step.cutoff_ms is not None:
        if now is not None and now >= step.cutoff_ms and not search:
            reason = f"{what}, and the request can no longer reach the matching engine: it did not execute"
            return _resolution(Execution.NO, reason, order, safe_to_resend=safe, verdict=verdict, step=step)
        when = "pass now_ms to conclude" if now is None else "the request may still reach the matching engine"
        reason = f"{what}, but {when}: query again at {step.cutoff_ms} (timestamp + recvWindow + margin)"
        if search:
            reason = f"{what}; one search is not proof: query again at {step.cutoff_ms}, then check {STREAM}"
            if now is not None and now >= step.cutoff_ms:
                return _resolution(Execution.UNKNOWN, reason, order, _manual(step, reason), verdict=verdict, step=step)
        return _resolution(
            Execution.UNKNOWN, reason, order, _later(step, step.cutoff_ms, reason), verdict=verdict, step=step
        )
    return _schedule(step, now, verdict, what, order)


def _schedule(step: Step, now: int | None, verdict: Verdict, what: str, order: Mapping[str, Any] | None) -> Resolution:
    """No documented cutoff: a bounded series of re-queries, then the user data stream."""
    why = {"none": f"the {step.product} docs give no rule for when a request can no longer reach the matching engine",
           "no_recv_window": "the FIX message had no RecvWindow(25000), so no recvWindow check applies to it",
           "recv_window": "the request carries no timestamp"}[step.rule]  # fmt: skip
    if step.sent_ms is None:
        reason = f"{what}; {why}: check {STREAM}"
        return _resolution(Execution.UNKNOWN, reason, order, _manual(step, reason), verdict=verdict, step=step)
    anchor = step.sent_ms + int(step.recv_window_ms or 0)
    times = [anchor + after for after in REQUERY_AFTER_MS]
    later = [t for t in times if now is None or t > now]
    if later:
        n = len(times) - len(later) + 1
        reason = f"{what}; {why}: query again at {later[0]} (re-query {n} of {len(times)}), then check {STREAM}"
        return _resolution(Execution.UNKNOWN, reason, order, _later(step, later[0], reason), verdict=verdict, step=step)
    reason = f"{what} after {len(times)} re-queries; {why}: check {STREAM} from {step.sent_ms - 1000}"
    return _resolution(Execution.UNKNOWN, reason, order, _manual(step, reason), verdict=verdict, step=step)


def _later(step: Step, at_ms: int, reason: str) -> Plan:
    return Plan(PlanAction.WAIT, (step,), reason, product=step.product, transport=step.transport, at_ms=at_ms)


def _manual(step: Step, reason: str) -> Plan:
    steps = history_steps(step) if step.kind != "search" else ()
    return Plan(PlanAction.MANUAL, steps, reason, product=step.product, transport=step.transport)


def _failed_query(step: Step, verdict: Verdict, now: int | None, answer: Any) -> Resolution:
    """The query itself failed (rate limit, 5xx, unreadable): ask again, when its verdict allows."""
    at = verdict.retry.at_ms
    if at is None and now is not None:
        at = now + max(verdict.retry.after_ms or 0, 1000)
    reason = f"the query failed ({verdict.status_class.value}, {verdict.reason}): nothing learned; run it again"
    again = Plan(PlanAction.QUERY, (step,), reason, product=step.product, transport=step.transport)
    later = _later(step, at, reason) if at is not None else again
    return _resolution(Execution.UNKNOWN, reason, None, later, verdict=verdict, raw=answer, step=step)


def _unreadable(step: Step, verdict: Verdict, now: int | None, answer: Any, what: str) -> Resolution:
    reason = f"{what}: nothing learned; run the query again"
    later = Plan(PlanAction.QUERY, (step,), reason, product=step.product, transport=step.transport)
    return _resolution(Execution.UNKNOWN, reason, None, later, verdict=verdict, raw=answer, step=step)
