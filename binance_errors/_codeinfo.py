"""What a table knows about one code: :class:`CodeInfo` (for ``explain`` and the CLI).

Loaded on first use (``Table.codes``, or ``binance_errors.CodeInfo``), so that ``import
binance_errors`` does not pay for an attrs class it does not need (import time is a benchmark,
docs/design.md section 7).
"""

from __future__ import annotations

import attrs

from ._model import Verdict

__all__ = ["CodeInfo"]


@attrs.frozen(slots=True)
class CodeInfo:
    """What the table knows about one code (for ``explain`` and the CLI)."""

    code: int
    name: str | None
    section: str
    en: str
    zh: str | None  # None for a product whose source has no Chinese half
    since: str | None
    removed: str | None
    messages: tuple[tuple[str, str | None, str | None], ...]  # (text, en, zh)
    verdict: Verdict  # the code's own verdict when no status decides
