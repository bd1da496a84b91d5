"""Lookup: from a (code, message) pair, or a message alone, to its row of prebuilt verdicts.

Rules this module keeps:

1. One lookup order (docs/design.md section 6, docs/design.md "Lookup"): the code, then the exact
   message within it, then its templates (a literal prefix and suffix check, no regex), a loose
   match (case, spaces, final period), a ban in any wording, the generic ``Filter failure: <NAME>``
   rule, then the code's own row. A code the table lacks: what its message says, the filter rule,
   then the conservative row of its number block.
2. A message with no code takes the row of that message where a table knows it (``known_message``,
   the index the adapters use too); it is never ``ok``.
3. Linear in the message: phrases are searched within a bounded window, values are slices.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from ._model import StatusClass, Verdict
from ._parse import FIELD_LIMIT, field_value
from ._verdicts import TemplateValues, replace

if TYPE_CHECKING:
    from ._table import Table

__all__ = [
    "FILTER_PREFIX",
    "NORMALIZE_LIMIT",
    "Found",
    "Row",
    "codes_of_message",
    "filter_values",
    "find",
    "known_message",
    "lookup",
    "message_alone",
    "message_rows",
    "message_rule",
    "normalize_message",
    "published",
]

# A row of prebuilt verdicts, one per status bucket: index 0 is "no decisive status" (none, 2xx,
# 1xx/3xx, unreadable), then the product's status buckets, in their order.
Row = tuple[Verdict, ...]
# A row found for a message: (row, field names, slices) for a template with fields, else
# (row, None, (), values or None).
Found = tuple[Row, tuple[str, ...] | None, tuple[str, ...], Mapping[str, Any] | None]
FILTER_PREFIX = "Filter failure: "
NORMALIZE_LIMIT = 1024  # longer messages are never compared loosely (no documented one is)
_DIGITS_AFTER = 24  # characters read after a rule's phrase for its number (spaces, sign, 20 digits)
_FILTER_FIELDS = ("filter",)


def normalize_message(text: str) -> str:
    """The loose form of a message: case, surrounding space and a final period ignored."""
    return " ".join(text.split()).rstrip(".").casefold()


def lookup(table: Table, code: int, msg: str | None) -> tuple[Row, Mapping[str, Any] | None]:
    """The row for (code, msg) and the values its message gives (``find``'s answer, values made)."""
    row, fields, parts, values = find(table, code, msg)
    return row, (TemplateValues(fields, parts, field_value) if fields else values)


def find(table: Table, code: int, msg: str | None) -> Found:
    """The row for (code, msg) in the lookup order of rule 1; a template's values are its slices."""
    messages = table.built_exact.get(code)  # a plain dict of the codes built so far
    if messages is None:
        messages = table.exact.get(code)  # builds the code on its first lookup
    if messages is None:
        return _unknown_code(table, code, msg)
    if msg is None:
        return table.defaults[code], None, (), None
    found = published(table, code, msg, messages)
    if found is not None:
        return found
    said = message_rule(table, msg, ban_only=True)  # a ban, in any wording, whatever the code (rule 3)
    if said is not None:
        return table.message_rule_row(said[0], code), None, (), said[1]
    own = table.defaults[code]
    if msg.startswith(FILTER_PREFIX) and own[0].status_class is not StatusClass.OK:  # a success code stays one
        return table.unknown_filter_row(code), None, (), filter_values(msg)
    return own, None, (), None


def published(table: Table, code: int, msg: str, messages: Mapping[str, Row] | None = None) -> Found | None:
    """The row ``table`` lists ``msg`` under for ``code`` (exact, a template, loosely), else None."""
    if messages is None:
        messages = table.exact.get(code)
        if messages is None:
            return None
    row = messages.get(msg)
    if row is not None:
        return row, None, (), None
    found = _template(table, code, msg)
    if found is not None:
        return found
    if len(msg) <= NORMALIZE_LIMIT:
        row = table.normalized[code].get(normalize_message(msg))
        if row is not None:
            return row, None, (), None
    return None


def _unknown_code(table: Table, code: int, msg: str | None) -> Found:
    said = message_rule(table, msg, ban_only=False) if msg is not None else None
    if said is not None:
        return table.message_rule_row(said[0], code), None, (), said[1]
    if msg is not None and msg.startswith(FILTER_PREFIX):
        return table.unknown_filter_row(code), None, (), filter_values(msg)
    return table.unknown_code_row(code), None, (), None


def _template(table: Table, code: int, msg: str) -> Found | None:
    """The first of the code's templates (table order) the message fits, with its slices; linear, no regex."""
    candidates = table.template_index.get(code)
    if candidates is None:
        return None
    size = len(msg)
    for prefix, start, middles, suffix, suffix_len, fields, row in candidates:
        end = size - suffix_len
        if end < start or not msg.startswith(prefix) or not msg.endswith(suffix):
            continue
        if not middles:
            return row, fields or None, (msg[start:end],), None
        pos, parts = start, []
        for middle in middles:
            found = msg.find(middle, pos, end)
            if found < 0:
                break
            parts.append(msg[pos:found])
            pos = found + len(middle)
        else:
            parts.append(msg[pos:end])
            return row, fields or None, tuple(parts), None
    return None


def message_rule(table: Table, text: str, ban_only: bool) -> tuple[int, Mapping[str, Any] | None] | None:
    """The first ``message_rules`` entry whose phrase the text contains (case-insensitive, within the
    rules' window: linear, no regex), with the number after the phrase when the rule names a field.

    The number is a run of ASCII digits ended by anything but a letter, a digit or a decimal point
    ("until 1e400" or "until 12.5" gives no number: a reading of it would be a guess).
    """
    window = table.message_rules_window
    head = text[: window + _DIGITS_AFTER].lower()  # lower() maps character by character
    for index, phrase, field in table.ban_phrases if ban_only else table.rule_phrases:
        at = head.find(phrase, 0, window + len(phrase))
        if at < 0:
            continue
        if field is None:
            return index, None
        return index, _number_after(head, at + len(phrase), field)
    return None


def _number_after(head: str, start: int, field: str) -> Mapping[str, Any] | None:
    digits = head[start : start + _DIGITS_AFTER].lstrip(" :")
    end = 0
    while end < len(digits) and digits[end].isdigit() and digits[end].isascii():
        end += 1
    after = digits[end : end + 2]
    if not end or after[:1].isalnum() or (after[:1] == "." and after[1:].isdigit()):
        return None  # "1e400", "12.5": not a whole number; "N." ends a sentence
    return MappingProxyType({field: int(digits[:end])})


def _filter_name(part: str) -> str:
    return part.strip()[:FIELD_LIMIT]


def filter_values(msg: str) -> Mapping[str, Any]:
    """The values of a ``Filter failure: <NAME>`` message (``filter``), made when read."""
    return TemplateValues(_FILTER_FIELDS, (msg[len(FILTER_PREFIX) :],), _filter_name)


def known_message(table: Table, msg: str | None, status: int | None) -> Verdict | None:
    """A message sent without a code: a documented code-less message, a text the table knows under
    a code, or what the message says (``message_rules``); None when nothing knows it."""
    if msg is None:
        return None
    row = table.codeless.get(msg)
    if row is None:
        row = message_rows(table).get(msg)
    values = None
    if row is None:
        said = message_rule(table, msg, ban_only=False)
        if said is None:
            return None
        row, values = table.message_rule_row(said[0], None), said[1]
    verdict = row[table.bucket_of(status)]
    return replace(verdict, values=values) if values else verdict


def codes_of_message(table: Table, msg: str) -> tuple[int, ...]:
    """The codes whose documented messages include ``msg`` exactly (an index built once per table)."""
    index: dict[str, tuple[int, ...]] | None = table.__dict__.get("_codes_of_message")
    if index is None:
        found: dict[str, list[int]] = {}
        for code, info in table.codes.items():
            for text, _, _ in info.messages:
                found.setdefault(text, []).append(code)
        index = table.__dict__.setdefault("_codes_of_message", {text: tuple(codes) for text, codes in found.items()})
    return index.get(msg, ())


def message_alone(table: Table, msg: str) -> tuple[Verdict, tuple[int, ...]] | None:
    """A documented message that arrived without its code (CCXT keeps only the text): the verdict its
    codes agree on, with those codes; None when no code sends it, or they advise differently."""
    codes = codes_of_message(table, msg)
    verdicts = [row[0] for row in (table.exact[code].get(msg) for code in codes) if row is not None]
    if not verdicts or len(verdicts) != len(codes):
        return None
    advice = {(v.status_class, v.retry.action, v.reconcile, v.reason) for v in verdicts}
    if len(advice) != 1 or verdicts[0].status_class is StatusClass.OK:
        return None
    return verdicts[0], codes


def message_rows(table: Table) -> dict[str, Row]:
    """A known message text -> its row, for bodies that send the message without its code.

    Built on first use (it builds every code) and kept on the table. A text the table lists under
    several codes with different advice is left out (the code would decide). The rows carry no
    code: none was sent.
    """
    found: dict[str, Row] | None = table.__dict__.get("_message_rows")
    if found is None:
        advice: dict[str, tuple[Any, ...] | None] = {}
        rows: dict[str, Row] = {}
        for code in sorted(table.codes_spec, key=abs):
            for text, row in table.exact[code].items():
                first = row[0]
                if first.status_class is StatusClass.OK:  # a body that is only a message is never ok
                    continue
                key = (first.status_class, first.retry, first.reconcile, first.reason)
                if text not in advice:
                    advice[text], rows[text] = key, row
                elif advice[text] != key:
                    advice[text] = None
        found = {
            text: tuple(replace(v, code=None, name=None) for v in row)
            for text, row in rows.items()
            if advice[text] is not None
        }
        found = table.__dict__.setdefault("_message_rows", found)
    return found
