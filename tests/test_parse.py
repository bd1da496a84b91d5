"""Reading values: the Retry-After header in both RFC 9110 forms (seconds and HTTP date)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from binance_errors._parse import http_date_ms, retry_after_header, retry_after_ms_or_at

AT = 784_111_777_000  # Sun, 06 Nov 1994 08:49:37 GMT, RFC 9110's example


@pytest.mark.parametrize(
    "text",
    [
        "Sun, 06 Nov 1994 08:49:37 GMT",
        "Sunday, 06-Nov-94 08:49:37 GMT",
        "Sun Nov  6 08:49:37 1994",
        " Sun, 06 Nov 1994 10:49:37 +0200 ",
    ],
)
def test_the_three_http_date_forms(text: str) -> None:
    """IMF-fixdate, the obsolete RFC 850 form and asctime (no zone: UTC) all read as the same instant."""
    assert AT == http_date_ms(text)


def test_a_date_is_an_absolute_time_and_a_delay_from_the_date_header() -> None:
    """An HTTP-date Retry-After gives at_ms; after_ms only against the response's Date header."""
    assert (None, AT) == retry_after_ms_or_at("Sun, 06 Nov 1994 08:49:37 GMT")
    assert (60_000, AT) == retry_after_ms_or_at("Sun, 06 Nov 1994 08:49:37 GMT", "Sun, 06 Nov 1994 08:48:37 GMT")
    assert (-1000, AT) == retry_after_ms_or_at("Sun, 06 Nov 1994 08:49:37 GMT", "Sun, 06 Nov 1994 08:49:38 GMT")
    assert (None, AT) == retry_after_ms_or_at("Sun, 06 Nov 1994 08:49:37 GMT", "not a date")


def test_seconds_stay_a_delay() -> None:
    """Whole seconds are a delay with no absolute time (the Date header plays no part)."""
    assert [(3000, None), (120_000, None), (0, None)] == [
        retry_after_ms_or_at("3", "Sun, 06 Nov 1994 08:48:37 GMT"),
        retry_after_ms_or_at(120),
        retry_after_ms_or_at(" 0 "),
    ]


@pytest.mark.parametrize("value", ["0.02", "1e3", "-1", "+5", "inf", "nan", "1_000", "٣"])
def test_only_digits_are_seconds(value: str) -> None:
    """RFC 9110 delay-seconds are digits: "1e3" is not 1000 s, "0.02" not 20 ms (no guess)."""
    assert (None, None) == retry_after_ms_or_at(value)


@pytest.mark.parametrize(
    "value", [None, "", "soon", "Sun, 06 Nov", "Sun, 99 Nov 1994 08:49:37 GMT", True, [], "x" * 10_000]
)
def test_unreadable_values(value: Any) -> None:
    """Anything that is neither seconds nor a date is (None, None), never an exception."""
    assert (None, None) == retry_after_ms_or_at(value)


def test_one_scan_of_any_header_mapping() -> None:
    """retry_after_header reads Retry-After and Date in any letter case, bytes included."""
    headers = [(b"RETRY-AFTER", b"Sun, 06 Nov 1994 08:49:37 GMT"), ("date", "Sun, 06 Nov 1994 08:49:00 GMT")]
    assert (37_000, AT) == retry_after_header(headers)
    assert (None, None) == retry_after_header({"Date": "Sun, 06 Nov 1994 08:49:00 GMT"})
    assert (None, None) == retry_after_header(None)


@given(st.one_of(st.text(max_size=80), st.binary(max_size=80)), st.one_of(st.none(), st.text(max_size=80)))
def test_never_raises(value: Any, date: Any) -> None:
    """Any text or bytes is read without raising; a date read back is a plain int."""
    after, at = retry_after_ms_or_at(value, date)
    assert after is None or isinstance(after, int)
    assert at is None or isinstance(at, int)
