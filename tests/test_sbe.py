"""SBE answers (spot schema 3): golden frames built byte by byte, bad input, and agreement with JSON.

Expected verdicts come from the docs (the spot error page, the WebSocket API response format, the
SBE schema), never from the decoder: the same answers as JSON are in tests/cases.py and
binance_errors/_samples.py.
"""

from __future__ import annotations

import struct
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import binance_errors as be
from binance_errors._samples import SAMPLES
from binance_errors._tables import sbe_layout
from binance_errors._wire import sbe

from . import sbe_frames as F
from .cases import BAN_MSG, CASES, attribute

ROOT = Path(__file__).resolve().parent.parent
GENERATOR = ROOT / "tools" / "gen_sbe.py"
INSUFFICIENT = "Account has insufficient balance for requested action."
RATE_LIMITS = SAMPLES[0][1]["rateLimits"]  # the docs' order.place example: ORDERS 10s and 1d, weight 1m
BAN_SERVER_US = 1659142907531_999  # the docs' serverTime 1659142907531 ms, 999 us later
BAN_RETRY_US = 1659146400000_001  # the docs' retryAfter 1659146400000 ms, 1 us later
KEYS = ("status_class", "code", "reason", "execution", "retry", "reconcile")


def expect(verdict: be.Verdict, expected: dict[str, Any]) -> None:
    assert expected == {key: attribute(verdict, key) for key in expected}


# -- the layouts: generated from the schemas, fresh, and equal to Binance's own codec -------------


def test_layout_module_is_fresh() -> None:
    """`tools/gen_sbe.py --check` passes: the checked-in layouts match data/upstream/sbe/."""
    result = subprocess.run([sys.executable, str(GENERATOR), "--check"], capture_output=True, text=True)
    assert (0, "") == (result.returncode, result.stdout)


def test_check_mode_fails_on_a_stale_layout(tmp_path: Path) -> None:
    """After a schema edit `--check` exits 1 and writes nothing; regenerating makes it pass."""
    schemas, out = tmp_path / "sbe", tmp_path / "sbe_layout.py"
    schemas.mkdir()
    for path in (ROOT / "data" / "upstream" / "sbe").glob("spot_3_*.xml"):
        (schemas / path.name).write_bytes(path.read_bytes())
    out.write_bytes((ROOT / "binance_errors" / "_tables" / "sbe_layout.py").read_bytes())
    argv = [sys.executable, str(GENERATOR), "--schemas", str(schemas), "--out", str(out)]
    assert 0 == subprocess.run([*argv, "--check"], capture_output=True).returncode
    latest = schemas / "spot_3_5.xml"
    text = latest.read_text(encoding="utf-8")
    latest.write_text(
        text.replace('<field id="1" name="code" type="int16"/>', '<field id="1" name="code" type="int32"/>')
    )
    before = out.read_text(encoding="utf-8")
    stale = subprocess.run([*argv, "--check"], capture_output=True, text=True)
    assert (1, "stale: sbe_layout.py\n") == (stale.returncode, stale.stdout)
    assert before == out.read_text(encoding="utf-8")
    assert 0 == subprocess.run(argv, capture_output=True).returncode
    assert 0 == subprocess.run([*argv, "--check"], capture_output=True).returncode


def test_layout_names_its_sources() -> None:
    """The generated module says it is generated and names every spot_3_*.xml with its SHA-256."""
    import hashlib

    head = (ROOT / "binance_errors" / "_tables" / "sbe_layout.py").read_text(encoding="utf-8")[:2000]
    assert "DO NOT EDIT" in head
    for path in sorted((ROOT / "data" / "upstream" / "sbe").glob("spot_3_*.xml")):
        assert f"data/upstream/sbe/{path.name}  sha256={hashlib.sha256(path.read_bytes()).hexdigest()}" in head


