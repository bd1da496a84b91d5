"""FIX tag=value answers (data/upstream/fix/fix-api.md), written by simplefix (a FIX library of its
own, so BodyLength and CheckSum are another implementation's), classified through ``classify``.

The expected verdicts are written from the FIX page and the spot error page, not read from the code.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import simplefix
from hypothesis import given
from hypothesis import strategies as st

import binance_errors as be
from binance_errors._decide import RAW_TEXT_LIMIT
from binance_errors._wire import fix

from .cases import BAN_MSG, CASES
from .invariants import check_verdict
from .reference import PLACEHOLDER, messages_of, product

SOH = b"\x01"
HEADER = [(49, "SPOT"), (56, "TRADER1"), (34, "7"), (52, "20240612-08:52:21.636837")]
PAGE = Path(__file__).resolve().parent.parent / "data" / "upstream" / "fix" / "fix-api.md"


def message(msg_type: str, *fields: tuple[int, Any], header: bool = True) -> bytes:
    """One FIX 4.4 message encoded by simplefix (BodyLength and CheckSum computed by it)."""
    out = simplefix.FixMessage()
    out.append_pair(8, "FIX.4.4", header=True)
    out.append_pair(35, msg_type, header=True)
    for tag, value in HEADER if header else ():
        out.append_pair(tag, value, header=True)
    for tag, value in fields:
        out.append_pair(tag, value)
    encoded: bytes = out.encode()
    return encoded


def piped(raw: bytes) -> str:
    """The same message as the docs print it: `|` for SOH (the CheckSum is still SOH's)."""
    return raw.replace(SOH, b"|").decode("ascii")


def summary(verdict: be.Verdict) -> dict[str, Any]:
    return {
        "status_class": verdict.status_class.value,
        "execution": verdict.execution.value,
        "retry": verdict.retry.action.value,
        "reconcile": verdict.reconcile.value,
        "reason": verdict.reason,
        "code": verdict.code,
    }


def expect(cls: str, retry: str, reconcile: str, reason: str, code: int | None) -> dict[str, Any]:
    execution = {"ok": "yes", "unknown_execution": "unknown"}.get(cls, "no")
    return {
        "status_class": cls,
        "execution": execution,
        "retry": retry,
        "reconcile": reconcile,
        "reason": reason,
        "code": code,
    }


INSUFFICIENT = "Account has insufficient balance for requested action."
CLIENT = "client_error"

# (id, message, expected verdict, expected data): from the FIX page's message tables and errors.md.
GOLDEN: list[tuple[str, bytes, dict[str, Any], dict[str, str]]] = [
    (
        # Reject <3> for an order over the order rate limit: -1015 is rate limiting (DESIGN rule 3).
        "reject-1015",
        message("3", (45, "6"), (372, "D"), (25016, "-1015"), (58, "Too many new orders.")),
        expect("rate_limited", "after_delay", "reduce_rate", "ORDER_RATE_LIMIT", -1015),
        {"MsgType": "3", "RefSeqNum": "6", "RefMsgType": "D", "ErrorCode": "-1015", "Text": "Too many new orders."},
    ),
    (
        # Connection limits are reported through Reject <3> (page "Connection Limits"): -1034.
        "reject-connection-limit",
        message("3", (25016, "-1034"), (58, "Too many concurrent connections; current limit is '10'.")),
        expect("rate_limited", "after_delay", "reduce_rate", "TOO_MANY_CONNECTIONS", -1034),
        {"MsgType": "3", "ErrorCode": "-1034", "Text": "Too many concurrent connections; current limit is '10'."},
    ),
    (
        # The message limit (-1181 TOO_MANY_MESSAGES) is a rate limit too.
        "reject-message-limit",
        message(
            "3", (45, "9"), (25016, "-1181"), (58, "Too many messages; current limit is '10000' messages per '10s'.")
        ),
        expect("rate_limited", "after_delay", "reduce_rate", "TOO_MANY_MESSAGES", -1181),
        {
            "MsgType": "3",
            "RefSeqNum": "9",
            "ErrorCode": "-1181",
            "Text": "Too many messages; current limit is '10000' messages per '10s'.",
        },
    ),
    (
        # A Reject with only SessionRejectReason 10: SendingTime is off, resync the clock.
        "reject-373-sendingtime",
        message("3", (45, "2"), (373, "10"), (58, "SendingTime accuracy problem")),
        expect(CLIENT, "after_fix", "resync_clock", "SENDINGTIME_ACCURACY_PROBLEM", 10),
        {"MsgType": "3", "RefSeqNum": "2", "SessionRejectReason": "10", "Text": "SendingTime accuracy problem"},
    ),
    (
        # SessionRejectReason 8 (signature problem): the key or the signature.
        "reject-373-signature",
        message("3", (45, "1"), (372, "A"), (373, "8")),
        expect(CLIENT, "no", "check_credentials", "SIGNATURE_PROBLEM", 8),
        {"MsgType": "3", "RefSeqNum": "1", "RefMsgType": "A", "SessionRejectReason": "8"},
    ),
    (
        # A 373 value the page does not list is still a session-level rejection.
        "reject-373-unlisted",
        message("3", (373, "4")),
        expect(CLIENT, "no", "fix_request", "UNKNOWN_SESSION_REJECT_REASON", 4),
        {"MsgType": "3", "SessionRejectReason": "4"},
    ),
    (
        # ErrorCode beats SessionRejectReason: it is the API's own code.
        "reject-errorcode-and-373",
        message("3", (371, "38"), (373, "5"), (25016, "-1100"), (58, "Illegal characters found in a parameter.")),
        expect(CLIENT, "no", "fix_request", "ILLEGAL_CHARS", -1100),
        {
            "MsgType": "3",
            "RefTagID": "38",
            "SessionRejectReason": "5",
            "ErrorCode": "-1100",
            "Text": "Illegal characters found in a parameter.",
        },
    ),
    (
        # A Reject with nothing but its type is still a rejection (never ok).
        "reject-bare",
        message("3", (45, "3")),
        expect(CLIENT, "no", "fix_request", "UNSUCCESSFUL", None),
        {"MsgType": "3", "RefSeqNum": "3"},
    ),
    (
        # ExecutionReport <8> ExecType 8 REJECTED with -2010 insufficient balance.
        "execution-report-rejected",
        message(
            "8",
            (11, "order-1"),
            (55, "BTCUSDT"),
            (150, "8"),
            (39, "8"),
            (25016, "-2010"),
            (58, INSUFFICIENT),
        ),
        expect(CLIENT, "no", "check_balance", "INSUFFICIENT_BALANCE", -2010),
        {
            "MsgType": "8",
            "ClOrdID": "order-1",
            "Symbol": "BTCUSDT",
            "ExecType": "8",
            "OrdStatus": "8",
            "ErrorCode": "-2010",
            "Text": INSUFFICIENT,
        },
    ),
    (
        # A rejected ExecutionReport that gives no ErrorCode is a rejection all the same.
        "execution-report-rejected-no-code",
        message("8", (11, "order-2"), (150, "8"), (39, "8")),
        expect(CLIENT, "no", "fix_request", "UNSUCCESSFUL", None),
        {"MsgType": "8", "ClOrdID": "order-2", "ExecType": "8", "OrdStatus": "8"},
    ),
    (
        # ExecutionReport NEW: the order is on the book.
        "execution-report-new",
        message("8", (11, "order-3"), (37, "76"), (55, "LTCBNB"), (150, "0"), (39, "0"), (14, "0"), (32, "0")),
        expect("ok", "no", "none", "OK", None),
        {"MsgType": "8", "ClOrdID": "order-3", "OrderID": "76", "Symbol": "LTCBNB", "ExecType": "0", "OrdStatus": "0"},
    ),
    (
        # ExecutionReport TRADE (a fill), with its one NoMiscFees group entry.
        "execution-report-trade",
        message("8", (11, "order-4"), (150, "F"), (39, "2"), (136, "1"), (137, "0.001"), (138, "BNB"), (139, "4")),
        expect("ok", "no", "none", "OK", None),
        {"MsgType": "8", "ClOrdID": "order-4", "ExecType": "F", "OrdStatus": "2"},
    ),
    (
        # OrderCancelReject <9> "Unknown order sent.": the order is not open any more; query it.
        "cancel-reject-unknown-order",
        message("9", (11, "cancel-1"), (41, "order-5"), (434, "1"), (25016, "-2011"), (58, "Unknown order sent.")),
        expect(CLIENT, "no", "query_order", "UNKNOWN_ORDER", -2011),
        {
            "MsgType": "9",
            "ClOrdID": "cancel-1",
            "OrigClOrdID": "order-5",
            "ErrorCode": "-2011",
            "Text": "Unknown order sent.",
        },
    ),
    (
        # OrderCancelReject by cancel restrictions: a definite rejection, the order is still live.
        "cancel-reject-restrictions",
        message(
            "9", (11, "c2"), (41, "o6"), (25016, "-2011"), (58, "Order was not canceled due to cancel restrictions.")
        ),
        expect(CLIENT, "no", "none", "CANCEL_RESTRICTED", -2011),
        {
            "MsgType": "9",
            "ClOrdID": "c2",
            "OrigClOrdID": "o6",
            "ErrorCode": "-2011",
            "Text": "Order was not canceled due to cancel restrictions.",
        },
    ),
    (
        # OrderAmendReject <XAR>, the page's sample text: -2038 changes nothing.
        "amend-reject",
        message(
            "XAR",
            (11, "amend-1"),
            (37, "0"),
            (55, "BTCUSDT"),
            (38, "1.000000"),
            (25016, "-2038"),
            (58, "The requested action would change no state; rejecting."),
        ),
        expect(CLIENT, "no", "none", "NO_STATE_CHANGE", -2038),
        {
            "MsgType": "XAR",
            "ClOrdID": "amend-1",
            "OrderID": "0",
            "Symbol": "BTCUSDT",
            "ErrorCode": "-2038",
            "Text": "The requested action would change no state; rejecting.",
        },
    ),
    (
        # ListStatus <N> ListOrderStatus 7 REJECT, the orders' group holding the error.
        "list-status-reject",
        message(
            "N",
            (55, "BTCUSDT"),
            (25014, "list-1"),
            (429, "2"),
            (431, "7"),
            (73, "2"),
            (55, "BTCUSDT"),
            (11, "leg-1"),
            (25016, "-1013"),
            (58, "Filter failure: PRICE_FILTER"),
            (55, "BTCUSDT"),
            (11, "leg-2"),
        ),
        expect(CLIENT, "no", "refresh_exchange_info", "FILTER_FAILURE", -1013),
        {
            "MsgType": "N",
            "ClOrdID": "leg-1",
            "Symbol": "BTCUSDT",
            "ClListID": "list-1",
            "ListOrderStatus": "7",
            "ErrorCode": "-1013",
            "Text": "Filter failure: PRICE_FILTER",
        },
    ),
    (
        # ListStatus EXECUTING: the list was placed.
        "list-status-executing",
        message("N", (55, "BTCUSDT"), (66, "25"), (429, "4"), (431, "3"), (73, "1"), (55, "BTCUSDT"), (11, "w1")),
        expect("ok", "no", "none", "OK", None),
        {"MsgType": "N", "ClOrdID": "w1", "Symbol": "BTCUSDT", "ListID": "25", "ListOrderStatus": "3"},
    ),
    (
        # OrderMassCancelReport <r> MassCancelResponse 0: the mass cancel was rejected.
        "mass-cancel-rejected",
        message("r", (55, "LTCBNB"), (11, "mass-1"), (530, "1"), (531, "0"), (532, "99"), (25016, "-1121")),
        expect(CLIENT, "no", "fix_request", "BAD_SYMBOL", -1121),
        {"MsgType": "r", "ClOrdID": "mass-1", "Symbol": "LTCBNB", "MassCancelResponse": "0", "ErrorCode": "-1121"},
    ),
    (
        # MarketDataRequestReject <Y>, the page's sample: a similar subscription is active.
        "md-reject-1191",
        message(
            "Y",
            (262, "BOOK_TICKER_2"),
            (281, "2"),
            (25016, "-1191"),
            (
                58,
                "Similar subscription is already active on this connection. Symbol='BNBBUSD', "
                "active subscription id: 'BOOK_TICKER_1'.",
            ),
        ),
        expect(CLIENT, "no", "fix_request", "TOO_MANY_SUBSCRIPTIONS", -1191),
        {
            "MsgType": "Y",
            "MDReqID": "BOOK_TICKER_2",
            "MDReqRejReason": "2",
            "ErrorCode": "-1191",
            "Text": "Similar subscription is already active on this connection. Symbol='BNBBUSD', "
            "active subscription id: 'BOOK_TICKER_1'.",
        },
    ),
    (
        # A MarketDataRequestReject with only MDReqRejReason 1 (duplicate MDReqID): rejected.
        "md-reject-reason-only",
        message("Y", (262, "TRADE_1"), (281, "1")),
        expect(CLIENT, "no", "fix_request", "UNSUCCESSFUL", None),
        {"MsgType": "Y", "MDReqID": "TRADE_1", "MDReqRejReason": "1"},
    ),
    (
        # Logout <5> (here the answer to the client's own): the session is over, open a new one.
        "logout",
        message("5", (58, "Logout acknowledgment.")),
        expect("ok", "no", "reconnect", "FIX_LOGOUT", None),
        {"MsgType": "5", "Text": "Logout acknowledgment."},
    ),
    (
        # News <B> during maintenance: establish a new session before the countdown ends.
        "news-countdown",
        message("B", (148, "You'll be disconnected in 60 seconds. Please reconnect.")),
        expect("ok", "no", "reconnect", "FIX_MAINTENANCE", None),
        {"MsgType": "B", "Headline": "You'll be disconnected in 60 seconds. Please reconnect."},
    ),
    (
        # A Reject whose Text is a ban message: banned, with the ban's end (rule 3).
        "reject-ban",
        message("3", (25016, "-1003"), (58, BAN_MSG)),
        expect("banned", "after_delay", "reduce_rate", "IP_BANNED_UNTIL", -1003),
        {"MsgType": "3", "ErrorCode": "-1003", "Text": BAN_MSG},
    ),
]

OK_MESSAGES = [
    ("logon", message("A", (98, "0"), (108, "30"), (25037, "4392a152-3481-4499-921a-6d42c50702e2"))),
    ("heartbeat", message("0")),
    ("test-request", message("1", (112, "ping-1"))),
    (
        "limit-response",
        message("XLR", (6136, "q1"), (25003, "2"), (25004, "2"), (25005, "1"), (25004, "1"), (25005, "0")),
    ),
    (
        "md-snapshot",
        message("W", (262, "BOOK_1"), (55, "BNBBUSD"), (268, "2"), (269, "0"), (270, "1"), (269, "1"), (270, "2")),
    ),
    (
        "md-incremental",
        message(
            "X", (262, "TRADE_3"), (268, "2"), (279, "0"), (269, "2"), (270, "10"), (279, "0"), (269, "2"), (270, "11")
        ),
    ),
    ("instrument-list", message("y", (320, "BTCUSDT_INFO"), (146, "1"), (55, "BTCUSDT"), (15, "USDT"))),
    ("mass-cancel-accepted", message("r", (55, "LTCBNB"), (11, "m2"), (530, "1"), (531, "1"), (533, "5"))),
]


@pytest.mark.parametrize(("raw", "expected", "data"), [case[1:] for case in GOLDEN], ids=[case[0] for case in GOLDEN])
def test_golden_fix_message(raw: bytes, expected: dict[str, Any], data: dict[str, str]) -> None:
    """Each FIX message classifies as the FIX and error pages say; its identifying fields are kept."""
    verdict = be.classify(raw)
    check_verdict(verdict, "fix")
    assert expected == summary(verdict)
    assert data == verdict.data
    assert "fix" == verdict.product


@pytest.mark.parametrize("raw", [case[1] for case in OK_MESSAGES], ids=[case[0] for case in OK_MESSAGES])
def test_other_messages_are_ok(raw: bytes) -> None:
    """Logon, Heartbeat, TestRequest, limits, market data and accepted reports are successes."""
    verdict = be.classify(raw)
    check_verdict(verdict, "fix")
    assert expect("ok", "no", "none", "OK", None) == summary(verdict)
    assert fix.parse(raw) is not None and raw.split(SOH)[2].decode()[3:] == verdict.data["MsgType"]


def test_a_ban_keeps_its_end() -> None:
    """The ban's end in a Reject's Text is the retry time, as in the JSON error."""
    assert 1659146400000 == be.classify(GOLDEN[-1][1]).retry_at_ms


def test_every_input_type_and_separator_reads_the_same() -> None:
    """bytes, bytearray, memoryview, str, the docs' `|` form and a log line's newline: one verdict."""
    raw = GOLDEN[8][1]
    expected = be.classify(raw)
    for same in (bytearray(raw), memoryview(raw), raw.decode(), piped(raw), piped(raw) + "\n", raw + b"\r\n"):
        assert expected == be.classify(same)


def test_the_product_argument_does_not_change_a_fix_message() -> None:
    """FIX text is read with the fix table whatever product is named (Binance FIX is spot)."""
    raw = GOLDEN[0][1]
    assert be.classify(raw) == be.classify(raw, product="usdm") == be.classify(raw, product="fix")


def _page_samples() -> list[str]:
    return [line for line in PAGE.read_text(encoding="utf-8").splitlines() if line.startswith("8=FIX")]


def test_the_pages_own_samples() -> None:
    """The page's sample messages whose BodyLength and CheckSum are right read as the page says; the
    samples the page edited by hand (a CheckSum or BodyLength that does not match) are unreadable."""
    readable = {}
    for sample in _page_samples():
        fields = fix.parse(sample)
        verdict = be.classify(sample)
        if fields is None:
            assert "MALFORMED" == verdict.reason
            continue
        readable[fields[35]] = summary(verdict)
    assert expect(CLIENT, "no", "none", "NO_STATE_CHANGE", -2038) == readable["XAR"]
    assert expect("ok", "no", "reconnect", "FIX_MAINTENANCE", None) == readable["B"]
    assert expect("ok", "no", "reconnect", "FIX_LOGOUT", None) == readable["5"]
    for ok in ("A", "N", "XLR", "X", "XAK", "y"):
        assert expect("ok", "no", "none", "OK", None) == readable[ok], ok
    # Five samples were edited after their CheckSum was computed (it is 32 off: one letter's case).
    assert {"D", "8", "F", "9", "XCN", "r", "E", "V", "Y", "W"} == {
        sample.split("|")[2][3:] for sample in _page_samples() if fix.parse(sample) is None
    }


# -- bad input: never raises, MALFORMED under 2xx or no status, the raw text kept ------------------


def _with_body_length(raw: bytes, length: str) -> bytes:
    parts = raw.split(SOH)
    parts[1] = b"9=" + length.encode()
    body = SOH.join(parts[:-2]) + SOH
    return body + b"10=%03d" % (sum(body) % 256) + SOH


def _reframed(raw: bytes, drop: bytes = b"", append: bytes = b"") -> bytes:
    """``raw`` without the field ``drop`` and with ``append`` at the body's end, BodyLength and
    CheckSum made right again (a message that is wrong in that one way only)."""
    parts = raw.split(SOH)[:-2]  # without the CheckSum and the final empty piece
    body = [part for part in parts[2:] if part != drop] + ([append] if append else [])
    text = SOH.join(body) + SOH
    head = parts[0] + SOH + b"9=%d" % len(text) + SOH + text
    return head + b"10=%03d" % (sum(head) % 256) + SOH


def _without_checksum(raw: bytes) -> bytes:
    return raw[: raw.rindex(b"10=")]


BAD = [
    ("no-35", _reframed(message("3", (25016, "-1015"), (58, "Too many new orders.")), drop=b"35=3")),
    ("35-not-third", _reframed(message("3", (25016, "-1013")), drop=b"35=3", append=b"35=3")),
    ("repeated-tag", message("3", (58, "a"), (58, "b"))),
    ("repeated-code", message("8", (150, "8"), (25016, "-2010"), (25016, "-1013"))),
    ("repeated-header", _reframed(message("3"), append=b"35=3")),
    ("wrong-body-length", _with_body_length(message("3", (25016, "-1013")), "999")),
    ("wrong-checksum", message("3", (25016, "-1013"))[:-4] + b"000\x01"),
    ("no-checksum", _without_checksum(message("3", (25016, "-1013")))),
    ("non-ascii-text", message("3", (25016, "-1013"), (58, "Filtre échoué".encode()))),
    ("control-character", message("3", (25016, "-1013"), (58, "tab\there"))),
    ("empty-value", message("3", (58, ""))),
    ("tag-not-a-number", _reframed(message("3"), append=b"x1=1")),
    ("tag-with-a-leading-zero", _reframed(message("3"), append=b"058=text")),
    ("huge-body-length", _with_body_length(message("3"), "9" * 5000)),
    ("huge-tag", _reframed(message("3"), append=b"9" * 5000 + b"=x")),
    ("no-final-separator", message("3", (25016, "-1013"))[:-1]),
    ("two-messages", message("0") + message("0")),
    ("only-the-prefix", b"8=FIX"),
]


@pytest.mark.parametrize("raw", [case[1] for case in BAD], ids=[case[0] for case in BAD])
def test_malformed_fix_is_unknown_execution_with_the_raw_text(raw: bytes) -> None:
    """Unreadable FIX under no status or a 2xx: MALFORMED, execution unknown, the text kept."""
    assert fix.parse(raw) is None
    for status in (None, 200):
        verdict = be.classify(raw, status)
        check_verdict(verdict, "fix")
        assert expect("unknown_execution", "after_reconcile", "query_order", "MALFORMED", None) == summary(verdict)
        assert raw.decode("utf-8", "replace")[:RAW_TEXT_LIMIT] == verdict.raw_text


def test_malformed_fix_under_an_error_status_takes_the_status_rules() -> None:
    """Under a 4xx/5xx/429 the status decides, as it does for unreadable JSON."""
    raw = BAD[5][1]
    assert "client_error" == be.classify(raw, 400).status_class.value
    assert ("unknown_execution", "SERVER_ERROR") == (
        be.classify(raw, 503).status_class.value,
        be.classify(raw, 503).reason,
    )
    assert "rate_limited" == be.classify(raw, 429).status_class.value


def test_the_raw_text_kept_is_bounded() -> None:
    """A huge unreadable FIX message keeps its first RAW_TEXT_LIMIT characters."""
    raw = message("3", (58, "x" * 100_000))[:-4] + b"000\x01"
    verdict = be.classify(raw)
    assert "MALFORMED" == verdict.reason
    assert raw[:RAW_TEXT_LIMIT].decode() == verdict.raw_text


def test_a_huge_number_is_kept_as_sent() -> None:
    """An ErrorCode of thousands of digits (past int()'s limit on text) never raises: kept as sent."""
    verdict = be.classify(message("3", (25016, "-" + "9" * 5000), (58, "x")))
    assert ("-" + "9" * 5000, None) == (verdict.raw_code, verdict.code)
    check_verdict(verdict, "fix")


def test_a_long_message_is_read_and_its_checksum_checked() -> None:
    """A message of thousands of bytes (past the length where one shortcut of the CheckSum holds)
    reads when right, and is unreadable with its CheckSum one off."""
    text = "Filter failure: PRICE_FILTER " + "x" * 3000
    raw = message("3", (25016, "-1013"), (58, text))
    assert ("FILTER_FAILURE", text) == (be.classify(raw).reason, be.classify(raw).message)
    checksum = int(raw[-4:-1])
    wrong = raw[:-4] + b"%03d\x01" % ((checksum + 1) % 256)
    assert "MALFORMED" == be.classify(wrong).reason


def test_a_truncated_message_is_unreadable_at_every_byte() -> None:
    """Every proper prefix of a valid message that starts with 8=FIX is MALFORMED, never raised."""
    raw = GOLDEN[8][1]
    for end in range(5, len(raw)):
        verdict = be.classify(raw[:end])
        assert "MALFORMED" == verdict.reason, end


def test_a_repeating_group_may_repeat_its_tags() -> None:
    """Tags inside a repeating group of the message (from the FIX dictionary) may repeat; the first value is kept."""
    raw = OK_MESSAGES[5][1]
    fields = fix.parse(raw)
    assert fields is not None and "10" == fields[270]
    assert fix.parse(message("0", (270, "1"), (270, "2"))) is None  # not a group tag of a Heartbeat


@given(st.binary(max_size=200), st.integers(0, 400), st.one_of(st.none(), st.sampled_from([200, 400, 503])))
def test_mutated_fix_never_raises(noise: bytes, at: int, status: int | None) -> None:
    """Bytes spliced into a valid message at any place give a consistent verdict, never an exception."""
    raw = GOLDEN[0][1]
    at = min(at, len(raw))
    for mutated in (raw[:at] + noise + raw[at:], (raw[:at] + noise + raw[at:]).decode("latin-1")):
        verdict = be.classify(mutated, status)
        check_verdict(verdict, "fix" if mutated[:5] in (b"8=FIX", "8=FIX") else "spot")


# -- the same errors as JSON and as FIX ------------------------------------------------------------


def _json_errors() -> list[tuple[str, int, str]]:
    """The golden cases' error objects with an int code (not a success code) and an ASCII message, and no `data`."""
    found = []
    success = set(product("spot")["success_codes"])
    for case_id, frame, _status, _headers, _expected in CASES:
        error = frame.get("error", frame) if isinstance(frame, dict) else None
        if not isinstance(error, dict) or "data" in error:
            continue
        code, msg = error.get("code"), error.get("msg")
        if (
            code.__class__ is int
            and code not in success
            and isinstance(msg, str)
            and msg
            and msg.isascii()
            and msg.isprintable()
        ):
            found.append((case_id, code, msg))
    return found


def _advice(verdict: be.Verdict) -> tuple[Any, ...]:
    return (
        verdict.status_class,
        verdict.code,
        verdict.reason,
        verdict.execution,
        verdict.retry,
        verdict.reconcile,
        verdict.values,
    )


def _as_fix(code: int, msg: str) -> list[bytes]:
    return [
        message("3", (45, "4"), (25016, str(code)), (58, msg)),
        message("8", (11, "o1"), (150, "8"), (39, "8"), (25016, str(code)), (58, msg)),
    ]


@pytest.mark.parametrize(
    ("code", "msg"), [case[1:] for case in _json_errors()], ids=[case[0] for case in _json_errors()]
)
def test_golden_json_errors_read_the_same_as_fix(code: int, msg: str) -> None:
    """Each golden JSON error, sent as a FIX Reject and a rejected ExecutionReport, gives the same
    class, code, reason, execution, retry, reconcile (and values) as the spot JSON error with no status."""
    expected = _advice(be.classify({"code": code, "msg": msg}, product="spot"))
    for raw in _as_fix(code, msg):
        assert expected == _advice(be.classify(raw))


def _spot_messages() -> list[tuple[int, str]]:
    table = product("spot")
    return [
        (code, PLACEHOLDER.sub("7", row.get("match", row["text"])))
        for code in table["codes"]
        for row in messages_of(table, code)
        if row["text"].isascii()
    ]


@given(st.sampled_from(_spot_messages()))
def test_every_spot_message_reads_the_same_as_fix(pair: tuple[int, str]) -> None:
    """Any documented spot (code, message), as FIX, gives what the JSON error gives."""
    code, msg = pair
    expected = _advice(be.classify({"code": code, "msg": msg}, product="spot"))
    for raw in _as_fix(code, msg):
        assert expected == _advice(be.classify(raw))
