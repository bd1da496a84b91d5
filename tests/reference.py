"""A slow, obvious reference classifier that reads the YAML directly.

It implements docs/design.md section 3 for one (code, msg, status) triple, with none of the compiled
table's machinery (no rows, no buckets, no prebuilt objects). The property tests check that
`binance_errors.classify` agrees with it.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import yaml

DATA = Path(__file__).resolve().parent.parent / "data"
ADVICE = ("class", "retry", "reconcile", "reason")
INHERITED = (*ADVICE, "beats_status", "on_status")  # what a message row takes from its code
PLACEHOLDER = re.compile(r"%[sdb]")


@cache
def rules() -> dict[str, Any]:
    return yaml.safe_load((DATA / "rules.yaml").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@cache
def product(name: str = "spot") -> dict[str, Any]:
    return yaml.safe_load((DATA / f"{name}.yaml").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def owner(name: str, code: int) -> dict[str, Any]:
    """The YAML that defines ``code`` for product ``name``: its own, else its fallback's (followed)."""
    table = product(name)
    while code not in table["codes"] and table.get("fallback"):
        table = product(table["fallback"])
    return table


def messages_of(table: dict[str, Any], code: int) -> list[dict[str, Any]]:
    """Every message row of a code, its own first, then its shared sets, advice merged."""
    entry = table["codes"][code]
    out = []
    for message in entry.get("messages", []):
        row = {k: entry[k] for k in INHERITED if k in entry}
        row.update({k: v for k, v in message.items()})
        if "class" in message and "retry" not in message and message["class"] in ("unknown_execution", "partial"):
            row["retry"] = "after_reconcile"
        out.append(row)
    for set_name in entry.get("message_sets", []):
        shared = table["message_sets"][set_name]
        for message in shared["messages"]:
            row = {k: entry[k] for k in INHERITED if k in entry}
            row.update({k: v for k, v in shared.items() if k in ADVICE})
            row.update(message)
            out.append(row)
    return out


def _template_regex(text: str) -> re.Pattern[str]:
    parts = PLACEHOLDER.split(text)
    return re.compile("(.*?)".join(re.escape(p) for p in parts) + r"\Z", re.DOTALL)


def _loose(text: str) -> str:
    return " ".join(text.split()).rstrip(".").casefold()


def find_row(table: dict[str, Any], code: int, msg: str | None) -> tuple[dict[str, Any], dict[str, Any]]:
    """(advice row, extracted values) for a known code."""
    entry = table["codes"][code]
    own = {k: entry[k] for k in INHERITED if k in entry}
    if msg is None:
        return own, {}
    rows = messages_of(table, code)
    for row in rows:  # exact texts
        for text in (row.get("match", row["text"]), *row.get("variants", [])):
            if not PLACEHOLDER.search(text) and text == msg:
                return row, ({"filter": row["filter"]} if "filter" in row else {})
    for row in rows:  # templates
        for text in (row.get("match", row["text"]), *row.get("variants", [])):
            if PLACEHOLDER.search(text):
                match = _template_regex(text).match(msg)
                if match:
                    values = {}
                    for name, value in zip(row["fields"], match.groups(), strict=True):
                        number = len(value) <= 20 and re.fullmatch(r"[+-]?[0-9]+", value.strip())
                        values[name] = int(value) if number else value[:256]
                    return row, values
    if len(msg) <= 1024:
        for row in rows:
            if _loose(row["text"]) == _loose(msg) and not PLACEHOLDER.search(row["text"]):
                return row, ({"filter": row["filter"]} if "filter" in row else {})
    said = message_rule(msg, ban_only=True)
    if said is not None:
        return said
    if msg.startswith("Filter failure: "):
        spec = dict(rules()["unknown_filter"])
        return spec, {"filter": msg[len("Filter failure: ") :].strip()}
    return own, {}


