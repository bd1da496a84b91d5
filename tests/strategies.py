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
