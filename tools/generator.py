"""Compile the YAML table in ``data/`` into ``binance_errors/_tables/<product>.py`` (and ``<product>_rows.py``).

The only writer of the generated tables and the only importer of a YAML parser::

    python tools/generator.py            # regenerate every product table
    python tools/generator.py --check    # exit 1 when a generated table is stale

A build tool, run from a source checkout (it is not in the wheel). Run it by path: it never
imports the package, which would load the (maybe stale) tables.

The build (``setup.py``) runs it before packaging, so ``pip install .`` and editable installs
always ship tables that match ``data/``. The generated modules hold plain literals; the runtime
(``_table.py``) turns them into prebuilt result objects at import. What a table reads only when a
code is first looked up (``LATER``: the rows, messages and templates) is written to
``<product>_rows.py``, which ``<product>.py`` loads on the first read of one of those names, so that
importing the package does not load it (import time is a benchmark).
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import pprint
import re
import sys
from collections.abc import Callable, Mapping
from functools import cache, partial
from pathlib import Path
from typing import Any

import yaml

GENERATOR_VERSION = 4
ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "binance_errors"
DATA = ROOT / "data"
OUT = PACKAGE / "_tables"
RULES = "rules.yaml"
PLACEHOLDER = re.compile(r"%[sdb]")  # %b: a boolean, in the futures pages
SAFE_ADVICE = {"unknown_execution": "after_reconcile", "partial": "after_reconcile"}
ADVICE_KEYS = ("class", "retry", "reconcile", "reason")
ADVICE_EN_KEYS = (*ADVICE_KEYS, "en")
BUCKET_KEYS = ("statuses", *ADVICE_EN_KEYS)
LATER = ("ROWS", "EXACT", "TEMPLATES", "MESSAGE_SETS")  # read on a code's first lookup: in <product>_rows.py
FIX_DICTIONARIES = ("upstream/fix/spot-fix-oe.xml", "upstream/fix/spot-fix-md.xml")  # QuickFIX data dictionaries


class TableError(ValueError):
    """The YAML table breaks a rule of its schema (see data/README.md)."""


def _sibling(name: str) -> Any:
    """A module of the package loaded by path (importing the package would load stale tables)."""
    spec = importlib.util.spec_from_file_location(f"_be_{name}", PACKAGE / f"_{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


_ROWS = _sibling("rows")
RowSpec = _ROWS.RowSpec


def _enum_values() -> dict[str, set[str]]:
    """Read the allowed values from ``_model.py`` without importing the package."""
    module = _sibling("model")
    return {
        "class": {m.value for m in module.StatusClass},
        "retry": {m.value for m in module.RetryAction},
        "reconcile": {m.value for m in module.Reconcile},
    }


def _check_advice(where: str, row: Mapping[str, Any], allowed: dict[str, set[str]]) -> None:
    for key in ("class", "retry", "reconcile"):
        if row.get(key) not in allowed[key]:
            raise TableError(f"{where}: {key}={row.get(key)!r} is not one of {sorted(allowed[key])}")
    if not row.get("reason"):
        raise TableError(f"{where}: reason is missing")
    safe = SAFE_ADVICE.get(row["class"])
    if safe and row["retry"] != safe:
        raise TableError(f"{where}: class {row['class']} needs retry {safe}, not {row['retry']}")


def split_template(text: str) -> tuple[str, tuple[str, ...], str]:
    """Split ``a %s b %s c`` into the prefix, the literals between placeholders, the suffix."""
    pieces = PLACEHOLDER.split(text)
    return pieces[0], tuple(pieces[1:-1]), pieces[-1]


def _on_status(
    where: str, spec: Mapping[str, Any], buckets: Mapping[str, Any], allowed: dict[str, set[str]]
) -> dict[str, Any]:
    """Check a row's ``on_status`` (bucket name -> advice that replaces the row's there)."""
    out: dict[str, Any] = {}
    for bucket, override in spec.get("on_status", {}).items():
        here = f"{where} on_status.{bucket}"
        if bucket not in buckets:
            raise TableError(f"{here}: no such status bucket; expected one of {sorted(buckets)}")
        extra = set(override) - {*ADVICE_KEYS, "en"}
        if extra:
            raise TableError(f"{here}: unknown keys {sorted(extra)}")
        if "class" in override:
            _check_advice(here, {"reason": "-", **override}, allowed)
        else:
            for key in ("retry", "reconcile"):
                if key in override and override[key] not in allowed[key]:
                    raise TableError(f"{here}: {key}={override[key]!r} is not one of {sorted(allowed[key])}")
        out[bucket] = {k: override[k] for k in (*ADVICE_KEYS, "en") if k in override}
    return out


def _check_section(where: str, code: int, section: str, sections: Mapping[str, Any]) -> None:
    """A code sits inside its section: ``from``/``to`` when the section gives them, else ``NNxx``."""
    spec = sections.get(section) or {}
    low, high = spec.get("from"), spec.get("to")
    if low is not None or high is not None:
        inside = (low is None or low <= code) and (high is None or code <= high)
    else:
        block = section.rsplit(".", 1)[-1]  # a fallback product's section may be renamed <product>.<name>
        inside = not block.endswith("xx") or str(abs(code)).startswith(block[:-2])
    if not inside:
        raise TableError(f"{where}: code is outside its section {section}")


def _check_name(where: str, code: int, all_codes: Mapping[int, Any], names: dict[str, int]) -> None:
    """NAMEs are unique per product (absent NAMEs aside): a row repeats another's NAME only by
    saying whose (``same_name_as: <code>``), as when the upstream page itself reuses one. Rows merged
    from a fallback product are checked among themselves (their product's rule), not against the
    product's own NAMEs."""
    name = all_codes[code]["name"]
    if name is None:
        return
    other = names.setdefault(f"{all_codes[code].get('fallback_from', '')}:{name}", code)
    declared = all_codes[code].get("same_name_as") == other or all_codes[other].get("same_name_as") == code
    if other != code and not declared:
        raise TableError(f"{where}: name {name} is also used by {other} (say `same_name_as: {other}`)")


def with_fallback(table: Mapping[str, Any], load: Callable[[str], Mapping[str, Any]]) -> dict[str, Any]:
    """The product's table with the rows of its ``fallback`` product that it does not define.

    Resolved here, at build time (data/README.md, "Fallback"): the merged rows keep their own
    product's advice, message sets (renamed ``<fallback>.<set>``) and sections (renamed the same
    way when the product has a section of that name with other bounds), and say where they come
    from (``fallback_from``). A fallback product's own fallback is followed; a cycle is an error.
    """
    seen = [table["product"]]
    merged = dict(table)
    merged["codes"] = dict(table["codes"])
    merged["message_sets"] = dict(table.get("message_sets", {}))
    merged["sections"] = dict(table.get("sections", {}))
    name = table.get("fallback")
    while name is not None:
        if name in seen:
            raise TableError(f"{table['product']}: fallback cycle {' -> '.join([*seen, name])}")
        seen.append(name)
        other = load(name)
        for code, entry in other["codes"].items():
            if code in merged["codes"]:
                continue
            row = {**entry, "fallback_from": entry.get("fallback_from", name)}
            if "message_sets" in entry:
                row["message_sets"] = [f"{name}.{set_name}" for set_name in entry["message_sets"]]
                for set_name in entry["message_sets"]:
                    merged["message_sets"][f"{name}.{set_name}"] = other["message_sets"][set_name]
            section, spec = entry["section"], other.get("sections", {}).get(entry["section"]) or {}
            if merged["sections"].get(section, spec) != spec:
                section = row["section"] = f"{name}.{section}"
            merged["sections"].setdefault(section, spec)
            merged["codes"][code] = row
        name = other.get("fallback")
    return merged


def compile_product(rules: Mapping[str, Any], table: Mapping[str, Any]) -> dict[str, Any]:
    """Turn one product's YAML (plus the shared rules) into the literals of its module."""
    allowed = _enum_values()
    product = table["product"]
    rows: list[Any] = []  # RowSpec
    exact: dict[int, dict[str, int]] = {}
    templates: dict[int, list[tuple[Any, ...]]] = {}
    codes: dict[int, dict[str, Any]] = {}
    names: dict[str, int] = {}
    sets = table.get("message_sets", {})
    buckets = _ROWS.merge_statuses(rules["statuses"], table.get("statuses", {}))
    sections = table.get("sections", {})
    languages = tuple(table.get("languages", ("en", "zh")))
    descriptions: dict[str, str] = {}

    def add_row(code: int | None, spec: Mapping[str, Any], where: str, message: str | None = None) -> int:
        _check_advice(where, spec, allowed)
        values = spec.get("values") or {}
        on_status = _on_status(where, spec, buckets, allowed)
        for override in on_status.values():
            en = override.pop("en", None)
            if en and "reason" in override:
                descriptions[override["reason"]] = en
        rows.append(
            RowSpec(
                code=code,
                status_class=spec["class"],
                retry=spec["retry"],
                reconcile=spec["reconcile"],
                reason=spec["reason"],
                beats_status=bool(spec.get("beats_status", False)),
                values=values,
                message=message,
                on_status=on_status,
            )
        )
        return len(rows) - 1

    def add_messages(
        code: int | None, inherited: Mapping[str, Any], messages: Any, where: str, info: dict[str, Any]
    ) -> tuple[dict[str, int], list[tuple[Any, ...]]]:
        """Rows for ``messages`` (a code's own, or a message set's with ``code`` None)."""
        found: dict[str, int] = {}
        found_templates: list[tuple[Any, ...]] = []
        for message in messages:
            spec = dict(inherited)
            spec.update({k: v for k, v in message.items() if k in (*ADVICE_KEYS, "on_status")})
            if "filter" in message:
                spec["values"] = {"filter": message["filter"]}
            if "class" in message and "retry" not in message:
                spec["retry"] = SAFE_ADVICE.get(message["class"], spec["retry"])
            text = message["text"]
            exact_text = None if PLACEHOLDER.search(message.get("match", text)) else text
            index = add_row(code, spec, f"{where} {text!r}", exact_text)
            info["messages"].append({"text": text, "row": index, "en": message.get("en"), "zh": message.get("zh")})
            fields = tuple(message.get("fields", ()))
            for variant in (message.get("match", text), *message.get("variants", ())):
                if PLACEHOLDER.search(variant):
                    prefix, middles, suffix = split_template(variant)
                    if len(middles) + 1 != len(fields):
                        raise TableError(
                            f"{where} {variant!r}: {len(fields)} fields for {len(middles) + 1} placeholders"
                        )
                    named = [name for name in fields if name != "_"]
                    if len(set(named)) != len(named):
                        raise TableError(f"{where} {variant!r}: a field name repeats in {list(fields)}")
                    found_templates.append((prefix, middles, suffix, fields, index))
                elif variant in found:
                    raise TableError(f"{where}: message {variant!r} appears twice")
                elif variant == exact_text:
                    found[variant] = index
                else:  # its own row, so that a verdict's message is always the text received
                    found[variant] = add_row(code, spec, f"{where} {variant!r}", variant)
        return found, found_templates

    set_uses: dict[int, list[str]] = {}
    for code in sorted(table["codes"], key=lambda c: -c):
        entry = table["codes"][code]
        where = f"{product} {code}"
        _check_name(where, code, table["codes"], names)
        section = entry["section"]
        _check_section(where, code, section, sections)
        if "zh" in languages and not (entry.get("zh") or entry.get("zh_absent") or "fallback_from" in entry):
            raise TableError(f"{where}: zh is missing (the product's languages are {list(languages)})")
        default = add_row(code, entry, where)
        codes[code] = {
            "name": entry["name"],
            "section": section,
            "row": default,
            "en": entry["en"],
            "zh": entry.get("zh"),
            "since": entry.get("since"),
            "removed": entry.get("removed"),
            "legs": bool(entry.get("legs", False)),
            "messages": [],
        }
        if "source" in entry or "seen" in entry:  # a code on no page: where Binance was seen to send it
            seen = entry.get("seen")
            if entry.get("source") != "observed" or not seen or not all(str(u).startswith("https://") for u in seen):
                raise TableError(f"{where}: `source: observed` takes `seen`, the https addresses of the answers seen")
            codes[code].update(source="observed", seen=list(seen))
        inherited = {k: entry[k] for k in (*ADVICE_KEYS, "beats_status", "on_status") if k in entry}
        exact[code], own_templates = add_messages(code, inherited, entry.get("messages", ()), where, codes[code])
        if own_templates:
            templates[code] = own_templates
        used = entry.get("message_sets", ())
        if used:  # written once below, shared by every code that names them
            if "beats_status" in entry or "on_status" in entry:
                raise TableError(f"{where}: a code with message_sets takes no beats_status/on_status")
            unknown = [name for name in used if name not in sets]
            if unknown:
                raise TableError(f"{where}: no such message set {unknown}")
            codes[code]["message_sets"] = list(used)
            set_uses.setdefault(code, list(used))

    message_sets: dict[str, dict[str, Any]] = {}
    for name in sorted({name for used in set_uses.values() for name in used}):
        shared = sets[name]
        inherited = {k: v for k, v in shared.items() if k in ADVICE_KEYS}
        compiled: dict[str, Any] = {"messages": []}
        compiled["exact"], found_templates = add_messages(
            None, inherited, shared["messages"], f"{product} set {name}", compiled
        )
        compiled["templates"] = tuple(found_templates)
        message_sets[name] = compiled
    for code, used in set_uses.items():
        seen = set(exact[code])
        for name in used:
            twice = seen & set(message_sets[name]["exact"])
            if twice:
                raise TableError(f"{product} {code}: message {sorted(twice)[0]!r} appears twice (set {name})")
            seen |= set(message_sets[name]["exact"])

    codeless: dict[str, int] = {}
    for message in table.get("codeless", ()):
        text = message["text"]
        if text in codeless:
            raise TableError(f"{product} codeless: message {text!r} appears twice")
        codeless[text] = add_row(None, message, f"{product} codeless {text!r}", text)
        descriptions[message["reason"]] = message["en"]

    for code in table.get("success_codes", ()):
        rows.append(RowSpec(code, "ok", "no", "none", "OK", False, {}, None, {}))
        codes[code] = {
            "name": None,
            "section": "success",
            "row": len(rows) - 1,
            "en": "Success.",
            "zh": "成功。" if "zh" in languages else None,
            "since": None,
            "removed": None,
            "legs": False,
            "messages": [],
        }
        exact[code] = {}

    for bucket, spec in buckets.items():  # the product's changes must leave every bucket valid
        _check_advice(f"{product} statuses.{bucket}", spec, allowed)
    own_unknown = tuple(_unknown_block(spec, allowed) for spec in table.get("unknown_codes", ()))

    fallback = {code: entry["fallback_from"] for code, entry in table["codes"].items() if "fallback_from" in entry}
    return {
        "PRODUCT": product,
        "TITLE": table.get("title", product),
        "OWN_STATUSES": {
            name: {k: spec[k] for k in BUCKET_KEYS if k in spec} for name, spec in table.get("statuses", {}).items()
        },
        "OWN_UNKNOWN_CODES": own_unknown,  # tried before the shared rules' blocks
        "ENVELOPE": dict(table.get("envelope", {})),
        "SECTIONS": dict(table.get("sections", {})),
        "CODES": codes,
        "ROWS": tuple(rows),
        "EXACT": exact,
        "TEMPLATES": {code: tuple(items) for code, items in templates.items()},
        "MESSAGE_SETS": message_sets,
        "CODELESS": codeless,
        "DESCRIPTIONS": descriptions,
        **({"FALLBACK": fallback} if fallback else {}),  # code -> the product its row comes from
    }


def _unknown_block(spec: Mapping[str, Any], allowed: dict[str, set[str]]) -> tuple[Any, ...]:
    _check_advice("unknown_codes", spec, allowed)
    return (spec.get("from"), spec.get("to"), *(spec[k] for k in ("class", "retry", "reconcile", "reason", "en")))


def compile_rules(rules: Mapping[str, Any]) -> dict[str, Any]:
    """The shared decision rules (``rules.yaml``), written once for every product."""
    allowed = _enum_values()
    statuses = {}
    for bucket, spec in rules["statuses"].items():
        _check_advice(f"rules statuses.{bucket}", spec, allowed)
        statuses[bucket] = {k: spec[k] for k in BUCKET_KEYS}
        statuses[bucket]["beats_rows"] = bool(spec.get("beats_rows", False))
        keeps = spec.get("keeps_classes", [])
        if not set(keeps) <= allowed["class"]:
            raise ValueError(f"rules statuses.{bucket}.keeps_classes: unknown class in {keeps!r}")
        statuses[bucket]["keeps_classes"] = list(keeps)
    plain = {}
    for group in ("no_error", "unreadable"):
        for key, spec in rules[group].items():
            _check_advice(f"rules {group}.{key}", spec, allowed)
            plain[key] = {k: spec[k] for k in ADVICE_EN_KEYS}
    _check_advice("rules message_only", rules["message_only"], allowed)
    plain["message_only"] = {k: rules["message_only"][k] for k in ADVICE_EN_KEYS}
    for key, spec in rules["batch"].items():
        _check_advice(f"rules batch.{key}", spec, allowed)
        plain[f"batch_{key}"] = {k: spec[k] for k in ADVICE_EN_KEYS}
    unknown_filter = rules["unknown_filter"]
    _check_advice("rules unknown_filter", unknown_filter, allowed)
    message_rules = []
    for index, spec in enumerate(rules["message_rules"]):
        _check_advice(f"rules message_rules[{index}]", spec, allowed)
        if spec["contains"] != spec["contains"].lower() or not spec["contains"]:
            raise TableError(f"rules message_rules[{index}]: `contains` must be non-empty lower case")
        rule = {k: spec[k] for k in ("contains", *ADVICE_EN_KEYS)}
        rule.update(ban=bool(spec.get("ban", False)), field=spec.get("field"))
        rule["beats_status"] = bool(spec.get("beats_status", False))
        message_rules.append(rule)
    return {
        "EXECUTION": dict(rules["execution"]),
        "STATUSES": statuses,
        "PLAIN": plain,
        "UNKNOWN_CODES": tuple(_unknown_block(spec, allowed) for spec in rules["unknown_codes"]),
        "UNKNOWN_FILTER": {k: unknown_filter[k] for k in ADVICE_EN_KEYS},
        "MESSAGE_RULES": tuple(message_rules),
        "MESSAGE_RULES_WINDOW": int(rules["message_rules_window"]),
    }


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _literal(key: str, value: Any) -> str:
    """``KEY: Any = <literal>``; ``ROWS`` one row per line, in ``RowSpec`` field order."""
    if key == "ROWS":
        fields = ", ".join(RowSpec._fields)
        rows = "".join(f"    {tuple(row)!r},\n" for row in value)
        return f"# One row per line; fields: {fields} (binance_errors/_rows.py RowSpec).\nROWS: Any = (\n{rows})\n"
    return f"{key}: Any = {pprint.pformat(value, width=120, sort_dicts=False)}\n"


def _module_text(title: str, sources: list[Path], data: Path, upstream: str, literals: Mapping[str, Any]) -> str:
    hashes = "\n".join(f"    data/{path.relative_to(data)}  sha256={_sha256(path)}" for path in sources)
    head = (
        f'"""{title}: DO NOT EDIT.\n\n'
        f"Generated by tools/generator.py (generator version {GENERATOR_VERSION}) from:\n"
        f"{hashes}\n"
        f"{upstream}\n"
        f"Edit the YAML and run ``python tools/generator.py``.\n"
        f'"""\n\n# ruff: noqa\n# fmt: off\nfrom typing import Any\n\n'
    )
    return head + "\n".join(_literal(key, value) for key, value in literals.items())


def render(product_file: Path, data: Path = DATA) -> str:
    """The full text of the generated module for one product YAML file (``<product>.py``)."""
    return render_product(product_file, data)[0]


def render_rows(product_file: Path, data: Path = DATA) -> str:
    """The text of ``<product>_rows.py``: the product's ``LATER`` literals."""
    return render_product(product_file, data)[1]


@cache
def render_product(product_file: Path, data: Path = DATA) -> tuple[str, str]:
    """The texts of ``<product>.py`` and of ``<product>_rows.py`` (the ``LATER`` literals)."""
    rules_path = data / RULES
    rules = yaml.safe_load(rules_path.read_text(encoding="utf-8"))
    table = yaml.safe_load(product_file.read_text(encoding="utf-8"))
    used = [rules_path, product_file]

    def load(name: str) -> Mapping[str, Any]:
        path = data / f"{name}.yaml"
        if not path.is_file() or path.name == RULES:
            raise TableError(f"{table['product']}: fallback {name!r} is not a product (no data/{name}.yaml)")
        used.append(path)
        return yaml.safe_load(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]

    literals = compile_product(rules, with_fallback(table, load))
    upstream = "".join(
        f"    {src.get('url') or '(no URL)'} (updated {src.get('updated_at') or '?'})\n"
        f"      copy data/{src['file']}  sha256={_sha256(data / src['file'])}\n"
        for src in table.get("sources", ())
    )
    product = literals["PRODUCT"]
    now = {key: value for key, value in literals.items() if key not in LATER}
    later = {key: literals[key] for key in LATER}
    title = f"Generated table for product {product!r} (the shared rules are in _rules.py)"
    later_title = f"Generated rows and messages for product {product!r}, read on a code's first lookup ({product}.py)"
    sources = f"Upstream documentation:\n{upstream}"
    return (
        _module_text(title, used, data, sources, now) + _later_loader(product),
        _module_text(later_title, used, data, sources, later),
    )


def _later_loader(product: str) -> str:
    """The end of ``<product>.py``: the ``LATER`` names, loaded from ``<product>_rows.py`` on first read."""
    names = ", ".join(LATER)
    return (
        f"\n# {names}: in {product}_rows.py, read when a code is first looked up (not at import).\n"
        f"def __getattr__(name: str) -> Any:\n"
        f"    global {names}\n"
        f"    if name not in {LATER!r}:\n"
        f'        raise AttributeError(f"module {{__name__!r}} has no attribute {{name!r}}")\n'
        f"    from .{product}_rows import {names}\n"
        f"    return globals()[name]\n"
    )


def render_rules(data: Path = DATA) -> str:
    """The text of ``_tables/_rules.py``: the shared decision rules, once for every product."""
    rules_path = data / RULES
    literals = compile_rules(yaml.safe_load(rules_path.read_text(encoding="utf-8")))
    return _module_text("Generated shared decision rules", [rules_path], data, "", literals)


def compile_fix_dictionaries(texts: list[str]) -> dict[str, Any]:
    """The FIX reader's literals from the QuickFIX XML dictionaries (``binance_errors/_wire/fix.py``).

    ``MESSAGES``: MsgType (35) -> the message's name; ``FIELDS``: tag -> name; ``GROUP_TAGS``: MsgType
    -> the tags inside one of its repeating groups (components resolved), the only tags that may
    appear more than once in that message. Read at build time: the runtime imports no XML parser.
    """
    import xml.etree.ElementTree as ElementTree

    messages: dict[str, str] = {}
    fields: dict[int, str] = {}
    groups: dict[str, set[int]] = {}
    for text in texts:
        root = ElementTree.fromstring(text)
        numbers = {f.get("name"): int(f.get("number", "")) for f in root.iterfind("fields/field")}
        fields.update({number: name for name, number in numbers.items() if name is not None})
        components = {c.get("name"): c for c in root.iterfind("components/component")}

        def tags_in(
            node: Any, seen: tuple[str, ...] = (), numbers: Any = numbers, components: Any = components
        ) -> set[int]:
            found: set[int] = set()
            for child in node:
                name = child.get("name")
                if child.tag in ("field", "group"):
                    found.add(numbers[name])
                if child.tag == "group":
                    found |= tags_in(child, seen)
                elif child.tag == "component" and name not in seen:
                    found |= tags_in(components[name], (*seen, name))
            return found

        def group_tags(node: Any, seen: tuple[str, ...] = (), components: Any = components) -> set[int]:
            found: set[int] = set()
            for child in node:
                name = child.get("name")
                if child.tag == "group":
                    found |= tags_in(child, seen)
                elif child.tag == "component" and name not in seen:
                    found |= group_tags(components[name], (*seen, name))
            return found

        for message in root.iterfind("messages/message"):
            msgtype = message.get("msgtype", "")
            messages[msgtype] = message.get("name", "")
            groups.setdefault(msgtype, set()).update(group_tags(message))
    return {
        "MESSAGES": dict(sorted(messages.items())),
        "FIELDS": dict(sorted(fields.items())),
        "GROUP_TAGS": {msgtype: tuple(sorted(tags)) for msgtype, tags in sorted(groups.items()) if tags},
    }


def render_fix_dictionary(data: Path = DATA) -> str:
    """The text of ``_tables/_fix_dictionary.py`` (from ``FIX_DICTIONARIES``)."""
    paths = [data / name for name in FIX_DICTIONARIES]
    literals = compile_fix_dictionaries([path.read_text(encoding="utf-8") for path in paths])
    source = "Upstream: github:binance/binance-spot-api-docs fix/schemas/ (see data/upstream/README.md)\n"
    return _module_text(
        "Generated FIX dictionary (message types, tags, repeating groups)", paths, data, source, literals
    )


def product_files(data: Path = DATA) -> list[Path]:
    """Every product YAML in ``data`` (all but the shared rules)."""
    return sorted(p for p in data.glob("*.yaml") if p.name != RULES)


def render_registry(files: list[Path]) -> str:
    """The text of ``_tables/__init__.py``: the product registry (a new product is its YAML).

    ``PRODUCTS`` names every table; ``URL_PREFIXES`` maps a REST path's first segment to the product
    it addresses (a YAML's ``url_prefix``); ``INFERRED`` lists, in order, the products whose readings
    count when an answer names none (a YAML's ``inferred_order``).
    """
    tables = {path.stem: yaml.safe_load(path.read_text(encoding="utf-8")) for path in files}
    names = "".join(f"    {name!r},\n" for name in tables)
    prefixes = {table["url_prefix"]: name for name, table in tables.items() if table.get("url_prefix")}
    ordered = sorted((t["inferred_order"], n) for n, t in tables.items() if t.get("inferred_order") is not None)
    if len({order for order, _ in ordered}) != len(ordered):
        raise TableError(f"inferred_order: two products share a place in {ordered}")
    url_lines = "".join(f"    {prefix!r}: {name!r},\n" for prefix, name in sorted(prefixes.items()))
    inferred = "".join(f"    {name!r},\n" for _, name in ordered)
    return (
        '"""Generated product registry (tools/generator.py): DO NOT EDIT.\n\n'
        "One module per ``data/<product>.yaml``; ``PRODUCTS`` names them all; ``URL_PREFIXES`` maps a\n"
        "REST path's first segment to its product; ``INFERRED`` lists the products read when none is named.\n"
        f'"""\n\nPRODUCTS = (\n{names})\nURL_PREFIXES = {{\n{url_lines}}}\nINFERRED = (\n{inferred})\n'
    )


def generate(check: bool = False, data: Path = DATA, out: Path = OUT) -> list[str]:
    """Write (or, with ``check``, compare) every generated module; return the stale ones."""
    stale = []
    if not check:
        out.mkdir(exist_ok=True)
    files = product_files(data)
    wanted: list[tuple[Path, Callable[[], str]]] = []
    for path in files:
        wanted.append((out / f"{path.stem}.py", partial(render, path, data)))
        wanted.append((out / f"{path.stem}_rows.py", partial(render_rows, path, data)))
    wanted.append((out / "_rules.py", partial(render_rules, data)))
    wanted.append((out / "_fix_dictionary.py", partial(render_fix_dictionary, data)))
    wanted.append((out / "__init__.py", partial(render_registry, files)))
    for target, make in wanted:
        text = make()
        current = target.read_text(encoding="utf-8") if target.exists() else None
        if current != text:
            stale.append(target.name)
            if not check:
                target.write_text(text, encoding="utf-8")
    return stale


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail when a generated table is stale")
    parser.add_argument("--data", type=Path, default=DATA, help=argparse.SUPPRESS)  # tests: a copy of data/
    parser.add_argument("--out", type=Path, default=OUT, help=argparse.SUPPRESS)  # tests: a copy of _tables/
    args = parser.parse_args(argv)
    stale = generate(check=args.check, data=args.data, out=args.out)
    for name in stale:
        print(("stale: " if args.check else "wrote: ") + name)
    return 1 if (args.check and stale) else 0


if __name__ == "__main__":
    sys.exit(main())
