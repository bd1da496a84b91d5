"""FIX in SBE: golden messages built byte by byte from data/upstream/sbe/spot-fixsbe-1_1.xml read as
the FIX fields a tag=value message carries, bad input unreadable, and the classify wiring."""

from __future__ import annotations

import struct
import sys
import types
from collections.abc import Iterator, Mapping
from typing import Any

import pytest

import binance_errors as be
from binance_errors._wire import fix_sbe, sbe

SENDING_US = 1_700_000_000_123_456  # 2023-11-14 22:13:20.123456 UTC
SENDING = "20231114-22:13:20.123456"
INT32_NULL, UINT32_NULL, UINT8_NULL, INT64_NULL = -(2**31), 2**32 - 1, 255, -(2**63)
TOO_MANY = "Too many new orders; current limit is 50 orders per 10 SECOND."


def frame(template: int, block: bytes, rest: bytes, seq_num: int = 7, version: int = 1) -> bytes:
    """Simple Open Framing Header (messageLength counts itself; encodingType 0xEB50) + messageHeader
    (blockLength, templateId, schemaId 1, version, seqNum, sendingTime) + the message."""
    header = struct.pack("<HHHHIq", len(block), template, 1, version, seq_num, SENDING_US)
    body = header + block + rest
    return struct.pack("<IH", 6 + len(body), 0xEB50) + body


def s8(text: str) -> bytes:
    """varString8 / optionalVarString8: uint8 length + UTF-8 (empty: absent)."""
    return struct.pack("<B", len(text.encode())) + text.encode()


def s16(text: str) -> bytes:
    """varString / optionalVarString: uint16 length + UTF-8."""
    return struct.pack("<H", len(text.encode())) + text.encode()


