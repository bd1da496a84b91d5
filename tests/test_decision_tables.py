"""The decision modules' rules as tables, each expectation written by hand from docs/design.md:
a row under a status bucket (section 3), the retry-time sources (section 4), the resend policy,
legs and batches (section 3b). The mutation run (docs/maintainers.md) found what these pin."""

from __future__ import annotations

from typing import Any

import pytest

import binance_errors as be
from binance_errors._advice import advice_under
from binance_errors._resend import backoff_ms, needs_clock, resend_delay_ms, wait_ms
from binance_errors._rows import RowSpec
from binance_errors._timing import bucket_retry, retry_timing, timing_of, values_bucket_retry

NOW = 1_760_000_000_000
LATEST = 253_402_300_799_999  # 9999-12-31T23:59:59.999Z, the last time a ban end may name


def _row(cls: str, beats: bool = False, on_status: dict[str, Any] | None = None) -> RowSpec:
    return RowSpec(-9, cls, "r", "c", "REASON", beats, {}, None, on_status or {})


CLIENT = ("client", ("client_error", "no", "fix_request"), False, frozenset({"unknown_execution"}))
TEAPOT = ("banned", ("banned", "after_delay", "reduce_rate"), True, frozenset())
RATE = ("rate", ("rate_limited", "after_delay", "reduce_rate"), False, frozenset())

# (row, bucket) -> (class, retry, reconcile, reason)
ADVICE: list[tuple[RowSpec, Any, tuple[str, ...]]] = [
    (_row("client_error"), None, ("client_error", "r", "c", "REASON")),  # no decisive status: the row
    (_row("client_error"), CLIENT, ("client_error", "r", "c", "REASON")),  # same class: the row's own advice
    (_row("rate_limited"), CLIENT, ("client_error", "no", "fix_request", "REASON")),  # the status decides
    (_row("rate_limited", beats=True), CLIENT, ("rate_limited", "r", "c", "REASON")),  # a row that beats statuses
    (_row("rate_limited", beats=True), TEAPOT, ("banned", "after_delay", "reduce_rate", "REASON")),  # 418 beats it
    (_row("unknown_execution", beats=True), TEAPOT, ("unknown_execution", "r", "c", "REASON")),  # rule 1 first
    (_row("partial", beats=True), TEAPOT, ("partial", "r", "c", "REASON")),  # rule 2 first
    (_row("unknown_execution"), CLIENT, ("unknown_execution", "r", "c", "REASON")),  # a 4xx keeps it unknown
    (_row("unknown_execution"), RATE, ("rate_limited", "after_delay", "reduce_rate", "REASON")),
    (_row("client_error", on_status={"client": {"reason": "X"}}), CLIENT, ("client_error", "r", "c", "X")),
    (
        _row("rate_limited", on_status={"client": {"retry": "now"}}),
        CLIENT,
        ("client_error", "now", "fix_request", "REASON"),
    ),
    (
        _row("rate_limited", on_status={"rate": {"class": "ok"}}),
        CLIENT,
        ("client_error", "no", "fix_request", "REASON"),
    ),
]


@pytest.mark.parametrize(("row", "bucket", "expected"), ADVICE)
def test_a_row_under_a_status_bucket(row: RowSpec, bucket: Any, expected: tuple[str, ...]) -> None:
    """docs/design.md section 3, rules 1 to 5, one row and one bucket at a time."""
    assert expected == advice_under(row, bucket)


# -- retry-time sources ---------------------------------------------------------------------------

# until (the message's ban end) -> the absolute end timing_of reads from it
UNTIL: list[tuple[Any, Any]] = [
    (NOW, NOW),
    (str(NOW), NOW),
    (float(NOW), NOW),
    (0, 0),
    (LATEST, LATEST),
    (LATEST + 1, None),
    (-1, None),
    (True, None),
    ("soon", None),
]


@pytest.mark.parametrize(("until", "expected"), UNTIL)
def test_a_ban_end_is_an_epoch_ms_time_or_nothing(until: Any, expected: Any) -> None:
    """A ban end from 1970 to 9999 counts; negative, later, a bool or text is no source."""
    found = timing_of(None, None, until)
    assert expected == (None if found is None else found[1])


