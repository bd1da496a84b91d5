"""A test-only SBE encoder for the spot schema 3:5, written by hand from ``data/upstream/sbe/spot_3_5.xml``.

Independent of the decoder and of the generated layouts: every offset and type below was read
off the XML (fields in order, no padding, little-endian) and agrees with Binance's generated Rust
codec (``binance/binance-sbe-rust-sample-app``, ``spot_sbe/src/*_codec.rs``, schema 3:4, whose
block lengths and offsets for these messages are the same: ErrorResponse 18, WebSocketResponse 3,
a rateLimits entry 19, CancelReplaceOrderResponse 2, NewOrderAckResponse 24, CancelOrderResponse 137).
"""

from __future__ import annotations

import struct
from typing import Any

INT64_NULL = -(2**63)  # the SBE null of an optional int64 (utcTimestampUs, mantissa64, orderId)
SCHEMA_ID, VERSION = 3, 5
SBE_HEADERS = {"Content-Type": "application/sbe"}

# enum values (spot_3_5.xml <enum>): the JSON spelling -> the byte
RATE_LIMIT_TYPE = {"RAW_REQUESTS": 0, "CONNECTIONS": 1, "REQUEST_WEIGHT": 2, "ORDERS": 3}
RATE_LIMIT_INTERVAL = {"SECOND": 0, "MINUTE": 1, "HOUR": 2, "DAY": 3}
CANCEL_REPLACE_STATUS = {"SUCCESS": 0, "FAILURE": 1, "NOT_ATTEMPTED": 2}
ORDER_STATUS = {"NEW": 0, "FILLED": 2, "CANCELED": 3}
ORDER_TYPE = {"LIMIT": 1, "LIMIT_MAKER": 6}
ORDER_SIDE = {"BUY": 0, "SELL": 1}
TIME_IN_FORCE = {"GTC": 0}


def header(block_length: int, template_id: int, schema_id: int = SCHEMA_ID, version: int = VERSION) -> bytes:
    """messageHeader: blockLength, templateId, schemaId, version (uint16 each)."""
    return struct.pack("<HHHH", block_length, template_id, schema_id, version)


def var_string16(text: str) -> bytes:
    """varString: uint16 length + UTF-8."""
    raw = text.encode()
    return struct.pack("<H", len(raw)) + raw


def var_string8(text: str) -> bytes:
    """varString8: uint8 length + UTF-8."""
    raw = text.encode()
    return struct.pack("<B", len(raw)) + raw


def message_data32(message: bytes) -> bytes:
    """messageData / optionalMessageData: uint32 length + an SBE message (header included); 0 = null."""
    return struct.pack("<I", len(message)) + message


def message_data16(message: bytes) -> bytes:
    """optionalMessageData16: uint16 length + an SBE message; 0 = null."""
    return struct.pack("<H", len(message)) + message


def error_response(
    code: int,
    msg: str,
    server_time_us: int | None = None,
    retry_after_us: int | None = None,
    data: bytes = b"",
    version: int = VERSION,
    extra_block: bytes = b"",
) -> bytes:
    """ErrorResponse (templateId 100, blockLength 18). ``extra_block``: fixed bytes a newer version appends."""
    block = (
        struct.pack("<h", code)  # offset 0: code int16
        + struct.pack("<q", INT64_NULL if server_time_us is None else server_time_us)  # 2: serverTime, optional
        + struct.pack("<q", INT64_NULL if retry_after_us is None else retry_after_us)  # 10: retryAfter, optional
        + extra_block
    )
    return (
        header(len(block), 100, version=version)
        + block
        + var_string16(msg)  # data 200: msg (varString)
        + message_data32(data)  # data 201: data (optionalMessageData): a CancelReplaceOrderResponse, or empty
    )


def rate_limit_entry(kind: str, interval: str, interval_num: int, limit: int, count: int) -> bytes:
    """One rateLimits entry (blockLength 19)."""
    return (
        struct.pack("<B", RATE_LIMIT_TYPE[kind])  # 0: rateLimitType
        + struct.pack("<B", RATE_LIMIT_INTERVAL[interval])  # 1: interval
        + struct.pack("<B", interval_num)  # 2: intervalNum uint8
        + struct.pack("<q", limit)  # 3: rateLimit int64 (JSON "limit")
        + struct.pack("<q", count)  # 11: current int64 (JSON "count")
    )


def websocket_response(
    status: int,
    result: bytes,
    rate_limits: list[dict[str, Any]] | None = None,
    request_id: str = "1",
    deprecated: bool = False,
    version: int = VERSION,
    extra_block: bytes = b"",
    extra_entry: bytes = b"",
) -> bytes:
    """WebSocketResponse (templateId 50, blockLength 3) wrapping ``result`` (an SBE message)."""
    entries = [
        rate_limit_entry(e["rateLimitType"], e["interval"], e["intervalNum"], e["limit"], e["count"]) + extra_entry
        for e in rate_limits or []
    ]
    block = (
        struct.pack("<B", 1 if deprecated else 0)  # 0: sbeSchemaIdVersionDeprecated (boolEnum)
        + struct.pack("<H", status)  # 1: status uint16
        + extra_block
    )
    return (
        header(len(block), 50, version=version)
        + block
        + struct.pack("<HH", 19 + len(extra_entry), len(entries))  # group 100 rateLimits: groupSize16Encoding
        + b"".join(entries)
        + var_string8(request_id)  # data 200: id (varString8)
        + message_data32(result)  # data 201: result (messageData)
    )


