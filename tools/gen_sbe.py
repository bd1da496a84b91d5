"""Compile Binance's spot SBE schemas (``data/upstream/sbe/spot_3_*.xml``) into ``_tables/sbe_layout.py``.

The only reader of the SBE XML (build time may use ``xml.etree``; the runtime decoder in
``binance_errors/_wire/sbe.py`` reads bytes with ``struct`` from the literals written here)::

    python tools/gen_sbe.py            # regenerate the layout module
    python tools/gen_sbe.py --check    # exit 1 when the checked-in module differs from the schemas

What is written, per schema version (every published version of schema id 3):

- the message header (blockLength, templateId, schemaId, version: uint16 each, little-endian);
- the id and name of every message (``TEMPLATES``), so any known template is recognised;
- full layouts of the messages the decoder turns into JSON-shaped frames (``DECODED``): the block
  length, every fixed field's offset and ``struct`` code with how to read it (plain integer, enum,
  boolean, decimal mantissa and its exponent, microsecond timestamp), the repeating groups with
  their dimension encoding, and the variable-length data with its length prefix;
- the values of the enums those messages use (the JSON spelling, ``mbx:jsonValue``).

Offsets follow the SBE rules the schemas rely on: no explicit ``offset`` or ``blockLength``
attributes (the generator refuses a schema that has them), fields laid out in order with no
padding, a constant field taking no space.
"""

from __future__ import annotations

import argparse
import hashlib
import pprint
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

GENERATOR_VERSION = 1
ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = ROOT / "data" / "upstream" / "sbe"
OUT = ROOT / "binance_errors" / "_tables" / "sbe_layout.py"
SCHEMA_ID = 3
PATTERN = "spot_3_*.xml"
FIX_PATTERN = "spot-fixsbe-*.xml"  # FIX in SBE (schema id 1): fields named by FIX tag
FIX_OUT = ROOT / "binance_errors" / "_tables" / "fix_sbe_layout.py"
FIX_SCHEMA_ID = 1
MBX = "{https://developers.binance.com/docs/binance-spot-api-docs}"
SBE = "{http://fixprotocol.io/2016/sbe}"
# The messages decoded field by field: the WebSocket API wrapper, the error, the cancel/replace
# legs and the orders a leg can hold.
DECODED = (
    "WebSocketResponse",
    "ErrorResponse",
    "CancelReplaceOrderResponse",
    "CancelOrderResponse",
    "NewOrderAckResponse",
    "NewOrderResultResponse",
    "NewOrderFullResponse",
)
# primitive -> (struct code, size, SBE null value of an optional field)
PRIMITIVES: Mapping[str, tuple[str, int, int]] = {
    "int8": ("b", 1, -(2**7)),
    "uint8": ("B", 1, 2**8 - 1),
    "int16": ("h", 2, -(2**15)),
    "uint16": ("H", 2, 2**16 - 1),
    "int32": ("i", 4, -(2**31)),
    "uint32": ("I", 4, 2**32 - 1),
    "int64": ("q", 8, -(2**63)),
    "uint64": ("Q", 8, 2**64 - 1),
    "char": ("c", 1, 0),
}
TIMESTAMP_TYPES = ("utcTimestampUs",)  # microseconds since the epoch (the schemas' own description)


class SchemaError(ValueError):
    """A schema uses something this generator does not lay out (it refuses rather than guess)."""


