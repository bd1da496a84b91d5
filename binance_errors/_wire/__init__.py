"""Wire formats other than JSON: each module reads its format into the frame the rules already
classify (``_decide.classify_mapping``), and decides nothing itself.

``read(table, frame)`` is the one entry the rules call (``_decide.classify_any``): ``None`` when the
input is none of these formats (the common case, answered with a few class checks), else
``(table, frame)``: the table to classify with and the frame read (``frame`` is ``None`` when the
input is in the format but unreadable, e.g. FIX with a wrong CheckSum).

- ``fix.py``: FIX tag=value text (``8=FIX...``), with any ``product``; classified with the ``fix``
  table (spot's codes plus FIX's session reject reasons, ``data/fix.yaml``).
- ``streams.py``: WebSocket Streams frames, under ``product="streams"`` (``data/streams.yaml``).
- ``sbe.py`` and ``fix_sbe.py``: SBE answers (spot schema 3, and FIX in SBE), decoded where raw
  bytes are not JSON (``_decide.parse_text``, ``_classify``'s raw-text branch).

The modules load on first use (import time is a benchmark).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .._table import Table

__all__ = ["read"]

_MODULES: dict[str, Any] = {}  # the readers, once imported (an import statement per call costs more than a read)

_FIX_STR = "8=FIX"
_FIX_BYTES = b"8=FIX"
_STREAMS = "streams"


def read(table: Table, frame: Any) -> tuple[Table, Any] | None:
    """``(table, frame)`` for input in a wire format of this package, else ``None`` (see the module doc)."""
    cls = frame.__class__
    if cls is dict:
        if table.product != _STREAMS:
            return None
        streams: Any = _MODULES.get("streams")
        if streams is None:
            from . import streams

            _MODULES["streams"] = streams
        found = streams.read(table, frame)
        return None if found is None else (table, found)
    if cls is str:
        if not frame.startswith(_FIX_STR):
            return None
    elif cls is bytes or cls is bytearray:
        if not frame.startswith(_FIX_BYTES):
            return None
    elif cls is memoryview:
        try:
            if frame[:5].tobytes() != _FIX_BYTES:
                return None
        except Exception:  # a released or multi-dimensional view: not FIX
            return None
    else:
        return None
    fix: Any = _MODULES.get("fix")
    if fix is None:
        from . import fix

        _MODULES["fix"] = fix
    return fix.table(), fix.read(frame)