def test_layouts_match_the_official_codec() -> None:
    """Block lengths and offsets of schema 3:4 equal those of Binance's generated Rust codec
    (binance-sbe-rust-sample-app 20c3839c, spot_sbe/src/*_codec.rs: SBE_BLOCK_LENGTH and the
    offsets of each getter)."""
    layouts = sbe_layout.LAYOUTS[4]
    assert {50: 3, 100: 18, 300: 24, 301: 154, 302: 154, 305: 137, 307: 2} == {
        template: layout[1] for template, layout in layouts.items()
    }
    offsets = {name: (offset, code) for name, offset, code, *_ in layouts[100][2]}
    assert {"code": (0, "h"), "serverTime": (2, "q"), "retryAfter": (10, "q")} == offsets
    (group,) = layouts[50][3]  # rateLimits: groupSize16Encoding, entries of 19 bytes
    assert ("rateLimits", "<HH", 4, 19) == group[:4]
    assert [0, 1, 2, 3, 11] == [field[1] for field in group[4]]
    assert [("id", "B"), ("result", "I")] == [(name, code) for name, code, *_ in layouts[50][4]]
    assert [("cancelResponse", "H"), ("newOrderResponse", "I")] == [(n, c) for n, c, *_ in layouts[307][4]]
    assert (3, "<HHHH", 8) == (sbe_layout.SCHEMA_ID, sbe_layout.HEADER_FORMAT, sbe_layout.HEADER_SIZE)


def test_every_published_version_of_schema_3_is_laid_out() -> None:
    """Versions 3:0 to 3:5 (the lifecycle files' list) each have their layouts."""
    assert (0, 1, 2, 3, 4, 5) == sbe_layout.VERSIONS == tuple(sbe_layout.LAYOUTS)


# -- golden frames --------------------------------------------------------------------------------

ERROR_2010 = F.error_response(-2010, INSUFFICIENT)
BAN = F.error_response(-1003, BAN_MSG, BAN_SERVER_US, BAN_RETRY_US)
WS_BAN = F.websocket_response(418, BAN, request_id="922bcc6e-9de8-440d-9e84-7c80933a8d0d")
TOO_MANY_ORDERS = "Too many new orders; current limit is 50 orders per 10 SECOND."
ORDERS_FULL = [{"rateLimitType": "ORDERS", "interval": "SECOND", "intervalNum": 10, "limit": 50, "count": 50}]
WS_1015 = F.websocket_response(429, F.error_response(-1015, TOO_MANY_ORDERS), ORDERS_FULL)
WS_2010 = F.websocket_response(400, ERROR_2010, RATE_LIMITS, request_id=SAMPLES[1][1]["id"])
ACK = F.new_order_ack("BTCUSDT", 12510053279, "a097fe6304b20a7e4fc436", 1655716096505_123)
WS_OK = F.websocket_response(200, ACK, RATE_LIMITS, request_id=SAMPLES[0][1]["id"])
LEGS_JSON = SAMPLES[4][1]  # REST 409: the old order canceled, the new one failed
CANCELED = F.cancel_order(LEGS_JSON["data"]["cancelResponse"], -6, -6, 1684804350068_000)
TAKE = F.error_response(-2010, "Order would immediately match and take.")
LEGS = F.error_response(
    -2021, "Order cancel-replace partially failed.", data=F.cancel_replace("SUCCESS", "FAILURE", CANCELED, TAKE)
)


def test_rest_2010_at_400() -> None:
    """A REST SBE ErrorResponse -2010 under 400 keeps its code: insufficient balance, not executed."""
    verdict = be.classify(ERROR_2010, 400, F.SBE_HEADERS)
    expect(verdict, {"status_class": "client_error", "execution": "no", "code": -2010, "name": "NEW_ORDER_REJECTED"})
    expect(verdict, {"reason": "INSUFFICIENT_BALANCE", "reconcile": "check_balance", "retry": "no"})
    assert INSUFFICIENT == verdict.message


def test_content_type_in_any_case_and_as_bytes() -> None:
    """The Content-Type is matched in any letter case, with parameters, as str or bytes."""
    for headers in ({"content-type": "APPLICATION/SBE"}, [(b"Content-Type", b"application/sbe; charset=x")]):
        assert -2010 == be.classify(bytearray(ERROR_2010), 400, headers).code


def test_418_ban_with_retry_after_in_microseconds() -> None:
    """A ban's serverTime/retryAfter (us) become ms: serverTime floored, retryAfter rounded up; banned
    until then, over the WebSocket API and over REST."""
    at = 1659146400001  # 1659146400000_001 us, rounded up
    after = at - 1659142907531  # serverTime 1659142907531_999 us, floored
    expected = {"status_class": "banned", "execution": "no", "reason": "IP_BANNED_UNTIL", "retry": "after_delay"}
    for verdict in (be.classify(WS_BAN), be.classify(BAN, 418, F.SBE_HEADERS)):
        expect(verdict, {**expected, "retry_at_ms": at, "retry_after_ms": after, "code": -1003})
    assert {"serverTime": 1659142907531, "retryAfter": at} == be.classify(WS_BAN).data