class Schema:
    """One schema file: its types, enums and messages."""

    def __init__(self, path: Path) -> None:
        self.path = path
        root = ET.parse(path).getroot()
        self.id = int(root.get("id", "-1"))
        self.version = int(root.get("version", "-1"))
        if root.get("byteOrder") != "littleEndian":
            raise SchemaError(f"{path.name}: byteOrder {root.get('byteOrder')!r}, expected littleEndian")
        self.types: dict[str, ET.Element] = {}
        self.enums: dict[str, ET.Element] = {}
        self.sets: dict[str, ET.Element] = {}
        self.composites: dict[str, ET.Element] = {}
        for types in root.iter("types"):
            for element in types:
                name = element.get("name", "")
                {"type": self.types, "enum": self.enums, "set": self.sets, "composite": self.composites}[element.tag][
                    name
                ] = element
        self.messages = {m.get("name", ""): m for m in root.iter(f"{SBE}message")}
        for element in root.iter():
            if element.get("offset") is not None or element.get("blockLength") is not None:
                raise SchemaError(f"{path.name}: explicit offset/blockLength on {element.get('name')!r}")
        self.header = self._header()

    def _header(self) -> tuple[str, ...]:
        header = self.composites["messageHeader"]
        names = tuple(t.get("name", "") for t in header)
        kinds = tuple(t.get("primitiveType") for t in header)
        if names != ("blockLength", "templateId", "schemaId", "version") or set(kinds) != {"uint16"}:
            raise SchemaError(f"{self.path.name}: messageHeader is {names} {kinds}")
        return names

    def dimension(self, name: str) -> tuple[str, int]:
        """A group's dimension encoding: (struct format of blockLength + numInGroup, its size)."""
        parts = [t.get("primitiveType", "") for t in self.composites[name]]
        names = [t.get("name") for t in self.composites[name]]
        if names != ["blockLength", "numInGroup"]:
            raise SchemaError(f"{self.path.name}: dimension {name} is {names}")
        codes = [PRIMITIVES[p][0] for p in parts]
        return "<" + "".join(codes), sum(PRIMITIVES[p][1] for p in parts)

    def var_data(self, name: str) -> tuple[str, str, bool]:
        """A data field's type: (length struct code, 'string' or 'message', optional: empty means null)."""
        composite = self.composites[name]
        length = composite.find("type[@name='length']")
        var = composite.find("type[@name='varData']")
        if length is None or var is None:
            raise SchemaError(f"{self.path.name}: {name} is not a length + varData composite")
        kind = "string" if var.get("characterEncoding") else "message"
        return PRIMITIVES[length.get("primitiveType", "")][0], kind, name.startswith("optional")

    def field(self, element: ET.Element, offset: int) -> tuple[tuple[Any, ...] | None, int]:
        """(layout of one fixed field or None for a constant, its size)."""
        name = element.get("name", "")
        type_name = element.get("type", "")
        json_name = element.get(f"{MBX}jsonPath") or name
        optional = element.get("presence") == "optional"
        default = element.get(f"{MBX}jsonDefaultValue")
        default_value = int(default) if default is not None else None
        if element.get("presence") == "constant":
            return None, 0
        since = element.get("sinceVersion")
        if since is not None and int(since) > self.version:
            raise SchemaError(f"{self.path.name}: {name} sinceVersion {since} > {self.version}")
        if type_name in self.enums:
            enum = self.enums[type_name]
            code, size, null = PRIMITIVES[enum.get("encodingType", "")]
            kind = "bool" if type_name == "boolEnum" else "enum"
            return (json_name, offset, code, kind, type_name, null if optional else None, default_value), size
        if type_name in self.sets:
            code, size, null = PRIMITIVES[self.sets[type_name].get("encodingType", "")]
            return (json_name, offset, code, "int", None, null if optional else None, default_value), size
        primitive, base = type_name, None
        if type_name in self.types:
            base = self.types[type_name]
            if base.get("length") not in (None, "1"):
                raise SchemaError(f"{self.path.name}: {name} has an array type {type_name}")
            primitive = base.get("primitiveType", "")
        if primitive not in PRIMITIVES:
            raise SchemaError(f"{self.path.name}: {name} has type {type_name!r} ({primitive!r})")
        code, size, null = PRIMITIVES[primitive]
        exponent = element.get(f"{MBX}exponent")
        if exponent is not None:
            kind, argument = "decimal", exponent
        elif type_name == "exponent8":
            kind, argument = "exponent", None
        elif type_name in TIMESTAMP_TYPES:
            kind, argument = "time_us", None
        else:
            kind, argument = "int", None
        null_value = None
        if optional:
            explicit = element.get("nullValue") or (base.get("nullValue") if base is not None else None)
            null_value = int(explicit) if explicit is not None else null
        return (json_name, offset, code, kind, argument, null_value, default_value), size

    def block(self, parent: ET.Element) -> tuple[int, tuple[Any, ...], tuple[Any, ...], tuple[Any, ...]]:
        """(block length, fixed fields, groups, data) of a message or group element."""
        offset = 0
        fields: list[tuple[Any, ...]] = []
        groups: list[tuple[Any, ...]] = []
        data: list[tuple[Any, ...]] = []
        for element in parent:
            if element.tag == "field":
                if groups or data:
                    raise SchemaError(f"{self.path.name}: field {element.get('name')} after a group or data")
                layout, size = self.field(element, offset)
                offset += size
                if layout is not None:
                    fields.append(layout)
            elif element.tag == "group":
                if data:
                    raise SchemaError(f"{self.path.name}: group {element.get('name')} after data")
                dimension, dimension_size = self.dimension(element.get("dimensionType", "groupSizeEncoding"))
                block_length, group_fields, nested, group_data = self.block(element)
                if nested:
                    raise SchemaError(f"{self.path.name}: nested group in {element.get('name')}")
                json_name = element.get(f"{MBX}jsonPath") or element.get("name", "")
                groups.append((json_name, dimension, dimension_size, block_length, group_fields, group_data))
            elif element.tag == "data":
                length_code, kind, optional = self.var_data(element.get("type", ""))
                json_name = element.get(f"{MBX}jsonPath") or element.get("name", "")
                data.append((json_name, length_code, kind, optional))
        return offset, tuple(fields), tuple(groups), tuple(data)

    def enums_used(self, layouts: Iterable[tuple[Any, ...]]) -> dict[str, dict[int, Any]]:
        """The values of every enum a decoded field uses: value -> its JSON spelling (bool for boolEnum)."""
        names: set[str] = set()
        for layout in layouts:
            fields = list(layout[2]) + [f for group in layout[3] for f in group[4]]
            names.update(f[4] for f in fields if f[3] in ("enum", "bool"))
        out: dict[str, dict[int, Any]] = {}
        for name in sorted(names):
            values: dict[int, Any] = {}
            for valid in self.enums[name]:
                text = (valid.text or "").strip()
                value = int(text) if text.isdigit() else ord(text)
                if name == "boolEnum":
                    values[value] = valid.get("name") == "True"
                else:
                    values[value] = valid.get(f"{MBX}jsonValue") or valid.get("name")
            out[name] = values
        return out


