"""Read an upstream Binance error-code page (the markdown of ``data/upstream/spot_errors.txt``).

Used by the table's maintainers only (the drift check and the seeding of a new product table);
the runtime never imports it. The page has an English half and a Chinese half, each with:

- ``## <section>`` headings (``10xx - General Server or Network issues``);
- ``### -NNNN NAME`` code headings followed by ``  * message`` bullets;
- message tables (``"message"| description``) for the matching-engine messages and the filter
  failures.

The futures reference pages (``data/upstream/usdm_futures_errors.md``) use the same headings with
``- message`` bullets and ``> Note:`` remarks (skipped); both bullet styles are read.

Messages are normalised the way the API sends them: markdown links become their text and
backticks are dropped (the page writes ``SenderCompId(49)`` in code style; the API does not).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = ["DocCode", "DocPage", "clean_message", "parse_page"]

_HEADING = re.compile(r"^(#{2,3}) (.*?)(?:\[\]\(.*)?$")
_CODE_HEADING = re.compile(r"^(-?\d+)(?: (.*))?$")  # some pages give a code with no NAME
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_CODE_IN_TITLE = re.compile(r"-\d{4}")
_BULLETS = ("* ", "- ")


def clean_message(text: str) -> str:
    """Return ``text`` as the API would send it: no markdown links, no backticks, no padding."""
    return _LINK.sub(r"\1", text).replace("`", "").strip()


@dataclass
class DocCode:
    """One ``### -NNNN NAME`` entry of a page half."""

    code: int
    title: str
    section: str
    bullets: list[str] = field(default_factory=list)


@dataclass
class DocPage:
    """What one half of the page (English or Chinese) says."""

    sections: dict[str, str] = field(default_factory=dict)
    codes: dict[int, DocCode] = field(default_factory=dict)
    # message -> description, per table (keyed by the table's section title)
    tables: dict[str, dict[str, str]] = field(default_factory=dict)
    # the codes a message table applies to, read from its title ("Messages for -1010 ...")
    table_codes: dict[str, tuple[int, ...]] = field(default_factory=dict)


def _split_row(line: str) -> tuple[list[str], str]:
    left, _, right = line.partition("|")
    left = left.strip()
    messages: list[str] = []
    for part in left.split(" / ") if left.startswith('"') else [left]:
        part = part.strip()
        if part.startswith('"'):
            part = part[1:]
        end = part.rfind('"')
        if end != -1:
            tail = part[end + 1 :]
            part = part[:end] + tail.strip()
        messages.append(clean_message(part))
    return messages, right.strip()


def _parse_half(lines: list[str]) -> DocPage:
    page = DocPage()
    section = ""
    current: DocCode | None = None
    table: dict[str, str] | None = None
    last: list[str] = []
    for raw in lines:
        line = raw.rstrip()
        heading = _HEADING.match(line)
        if heading:
            level, title = heading.group(1), heading.group(2).strip()
            table, last, current = None, [], None
            if level == "##":
                section = title
                key = title.split(" ", 1)[0] if title[:2].isdigit() else title
                page.sections[key] = title
                codes = tuple(int(c) for c in _CODE_IN_TITLE.findall(title))
                page.table_codes[title] = codes
                continue
            match = _CODE_HEADING.match(title)
            if match:
                code = int(match.group(1))
                # a code the page lists twice (margin -5012, two NAMEs): one entry, the first NAME,
                # the bullets of both
                current = page.codes.setdefault(code, DocCode(code, (match.group(2) or "").strip(), section))
            continue
        stripped = line.strip()
        if current is not None and stripped.startswith(_BULLETS):
            current.bullets.append(clean_message(stripped[2:]))
            continue
        if "|" in stripped and stripped.split("|", 1)[0].strip() in (
            "Error message",
            "错误信息",
            "错误消息",
        ):
            table = page.tables.setdefault(section, {})
            continue
        if table is None or not stripped or stripped.startswith("---"):
            continue
        if "|" in stripped:
            messages, description = _split_row(stripped)
            last = messages
            for message in messages:
                table[message] = description
        elif last:
            for message in last:
                table[message] = (table[message] + " " + stripped).strip()
    return page


def parse_page(text: str) -> tuple[DocPage, DocPage | None]:
    """Parse a page into its English half and, when present, its Chinese half."""
    lines = text.splitlines()
    split = None
    for index, line in enumerate(lines):
        if line.startswith("# ") and index > 0 and any(ord(ch) > 0x2E80 for ch in line):
            split = index
            break
    if split is None:
        return _parse_half(lines), None
    return _parse_half(lines[:split]), _parse_half(lines[split:])