@pytest.mark.parametrize(
    ("data", "headers", "until", "now_ms", "expected"),
    [
        ([NOW], None, None, None, None),  # data that is no object carries no time
        ({"retryAfter": True}, None, None, None, None),
        (
            None,
            {"Retry-After": "Wed, 08 Oct 2025 12:26:45 GMT"},
            None,
            None,
            (None, 1_759_926_405_000, "retry_after_header"),
        ),
        (
            None,
            {"Retry-After": "Wed, 08 Oct 2025 12:26:45 GMT", "Date": "Wed, 08 Oct 2025 12:26:40 GMT"},
            None,
            None,
            (5000, 1_759_926_405_000, "retry_after_header"),
        ),
        (None, {"Retry-After": "5", "Date": "no date"}, None, None, (5000, None, "retry_after_header")),
        (None, {"Retry-After": "5"}, None, True, (5000, None, "retry_after_header")),  # a bool is no clock
        (None, {"Retry-After": "5"}, None, NOW, (5000, NOW + 5000, "retry_after_header")),
        # equal ends: the table's order names the source (the header before the message)
        (None, {"Retry-After": "5"}, NOW + 5000, NOW, (5000, NOW + 5000, "retry_after_header")),
        (
            {"serverTime": NOW, "retryAfter": NOW + 5000},
            {"Retry-After": "5"},
            None,
            None,
            (5000, NOW + 5000, "server_retry_after"),
        ),
        (None, None, None, NOW, None),  # a clock is no source
    ],
)
def test_timing_sources_more(data: Any, headers: Any, until: Any, now_ms: Any, expected: Any) -> None:
    """More of section 4's table: what counts as a source, and as a reference."""
    assert expected == timing_of(data, headers, until, now_ms)


def test_retry_timing_reads_every_argument() -> None:
    """retry_timing passes the data, the headers, the values' ban end and the clock to timing_of."""
    values = {"banned_until_ms": NOW + 9000}
    assert be.Retry(be.RetryAction.AFTER_DELAY, 9000, NOW + 9000, "ban_message") == retry_timing(
        None, None, values, NOW
    )
    data = {"serverTime": NOW, "retryAfter": NOW + 3000}
    assert be.Retry(be.RetryAction.AFTER_DELAY, 3000, NOW + 3000, "server_retry_after") == retry_timing(
        data, None, {}, None
    )
    assert retry_timing(None, None, None, NOW) is None


def test_bucket_retry_reads_the_exhausted_limiter() -> None:
    """The exhausted limiter in ``rateLimits`` gives the end, from serverTime before the caller's clock."""
    minute = 1_759_999_980_000
    entry = {"rateLimitType": "ORDERS", "interval": "MINUTE", "intervalNum": 1, "limit": 1200, "count": 1200}
    frame = {"code": -1015, "rateLimits": [entry]}
    found = bucket_retry(frame, None, minute + 15_000, None, {})
    assert be.Retry(be.RetryAction.AFTER_DELAY, 45_000, minute + 60_000, "rate_limit_bucket") == found
    by_server = bucket_retry(frame, None, minute + 15_000, {"serverTime": minute + 30_000}, {})
    assert be.Retry(be.RetryAction.AFTER_DELAY, 30_000, minute + 60_000, "rate_limit_bucket") == by_server
    assert bucket_retry(frame, None, True, None, {}) is None  # a bool is no clock
    assert values_bucket_retry({}, minute) is None
    interval = values_bucket_retry({"interval": "10 SECOND"}, minute + 4000)
    assert be.Retry(be.RetryAction.AFTER_DELAY, 6000, minute + 10_000, "rate_limit_bucket") == interval


# -- the resend policy ------------------------------------------------------------------------------


class _Edge:
    """An rng whose draw is the low (or high) end of the range asked for."""

    def __init__(self, high: bool) -> None:
        self.high = high

    def uniform(self, low: float, high: float) -> float:
        return high if self.high else low


@pytest.mark.parametrize(
    ("attempt", "ceiling"), [(0, 200), (1, 200), (2, 400), (3, 800), (4, 1600), (8, 25_600), (9, 30_000), (200, 30_000)]
)
def test_backoff_doubles_from_200_ms_to_30_s(attempt: int, ceiling: int) -> None:
    """Full jitter: uniform in [0, min(30 s, 200 ms * 2**(attempt-1))]."""
    assert (0, ceiling) == (backoff_ms(attempt, rng=_Edge(False)), backoff_ms(attempt, rng=_Edge(True)))  # type: ignore[arg-type]


