"""Dynamic verdicts (issue 12): a shared static verdict plus the per-response fields, a Verdict in
every public way; template values built only when read; fast constructors equal to attrs' own."""

from __future__ import annotations

import copy
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import binance_errors as be
from benchmarks import corpus
from binance_errors._legs import _leg_of, _legs_of
from binance_errors._verdicts import DynamicVerdict, TemplateValues, fast_init, make_retry, maker, replace

from .cases import CASES

FIELDS = [field.name for field in attrs.fields(be.Verdict)]


def _dynamic_verdicts() -> list[be.Verdict]:
    items = [item for items in corpus.dynamic().values() for item in items]
    found = [be.classify(*item) for item in items]
    found += [be.classify(frame, status, headers) for _, frame, status, headers, _ in CASES]
    return [verdict for verdict in found if isinstance(verdict, DynamicVerdict)]


def _plain(verdict: be.Verdict) -> be.Verdict:
    return be.Verdict(*(getattr(verdict, name) for name in FIELDS))


def test_dynamic_answers_are_dynamic_verdicts() -> None:
    """Bans, timed rate limits, templated messages, unlisted filters and legs all give DynamicVerdicts."""
    for name, items in corpus.dynamic().items():
        assert [True] * len(items) == [isinstance(be.classify(*item), DynamicVerdict) for item in items], name


def test_dynamic_verdict_is_a_verdict_in_every_public_way() -> None:
    """isinstance, ==/!= both ways, repr, str, predicates and to_dict match a plain Verdict of the same fields."""
    verdicts = _dynamic_verdicts()
    assert len(verdicts) > 40
    for verdict in verdicts:
        plain = _plain(verdict)
        assert (True, True, True) == (isinstance(verdict, be.Verdict), verdict == plain, plain == verdict)
        assert (False, False) == (verdict != plain, plain != verdict)
        assert (repr(plain), str(plain), plain.to_dict()) == (repr(verdict), str(verdict), verdict.to_dict())
        assert (plain.retry_after_ms, plain.filter, plain.is_retryable, plain.may_have_executed) == (
            verdict.retry_after_ms,
            verdict.filter,
            verdict.is_retryable,
            verdict.may_have_executed,
        )
        assert verdict == be.from_dict(verdict.to_dict())


def test_dynamic_verdict_is_frozen() -> None:
    """No field of a dynamic verdict can be set or deleted."""
    verdict = be.classify({"code": -1013, "msg": "Filter failure: NEW_FILTER"}, 400)
    for name in FIELDS:
        with pytest.raises(AttributeError):
            setattr(verdict, name, None)
        with pytest.raises(AttributeError):
            delattr(verdict, name)


def test_copy_and_evolve_give_plain_verdicts() -> None:
    """copy.copy and attrs.evolve of a dynamic verdict give an equal (or evolved) plain Verdict."""
    verdict = be.classify(
        {"code": -1021, "msg": "Timestamp for this request was 1500ms ahead of the server's time."}, 400
    )
    assert (be.Verdict, verdict) == (copy.copy(verdict).__class__, copy.copy(verdict))
    evolved = attrs.evolve(verdict, reason="OTHER")
    assert (be.Verdict, "OTHER", verdict.values) == (evolved.__class__, evolved.reason, evolved.values)


@given(
    st.sampled_from(FIELDS[4:15]),
    st.sampled_from(FIELDS[4:15]),
    st.one_of(st.none(), st.integers(), st.text(max_size=5)),
    st.one_of(st.none(), st.integers(), st.text(max_size=5)),
)
def test_replace_equals_attrs_evolve(first: str, second: str, a: Any, b: Any) -> None:
    """replace(v, **changes) equals attrs.evolve(v, **changes), also when v is dynamic already."""
    static = be.classify({"code": -2010, "msg": "Market is closed."}, 400)
    changes = {first: a, second: b}
    once = replace(static, **changes)
    assert attrs.evolve(static, **changes) == once
    assert attrs.evolve(static, **{**changes, "message": "m"}) == replace(once, message="m")
    assert static is replace(static)


