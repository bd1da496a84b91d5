"""The maintainers' drift check: an upstream error page against a product's YAML.

    python -m binance_errors drift PAGE.md [--product spot] [--json] [--data DIR]

Reads the page with ``_docparse.py`` (the spot page format of ``data/upstream/spot_errors.txt``
and the futures format of ``data/upstream/*_futures_errors.md``) and ``data/<product>.yaml`` and
reports codes added and removed, NAMEs changed, and messages added, changed and removed. Exits 1
when it finds drift, 0 when the YAML matches the page, 2 when it cannot run.

A maintainer tool: it reads the YAML (PyYAML, a test/build dependency) from a source checkout.
The runtime never imports this module; only the ``drift`` command of the CLI does.

What the YAML holds that the page does not is not drift: rows and messages marked
``added_by_hand: <why>`` (codes the page only names in a table title, or that upstream added
after the copy), codes marked ``removed:``, a message's ``variants`` (other wordings the API
sends) and ``doc_notes`` (bullets that describe a code rather than quote a message). A row whose
page heading is a message rather than a NAME (spot ``-2021``/``-2022``) gives it as ``doc_title``.
"""

from __future__ import annotations

import argparse
import difflib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, TextIO

import ujson

from ._docparse import DocPage, clean_message, parse_page
from ._lookup import normalize_message

__all__ = ["DATA", "Drift", "compare", "main"]

DATA = Path(__file__).resolve().parent.parent / "data"
CHANGED_RATIO = 0.6  # how alike two texts of one code must be to count as one message changed


@dataclass
class Drift:
    """What differs between the page and the YAML; each list empty when nothing does."""

    codes_added: list[dict[str, Any]] = field(default_factory=list)  # {code, name}
    codes_removed: list[dict[str, Any]] = field(default_factory=list)  # {code, name}
    names_changed: list[dict[str, Any]] = field(default_factory=list)  # {code, yaml, page}
    messages_added: list[dict[str, Any]] = field(default_factory=list)  # {where, message}
    messages_changed: list[dict[str, Any]] = field(default_factory=list)  # {where, yaml, page}
    messages_removed: list[dict[str, Any]] = field(default_factory=list)  # {where, message}

    def __bool__(self) -> bool:
        return any(asdict(self).values())


def _texts(message: Mapping[str, Any]) -> set[str]:
    """The texts one YAML message stands for: as documented, as matched, and its variants."""
    return {message["text"], message.get("match", message["text"]), *message.get("variants", ())}


