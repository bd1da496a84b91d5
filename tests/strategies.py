"""Hypothesis strategies for responses: JSON-like values, frames, statuses."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
)
json_values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.text(max_size=10), children, max_size=4),
    ),
    max_leaves=20,
)
statuses = st.one_of(
    st.none(),
    st.sampled_from([200, 400, 401, 403, 404, 409, 418, 429, 500, 503, 302, 0, -1, 1000]),
    st.integers(),
    st.text(max_size=5),
    st.booleans(),
    st.floats(),
)
CODES = [-1000, -1003, -1006, -1013, -1015, -1021, -2010, -2011, -2021, -2022, -2043, -9999, 200, 0]
MESSAGES = [
    "Account has insufficient balance for requested action.",
    "Filter failure: LOT_SIZE",
    "Filter failure: WHATEVER",
    "Unknown order sent.",
    "Way too much request weight used; IP banned until 1700000000000. Please use WebSocket Streams for live updates "
    "to avoid bans.",
    "Too many new orders; current limit is 50 orders per 10 SECOND.",
    "Order cancel-replace partially failed.",
]
codes = st.one_of(st.sampled_from(CODES), json_values)
messages = st.one_of(st.sampled_from(MESSAGES), json_values)


@st.composite
def errors(draw: st.DrawFn) -> dict[str, Any]:
    error: dict[str, Any] = {}
    if draw(st.booleans()):
        error["code"] = draw(codes)
    if draw(st.booleans()):
        error[draw(st.sampled_from(["msg", "message"]))] = draw(messages)
    if draw(st.booleans()):
        error["data"] = draw(
            st.one_of(
                json_values,
                st.fixed_dictionaries({"serverTime": st.integers(0, 2**45), "retryAfter": st.integers(0, 2**45)}),
                st.fixed_dictionaries(
                    {
                        "cancelResult": st.sampled_from(["SUCCESS", "FAILURE", "NOT_ATTEMPTED", "?"]),
                        "newOrderResult": st.sampled_from(["SUCCESS", "FAILURE", "NOT_ATTEMPTED", 1]),
                        "cancelResponse": st.one_of(
                            json_values, st.fixed_dictionaries({"code": codes, "msg": messages})
                        ),
                        "newOrderResponse": st.one_of(
                            json_values, st.fixed_dictionaries({"code": codes, "msg": messages})
                        ),
                    }
                ),
            )
        )
    return error


@st.composite
def frames(draw: st.DrawFn) -> Any:
    kind = draw(st.integers(0, 3))
    if kind == 0:  # WebSocket API frame
        frame: dict[str, Any] = {"id": draw(json_values), "status": draw(statuses)}
        if draw(st.booleans()):
            frame["error"] = draw(st.one_of(errors(), json_values))
        else:
            frame["result"] = draw(json_values)
        return frame
    if kind == 1:  # REST body
        return draw(errors())
    if kind == 2:
        return draw(json_values)
    return draw(st.one_of(st.binary(max_size=80), st.text(max_size=80)))


# -- Hostile input (issue 7): every field of a frame mutated ---------------------------------

ODD_TEXT = [
    "",
    " ",
    "\x00",
    "\ufeff-2010",  # byte order mark
    "\u200b-2010",  # zero-width space
    "\u202e0102-",  # right-to-left override
    "－２０１０",  # fullwidth digits
    "٤٠٠",  # Arabic-Indic digits
    "²",
    "e\u0301" * 3,  # combining marks
    "\ud800",  # lone surrogate
    "\udfff\ud800",
    "𝕭𝖎𝖓𝖆𝖓𝖈𝖊",
    "NaN",
    "Infinity",
    "-Infinity",
    "1e400",
    "0x7e7",
    "1_000",
    " -2010 ",
    "+429",
    "429.0",
    "9" * 25,
    "-" + "9" * 20,
]
odd_strings = st.one_of(
    st.sampled_from(ODD_TEXT),
    st.text(max_size=30),
    st.text(alphabet=st.characters(categories=["Cs", "Cf", "Mn", "Zs", "Cc", "Nd"]), max_size=12),
)
odd_numbers = st.one_of(
    st.integers(),
    st.integers(min_value=-(2**200), max_value=2**200),
    st.sampled_from([0, -1, 2**63, -(2**63) - 1, 10**300, -2010.0, 429.0, 0.5, 1e308, -1e308, 5e-324]),
    st.floats(),
)
odd_scalars = st.one_of(st.none(), st.booleans(), odd_numbers, odd_strings)
hostile_values = st.recursive(
    odd_scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(
            st.one_of(st.sampled_from(["code", "msg", "data", "error"]), st.text(max_size=8)), children, max_size=4
        ),
    ),
    max_leaves=12,
)


def nest(depth: int, leaf: Any = None, kind: int = 0) -> Any:
    """A value nested ``depth`` levels deep (lists, dicts or both alternating)."""
    value = leaf
    for level in range(depth):
        use_list = kind == 0 or (kind == 2 and level % 2 == 0)
        value = [value] if use_list else {"data": value}
    return value


deep_values = st.builds(nest, st.integers(1, 3000), odd_scalars, st.integers(0, 2))
any_value = st.one_of(hostile_values, deep_values)
hostile_statuses = st.one_of(statuses, odd_scalars, st.sampled_from([True, False, 200.0, 429.5, "429", " 503", 2**64]))
hostile_codes = st.one_of(st.sampled_from(CODES), st.sampled_from(["-1003", "-2010", -1003.0, "-2021"]), any_value)
hostile_messages = st.one_of(st.sampled_from(MESSAGES), any_value)
leg_results = st.one_of(st.sampled_from(["SUCCESS", "FAILURE", "NOT_ATTEMPTED", "success", ""]), any_value)
leg_responses = st.one_of(
    any_value,
    st.fixed_dictionaries({"code": hostile_codes, "msg": hostile_messages}),
    st.fixed_dictionaries({"symbol": st.just("BTCUSDT"), "orderId": odd_numbers, "status": st.just("NEW")}),
)
hostile_data = st.one_of(
    any_value,
    st.fixed_dictionaries({}, optional={"serverTime": odd_scalars, "retryAfter": odd_scalars}),
    st.fixed_dictionaries(
        {},
        optional={
            "cancelResult": leg_results,
            "newOrderResult": leg_results,
            "cancelResponse": leg_responses,
            "newOrderResponse": leg_responses,
            "serverTime": odd_scalars,
            "retryAfter": odd_scalars,
        },
    ),
)


@st.composite
def hostile_errors(draw: st.DrawFn) -> Any:
    """An error object (or REST body) with any field missing, mistyped or odd."""
    error: dict[Any, Any] = draw(st.dictionaries(st.text(max_size=6), any_value, max_size=2))
    if draw(st.booleans()):
        error["code"] = draw(hostile_codes)
    for key in draw(st.lists(st.sampled_from(["msg", "message"]), max_size=2, unique=True)):
        error[key] = draw(hostile_messages)
    if draw(st.booleans()):
        error["data"] = draw(hostile_data)
    if draw(st.integers(0, 7)) == 0:
        error["success"] = draw(st.one_of(st.booleans(), odd_scalars))
    return error


@st.composite
def hostile_frames(draw: st.DrawFn) -> Any:
    """A parsed WebSocket API frame or REST body, any field mutated; or any value at all."""
    kind = draw(st.integers(0, 4))
    if kind <= 1:  # WebSocket API frame
        frame: dict[Any, Any] = {}
        if draw(st.integers(0, 5)):
            frame["id"] = draw(any_value)
        if draw(st.integers(0, 5)):
            frame["status"] = draw(hostile_statuses)
        shape = draw(st.integers(0, 3))
        if shape in (0, 2):
            frame["error"] = draw(st.one_of(hostile_errors(), any_value)) if kind else draw(hostile_errors())
        if shape in (1, 2):
            frame["result"] = draw(any_value)
        if draw(st.integers(0, 5)) == 0:
            frame["rateLimits"] = draw(any_value)
        return frame
    if kind <= 3:  # REST body
        return draw(hostile_errors())
    return draw(any_value)


@st.composite
def hostile_texts(draw: st.DrawFn) -> Any:
    """Raw text of a hostile frame: JSON with NaN/Infinity, truncated, corrupted, any type."""
    import json

    frame = draw(hostile_frames())
    try:
        text = json.dumps(frame, allow_nan=True)
    except RecursionError:  # too deep for json.dumps: deep JSON text of the same kind
        text = '{"error": ' * 3000 + "null" + "}" * 3000
    raw = text.encode("utf-8", "surrogatepass")
    mutation = draw(st.integers(0, 5))
    if mutation == 1:  # truncated
        raw = raw[: draw(st.integers(0, len(raw)))]
    elif mutation == 2:  # invalid UTF-8 spliced in
        cut = draw(st.integers(0, len(raw)))
        raw = (
            raw[:cut]
            + draw(st.sampled_from([b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\x80"]))
            + raw[cut:]
        )
    elif mutation == 3:  # trailing garbage or a byte order mark
        raw = draw(st.sampled_from([b"\xef\xbb\xbf", b""])) + raw + draw(st.sampled_from([b"", b"}", b"\x00", b" x"]))
    elif mutation == 4:  # numbers replaced by NaN/Infinity text
        raw = raw.replace(b"-20", draw(st.sampled_from([b"NaN", b"Infinity", b"-Infinity", b"1e999"])), 1)
    form = draw(st.integers(0, 3))
    if form == 0:
        return raw
    if form == 1:
        return bytearray(raw)
    if form == 2:
        return memoryview(raw)
    return raw.decode("utf-8", "surrogatepass" if mutation != 2 else "replace")


hostile_headers = st.one_of(
    st.none(),
    st.dictionaries(
        st.one_of(
            st.sampled_from(["Retry-After", "retry-after", "RETRY-AFTER", "X-MBX-USED-WEIGHT-1M"]), st.text(max_size=8)
        ),
        st.one_of(odd_scalars, st.binary(max_size=8)),
        max_size=3,
    ),
    st.lists(st.tuples(st.one_of(st.just(b"Retry-After"), st.binary(max_size=8)), st.binary(max_size=8)), max_size=2),
    any_value,
)