def message_rule(msg: str, ban_only: bool) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """(rule, values) of the first rules.yaml `message_rules` phrase in the message's window."""
    window = rules()["message_rules_window"]
    for rule in rules()["message_rules"]:
        if ban_only and not rule.get("ban"):
            continue
        head = msg[: window + 24].lower()
        at = head.find(rule["contains"], 0, window + len(rule["contains"]))
        if at < 0:
            continue
        after = head[at + len(rule["contains"]) : at + len(rule["contains"]) + 24].lstrip(" :")
        digits = re.match(r"[0-9]*", after, re.ASCII)
        values = {rule["field"]: int(digits.group())} if rule.get("field") and digits and digits.group() else {}
        return dict(rule), values
    return None


def statuses(name: str = "spot") -> dict[str, dict[str, Any]]:
    """The product's status buckets: its own new ones first, then the rules' (fields overridden)."""
    own = product(name).get("statuses", {})
    shared = {key: {**spec, **own.get(key, {})} for key, spec in rules()["statuses"].items()}
    return {**{key: spec for key, spec in own.items() if key not in shared}, **shared}


def status_bucket(status: int | None, name: str = "spot") -> tuple[str, dict[str, Any]] | None:
    if status is None or not 100 <= status <= 599:
        return None
    for key, spec in statuses(name).items():
        listed = spec["statuses"]
        if (isinstance(listed, str) and str(status)[0] == listed[0]) or (isinstance(listed, list) and status in listed):
            return key, spec
    return None


def reference(code: int, msg: str | None, status: int | None, name: str = "spot") -> dict[str, Any]:
    """The expected outcome of an error body {code, msg} under `status`, per the YAML."""
    own = product(name)
    table = owner(name, code)  # a code the product's page does not list reads its fallback's row
    known = code in table["codes"] or code in own.get("success_codes", [])
    values: dict[str, Any] = {}
    if code in own.get("success_codes", []):
        row: dict[str, Any] = {"class": "ok", "retry": "no", "reconcile": "none", "reason": "OK"}
    elif code in table["codes"]:
        row, values = find_row(table, code, msg)
    elif msg is not None and message_rule(msg, ban_only=False) is not None:
        row, values = message_rule(msg, ban_only=False)  # type: ignore[misc]
    elif msg is not None and msg.startswith("Filter failure: "):
        row, values = dict(rules()["unknown_filter"]), {"filter": msg[len("Filter failure: ") :].strip()}
    else:
        blocks = [*own.get("unknown_codes", []), *rules()["unknown_codes"]]
        row = next(b for b in blocks if b.get("from", -(10**30)) <= code <= b.get("to", 10**30))
    found = status_bucket(status, name)
    outcome = {k: row[k] for k in ADVICE}
    if found is not None:
        key, bucket = found
        row_first = row["class"] in ("unknown_execution", "partial")  # rules 1 and 2 come before any status
        beaten = not row.get("beats_status") or (bucket.get("beats_rows") and not row_first)
        # A plain 4xx never settles a row that says the server failed while processing (it lists such classes).
        left_alone = row["class"] in bucket.get("keeps_classes", [])
        if beaten and bucket["class"] != row["class"] and not left_alone:
            outcome.update({k: bucket[k] for k in ("class", "retry", "reconcile")})
        outcome.update({k: v for k, v in row.get("on_status", {}).get(key, {}).items() if k in ADVICE})
    outcome["execution"] = rules()["execution"][outcome["class"]]
    outcome["known"] = known
    outcome["name"] = table["codes"][code]["name"] if code in table["codes"] else None
    outcome["values"] = values
    return outcome


def observed(verdict: Any) -> dict[str, Any]:
    """What `reference` predicts, read off a verdict, for comparison."""
    return {
        "class": verdict.status_class.value,
        "retry": verdict.retry.action.value,
        "reconcile": verdict.reconcile.value,
        "reason": verdict.reason,
        "execution": verdict.execution.value,
        "known": verdict.known,
        "name": verdict.name,
        "values": dict(verdict.values),
    }