def test_ws_429_1015_takes_its_retry_from_the_rate_limits_group() -> None:
    """-1015 at 429 with no retry hint: rate limited until the exhausted ORDERS 10 SECOND bucket ends."""
    now = 1_700_000_003_000
    verdict = be.classify(WS_1015, now_ms=now)
    expect(verdict, {"status_class": "rate_limited", "execution": "no", "code": -1015})
    expect(verdict, {"values": {"limit": 50, "interval": "10 SECOND"}, "retry": "after_delay"})
    assert (1_700_000_010_000, 7_000) == (verdict.retry_at_ms, verdict.retry_after_ms)


def test_ws_error_with_rate_limits_reads_like_the_json_frame() -> None:
    """The docs' -2010 WebSocket API frame in SBE: the same verdict and rate limits as its JSON."""
    assert be.classify(SAMPLES[1][1]) == be.classify(WS_2010)
    assert be.rate_limits(SAMPLES[1][1]) == be.rate_limits(WS_2010)


def test_ws_success_is_ok_and_feeds_rate_limits() -> None:
    """A WebSocketResponse wrapping an order is ok; its rateLimits group reads as the JSON entries."""
    expect(be.classify(WS_OK), {"status_class": "ok", "execution": "yes", "retry": "no"})
    usage = be.rate_limits(WS_OK, now_ms=1_655_716_096_505)
    expected = [(e["rateLimitType"], e["interval"], e["intervalNum"], e["limit"], e["count"]) for e in RATE_LIMITS]
    assert expected == [(x.kind, x.interval, x.interval_num, x.limit, x.count) for x in usage.limiters]
    assert be.rate_limits(SAMPLES[0][1], now_ms=1_655_716_096_505) == usage


def test_ws_success_frame_decodes_to_the_json_shape() -> None:
    """id, status, rateLimits and the order, in the JSON API's names (times in ms, null orderListId -1)."""
    assert {
        "id": SAMPLES[0][1]["id"],
        "status": 200,
        "rateLimits": RATE_LIMITS,
        "result": {
            "orderId": 12510053279,
            "orderListId": -1,
            "transactTime": 1655716096505,
            "symbol": "BTCUSDT",
            "clientOrderId": "a097fe6304b20a7e4fc436",
        },
    } == sbe.decode(WS_OK)


def test_2021_legs_in_data() -> None:
    """-2021 at 409 with a CancelReplaceOrderResponse in data: partial; the cancel leg's order as in JSON,
    the new order's ErrorResponse as its {code, msg}."""
    verdict = be.classify(LEGS, 409, F.SBE_HEADERS)
    expect(verdict, {"status_class": "partial", "execution": "partly", "reconcile": "inspect_legs"})
    expect(verdict, {"retry": "after_reconcile", "code": -2021})
    assert verdict.legs is not None
    assert be.LegsOutcome.CANCELED_NOT_REPLACED == verdict.legs.outcome
    assert -2010 == verdict.legs.new_order.verdict.code
    order = verdict.legs.cancel.order
    assert order is not None
    expected = LEGS_JSON["data"]["cancelResponse"]
    assert expected == {key: order[key] for key in expected}
    json_verdict = be.classify(LEGS_JSON, 409)  # the order has more fields in SBE: the verdicts agree, not the data
    assert {k: attribute(json_verdict, k) for k in KEYS} == {k: attribute(verdict, k) for k in KEYS}
    assert json_verdict.legs is not None and json_verdict.legs.summary == verdict.legs.summary


def test_ws_error_inside_websocket_response_keeps_its_legs() -> None:
    """The same -2021 inside a WebSocketResponse reads as `error.data` holding the legs."""
    verdict = be.classify(F.websocket_response(409, LEGS))
    assert verdict.legs is not None and be.LegsOutcome.CANCELED_NOT_REPLACED == verdict.legs.outcome
    assert verdict.legs.cancel.order is not None and "CANCELED" == verdict.legs.cancel.order["status"]