def _own_messages(entry: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    return [m for m in entry.get("messages", ()) if not m.get("added_by_hand")]


def _pair(where: str, page_only: list[str], yaml_only: list[str], drift: Drift) -> None:
    """Pair each page-only text with the most alike YAML-only text of the same place."""
    left = list(yaml_only)
    for text in page_only:
        close = difflib.get_close_matches(text, left, n=1, cutoff=CHANGED_RATIO)
        if close:
            left.remove(close[0])
            drift.messages_changed.append({"where": where, "yaml": close[0], "page": text})
        else:
            drift.messages_added.append({"where": where, "message": text})
    drift.messages_removed.extend({"where": where, "message": text} for text in left)


def _compare_codes(page: DocPage, table: Mapping[str, Any], drift: Drift) -> None:
    codes: Mapping[int, Any] = table["codes"]
    named_in_titles = {code for codes_ in page.table_codes.values() for code in codes_}
    for code, doc in page.codes.items():
        entry = codes.get(code)
        if entry is None:
            drift.codes_added.append({"code": code, "name": doc.title})
            continue
        title = entry.get("doc_title", entry["name"]) or ""  # a code the page gives with no NAME
        if title != doc.title:
            drift.names_changed.append({"code": code, "yaml": title, "page": doc.title})
        known = set(entry.get("doc_notes", ()))
        for message in entry.get("messages", ()):
            known |= _texts(message)
        on_page = set(doc.bullets)
        if "doc_title" in entry:  # the heading is the message (spot -2021/-2022), not a NAME
            on_page |= {normalize_message(doc.title)}
        bullets = [b for b in dict.fromkeys(doc.bullets) if b not in known]
        yaml_only = [
            m["text"]
            for m in _own_messages(entry)
            if not (_texts(m) & on_page) and normalize_message(m["text"]) not in on_page
        ]
        _pair(str(code), bullets, yaml_only, drift)
    for code, entry in codes.items():
        hand = entry.get("added_by_hand") or entry.get("removed") or code in named_in_titles
        if code not in page.codes and not hand:
            drift.codes_removed.append({"code": code, "name": entry["name"]})


def _set_texts(table: Mapping[str, Any]) -> Iterator[tuple[str, Mapping[str, Any]]]:
    for set_name, shared in table.get("message_sets", {}).items():
        for message in shared["messages"]:
            yield set_name, message


def _compare_tables(page: DocPage, table: Mapping[str, Any], drift: Drift) -> None:
    """The page's message tables (engine messages, filter failures) against ``message_sets``."""
    if not page.tables:
        return
    known: set[str] = set()
    for _, message in _set_texts(table):
        known |= _texts(message)
    on_page = {clean_message(text) for messages in page.tables.values() for text in messages}
    for title, messages in page.tables.items():
        _pair(title, [text for text in messages if text not in known], [], drift)
    for set_name, message in _set_texts(table):
        if not message.get("added_by_hand") and not (_texts(message) & on_page):
            drift.messages_removed.append({"where": f"message_sets.{set_name}", "message": message["text"]})


def compare(page_text: str, table: Mapping[str, Any]) -> Drift:
    """The drift between an upstream page (its English half) and a product's YAML."""
    english, _ = parse_page(page_text)
    drift = Drift()
    _compare_codes(english, table, drift)
    _compare_tables(english, table, drift)
    return drift


def _lines(drift: Drift) -> Iterable[str]:
    for item in drift.codes_added:
        yield f"code added: {item['code']} {item['name']}"
    for item in drift.codes_removed:
        yield f"code removed: {item['code']} {item['name']}"
    for item in drift.names_changed:
        yield f"name changed: {item['code']} {item['yaml']} -> {item['page']}"
    for item in drift.messages_added:
        yield f"message added: {item['where']}: {item['message']!r}"
    for item in drift.messages_changed:
        yield f"message changed: {item['where']}: {item['yaml']!r} -> {item['page']!r}"
    for item in drift.messages_removed:
        yield f"message removed: {item['where']}: {item['message']!r}"


def _parser(products: Iterable[str]) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="binance-errors drift",
        description="Compare an upstream error-code page with data/<product>.yaml (exit 1 on drift).",
    )
    parser.add_argument(
        "page", help="the page, as markdown (the format of data/upstream/spot_errors.txt or *_futures_errors.md)"
    )
    parser.add_argument("--product", default="spot", choices=sorted(products))
    parser.add_argument("--json", action="store_true", help="one JSON object instead of lines")
    parser.add_argument("--data", default=str(DATA), help="the YAML directory (default: the checkout's data/)")
    return parser


def main(argv: list[str], out: TextIO, products: Iterable[str]) -> int:
    """Run ``drift``; 0 no drift, 1 drift, 2 could not run."""
    args = _parser(products).parse_args(argv)
    path = Path(args.data) / f"{args.product}.yaml"
    try:
        import yaml  # a maintainer dependency: never imported by classify
    except ImportError:
        out.write("drift needs PyYAML: pip install pyyaml\n")
        return 2
    try:
        table = yaml.safe_load(path.read_text(encoding="utf-8"))
        page_text = Path(args.page).read_text(encoding="utf-8")
    except OSError as error:
        out.write(f"drift: {error}\n")
        return 2
    drift = compare(page_text, table)
    if args.json:
        out.write(ujson.dumps({"page": args.page, "product": args.product, "drift": bool(drift), **asdict(drift)}))
        out.write("\n")
    else:
        for line in _lines(drift):
            out.write(line + "\n")
        out.write(f"{'drift' if drift else 'no drift'}: {args.page} against {path}\n")
    return 1 if drift else 0
