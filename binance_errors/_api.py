"""Public helpers around ``classify``: cancel/replace legs of any answer, rate-limit usage."""

from __future__ import annotations

import ujson

from ._decide import read_answer_legs
from ._model import Legs
from ._table import load_table
from ._types import Product
from ._wire.binary import sbe_frame

__all__ = ["cancel_replace_legs"]


def cancel_replace_legs(frame: object, product: Product = "spot") -> Legs | None:
    """Both legs of a cancel/replace answer, success or error, in any shape; None when it has none.

    ``classify`` fills ``Verdict.legs`` for the ``-2021``/``-2022`` errors, where the legs decide
    the class. A successful cancel/replace (both legs ``SUCCESS``, status 200) classifies as
    ``ok`` without touching the legs; ask here to read them. Raw text is parsed with ujson; binary
    SBE answers are decoded.
    """
    if isinstance(frame, str | bytes | bytearray | memoryview):
        try:
            frame = ujson.loads(bytes(frame) if isinstance(frame, memoryview) else frame)
        except Exception:  # not JSON: an SBE answer (by its header) has its legs; other text has none
            frame = sbe_frame(frame)
            if frame is None:
                return None
    return read_answer_legs(load_table(product), frame)
