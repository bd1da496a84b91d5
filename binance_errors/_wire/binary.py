"""Binary answers: a spot SBE message (schema id 3) or a FIX SBE message, recognised by its header,
read into the JSON-shaped frame the core classifies. Reading only; the decoders (``sbe.py``,
``fix_sbe.py``) load with the first binary body (import time is a benchmark).
"""

from __future__ import annotations

from typing import Any

__all__ = ["is_unreadable", "raw_hex", "read", "sbe_frame"]

_SBE: Any = None  # binance_errors._wire.sbe, once imported
_BYTE_5 = (0x00, 0xEB)  # byte 5 of a spot SBE header (schema id 3: 03 00) or of FIX SBE framing (50 EB)


def _sbe() -> Any:
    global _SBE
    if _SBE is None:
        from . import sbe

        _SBE = sbe
    return _SBE


def sbe_frame(raw: Any) -> dict[str, Any] | None:
    """The JSON-shaped frame of a readable spot SBE message (recognised by its header), else None."""
    if len(raw) >= 8 and raw[4] == 3 and raw[5] == 0:
        sbe = _sbe()
        if sbe.recognised(raw):
            found = sbe.decode(raw, results=False)
            return found if isinstance(found, dict) else None
    return None


def read(raw: Any) -> Any:
    """The frame of binary input that starts with an SBE header; ``UNREADABLE`` when it is SBE but cannot
    be read; None when it is no SBE (JSON never starts so: the header holds NUL or 0xEB bytes)."""
    if raw.__class__ is str or len(raw) < 8 or raw[5] not in _BYTE_5:
        return None
    if raw[4] == 3 and raw[5] == 0:  # schema id 3
        sbe = _sbe()
        return sbe.decode(raw, results=False) if sbe.recognised(raw) else None
    if raw[4] == 0x50 and raw[5] == 0xEB:  # the FIX SBE framing header (encodingType 0xEB50)
        return _fix_sbe(raw)
    return None


def _fix_sbe(raw: Any) -> Any:
    """A FIX SBE message: the frame ``fix.read_fields`` makes of its FIX fields; ``UNREADABLE``
    when it cannot be read; None when it is no FIX SBE message."""
    from . import fix_sbe
    from .fix import read_fields

    _sbe()  # its UNREADABLE is the one is_unreadable looks for
    if not fix_sbe.recognised(raw):
        return None
    fields = fix_sbe.decode(raw)
    return read_fields(fields) if isinstance(fields, dict) else fields


def is_unreadable(parsed: Any) -> bool:
    """True for ``read``'s answer to an SBE message that cannot be read."""
    return _SBE is not None and parsed is _SBE.UNREADABLE


def raw_hex(raw: Any) -> str:
    """The bounded hex of unreadable binary input (``Verdict.raw_text``)."""
    return str(_sbe().raw_hex(raw))