def test_backoff_without_an_rng_stays_in_range() -> None:
    """The module's own random draw lies in [0, ceiling]; at attempt 1 with base 1 it is 0 or 1."""
    assert {backoff_ms(1, base_ms=1) for _ in range(200)} <= {0, 1}
    assert 0 in {backoff_ms(1, base_ms=1) for _ in range(400)}


def _verdict(cls: be.StatusClass, retry: be.Retry, values: Any = None) -> be.Verdict:
    execution = {be.StatusClass.RATE_LIMITED: be.Execution.NO, be.StatusClass.BANNED: be.Execution.NO}[cls]
    return be.Verdict(cls, execution, retry, be.Reconcile.REDUCE_RATE, "R", -1, None, None, True, "spot", values or {})


AFTER = be.RetryAction.AFTER_DELAY
MINUTE = {"interval": "1 MINUTE"}
WAITS: list[tuple[be.Verdict, Any, Any]] = [
    (_verdict(be.StatusClass.RATE_LIMITED, be.Retry(AFTER, 1000)), None, 1000),
    (_verdict(be.StatusClass.RATE_LIMITED, be.Retry(AFTER, None, NOW + 2000)), NOW, 2000),
    (_verdict(be.StatusClass.RATE_LIMITED, be.Retry(AFTER, None, NOW + 2000)), None, None),  # needs a clock
    (_verdict(be.StatusClass.RATE_LIMITED, be.Retry(AFTER, 5000, NOW + 2000)), NOW, 5000),  # the later end
    (_verdict(be.StatusClass.RATE_LIMITED, be.Retry(AFTER, -5)), None, 0),
    (_verdict(be.StatusClass.RATE_LIMITED, be.Retry(AFTER), MINUTE), 1_759_999_980_000 + 1000, 59_000),
    (_verdict(be.StatusClass.RATE_LIMITED, be.Retry(AFTER), MINUTE), None, None),
    (_verdict(be.StatusClass.BANNED, be.Retry(AFTER), MINUTE), NOW, None),  # only a rate limit has a bucket
]


@pytest.mark.parametrize(("verdict", "now_ms", "expected"), WAITS)
def test_the_wait_an_answer_names(verdict: be.Verdict, now_ms: Any, expected: Any) -> None:
    """Rule 3 of the resend policy: the latest of after_ms and at_ms - now, else the named bucket."""
    assert expected == wait_ms(verdict, now_ms)


def test_which_verdicts_need_a_clock() -> None:
    """An absolute end, or a rate limit (its bucket), can use the caller's clock; a plain delay cannot."""
    assert [True, True, False] == [
        needs_clock(_verdict(be.StatusClass.BANNED, be.Retry(AFTER, None, NOW))),
        needs_clock(_verdict(be.StatusClass.RATE_LIMITED, be.Retry(AFTER))),
        needs_clock(_verdict(be.StatusClass.BANNED, be.Retry(AFTER, 1000))),
    ]


def test_an_untimed_rate_limit_backs_off_with_the_callers_rng() -> None:
    """No time named: the backoff, drawn from the rng passed."""
    v = _verdict(be.StatusClass.RATE_LIMITED, be.Retry(AFTER))
    found = resend_delay_ms(v, 3, now_ms=None, max_attempts=None, max_delay_ms=None, rng=_Edge(True))  # type: ignore[arg-type]
    assert 800 == found


# -- legs and batches ------------------------------------------------------------------------------

CANCELED = {"symbol": "BTCUSDT", "orderId": 1, "status": "CANCELED"}
PLACED = {"symbol": "BTCUSDT", "orderId": 2, "status": "NEW"}
LIMITED = {"code": -1015, "msg": "Too many new orders."}


def test_replaced_legs_under_an_error_status_are_inspected() -> None:
    """Both legs succeeded but the answer is an error code, or a 429: inspect the legs (partial)."""
    legs = {
        "cancelResult": "SUCCESS",
        "newOrderResult": "SUCCESS",
        "cancelResponse": CANCELED,
        "newOrderResponse": PLACED,
    }
    assert "partial" == be.classify({"id": 1, "status": 429, "result": legs}).status_class.value
    assert "ok" == be.classify({"id": 1, "status": 200, "result": legs}).status_class.value
    err = be.classify({"code": -2021, "msg": "Order cancel-replace partially failed.", "data": legs}, 409)
    assert ("partial", -2021, "Order cancel-replace partially failed.") == (
        err.status_class.value,
        err.code,
        err.message,
    )