REJECT = frame(
    20003,  # Reject, MsgType 3
    struct.pack("<I", 5)  # 0: RefSeqNum (45) uint32, optional
    + struct.pack("<I", UINT32_NULL)  # 4: RefTagID (371), null
    + struct.pack("<B", UINT8_NULL)  # 8: SessionRejectReason (373), null
    + struct.pack("<i", -1015),  # 9: ErrorCode (25016) int32, optional
    s8("D")  # RefMsgType (372)
    + s16(TOO_MANY),  # Text (58)
)
EXECUTION_REPORT_ACK = frame(
    198,  # ExecutionReportAck, MsgType 8
    struct.pack("<q", INT64_NULL)  # 0: OrderID (37), null
    + struct.pack("<q", INT64_NULL)  # 8: ListID (66), null
    + struct.pack("<q", SENDING_US)  # 16: TransactTime (60)
    + b"8"  # 24: ExecType (150) char: Rejected
    + b"8"  # 25: OrdStatus (39) char: Rejected
    + struct.pack("<B", UINT8_NULL)  # 26: OrdRejReason (103), null
    + struct.pack("<i", -2010),  # 27: ErrorCode (25016)
    s8("my-order-1")  # ClOrdID (11)
    + s8("BTCUSDT")  # Symbol (55)
    + s16("Account has insufficient balance for requested action."),  # ErrorText (58)
)
CANCEL_REJECT = frame(
    96,  # OrderCancelReject, MsgType 9
    struct.pack("<q", INT64_NULL)  # 0: OrderID (37)
    + struct.pack("<q", INT64_NULL)  # 8: ListID (66)
    + struct.pack("<B", UINT8_NULL)  # 16: CancelRestrictions (25002)
    + b"1"  # 17: CxlRejResponseTo (434) char: OrderCancelRequest
    + struct.pack("<i", -2011),  # 18: ErrorCode (25016)
    s8("cancel-1")  # ClOrdID (11)
    + s8("my-order-1")  # OrigClOrdID (41)
    + s8("")  # OrigClListID (25015): absent
    + s8("BTCUSDT")  # Symbol (55)
    + s16("Unknown order sent."),  # ErrorText (58)
)
Q, C0, B0 = INT64_NULL, b"\x00", UINT8_NULL  # null int64, null char, null uint8
EXECUTION_REPORT_FIELDS: list[tuple[str, Any]] = [  # ExecutionReport (98), fields 1 to 58 in order
    ("b", -8),  # PriceExponent (25054)
    ("b", -8),  # QtyExponent (25055)
    ("q", Q),  # ExecID (17)
    ("q", Q),  # OrderID (37)
    ("q", 150_000),  # OrderQty (38): 0.00150000
    ("c", b"2"),  # OrdType (40): Limit
    ("c", b"1"),  # Side (54): Buy
    ("c", C0),  # ExecInst (18)
    ("q", 100_000_000),  # Price (44): 1.00000000
    ("c", C0),  # TriggerType (1100)
    ("c", C0),  # TriggerAction (1101)
    ("q", Q),  # TriggerPrice (1102)
    ("c", C0),  # TriggerPriceType (1107)
    ("c", C0),  # TriggerPriceDirection (1109)
    ("Q", 2**64 - 1),  # TriggerTrailingDeltaBips (25009)
    ("B", B0),  # PegOffsetValue (211)
    ("c", C0),  # PegPriceType (1094)
    ("B", B0),  # PegMoveType (835)
    ("c", C0),  # PegOffsetType (836)
    ("q", Q),  # PeggedPrice (839)
    ("c", b"1"),  # TimeInForce (59): GoodTillCancel
    ("q", SENDING_US),  # TransactTime (60)
    ("q", Q),  # OrderCreationTime (25018)
    ("q", Q),  # MaxFloor (111)
    ("q", Q),  # ListID (66)
    ("q", Q),  # CashOrderQty (152)
    ("i", INT32_NULL),  # TargetStrategy (847)
    ("q", Q),  # StrategyID (7940)
    ("c", C0),  # OrderCapacity (528)
    ("c", C0),  # SelfTradePreventionMode (25001)
    ("c", b"8"),  # ExecType (150): Rejected
    ("q", 0),  # CumQty (14)
    ("q", Q),  # LeavesQty (151)
    ("q", Q),  # CumQuoteQty (25017)
    ("B", B0),  # AggressorIndicator (1057)
    ("q", Q),  # TradeID (1003)
    ("q", Q),  # LastPx (31)
    ("q", 0),  # LastQty (32)
    ("c", b"8"),  # OrdStatus (39): Rejected
    ("q", Q),  # SecondaryOrderID (198)
    ("q", Q),  # SecondaryExternalAccountID (25020)
    ("q", Q),  # AllocID (70)
    ("c", C0),  # MatchType (574)
    ("B", B0),  # WorkingFloor (25021)
    ("B", B0),  # WorkingIndicator (636)
    ("q", Q),  # WorkingTime (25023)
    ("q", Q),  # TrailingTime (25022)
    ("q", Q),  # PreventedMatchID (25024)
    ("q", Q),  # PreventedExecutionPrice (25025)
    ("q", Q),  # PreventedExecutionQty (25026)
    ("q", Q),  # TradeGroupID (25027)
    ("q", Q),  # CounterOrderID (25029)
    ("q", Q),  # PreventedQty (25030)
    ("q", Q),  # LastPreventedQty (25031)
    ("B", B0),  # SOR (25032)
    ("B", 99),  # OrdRejReason (103): Other
    ("i", -2010),  # ErrorCode (25016)
    ("B", B0),  # ExpiryReason (25056), since version 1
]
EXECUTION_REPORT = frame(
    98,
    b"".join(struct.pack("<" + code, value) for code, value in EXECUTION_REPORT_FIELDS),
    struct.pack("<BH", 10, 0)  # group 136 MiscFees (smallGroupSize16Encoding): entries of 10 bytes, none
    + s8("my-order-1")  # ClOrdID (11)
    + s8("")  # OrigClOrdID (41): absent
    + s8("BTCUSDT")  # Symbol (55)
    + s8("")  # SecondarySymbol (25019)
    + s8("")  # CounterSymbol (25028)
    + s16("Account has insufficient balance for requested action."),  # ErrorText (58)
)
GOLDEN = [REJECT, EXECUTION_REPORT_ACK, CANCEL_REJECT, EXECUTION_REPORT]


def test_rejected_execution_report() -> None:
    """An ExecutionReport <8> with ExecType 8 and -2010: decimals by their exponents, the MiscFees count 0."""
    assert {
        35: "8",
        34: "7",
        52: SENDING,
        38: "0.00150000",
        40: "2",
        54: "1",
        44: "1.00000000",
        59: "1",
        60: SENDING,
        150: "8",
        14: "0.00000000",
        32: "0.00000000",
        39: "8",
        103: "99",
        25016: "-2010",
        136: "0",
        11: "my-order-1",
        55: "BTCUSDT",
        58: "Account has insufficient balance for requested action.",
    } == fix_sbe.decode(EXECUTION_REPORT)


def test_reject_reads_as_its_fix_fields() -> None:
    """A Reject <3> with ErrorCode -1015: MsgType, seqNum, sendingTime and every field by its tag."""
    assert {35: "3", 34: "7", 52: SENDING, 45: "5", 25016: "-1015", 372: "D", 58: TOO_MANY} == fix_sbe.decode(REJECT)