def schema_files(folder: Path = SCHEMAS) -> list[Path]:
    return sorted(folder.glob(PATTERN), key=lambda p: int(p.stem.rsplit("_", 1)[1]))


def compile_schemas(paths: list[Path]) -> dict[str, Any]:
    """Every version's header, templates, decoded layouts and enums."""
    versions: dict[int, Schema] = {}
    for path in paths:
        schema = Schema(path)
        if schema.id != SCHEMA_ID:
            raise SchemaError(f"{path.name}: schema id {schema.id}, expected {SCHEMA_ID}")
        if schema.version in versions:
            raise SchemaError(f"{path.name}: version {schema.version} twice")
        versions[schema.version] = schema
    templates: dict[int, str] = {}
    by_version_templates: dict[int, dict[int, str]] = {}
    layouts: dict[int, dict[int, tuple[Any, ...]]] = {}
    enums: dict[int, dict[str, dict[int, Any]]] = {}
    for version, schema in sorted(versions.items()):
        names = {int(m.get("id", "-1")): name for name, m in schema.messages.items()}
        for template, name in names.items():
            if templates.get(template, name) != name:
                raise SchemaError(f"template {template} is {templates[template]} and {name}")
            templates[template] = name
        by_version_templates[version] = dict(sorted(names.items()))
        decoded: dict[int, tuple[Any, ...]] = {}
        for name in DECODED:
            message = schema.messages.get(name)
            if message is None:
                raise SchemaError(f"{schema.path.name}: no message {name}")
            block_length, fields, groups, data = schema.block(message)
            decoded[int(message.get("id", "-1"))] = (name, block_length, fields, groups, data)
        layouts[version] = dict(sorted(decoded.items()))
        enums[version] = schema.enums_used(decoded.values())
    return {
        "versions": versions,
        "templates": dict(sorted(templates.items())),
        "by_version_templates": by_version_templates,
        "layouts": layouts,
        "enums": enums,
    }