def test_classify_reads_a_successful_result_by_its_template_only() -> None:
    """`read` (what classify uses) names a successful WebSocket result; `decode` gives its fields."""
    assert {"sbeTemplateId": 300, "sbeMessage": "NewOrderAckResponse"} == sbe.read(WS_OK)["result"]  # type: ignore[index]
    assert "BTCUSDT" == sbe.decode(WS_OK)["result"]["symbol"]  # type: ignore[index]


def test_a_newer_version_with_longer_blocks_still_reads() -> None:
    """A version 6 frame whose blocks (message, group entries) grew decodes as 3:5 does (the extension rule)."""
    newer = F.websocket_response(
        400,
        F.error_response(-2010, INSUFFICIENT, version=6, extra_block=b"\x07" * 8),
        RATE_LIMITS,
        request_id=SAMPLES[1][1]["id"],
        version=6,
        extra_block=b"\x01\x02",
        extra_entry=b"\x09\x09",
    )
    assert sbe.decode(WS_2010) == sbe.decode(newer)
    assert be.classify(WS_2010) == be.classify(newer)
    longer_rest = F.error_response(-2010, INSUFFICIENT, version=9, extra_block=b"\x00" * 30) + b"appended data"
    assert be.classify(ERROR_2010, 400, F.SBE_HEADERS) == be.classify(longer_rest, 400, F.SBE_HEADERS)


def test_a_shorter_block_leaves_out_what_it_does_not_reach() -> None:
    """An ErrorResponse block of 10 bytes (code and serverTime only) has no retryAfter."""
    full = F.error_response(-1003, BAN_MSG, BAN_SERVER_US, BAN_RETRY_US)
    short = struct.pack("<HHHH", 10, 100, 3, 5) + full[8:18] + full[26:]
    assert {"code": -1003, "msg": BAN_MSG, "data": {"serverTime": 1659142907531}} == sbe.decode(short)


def test_other_known_templates_are_a_success() -> None:
    """Any other message of the schema (a ping, an event, market data) is ok, over REST and WebSocket."""
    ping = F.header(0, 101)  # PingResponse: no fields
    event = F.header(8, 602) + struct.pack("<q", 1)  # EventStreamTerminatedEvent: eventTime
    for frame in (ping, event):
        expect(be.classify(frame, 200, F.SBE_HEADERS), {"status_class": "ok", "execution": "yes"})
        expect(be.classify(F.websocket_response(200, frame)), {"status_class": "ok", "execution": "yes"})


# -- bad input: never raises, unreadable like any body --------------------------------------------

GOLDEN = [ERROR_2010, BAN, WS_BAN, WS_1015, WS_2010, WS_OK, LEGS]


@pytest.mark.parametrize("frame", GOLDEN, ids=range(len(GOLDEN)))
def test_truncated_at_every_byte(frame: bytes) -> None:
    """Every strict prefix: MALFORMED unknown_execution under 200 or no status, client_error under 400,
    with the bytes kept as hex when they were read as SBE; never raises."""
    for size in range(len(frame)):
        cut = frame[:size]
        assert sbe.UNREADABLE is sbe.decode(cut)
        for status in (None, 200):
            verdict = be.classify(cut, status, F.SBE_HEADERS if status else None)
            expect(verdict, {"status_class": "unknown_execution", "execution": "unknown", "retry": "after_reconcile"})
            assert verdict.reason in ("MALFORMED", "EMPTY_RESPONSE"), size
        rest = be.classify(memoryview(cut), 400, F.SBE_HEADERS)
        expect(rest, {"status_class": "client_error", "execution": "no"})
        if size:
            assert cut.hex() == rest.raw_text


def _bad(frame: bytes, at: int, value: bytes) -> bytes:
    return frame[:at] + value + frame[at + len(value) :]