def test_execution_report_ack_and_cancel_reject() -> None:
    """Enums come as their FIX values (ExecType '8'); nulls and empty optional strings are absent."""
    assert {
        35: "8",
        34: "7",
        52: SENDING,
        60: SENDING,
        150: "8",
        39: "8",
        25016: "-2010",
        11: "my-order-1",
        55: "BTCUSDT",
        58: "Account has insufficient balance for requested action.",
    } == fix_sbe.decode(EXECUTION_REPORT_ACK)
    fields = fix_sbe.decode(CANCEL_REJECT)
    assert isinstance(fields, dict)
    assert ("9", "1", "-2011", "cancel-1", "my-order-1") == tuple(fields[t] for t in (35, 434, 25016, 11, 41))
    assert 25015 not in fields and 37 not in fields


def test_without_the_framing_header() -> None:
    """A message given without its Simple Open Framing Header reads the same."""
    assert fix_sbe.decode(REJECT) == fix_sbe.decode(REJECT[6:])


@pytest.mark.parametrize("message", GOLDEN, ids=["reject", "execution-report-ack", "cancel-reject", "execution-report"])
def test_truncated_at_every_byte(message: bytes) -> None:
    """Every strict prefix is unreadable (the framing length says more is coming, or a field is cut)."""
    for size in range(len(message)):
        assert fix_sbe.UNREADABLE is fix_sbe.decode(message[:size]), size


def test_bad_lengths_and_schema() -> None:
    """A Text length past the end, a framing length past the buffer, another schema id: unreadable."""
    assert fix_sbe.UNREADABLE is fix_sbe.decode(REJECT[: -len(TOO_MANY) - 2] + b"\xff\xff" + TOO_MANY.encode())
    assert fix_sbe.UNREADABLE is fix_sbe.decode(b"\xff\xff\x00\x00" + REJECT[4:])
    assert fix_sbe.UNREADABLE is fix_sbe.decode(REJECT[:10] + b"\x03\x00" + REJECT[12:])
    assert fix_sbe.recognised(REJECT) and not fix_sbe.recognised(REJECT[:10] + b"\x03\x00" + REJECT[12:])


@pytest.fixture
def fix_reader() -> Iterator[list[Mapping[int, str]]]:
    """A stand-in for ``binance_errors._wire.fix.read_fields`` (written on another branch): it records
    the fields it is handed and answers the JSON-shaped error frame of their ErrorCode and Text."""
    seen: list[Mapping[int, str]] = []

    def read_fields(fields: Mapping[int, str]) -> dict[str, Any]:
        seen.append(fields)
        return {"code": int(fields[25016]), "msg": fields.get(58, "")}

    module = types.ModuleType("binance_errors._wire.fix")
    module.read_fields = read_fields  # type: ignore[attr-defined]
    saved = sys.modules.get("binance_errors._wire.fix")
    sys.modules["binance_errors._wire.fix"] = module
    try:
        yield seen
    finally:
        if saved is None:
            del sys.modules["binance_errors._wire.fix"]
        else:
            sys.modules["binance_errors._wire.fix"] = saved


def test_classify_hands_the_fields_to_the_fix_reader(fix_reader: list[Mapping[int, str]]) -> None:
    """classify gives a FIX SBE message's fields to ``_wire.fix.read_fields`` and classifies its frame."""
    verdict = be.classify(REJECT)
    assert fix_reader and [fix_sbe.decode(REJECT)] * len(fix_reader) == fix_reader  # read once per product reading
    assert (be.StatusClass.RATE_LIMITED, -1015) == (verdict.status_class, verdict.code)


def test_classify_keeps_an_unreadable_fix_sbe_message(fix_reader: list[Mapping[int, str]]) -> None:
    """An unreadable FIX SBE message is MALFORMED with its bytes as hex, never handed to the reader."""
    cut = REJECT[:-1]
    verdict = be.classify(cut)
    assert ("MALFORMED", cut.hex(), []) == (verdict.reason, verdict.raw_text, fix_reader)
    assert sbe.UNREADABLE is fix_sbe.decode(cut)


def test_fix_layout_names_its_sources() -> None:
    """The generated FIX SBE module says it is generated and names each spot-fixsbe-*.xml with its SHA-256."""
    import hashlib
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    head = (root / "binance_errors" / "_tables" / "fix_sbe_layout.py").read_text(encoding="utf-8")[:2000]
    assert "DO NOT EDIT" in head
    for path in sorted((root / "data" / "upstream" / "sbe").glob("spot-fixsbe-*.xml")):
        assert f"data/upstream/sbe/{path.name}  sha256={hashlib.sha256(path.read_bytes()).hexdigest()}" in head


def test_a_fix_sbe_reject_through_the_real_fix_reader() -> None:
    """End to end, with ``_wire.fix.read_fields`` itself: the Reject's ErrorCode -1015 is a rate limit."""
    verdict = be.classify(REJECT)
    assert (be.StatusClass.RATE_LIMITED, -1015, "ORDER_RATE_LIMIT") == (
        verdict.status_class,
        verdict.code,
        verdict.reason,
    )