class _Shared:
    """Names for values repeated across versions, so each distinct layout is written once."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self.names: dict[str, str] = {}
        self.lines: list[str] = []

    def name(self, value: Any) -> str:
        text = pprint.pformat(value, width=110, sort_dicts=False)
        found = self.names.get(text)
        if found is None:
            found = self.names[text] = f"_{self.prefix}{len(self.names)}"
            self.lines.append(f"{found} = {text}\n")
        return found


def render(paths: list[Path]) -> str:
    compiled = compile_schemas(paths)
    sources = "\n".join(
        f"    data/upstream/sbe/{path.name}  sha256={hashlib.sha256(path.read_bytes()).hexdigest()}" for path in paths
    )
    layouts, enums = _Shared("L"), _Shared("E")
    layout_refs = {
        version: "{" + ", ".join(f"{t}: {layouts.name(layout)}" for t, layout in by_template.items()) + "}"
        for version, by_template in compiled["layouts"].items()
    }
    enum_refs = {
        version: "{" + ", ".join(f"{name!r}: {enums.name(values)}" for name, values in by_name.items()) + "}"
        for version, by_name in compiled["enums"].items()
    }
    versions = sorted(compiled["versions"])
    added = {}
    seen: set[int] = set()
    for version in versions:
        new = sorted(set(compiled["by_version_templates"][version]) - seen)
        added[version] = tuple(new)
        seen.update(new)
    out = [
        '"""SBE layouts of the Binance spot API schema (id 3), every published version: generated, DO NOT EDIT.\n',
        "\n",
        f"Generated by tools/gen_sbe.py (generator version {GENERATOR_VERSION}) from:\n",
        sources + "\n",
        "Upstream: GitHub binance/binance-spot-api-docs, sbe/schemas/\n",
        "(commit and date in data/upstream/sbe/README.md).\n",
        "\n",
        "LAYOUTS[version][templateId] = (name, blockLength, fields, groups, data), where\n",
        "  field = (JSON name, offset in the block, struct code, kind, argument, null value, JSON default)\n",
        "    kind: 'int'; 'enum'/'bool' (argument: the enum, see ENUMS); 'decimal' (argument: the exponent\n",
        "    field's name, in the message or its parent); 'exponent' (not a JSON field); 'time_us'\n",
        "    (microseconds). The null value is set for an optional field; the JSON default replaces a null.\n",
        "  group = (JSON name, dimension struct format, dimension size, blockLength, fields, data)\n",
        "  data = (JSON name, length struct code, 'string' or 'message', optional: empty means null)\n",
        '"""\n',
        "\n",
        "# fmt: off\n",
        f"SCHEMA_ID = {SCHEMA_ID}\n",
        "HEADER_FORMAT = '<HHHH'  # " + ", ".join(compiled["versions"][versions[-1]].header) + "\n",
        "HEADER_SIZE = 8\n",
        f"VERSIONS = {tuple(versions)!r}\n",
        "# every template id of any version -> its message name\n",
        f"TEMPLATES = {pprint.pformat(compiled['templates'], width=110, compact=True)}\n",
        "# the template ids each version adds to the ones before it\n",
        f"ADDED_IN = {pprint.pformat(added, width=110, compact=True)}\n",
        "\n",
    ]
    body_layouts = [f"    {version}: {ref},\n" for version, ref in layout_refs.items()]
    body_enums = [f"    {version}: {ref},\n" for version, ref in enum_refs.items()]
    out += layouts.lines
    out += ["\n", "LAYOUTS = {\n", *body_layouts, "}\n", "\n"]
    out += enums.lines
    out += ["\n", "ENUMS = {\n", *body_enums, "}\n"]
    return "".join(out)