def cancel_replace(
    cancel_result: str, new_order_result: str, cancel_response: bytes, new_order_response: bytes
) -> bytes:
    """CancelReplaceOrderResponse (templateId 307, blockLength 2)."""
    block = struct.pack("<BB", CANCEL_REPLACE_STATUS[cancel_result], CANCEL_REPLACE_STATUS[new_order_result])
    return (
        header(len(block), 307)
        + block
        + message_data16(cancel_response)  # data 200: cancelResponse (optionalMessageData16)
        + message_data32(new_order_response)  # data 201: newOrderResponse (optionalMessageData)
    )


def new_order_ack(symbol: str, order_id: int, client_order_id: str, transact_time_us: int) -> bytes:
    """NewOrderAckResponse (templateId 300, blockLength 24)."""
    block = (
        struct.pack("<q", order_id)  # 0: orderId
        + struct.pack("<q", INT64_NULL)  # 8: orderListId, optional (null: JSON -1)
        + struct.pack("<q", transact_time_us)  # 16: transactTime (utcTimestampUs)
    )
    return header(len(block), 300) + block + var_string8(symbol) + var_string8(client_order_id)


def cancel_order(order: dict[str, Any], price_exponent: int, qty_exponent: int, transact_time_us: int) -> bytes:
    """CancelOrderResponse (templateId 305, blockLength 137) for a JSON order object (decimals as strings)."""

    def mantissa(text: str, exponent: int) -> int:
        whole, _, fraction = text.partition(".")
        return int(whole + fraction.ljust(-exponent, "0"))

    block = (
        struct.pack("<b", price_exponent)  # 0: priceExponent
        + struct.pack("<b", qty_exponent)  # 1: qtyExponent
        + struct.pack("<q", order["orderId"])  # 2: orderId
        + struct.pack("<q", INT64_NULL if order["orderListId"] == -1 else order["orderListId"])  # 10: orderListId
        + struct.pack("<q", transact_time_us)  # 18: transactTime
        + struct.pack("<q", mantissa(order["price"], price_exponent))  # 26: price
        + struct.pack("<q", mantissa(order["origQty"], qty_exponent))  # 34: origQty
        + struct.pack("<q", mantissa(order["executedQty"], qty_exponent))  # 42: executedQty
        + struct.pack("<q", mantissa(order["cummulativeQuoteQty"], price_exponent))  # 50: cummulativeQuoteQty
        + struct.pack("<B", ORDER_STATUS[order["status"]])  # 58: status
        + struct.pack("<B", TIME_IN_FORCE[order["timeInForce"]])  # 59: timeInForce
        + struct.pack("<B", ORDER_TYPE[order["type"]])  # 60: orderType (JSON "type")
        + struct.pack("<B", ORDER_SIDE[order["side"]])  # 61: side
        + struct.pack("<qqqqq", *[INT64_NULL] * 5)  # 62..94: stopPrice, trailingDelta, trailingTime, icebergQty,
        # strategyId: optional, null
        + struct.pack("<i", -(2**31))  # 102: strategyType int32, optional, null
        + struct.pack("<B", 1)  # 106: orderCapacity PRINCIPAL
        + struct.pack("<B", 1)  # 107: workingFloor EXCHANGE
        + struct.pack("<B", 1)  # 108: selfTradePreventionMode NONE
        + struct.pack("<q", 0)  # 109: preventedQuantity
        + struct.pack("<B", 0)  # 117: usedSor False
        + struct.pack("<q", 0)  # 118: origQuoteOrderQty
        + struct.pack("<BBB", 255, 255, 255)  # 126..128: pegPriceType, pegOffsetType, pegOffsetValue: null
        + struct.pack("<q", INT64_NULL)  # 129: peggedPrice, optional, null
    )
    assert 137 == len(block)
    return (
        header(len(block), 305)
        + block
        + var_string8(order["symbol"])
        + var_string8(order["origClientOrderId"])
        + var_string8(order["clientOrderId"])
    )


def encode_error_frame(frame: dict[str, Any]) -> bytes | None:
    """The SBE encoding of a JSON error frame (WebSocket API ``{"status", "error"}`` or a REST
    ``{"code", "msg"}`` body), or None when SBE cannot carry it (a code outside int16, a message that
    is no string, ``data`` other than serverTime/retryAfter in ms)."""
    error = frame.get("error", frame)
    if not isinstance(error, dict) or set(error) - {"code", "msg", "data"}:
        return None
    code, msg, data = error.get("code"), error.get("msg"), error.get("data")
    if code.__class__ is not int or not -(2**15) <= code < 2**15 or msg.__class__ is not str:
        return None
    server = retry = None
    if data is not None:
        if not isinstance(data, dict) or set(data) - {"serverTime", "retryAfter"}:
            return None
        server, retry = data.get("serverTime"), data.get("retryAfter")
        if any(v is not None and v.__class__ is not int for v in (server, retry)):
            return None
    body = error_response(code, msg, None if server is None else server * 1000, None if retry is None else retry * 1000)
    if "error" not in frame:
        return body if set(frame) <= {"code", "msg", "data"} else None
    status = frame.get("status")
    if status.__class__ is not int or not 0 <= status < 2**16 or set(frame) - {"id", "status", "error", "rateLimits"}:
        return None
    return websocket_response(status, body, frame.get("rateLimits"), str(frame.get("id", "")))