BAD = {
    # msg length (offset 8 + 18) says 65535 bytes
    "msg-length-past-end": _bad(ERROR_2010, 26, b"\xff\xff"),
    # data length (after msg) says 2**31 - 1 bytes
    "data-length-past-end": _bad(ERROR_2010, 28 + len(INSUFFICIENT), b"\xff\xff\xff\x7f"),
    # rateLimits count (offset 8 + 3 + 2) says 65535 entries
    "group-count-huge": _bad(WS_2010, 13, b"\xff\xff"),
    # result length says 4294967295 (a negative int32)
    "result-length-negative": _bad(WS_OK, len(WS_OK) - len(ACK) - 4, b"\xff\xff\xff\xff"),
    "unknown-schema": _bad(ERROR_2010, 4, b"\x02\x00"),
    "unknown-template": _bad(ERROR_2010, 2, b"\x0f\x27"),  # 9999
    "embedded-unknown-schema": _bad(WS_OK, len(WS_OK) - len(ACK) + 4, b"\x09\x00"),
    "leg-length-past-end": _bad(LEGS, len(LEGS) - len(TAKE) - 4 - len(CANCELED) - 2, b"\xff\xff"),
}


def test_fills_count_negative() -> None:
    """A NewOrderFullResponse whose fills count is 0xFFFFFFFF (a negative int32) is unreadable."""
    block = bytes(154)
    full = F.header(154, 302) + block + struct.pack("<HI", 42, 0xFFFFFFFF)
    assert sbe.UNREADABLE is sbe.decode(full)
    assert sbe.UNREADABLE is sbe.decode(F.websocket_response(200, full))
    expect(be.classify(full, 200, F.SBE_HEADERS), {"status_class": "unknown_execution", "reason": "MALFORMED"})


@pytest.mark.parametrize("name", list(BAD))
def test_bad_lengths_counts_schema_and_template(name: str) -> None:
    """Lengths or counts past the buffer, an unknown schema or template: unreadable, the status rules apply."""
    frame = BAD[name]
    assert sbe.UNREADABLE is sbe.decode(frame)
    expect(be.classify(frame, 200, F.SBE_HEADERS), {"status_class": "unknown_execution", "reason": "MALFORMED"})
    expect(be.classify(frame, 429, F.SBE_HEADERS), {"status_class": "rate_limited", "execution": "no"})
    assert frame.hex() == be.classify(frame, 200, F.SBE_HEADERS).raw_text


def test_raw_bytes_are_bounded() -> None:
    """An unreadable SBE body keeps the hex of its first 4096 bytes only."""
    huge = F.header(18, 100) + b"\xff" * 100_000  # a data length of 2**32 - 1 at the end
    assert huge[:4096].hex() == be.classify(huge, 200, F.SBE_HEADERS).raw_text


def test_text_is_never_sbe() -> None:
    """A str body is never read as SBE, even under an SBE Content-Type: plain text, kept as text."""
    verdict = be.classify("not json", 200, F.SBE_HEADERS)
    assert ("MALFORMED", "not json") == (verdict.reason, verdict.raw_text)


def test_without_content_type_only_a_spot_header_is_sbe() -> None:
    """Bytes without the Content-Type are read as SBE only with schema id 3 and a known template;
    anything else goes the plain-text way."""
    assert sbe.recognised(WS_OK) and not sbe.recognised(BAD["unknown-schema"]) and not sbe.recognised(b"{}")
    expect(be.classify(b'{"code":-2010,"msg":"' + INSUFFICIENT.encode() + b'"}', 400), {"code": -2010})
    verdict = be.classify(BAD["unknown-template"], 200)
    expect(verdict, {"status_class": "unknown_execution", "reason": "MALFORMED"})


# -- agreement with JSON --------------------------------------------------------------------------

ENCODABLE = [
    (name, frame, status, headers, F.encode_error_frame(frame))
    for name, frame, status, headers, _ in CASES
    if isinstance(frame, dict) and F.encode_error_frame(frame) is not None
]


def test_enough_golden_frames_are_encodable() -> None:
    """The golden set has a good number of JSON error frames SBE can carry (WebSocket and REST)."""
    assert len(ENCODABLE) >= 25
    assert {True, False} == {"error" in frame for _, frame, *_ in ENCODABLE}


