"""Structured output: one cattrs converter, built on first use (``import binance_errors``
never imports cattrs).

Keys are the attribute names of :class:`Verdict`; enums become their values, ``retry`` a nested
object, ``legs`` nested objects whose ``verdict`` is a verdict again. ``from_dict``/``from_json``
structure such data back into an equal :class:`Verdict` (within ujson's limits: integers beyond
64 bits and non-finite floats do not survive JSON). Keep in sync with README.md "Structured output".
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from types import MappingProxyType
from typing import Any

from ._errors import ConversionError
from ._model import EMPTY_VALUES, Verdict

__all__ = ["converter", "from_dict", "from_json", "to_dict", "to_json"]


def _frozen_mapping(value: Any, _: Any) -> Mapping[str, Any]:
    """``values`` and ``order`` come back read-only, as the classifier builds them."""
    if not isinstance(value, Mapping):
        raise TypeError(f"expected an object, got {type(value).__name__}")
    return MappingProxyType(dict(value)) if value else EMPTY_VALUES


@cache
def converter() -> Any:
    """The shared ujson-flavoured cattrs converter."""
    from cattrs.preconf.ujson import make_converter

    made = make_converter()
    made.register_structure_hook_func(lambda kind: kind == Mapping[str, Any], _frozen_mapping)
    return made


def to_dict(verdict: Verdict) -> dict[str, Any]:
    """The verdict as plain JSON-ready data."""
    result: dict[str, Any] = converter().unstructure(verdict, Verdict)  # a DynamicVerdict too
    return result


def to_json(verdict: Verdict) -> str:
    """The verdict as one line of JSON."""
    text: str = converter().dumps(verdict, Verdict, escape_forward_slashes=False, ensure_ascii=False)
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
    import ujson

    try:
        data = ujson.loads(text)
    except ValueError as error:
        raise ConversionError(f"not JSON: {error}") from error
    return from_dict(data)