class FixSchema(Schema):
    """A FIX SBE schema: the same encoding, a longer header (with seqNum and sendingTime), fields
    named by their FIX tag (the field id), enums sent as their FIX value (a char, or a number)."""

    def _header(self) -> tuple[str, ...]:
        header = self.composites["messageHeader"]
        names = tuple(t.get("name", "") for t in header)
        if names != ("blockLength", "templateId", "schemaId", "version", "seqNum", "sendingTime"):
            raise SchemaError(f"{self.path.name}: messageHeader is {names}")
        sofh = tuple(t.get("name", "") for t in self.composites["sofh"])
        if sofh != ("messageLength", "encodingType"):
            raise SchemaError(f"{self.path.name}: sofh is {sofh}")
        return names

    def fix_field(
        self, element: ET.Element, offset: int, tags: Mapping[str, int]
    ) -> tuple[tuple[Any, ...] | None, int]:
        """(tag, offset, struct code, kind, exponent tag, null value) of one fixed field, its size."""
        if element.get("presence") == "constant":
            return None, 0
        tag, type_name = int(element.get("id", "-1")), element.get("type", "")
        optional = element.get("presence") == "optional"
        if type_name in self.enums:
            encoding = self.enums[type_name].get("encodingType", "")
            code, size, null = PRIMITIVES[encoding]
            kind, argument = ("char" if encoding == "char" else "int"), None
        else:
            base = self.types.get(type_name)
            primitive = base.get("primitiveType", "") if base is not None else type_name
            if primitive not in PRIMITIVES or (base is not None and base.get("length") not in (None, "1")):
                raise SchemaError(f"{self.path.name}: field {tag} has type {type_name!r}")
            code, size, null = PRIMITIVES[primitive]
            exponent = element.get(f"{MBX}exponent")
            if exponent is not None:
                kind, argument = "decimal", tags[exponent]
            elif type_name == "exponent8":
                kind, argument = "exponent", None
            elif type_name in TIMESTAMP_TYPES:
                kind, argument = "time_us", None
            else:
                kind, argument = ("char" if primitive == "char" else "int"), None
        return (tag, offset, code, kind, argument, null if optional else None), size

    def fix_block(self, parent: ET.Element, tags: Mapping[str, int]) -> tuple[Any, ...]:
        """(block length, fields, groups, data) by tag; groups may nest."""
        offset = 0
        fields: list[tuple[Any, ...]] = []
        groups: list[tuple[Any, ...]] = []
        data: list[tuple[Any, ...]] = []
        for element in parent:
            if element.tag == "field":
                layout, size = self.fix_field(element, offset, tags)
                offset += size
                if layout is not None:
                    fields.append(layout)
            elif element.tag == "group":
                dimension, dimension_size = self._fix_dimension(element.get("dimensionType", "groupSize32Encoding"))
                block_length, group_fields, nested, group_data = self.fix_block(element, tags)
                groups.append(
                    (
                        int(element.get("id", "-1")),
                        dimension,
                        dimension_size,
                        block_length,
                        group_fields,
                        nested,
                        group_data,
                    )
                )
            elif element.tag == "data":
                length_code, _, optional = self.var_data(element.get("type", ""))
                data.append((int(element.get("id", "-1")), length_code, optional))
        return offset, tuple(fields), tuple(groups), tuple(data)

    def _fix_dimension(self, name: str) -> tuple[str, int]:
        names = [t.get("name") for t in self.composites[name]]
        if names != ["blockLength", "numInGroup"]:
            raise SchemaError(f"{self.path.name}: dimension {name} is {names}")
        parts = [PRIMITIVES[t.get("primitiveType", "")] for t in self.composites[name]]
        return "<" + "".join(code for code, _, _ in parts), sum(size for _, size, _ in parts)

    def fix_layouts(self) -> dict[int, tuple[Any, ...]]:
        """Every message: templateId -> (name, MsgType (35), blockLength, fields, groups, data)."""
        out: dict[int, tuple[Any, ...]] = {}
        for name, message in self.messages.items():
            tags = {e.get("name", ""): int(e.get("id", "-1")) for e in message.iter("field")}
            block_length, fields, groups, data = self.fix_block(message, tags)
            msg_type = message.get("semanticType", "")
            out[int(message.get("id", "-1"))] = (name, msg_type, block_length, fields, groups, data)
        return dict(sorted(out.items()))