@pytest.mark.parametrize(("name", "frame", "status", "headers", "encoded"), ENCODABLE, ids=[c[0] for c in ENCODABLE])
def test_golden_json_errors_and_their_sbe_agree(
    name: str, frame: Any, status: Any, headers: Any, encoded: bytes
) -> None:
    """Each JSON error frame of the golden set and its SBE encoding: same class, code, reason, execution,
    retry and reconcile."""
    sbe_headers = {**(headers or {}), **F.SBE_HEADERS} if "error" not in frame else headers
    json_verdict = be.classify(frame, status, headers)
    sbe_verdict = be.classify(encoded, status, sbe_headers)
    assert {k: attribute(json_verdict, k) for k in KEYS} == {k: attribute(sbe_verdict, k) for k in KEYS}
    assert (json_verdict.retry_after_ms, json_verdict.retry_at_ms) == (
        sbe_verdict.retry_after_ms,
        sbe_verdict.retry_at_ms,
    )


def _documented() -> list[tuple[int, str]]:
    table = be.load_table("spot")
    return sorted((code, msg) for code, messages in table.exact.items() for msg in messages if -(2**15) <= code < 2**15)


@given(
    pair=st.sampled_from(_documented()),
    status=st.sampled_from([200, 400, 401, 403, 409, 418, 429, 500, 503]),
    timing=st.one_of(st.none(), st.tuples(st.integers(0, 2**41), st.integers(0, 10**7))),
    over_ws=st.booleans(),
)
def test_documented_errors_agree_in_sbe_and_json(
    pair: tuple[int, str], status: int, timing: tuple[int, int] | None, over_ws: bool
) -> None:
    """Any documented (code, msg) under any status, with or without serverTime/retryAfter: the SBE
    encoding classifies as the JSON does."""
    code, msg = pair
    error: dict[str, Any] = {"code": code, "msg": msg}
    if timing is not None:
        error["data"] = {"serverTime": timing[0], "retryAfter": timing[0] + timing[1]}
    frame = {"id": "7", "status": status, "error": error} if over_ws else error
    encoded = F.encode_error_frame(frame)
    assert encoded is not None
    json_verdict = be.classify(frame, None if over_ws else status)
    sbe_verdict = be.classify(encoded, None if over_ws else status, None if over_ws else F.SBE_HEADERS)
    assert {k: attribute(json_verdict, k) for k in KEYS} == {k: attribute(sbe_verdict, k) for k in KEYS}
    assert json_verdict.retry == sbe_verdict.retry


@given(
    golden=st.sampled_from(GOLDEN),
    edits=st.lists(st.tuples(st.integers(0, 400), st.integers(0, 255)), max_size=6),
    status=st.sampled_from([None, 200, 400, 418, 429, 503]),
)
def test_mutated_frames_never_raise(golden: bytes, edits: list[tuple[int, int]], status: int | None) -> None:
    """Golden frames with bytes overwritten: decode gives a frame or UNREADABLE, classify a verdict that
    is never ok unless the frame decoded."""
    mutated = bytearray(golden)
    for at, value in edits:
        if at < len(mutated):
            mutated[at] = value
    assert sbe.decode(mutated) is sbe.UNREADABLE or isinstance(sbe.decode(mutated), dict)
    decoded = sbe.decode(mutated, results=False)  # what classify reads (a success result by its template)
    verdict = be.classify(bytes(mutated), status, F.SBE_HEADERS if status else None)
    assert isinstance(verdict, be.Verdict)
    if decoded is sbe.UNREADABLE:
        assert verdict.status_class is not be.StatusClass.OK


@given(template=st.sampled_from(sorted(sbe_layout.TEMPLATES)), tail=st.binary(max_size=64))
def test_random_bodies_under_any_template_never_raise(template: int, tail: bytes) -> None:
    """Random bytes after a valid header of any template: a frame or UNREADABLE, never an exception."""
    frame = F.header(len(tail), template) + tail
    decoded = sbe.decode(frame)
    assert decoded is sbe.UNREADABLE or isinstance(decoded, dict)
    assert isinstance(be.classify(frame), be.Verdict)


def test_rate_limits_of_a_failed_status_are_read_for_classify() -> None:
    """A 429 WebSocketResponse whose result is no error still has its rateLimits for the retry time."""
    ping = F.header(0, 101)
    frame = F.websocket_response(429, ping, ORDERS_FULL)
    assert ORDERS_FULL == sbe.read(frame)["rateLimits"]  # type: ignore[index]
    assert "rateLimits" not in sbe.read(F.websocket_response(200, ping, ORDERS_FULL))  # type: ignore[operator]


