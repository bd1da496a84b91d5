"""Structured output: one cattrs converter, built on first use (``import binance_errors``
never imports cattrs).

Keys are the attribute names of :class:`Verdict`; enums become their values, ``retry`` a nested
object, ``legs`` nested objects whose ``verdict`` is a verdict again. ``from_dict``/``from_json``
structure such data back into an equal :class:`Verdict` (within ujson's limits: integers beyond
64 bits and non-finite floats do not survive JSON). Keep in sync with docs/usage.md "Structured output".

Neither ``to_dict`` nor ``to_json`` raises on what a response held: the raw data (``data``, the raw
code and message, a leg's order) is copied without recursion, at any depth; JSON that ujson cannot
write (nested deeper than ``JSON_DEPTH``, a lone surrogate, an integer of thousands of digits, an
object of no JSON type) is written in a bounded form instead: the deepest parts and odd values
replaced by a short text that says what they were, and non-ASCII escaped.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from types import MappingProxyType
from typing import Any

import ujson

from ._errors import ConversionError
from ._model import EMPTY_VALUES, Leg, LegResult, Verdict

__all__ = ["JSON_DEPTH", "converter", "from_dict", "from_json", "to_dict", "to_json"]

_INF = float("inf")
JSON_DEPTH = 1000  # nesting kept in the bounded JSON form (ujson writes at most 1024 levels)
TEXT_LIMIT = 256  # characters of the text that stands for a value JSON cannot hold
_INT_BITS = 14_000  # about 4,200 digits: Python's int-to-text limit is 4,300
_SCALARS = (str, int, float, bool, type(None))
_SEQUENCES = (list, tuple, set, frozenset)


def _is_container_class(kind: Any) -> bool:
    return isinstance(kind, type) and issubclass(kind, (Mapping, *_SEQUENCES))


def _text_of(value: Any) -> str:
    """A short text standing for a value JSON cannot hold (its repr, cut; never raises)."""
    try:
        text = repr(value)
    except Exception:  # too deep, too many digits, a failing __repr__
        text = f"<{type(value).__name__}>"
    return text[:TEXT_LIMIT]


def _children(value: Any) -> list[tuple[Any, Any]] | None:
    """(key, item) pairs of a container (a list index as key), None for a leaf."""
    try:
        if isinstance(value, Mapping):
            return list(value.items())
        if isinstance(value, _SEQUENCES):
            return list(enumerate(value))
    except Exception:  # a mapping that cannot be read is a leaf
        return None
    return None


def _copy(value: Any, leaf: Any, depth_limit: int | None = None) -> Any:
    """``value`` with every mapping made a dict and every sequence a list, at any depth, no recursion.

    ``leaf`` converts what is not a container. Without ``depth_limit`` a container met twice is
    copied once (a cycle stays a cycle, as ``copy.deepcopy`` keeps it); with it, a container deeper
    than ``depth_limit`` or met twice becomes a text saying so, and keys are converted too.
    """
    root: list[Any] = [None]
    stack: list[tuple[Any, Any, Any, int]] = [(root, 0, value, 1)]
    seen: dict[int, Any] = {}
    while stack:
        parent, key, item, depth = stack.pop()
        children = _children(item) if not isinstance(item, _SCALARS) else None
        if children is None:
            parent[key] = leaf(item)
            continue
        if id(item) in seen:
            if depth_limit is None:
                parent[key] = seen[id(item)]
            else:
                parent[key] = f"<{type(item).__name__} repeated>"
            continue
        if depth_limit is not None and depth > depth_limit:
            parent[key] = f"<{type(item).__name__} nested deeper than {depth_limit} levels>"
            continue
        keys: Any
        if isinstance(item, Mapping):
            keys = [k for k, _ in children] if depth_limit is None else [_json_key(k) for k, _ in children]
            copy: Any = dict.fromkeys(keys)
        else:
            keys, copy = range(len(children)), [None] * len(children)
        seen[id(item)] = copy
        parent[key] = copy
        stack.extend((copy, k, child, depth + 1) for k, (_, child) in zip(keys, children, strict=True))
    return root[0]


def _json_key(key: Any) -> str:
    return key if isinstance(key, str) else _text_of(key) if not isinstance(key, int | float | bool) else str(key)


def _plain_leaf(value: Any) -> Any:
    if isinstance(value, _SCALARS):
        return value
    try:
        return converter().unstructure(value)  # bytes as base85, an attrs object as a dict
    except Exception:
        return _text_of(value)


def _plain(value: Any) -> Any:
    """Raw response data as plain data, at any depth (the unstructure hook of containers)."""
    return _copy(value, _plain_leaf)


def _json_leaf(value: Any) -> Any:
    if isinstance(value, float) and not -_INF < value < _INF:  # NaN and the infinities are no JSON: text
        return repr(value)
    if isinstance(value, str | bool | float) or value is None:
        return value
    if isinstance(value, int) and value.bit_length() <= _INT_BITS:
        return value
    return _text_of(value)


def _bounded(data: Any) -> Any:
    """``data`` (a ``to_dict``) in a form ujson always writes: bounded depth, JSON types only."""
    return _copy(data, _json_leaf, JSON_DEPTH)


def _frozen_mapping(value: Any, _: Any) -> Mapping[str, Any]:
    """``values`` comes back read-only, as the classifier builds it."""
    if not isinstance(value, Mapping):
        raise TypeError(f"expected an object, got {type(value).__name__}")
    return MappingProxyType(dict(value)) if value else EMPTY_VALUES


@cache
def converter() -> Any:
    """The shared ujson-flavoured cattrs converter."""
    from cattrs.preconf.ujson import make_converter

    made = make_converter()
    made.register_structure_hook_func(lambda kind: kind == Mapping[str, Any], _frozen_mapping)

    def leg(value: Any, _: Any) -> Leg:
        """A leg's ``order`` is the response's own object, a plain dict, as the classifier keeps it."""
        order = value["order"]
        if order is not None and not isinstance(order, dict):
            raise TypeError(f"expected an object or null, got {type(order).__name__}")
        verdict = value["verdict"]
        own = None if verdict is None else made.structure(verdict, Verdict)
        return Leg(LegResult(value["result"]), own, order)

    made.register_structure_hook(Leg, leg)
    made.register_unstructure_hook_func(_is_container_class, _plain)  # raw data: no recursion
    return made


def to_dict(verdict: Verdict) -> dict[str, Any]:
    """The verdict as plain JSON-ready data (never raises; raw data copied at any depth)."""
    result: dict[str, Any] = converter().unstructure(verdict, Verdict)  # a DynamicVerdict too
    return result


def to_json(verdict: Verdict) -> str:
    """The verdict as one line of JSON (never raises: what ujson cannot write is written bounded)."""
    data = to_dict(verdict)
    try:
        text: str = ujson.dumps(data, escape_forward_slashes=False, ensure_ascii=False, allow_nan=False)
    except Exception:  # deeper than ujson writes, a lone surrogate, a huge integer, NaN, a non-JSON object
        text = ujson.dumps(_bounded(data), escape_forward_slashes=False, ensure_ascii=True)
    return text


def from_dict(data: Mapping[str, Any]) -> Verdict:
    """The verdict that ``to_dict`` produced ``data`` from (raises ConversionError when it cannot be)."""
    try:
        verdict: Verdict = converter().structure(data, Verdict)
    except Exception as error:  # cattrs raises ClassValidationError, KeyError, ValueError...
        raise ConversionError(f"not a verdict: {error!r}"[:500]) from error
    return verdict


def from_json(text: str | bytes) -> Verdict:
    """The verdict that ``to_json`` produced ``text`` from (raises ConversionError when it cannot be)."""
    try:
        data = ujson.loads(text)
    except ValueError as error:
        raise ConversionError(f"not JSON: {error}") from error
    return from_dict(data)
