"""What every verdict must satisfy, whatever the input: shared by the fuzz tests, the corpus
replay and the atheris target (tests/fuzz/atheris_classify.py)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import binance_errors as be
from binance_errors._decide import RAW_TEXT_LIMIT
from binance_errors._infer import INFERRED
from binance_errors._infer import classify_any as inferring_any

from .reference import rules

C, R, A = be.StatusClass, be.RetryAction, be.Reconcile
# The advice each class admits (README "Semantics"; rules.yaml `statuses`, `no_error`, `unreadable`).
ADVICE: dict[be.StatusClass, tuple[frozenset[be.RetryAction], frozenset[be.Reconcile] | None]] = {
    C.OK: (
        frozenset({R.NO}),
        frozenset({A.NONE, A.RECONNECT}),
    ),  # reconnect: a session event (FIX News, serverShutdown)
    C.CLIENT_ERROR: (frozenset({R.NO, R.AFTER_FIX}), None),  # any reconcile: the table decides
    C.RATE_LIMITED: (frozenset({R.AFTER_DELAY}), frozenset({A.REDUCE_RATE})),
    C.BANNED: (frozenset({R.AFTER_DELAY}), frozenset({A.REDUCE_RATE})),
    C.UNKNOWN_EXECUTION: (frozenset({R.AFTER_RECONCILE}), frozenset({A.QUERY_ORDER, A.INSPECT_LEGS})),
    C.PARTIAL: (frozenset({R.AFTER_RECONCILE}), frozenset({A.INSPECT_LEGS, A.INSPECT_ITEMS})),
}
RETRYING = (R.NOW, R.AFTER_DELAY)


def execution_of(status_class: be.StatusClass) -> be.Execution:
    """The execution rules.yaml gives a class (read from the YAML, not from the library)."""
    return be.Execution(rules()["execution"][status_class.value])


def check_verdict(verdict: Any, product: str = "spot") -> None:
    """Assert the invariants of one verdict (and of its cancel/replace legs)."""
    assert isinstance(verdict, be.Verdict)
    assert isinstance(verdict.status_class, be.StatusClass)
    assert execution_of(verdict.status_class) is verdict.execution
    if verdict.execution in (be.Execution.UNKNOWN, be.Execution.PARTLY):
        assert verdict.retry.action not in RETRYING
    retries, reconciles = ADVICE[verdict.status_class]
    assert verdict.retry.action in retries, (verdict.status_class, verdict.retry)
    assert reconciles is None or verdict.reconcile in reconciles, (verdict.status_class, verdict.reconcile)
    assert isinstance(verdict.reconcile, be.Reconcile)
    assert isinstance(verdict.reason, str) and verdict.reason
    assert verdict.code is None or verdict.code.__class__ is int
    assert verdict.message is None or verdict.message.__class__ is str
    assert isinstance(verdict.known, bool)
    assert product == verdict.product or (product == "spot" and verdict.product in INFERRED) or _read_as_fix(verdict), (
        product,
        verdict.product,
    )
    assert isinstance(verdict.values, Mapping)
    assert verdict.raw_text is None or (isinstance(verdict.raw_text, str) and len(verdict.raw_text) <= RAW_TEXT_LIMIT)
    for timing in (verdict.retry.after_ms, verdict.retry.at_ms):
        assert timing is None or timing.__class__ is int
    if verdict.legs is not None:
        for leg in (verdict.legs.cancel, verdict.legs.new_order):
            assert isinstance(leg.result, be.LegResult)
            if leg.verdict is not None:
                check_verdict(leg.verdict, product)
    assert str(verdict)


def _read_as_fix(verdict: be.Verdict) -> bool:
    """Text that starts with 8=FIX is read with the fix table whatever the product (docs/fix.md):
    its verdict keeps the text (unreadable) or the message type (read)."""
    if verdict.product != "fix":
        return False
    raw = verdict.raw_text
    return (raw is not None and raw.startswith("8=FIX")) or (
        isinstance(verdict.data, dict) and "MsgType" in verdict.data
    )


def classify_checked(frame: Any, http_status: Any = None, headers: Any = None, now_ms: Any = None) -> be.Verdict:
    """Classify ``frame``, check the invariants, and check the hot path equals the slow path."""
    verdict = be.classify(frame, http_status, headers, now_ms=now_ms)
    check_verdict(verdict)
    slow = inferring_any(be.load_table("spot"), frame, http_status, headers, now_ms)
    # Text parsed twice gives two NaN objects (NaN != NaN): compare their reprs then.
    assert slow == verdict or repr(slow) == repr(verdict)
    return verdict


def error_source(frame: Any) -> Mapping[Any, Any] | None:
    """The object ``classify`` reads code, msg and data from: ``error`` or the REST body."""
    if not isinstance(frame, dict):
        return None
    if "error" in frame:
        error = frame["error"]
        return error if isinstance(error, dict) else None
    if "result" in frame and "code" not in frame:  # a WebSocket API success frame
        return None
    return frame


def _equal(kept: Any, sent: Any, parsed_twice: bool) -> bool:
    if kept is sent:
        return True
    if not parsed_twice:  # the same object must come back (a str or int may be an equal copy)
        return kept.__class__ in (str, int) and kept.__class__ is sent.__class__ and kept == sent
    return kept.__class__ is sent.__class__ and (kept == sent or repr(kept) == repr(sent))


def check_kept(frame: Any, verdict: be.Verdict, parsed_twice: bool = False) -> None:
    """Nothing lost: the code, msg and data that ``frame`` carried are on the verdict unchanged.

    ``parsed_twice``: ``frame`` was parsed from the same text as the verdict, so values are
    equal copies rather than the identical objects (and ``data`` is only checked by type).
    """
    source = error_source(frame)
    if source is None:
        return
    code = source.get("code")
    if code is not None:
        kept = verdict.raw_code if verdict.raw_code is not None else verdict.code
        assert _equal(kept, code, parsed_twice), (code, verdict)
        assert verdict.raw_code is not None or code.__class__ is int
    msg = source.get("msg")
    if msg is None:
        msg = source.get("message")
    if msg is not None:
        kept = verdict.message if verdict.raw_message is None else verdict.raw_message
        assert _equal(kept, msg, parsed_twice), (msg, verdict)
    data = source.get("data")
    if data is not None:
        if parsed_twice:
            assert data.__class__ is verdict.data.__class__
        else:
            assert data is verdict.data, (data, verdict)


# -- One fuzz input: bytes -> several classify calls (atheris target and corpus replay) -------

FUZZ_STATUSES: tuple[Any, ...] = (
    None, 200, 400, 401, 403, 404, 409, 418, 429, 500, 502, 503, 302, 100, 0, -1, 600,
    True, False, "429", " 503 ", "4e2", 429.0, 429.5, float("nan"), 2**64, [], {},
)  # fmt: skip


def fuzz_one(data: bytes) -> None:
    """Classify ``data`` as raw bytes, as text and (when JSON) as parsed frames; check each."""
    if len(data) < 2:
        classify_checked(data)
        return
    status = FUZZ_STATUSES[data[0] % len(FUZZ_STATUSES)]
    body = data[2:]
    headers: Any = (None, {"Retry-After": body[:24].decode("latin-1")}, [(b"retry-after", body[:24])], body[:8])[
        data[1] % 4
    ]
    classify_checked(body, status, headers)
    text = body.decode("utf-8", "replace")
    classify_checked(text, status, headers)
    try:
        parsed = json.loads(text)
    except (ValueError, RecursionError):
        return
    for frame in (parsed, {"status": status, "error": parsed}, {"id": 1, "status": status, "result": parsed}):
        verdict = classify_checked(frame, None if isinstance(frame, dict) and "status" in frame else status, headers)
        check_kept(frame, verdict)