@pytest.mark.parametrize("frame", [*GOLDEN, *BAD.values()], ids=[f"golden-{i}" for i in range(len(GOLDEN))] + list(BAD))
@pytest.mark.parametrize("status", [None, 200, 400, 429])
def test_hot_path_equals_the_complete_procedure(frame: bytes, status: int | None) -> None:
    """classify (whose hot path reads SBE after ujson fails) equals the complete procedure on SBE bytes."""
    from binance_errors._infer import classify_any

    table = be.load_table("spot")
    for headers in (None, F.SBE_HEADERS):
        assert repr(classify_any(table, frame, status, headers)) == repr(be.classify(frame, status, headers))


def test_json_never_loads_the_sbe_decoder() -> None:
    """Importing the package and classifying JSON (dicts, bytes, memoryviews, a list, HTML) loads no SBE module."""
    code = (
        "import sys, binance_errors as be; "
        "be.classify({'code': -1121, 'msg': 'Invalid symbol.'}, 400); "
        'be.classify(b\'{"id": 1, "status": 200, "result": {}}\'); '
        'be.classify(memoryview(b\'{"code": -2010, "msg": "x"}\'), 400); be.classify(b\'[]\', 200); '
        "be.rate_limits({'rateLimits': []}); "
        "be.classify(b'<html>502 Bad Gateway</html>', 502, {'Content-Type': 'text/html'}); "
        "print(sorted(m for m in sys.modules if 'sbe' in m))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert "[]" == result.stdout.strip(), result.stderr


def test_a_successful_cancel_replace_has_its_legs() -> None:
    """A REST 200 CancelReplaceOrderResponse (both legs SUCCESS) is ok; cancel_replace_legs reads both
    orders from the SBE bytes, as from the JSON body, over REST and inside a WebSocketResponse."""
    replaced = F.cancel_replace("SUCCESS", "SUCCESS", CANCELED, ACK)
    expect(be.classify(replaced, 200, F.SBE_HEADERS), {"status_class": "ok", "execution": "yes"})
    for frame in (replaced, F.websocket_response(200, replaced)):
        legs = be.cancel_replace_legs(frame)
        assert legs is not None and be.LegsOutcome.REPLACED == legs.outcome
        assert legs.cancel.order is not None and legs.new_order.order is not None
        assert ("CANCELED", 12510053279) == (legs.cancel.order["status"], legs.new_order.order["orderId"])


def test_an_older_version_reads_with_its_own_layout() -> None:
    """A 3:0 NewOrderResultResponse (block 142: no peg fields yet) reads its fields, the absent ones left out."""
    block = (
        struct.pack("<bb", -8, -8)  # priceExponent, qtyExponent
        + struct.pack("<qqq", 5, F.INT64_NULL, 1_700_000_000_000_999)  # orderId, orderListId (null), transactTime
        + struct.pack(
            "<qqqq", 100_000_000, 150_000, 0, 0
        )  # price 1.0, origQty 0.0015, executedQty, cummulativeQuoteQty
        + struct.pack("<BBBB", 0, 0, 1, 0)  # status NEW, timeInForce GTC, orderType LIMIT, side BUY
        + struct.pack("<qqqqqq", *[F.INT64_NULL] * 6)  # stopPrice..strategyId: null
        + struct.pack("<i", -(2**31))  # strategyType: null
        + struct.pack("<BBB", 1, 1, 1)  # orderCapacity, workingFloor, selfTradePreventionMode
        + struct.pack("<q", F.INT64_NULL)  # tradeGroupId: null
        + struct.pack("<q", 0)  # preventedQuantity
        + struct.pack("<B", 0)  # usedSor
        + struct.pack("<q", 0)  # origQuoteOrderQty
    )
    assert 142 == len(block)
    message = F.header(142, 301, version=0) + block + F.var_string8("BTCUSDT") + F.var_string8("c-1")
    order = sbe.decode(message)
    assert isinstance(order, dict)
    expected = {"orderId": 5, "orderListId": -1, "transactTime": 1_700_000_000_000, "price": "1.00000000"}
    assert expected == {key: order[key] for key in expected}
    assert ("0.00150000", "NEW", "LIMIT", "BTCUSDT", "c-1") == tuple(
        order[k] for k in ("origQty", "status", "type", "symbol", "clientOrderId")
    )
    assert "pegPriceType" not in order and "expiryReason" not in order