def test_rate_limited_legs_take_the_answers_retry_time() -> None:
    """Both legs failed with -1015 under a 429 with Retry-After: rate limited, retry after 7 s."""
    legs = {
        "cancelResult": "FAILURE",
        "newOrderResult": "FAILURE",
        "cancelResponse": LIMITED,
        "newOrderResponse": LIMITED,
    }
    v = be.classify({"code": -2022, "msg": "Order cancel-replace failed.", "data": legs}, 429, {"Retry-After": "7"})
    assert ("rate_limited", 7000, "CANCEL_REPLACE_FAILED") == (v.status_class.value, v.retry_after_ms, v.reason)


def test_a_success_the_legs_overturn_names_their_outcome() -> None:
    """A 200 body whose new order failed: partial, reason CANCELED_NOT_REPLACED; an error keeps its code's reason."""
    legs = {
        "cancelResult": "SUCCESS",
        "newOrderResult": "FAILURE",
        "cancelResponse": CANCELED,
        "newOrderResponse": LIMITED,
    }
    assert "CANCELED_NOT_REPLACED" == be.classify(legs, 200).reason  # the outcome's name
    replaced = {**legs, "newOrderResult": "SUCCESS", "newOrderResponse": PLACED}
    assert "OK" == be.classify(replaced, 200).reason


def test_batch_verdicts_keep_every_item() -> None:
    """A partial or failed batch keeps each item's verdict, and a failed one the worst item's reconcile."""
    partial = be.classify([{"orderId": 1}, LIMITED], 200, product="usdm")
    assert partial.items is not None and ("ok", "rate_limited") == tuple(i.status_class.value for i in partial.items)
    failed = be.classify([{"code": -2019, "msg": "Margin is insufficient."}, LIMITED], 200, product="usdm")
    assert failed.items is not None and 2 == len(failed.items)
    assert (be.StatusClass.RATE_LIMITED, be.Reconcile.REDUCE_RATE) == (failed.status_class, failed.reconcile)


# -- what the mutation run left (docs/maintainers.md "Mutation testing") ---------------------------


def test_server_time_beats_the_date_header_as_the_reference() -> None:
    """Both present: the ban end is placed on serverTime's clock, not the Date header's."""
    headers = {"Date": "Wed, 08 Oct 2025 12:26:40 GMT"}  # 1_759_926_400_000
    assert (7000, NOW + 7000, "ban_message") == timing_of({"serverTime": NOW}, headers, NOW + 7000, None)


def test_replaced_legs_on_an_error_code_without_a_status_are_inspected() -> None:
    """-2021 whose legs both say SUCCESS, no status: the code disagrees with the legs; inspect them."""
    legs = {
        "cancelResult": "SUCCESS",
        "newOrderResult": "SUCCESS",
        "cancelResponse": CANCELED,
        "newOrderResponse": PLACED,
    }
    v = be.classify({"code": -2021, "msg": "Order cancel-replace partially failed.", "data": legs})
    assert (be.StatusClass.PARTIAL, be.Reconcile.INSPECT_LEGS) == (v.status_class, v.reconcile)


def test_rate_limited_legs_wait_for_the_exhausted_bucket() -> None:
    """Both legs -1015, no Retry-After, an exhausted ORDERS bucket and a clock: wait for the bucket's end."""
    minute = 1_759_999_980_000
    legs = {
        "cancelResult": "FAILURE",
        "newOrderResult": "FAILURE",
        "cancelResponse": LIMITED,
        "newOrderResponse": LIMITED,
    }
    entry = {"rateLimitType": "ORDERS", "interval": "MINUTE", "intervalNum": 1, "limit": 10, "count": 10}
    frame = {"id": 1, "status": 400, "error": {"code": -2022, "msg": "Order cancel-replace failed.", "data": legs}}
    v = be.classify({**frame, "rateLimits": [entry]}, now_ms=minute + 20_000)
    assert ("rate_limited", 40_000, minute + 60_000) == (v.status_class.value, v.retry_after_ms, v.retry_at_ms)


def test_a_leg_keeps_an_order_only_when_it_succeeded() -> None:
    """A FAILURE leg with an order object keeps none; an unreadable result is MISSING."""
    from binance_errors._legs import read_legs

    legs = read_legs(
        {"cancelResult": "FAILURE", "cancelResponse": CANCELED, "newOrderResult": 7, "newOrderResponse": PLACED},
        lambda item: be.classify(item, product="spot"),
    )
    assert (be.LegResult.FAILURE, None) == (legs.cancel.result, legs.cancel.order)
    assert (be.LegResult.MISSING, None) == (legs.new_order.result, legs.new_order.order)
    done = read_legs({"cancelResult": "SUCCESS", "cancelResponse": CANCELED}, lambda item: be.classify(item))
    assert CANCELED is done.cancel.order