def render_fix(paths: list[Path]) -> str:
    """The FIX SBE layout module: every version's messages by templateId, fields by FIX tag."""
    versions: dict[int, dict[int, tuple[Any, ...]]] = {}
    for path in paths:
        schema = FixSchema(path)
        if schema.id != FIX_SCHEMA_ID:
            raise SchemaError(f"{path.name}: schema id {schema.id}, expected {FIX_SCHEMA_ID}")
        versions[schema.version] = schema.fix_layouts()
    sources = "\n".join(
        f"    data/upstream/sbe/{path.name}  sha256={hashlib.sha256(path.read_bytes()).hexdigest()}" for path in paths
    )
    layouts = _Shared("F")
    refs = {
        version: "{" + ", ".join(f"{t}: {layouts.name(layout)}" for t, layout in by_template.items()) + "}"
        for version, by_template in sorted(versions.items())
    }
    out = [
        '"""SBE layouts of the Binance FIX in SBE schema (id 1), every published version: generated, DO NOT EDIT.\n',
        "\n",
        f"Generated by tools/gen_sbe.py (generator version {GENERATOR_VERSION}) from:\n",
        sources + "\n",
        "Upstream: GitHub binance/binance-spot-api-docs, sbe/schemas/\n",
        "(commit and date in data/upstream/sbe/README.md).\n",
        "\n",
        "A message is framed by the Simple Open Framing Header (messageLength uint32, counting the\n",
        "header itself; encodingType uint16 0xEB50) and the message header (blockLength, templateId,\n",
        "schemaId, version: uint16; seqNum uint32, FIX tag 34; sendingTime utcTimestampUs, tag 52).\n",
        "\n",
        "LAYOUTS[version][templateId] = (name, MsgType (tag 35), blockLength, fields, groups, data), where\n",
        "  field = (FIX tag, offset in the block, struct code, kind, exponent tag, null value)\n",
        "    kind: 'int', 'char' (an enum sent as its FIX value), 'decimal' (mantissa of the exponent\n",
        "    field named), 'exponent' (no FIX field), 'time_us' (microseconds, a UTCTimestamp);\n",
        "    the null value is set for an optional field\n",
        "  group = (NoXXX tag, dimension struct format, dimension size, blockLength, fields, groups, data)\n",
        "  data = (FIX tag, length struct code, optional: empty means absent)\n",
        '"""\n',
        "\n",
        "# fmt: off\n",
        f"SCHEMA_ID = {FIX_SCHEMA_ID}\n",
        "SOFH_FORMAT = '<IH'  # messageLength, encodingType\n",
        "SOFH_ENCODING = 0xEB50  # little-endian SBE\n",
        "HEADER_FORMAT = '<HHHHIq'  # blockLength, templateId, schemaId, version, seqNum, sendingTime\n",
        f"VERSIONS = {tuple(sorted(versions))!r}\n",
        "\n",
        *layouts.lines,
        "\n",
        "LAYOUTS = {\n",
        *[f"    {version}: {ref},\n" for version, ref in refs.items()],
        "}\n",
    ]
    return "".join(out)


def _write(text: str, out: Path, check: bool) -> bool:
    current = out.read_text(encoding="utf-8") if out.exists() else None
    if current == text:
        return False
    if not check:
        out.write_text(text, encoding="utf-8")
    return True


def generate(check: bool, folder: Path = SCHEMAS, out: Path = OUT, fix_out: Path | None = FIX_OUT) -> list[str]:
    """Write (or, with ``check``, compare) the layout modules; the names of those changed (or stale)."""
    changed = []
    if _write(render(schema_files(folder)), out, check):
        changed.append(out.name)
    if fix_out is not None and _write(render_fix(sorted(folder.glob(FIX_PATTERN))), fix_out, check):
        changed.append(fix_out.name)
    return changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0] if __doc__ else None)
    parser.add_argument("--check", action="store_true", help="exit 1 when the generated module is stale")
    parser.add_argument("--schemas", type=Path, default=SCHEMAS, help="folder of spot_3_*.xml")
    parser.add_argument("--out", type=Path, default=OUT, help="the spot layout module to write")
    parser.add_argument(
        "--fix-out", type=Path, default=None, help="the FIX SBE layout module (default: beside --out's default)"
    )
    args = parser.parse_args(argv)
    fix_out = args.fix_out or (FIX_OUT if args.out == OUT else None)
    try:
        changed = generate(args.check, args.schemas, args.out, fix_out)
    except SchemaError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    for name in changed:
        print(f"{'stale' if args.check else 'regenerated'}: {name}")
    return 1 if changed and args.check else 0


if __name__ == "__main__":
    sys.exit(main())
