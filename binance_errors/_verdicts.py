"""Fast construction and copies of Verdicts, and the per-code dict that builds on first use.

Split from ``_table.py``: the table decides *what* the prebuilt verdicts are; this module only
makes them cheaply (import time is a benchmark, DESIGN.md section 7) and copies them for the
slow path's dynamic results.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, ItemsView, Iterator, KeysView, Sequence, ValuesView
from itertools import repeat
from operator import attrgetter
from typing import Any, TypeVar

import attrs

from ._model import Verdict

__all__ = ["UNSET", "ByCode", "build_verdicts", "replace"]

# The slots of Verdict, in attrs field order (the order of Verdict's positional arguments).
_VERDICT_SLOTS = tuple(Verdict.__dict__[field.name] for field in attrs.fields(Verdict))
_new = object.__new__
UNSET = (None, None, None, None, None, None)  # data, raw_code, raw_message, raw_text, legs, items


def build_verdicts(fields: Sequence[tuple[Any, ...]]) -> list[Verdict]:
    """``[Verdict(*args) for args in fields]``, several times faster: the table's import cost.

    Fills each slot of every new instance with C-level loops (``map`` over the slot's
    descriptor) instead of calling attrs' ``__init__``, which assigns one field at a time in
    Python. The results are ordinary frozen Verdicts, equal to the ones ``__init__`` makes
    (a test checks it); Verdict has no validators, converters or post-init to skip.
    """
    verdicts: list[Verdict] = list(map(_new, repeat(Verdict, len(fields))))
    if not verdicts:
        return verdicts
    for slot, column in zip(_VERDICT_SLOTS, zip(*fields, strict=True), strict=True):
        deque(map(slot.__set__, verdicts, column), maxlen=0)
    return verdicts


_VERDICT_FIELDS = tuple(field.name for field in attrs.fields(Verdict))
_FIELD_INDEX = {name: index for index, name in enumerate(_VERDICT_FIELDS)}
_verdict_values = attrgetter(*_VERDICT_FIELDS)


def replace(verdict: Verdict, **changes: Any) -> Verdict:
    """``attrs.evolve(verdict, **changes)`` in about half the time (the slow path's dynamic results)."""
    values = list(_verdict_values(verdict))
    for name, value in changes.items():
        values[_FIELD_INDEX[name]] = value
    return Verdict(*values)


_V = TypeVar("_V")
_ABSENT: Any = object()


class ByCode(dict[int, _V]):
    """A dict keyed by error code whose entries are built on first use of a code.

    Missing keys (``d[code]``, ``d.get(code)``, ``code in d``) first ask the table to build that
    code; iterating, ``len`` and the views build every code first. Reads never see a partly
    built code: the table publishes a code's entries before marking it built, under a lock.
    """

    __slots__ = ("_fill", "_fill_all")

    def __init__(self, fill: Callable[[Any], bool], fill_all: Callable[[], None]) -> None:
        super().__init__()
        self._fill = fill
        self._fill_all = fill_all

    def __missing__(self, code: Any) -> _V:
        self._fill(code)
        value = dict.get(self, code, _ABSENT)
        if value is _ABSENT:
            raise KeyError(code)
        return value  # type: ignore[no-any-return]

    def get(self, code: Any, default: Any = None) -> Any:
        """``self[code]``, or ``default`` when the table has no such entry."""
        try:
            return self[code]
        except (KeyError, TypeError):
            return default

    def __contains__(self, code: object) -> bool:
        return self.get(code, _ABSENT) is not _ABSENT

    def __iter__(self) -> Iterator[int]:
        self._fill_all()
        return super().__iter__()

    def __len__(self) -> int:
        self._fill_all()
        return super().__len__()

    def keys(self) -> KeysView[int]:  # type: ignore[override]
        """All codes (builds them all)."""
        self._fill_all()
        return super().keys()

    def values(self) -> ValuesView[_V]:  # type: ignore[override]
        """All entries (builds them all)."""
        self._fill_all()
        return super().values()

    def items(self) -> ItemsView[int, _V]:  # type: ignore[override]
        """All (code, entry) pairs (builds them all)."""
        self._fill_all()
        return super().items()