SUMMARIES = [
    (("SUCCESS", CANCELED), ("SUCCESS", PLACED), "The old order was canceled and the new order was placed."),
    (
        ("SUCCESS", CANCELED),
        ("NOT_ATTEMPTED", None),
        "The old order was canceled; no replacement exists: the new order was not attempted.",
    ),
    (
        ("SUCCESS", CANCELED),
        ("FAILURE", {"code": -2010, "msg": "Account has insufficient balance for requested action."}),
        "The old order was canceled; no replacement exists: the new order failed "
        "(-2010: Account has insufficient balance for requested action.).",
    ),
    (
        ("FAILURE", {"code": -2011, "msg": "Unknown order sent."}),
        ("SUCCESS", PLACED),
        "The old order was not canceled and the new order was placed: both may be live; "
        "the cancel failed (-2011: Unknown order sent.).",
    ),
    (
        ("FAILURE", {"code": -2011, "msg": "Unknown order sent."}),
        ("NOT_ATTEMPTED", None),
        "Nothing changed: the cancel failed (-2011: Unknown order sent.) and the new order was not attempted.",
    ),
    (
        ("MISSING", None),
        ("SUCCESS", PLACED),
        "The old order was not canceled and the new order was placed: both may be live; the cancel failed.",
    ),
    (
        (None, None),
        (None, None),
        "Leg results unclear (cancel MISSING, new order MISSING); query both orders before trusting local state.",
    ),
]


@pytest.mark.parametrize(("cancel", "new", "sentence"), SUMMARIES)
def test_the_legs_summary_says_what_changed(cancel: Any, new: Any, sentence: str) -> None:
    """One sentence per outcome, naming the failed leg's code and message."""
    data = {
        "cancelResult": cancel[0],
        "cancelResponse": cancel[1],
        "newOrderResult": new[0],
        "newOrderResponse": new[1],
    }
    legs = be.cancel_replace_legs({"code": -2021, "msg": "Order cancel-replace partially failed.", "data": data})
    assert legs is not None and sentence == legs.summary


def test_legs_are_found_in_every_answer_shape() -> None:
    """A REST body, its data, a WebSocket API result and error.data; one leg key is enough."""
    data = {"newOrderResult": "SUCCESS", "newOrderResponse": PLACED}
    shapes = [data, {"data": data}, {"result": data}, {"status": 409, "error": {"code": -2021, "data": data}}]
    for shape in shapes:
        legs = be.cancel_replace_legs(shape)
        assert legs is not None and PLACED is legs.new_order.order, shape
    assert be.cancel_replace_legs({"error": "x", "data": {"orderId": 1}}) is None


def test_replaced_legs_on_a_rejection_code_are_inspected() -> None:
    """-2022 ("both failed") whose legs both say SUCCESS, no status: not the code's client error; inspect."""
    legs = {
        "cancelResult": "SUCCESS",
        "newOrderResult": "SUCCESS",
        "cancelResponse": CANCELED,
        "newOrderResponse": PLACED,
    }
    v = be.classify({"code": -2022, "msg": "Order cancel-replace failed.", "data": legs}, product="spot")
    assert (be.StatusClass.PARTIAL, be.Reconcile.INSPECT_LEGS) == (v.status_class, v.reconcile)


def test_a_leg_result_that_is_no_text_is_missing() -> None:
    """A list as a leg result (unhashable) is MISSING, the verdict still made."""
    v = be.classify(
        {"cancelResult": [], "newOrderResult": {}, "cancelResponse": CANCELED, "newOrderResponse": PLACED}, 200
    )
    assert v.legs is not None and (be.LegResult.MISSING, be.LegResult.MISSING) == (
        v.legs.cancel.result,
        v.legs.new_order.result,
    )


def test_the_cancel_leg_alone_is_found() -> None:
    """An answer with only the cancel leg's keys still has legs."""
    legs = be.cancel_replace_legs({"data": {"cancelResult": "SUCCESS", "cancelResponse": CANCELED}})
    assert legs is not None and CANCELED is legs.cancel.order
