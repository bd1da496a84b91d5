"""Human descriptions of codes and verdicts, in English or Chinese."""

from __future__ import annotations

from ._errors import BinanceErrorsError
from ._model import Verdict
from ._table import load_table
from ._types import Lang, Product

__all__ = ["LANGUAGES", "explain"]

LANGUAGES: tuple[Lang, ...] = ("en", "zh")


def explain(what: int | Verdict, lang: Lang = "en", product: Product = "spot") -> str:
    """Describe a code (``explain(-2010, lang="zh")``) or a verdict, in ``"en"`` or ``"zh"``.

    For a verdict, the matched message's own description comes first when the table has one.
    A product without Chinese descriptions (the futures pages have none) answers in English.
    """
    if lang not in LANGUAGES:
        raise BinanceErrorsError(f"unknown language {lang!r}; expected one of: {', '.join(LANGUAGES)}")
    table = load_table(product if not isinstance(what, Verdict) else what.product)
    zh = lang == "zh"
    if isinstance(what, Verdict):
        code = what.code
        parts: list[str] = []
        if code is not None and what.message is not None:
            described = table.message_info.get((code, what.message))
            text = described[1 if zh else 0] if described is not None else None
            if text:
                parts.append(text)
        if code is None or code not in table.codes:
            parts.append(table.descriptions.get(what.reason, what.reason))
            if code is not None:
                parts.insert(0, f"{code} (not in the {table.product} table)")
            return " ".join(str(p) for p in parts if p)
        found = table.codes[code]
        if what.reason in table.descriptions:  # a reason the status gave it (YAML on_status)
            parts.append(table.descriptions[what.reason])
        head = f"{_label(code, found.name)}: {found.zh if zh and found.zh else found.en}"
        return "\n".join([head, *parts])
    if isinstance(what, bool) or not isinstance(what, int):
        raise BinanceErrorsError(f"explain() takes an int code or a Verdict, not {type(what).__name__}")
    info = table.codes.get(what)
    if info is None:
        return f"{what}: not in the {table.product} table ({table.unknown_code_row(what)[0].reason})"
    return f"{_label(what, info.name)}: {info.zh if zh and info.zh else info.en}"


def _label(code: int, name: str | None) -> str:
    return f"{code} {name}" if name else str(code)  # the second venue's codes have no NAME