def test_maker_equals_replace_and_checks_names() -> None:
    """A maker gives what replace gives; a name that is not a field raises TypeError."""
    static = be.classify({"code": -2010, "msg": "Market is closed."}, 400)
    assert replace(static, message="m", data=[1]) == maker("message", "data")(static, "m", [1])
    with pytest.raises(TypeError):
        maker("message", "nope")
    with pytest.raises(TypeError):
        maker("message", "message")


def test_template_values_built_only_when_read() -> None:
    """Template values are slices until read, then a read-only mapping equal to the dict of them."""
    verdict = be.classify(
        {"code": -1104, "msg": "Not all sent parameters were read; read '8' parameter(s) but was sent '9'."}, 400
    )
    values = verdict.values
    assert (TemplateValues, None) == (values.__class__, values._built)  # type: ignore[attr-defined]
    assert 9 == values.get("sent")  # one value, without building the rest
    assert {"read": 8, "sent": 9} == dict(values) == values
    assert "mappingproxy({'read': 8, 'sent': 9})" == repr(values)
    with pytest.raises(TypeError):
        values["read"] = 1  # type: ignore[index]


def test_fast_constructors_equal_attrs_init() -> None:
    """fast_init gives plain, frozen instances equal to the ones attrs' __init__ makes."""
    retry = make_retry(be.RetryAction.AFTER_DELAY, 10, 20, "server_retry_after")
    assert (be.Retry, be.Retry(be.RetryAction.AFTER_DELAY, 10, 20, "server_retry_after")) == (retry.__class__, retry)
    leg = _leg_of(be.LegResult.SUCCESS, None, {"orderId": 1})
    assert be.Leg(be.LegResult.SUCCESS, None, {"orderId": 1}) == leg
    assert be.Legs(leg, leg, "replaced", "s") == _legs_of(leg, leg, "replaced", "s")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        retry.after_ms = 1  # type: ignore[misc]
    assert be.Retry == fast_init(be.Retry)(None, None, None, None).__class__


def test_a_coded_verdict_makes_its_values_and_retry_when_first_read() -> None:
    """A ban's retry time and values are read when it is classified and made into objects on first
    read, once: the same objects are read again, equal to what attrs would make, and it pickles."""
    import pickle

    from binance_errors._verdicts import CodedVerdict

    until = corpus.NOW + 120_000
    frame = {"code": -1003, "msg": corpus.BAN.format(until), "data": {"serverTime": corpus.NOW}}
    verdict = be.classify(frame, 418)
    assert CodedVerdict is verdict.__class__
    assert not hasattr(verdict, "_values") and not hasattr(verdict, "_retry")
    expected = be.Retry(be.RetryAction.AFTER_DELAY, 120_000, until, "ban_message")
    assert (expected, {"banned_until_ms": until}) == (verdict.retry, verdict.values)
    assert (verdict.retry, verdict.values) == (verdict._retry, verdict._values)  # type: ignore[attr-defined]
    assert verdict.retry is verdict.retry and verdict.values is verdict.values
    assert (120_000, until) == (verdict.retry_after_ms, verdict.retry_at_ms)
    assert _plain(verdict) == pickle.loads(pickle.dumps(verdict)) == verdict


def test_threads_reading_one_coded_verdict_get_equal_values_and_retry() -> None:
    """First reads of values and retry from several threads at once all give equal objects."""
    import threading

    frames = [corpus.as_rest(item) for item in corpus.dynamic()["bans"] + corpus.dynamic()["templated"]]
    for frame, status, headers in frames:
        verdict = be.classify(frame, status, headers)
        expected = _plain(be.classify(frame, status, headers))
        seen: list[tuple[Any, Any]] = []
        barrier = threading.Barrier(4)

        def read(verdict: be.Verdict = verdict, barrier: threading.Barrier = barrier, seen: list[Any] = seen) -> None:
            barrier.wait()
            seen.append((verdict.values, verdict.retry))

        threads = [threading.Thread(target=read) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert [(expected.values, expected.retry)] * 4 == seen
