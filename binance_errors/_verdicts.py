"""Fast construction and copies of Verdicts, and the per-code dict that builds on first use.

Split from ``_table.py``: the table decides *what* the prebuilt verdicts are; this module only
makes them cheaply (import time is a benchmark, docs/design.md section 7) and copies them for the
slow path's dynamic results.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, ItemsView, Iterator, KeysView, Mapping, Sequence, ValuesView
from itertools import repeat
from operator import attrgetter
from typing import Any, TypeVar, cast

import attrs

from ._model import Retry, RetryAction, Verdict, _equal
from ._parse import field_value

__all__ = [
    "UNSET",
    "ByCode",
    "CodedVerdict",
    "DynamicVerdict",
    "Maker",
    "TemplateValues",
    "build_verdicts",
    "coded_verdict",
    "fast_init",
    "lazily",
    "make_retry",
    "maker",
    "replace",
    "replace_with",
]

# The slots of Verdict, in attrs field order (the order of Verdict's positional arguments).
_VERDICT_SLOTS = tuple(Verdict.__dict__[field.name] for field in attrs.fields(Verdict))
_new = object.__new__
UNSET = (None, None, None, None, None, None)  # data, raw_code, raw_message, raw_text, legs, items
_T = TypeVar("_T")
_R = TypeVar("_R")


def build_verdicts(fields: Sequence[tuple[Any, ...]]) -> list[Verdict]:
    """``[Verdict(*args) for args in fields]``, several times faster: the table's import cost.

    Fills each slot of every new instance with C-level loops (``map`` over the slot's
    descriptor) instead of calling attrs' ``__init__``, which assigns one field at a time in
    Python. The results are ordinary frozen Verdicts, equal to the ones ``__init__`` makes
    (a test checks it); Verdict has no validators, converters or post-init to skip.
    """
    verdicts: list[Verdict] = list(map(_new, repeat(Verdict, len(fields))))
    if not verdicts:
        return verdicts
    for slot, column in zip(_VERDICT_SLOTS, zip(*fields, strict=True), strict=True):
        deque(map(slot.__set__, verdicts, column), maxlen=0)
    return verdicts


_VERDICT_FIELDS = tuple(field.name for field in attrs.fields(Verdict))
_FIELD_INDEX = {name: index for index, name in enumerate(_VERDICT_FIELDS)}
_verdict_values = attrgetter(*_VERDICT_FIELDS)


class DynamicVerdict(Verdict):
    """A verdict for one response: a prebuilt static verdict plus the fields this response changed.

    ``replace`` (or a ``maker``) makes them. An instance holds a reference to the shared static
    verdict and only the changed fields, in slots of its own; every field is a read-only
    property of the instance's class (one class per set of changed fields, made once): a C-level
    ``attrgetter`` of the own slot or of the static verdict. So a dynamic answer costs about
    what a small slotted object costs, not a 16-field frozen copy. It is a Verdict in every
    public way: ``isinstance``, the attributes and predicates, ``==`` with any equal Verdict,
    ``repr`` (it prints as ``Verdict(...)``), ``to_dict``/``from_dict``, copy and pickle (which
    give a plain Verdict), ``attrs.evolve`` (a plain Verdict too). Its fields cannot be set
    (properties without setters raise AttributeError).
    """

    __slots__ = ("_static",)
    # Own slots are private and set once, by the makers, at the speed of a plain slotted object
    # (both, or CPython keeps the slow generic path for setting attributes).
    __setattr__ = object.__setattr__
    __delattr__ = object.__delattr__
    _own: tuple[str, ...] = ()  # the fields this class keeps in its own slots

    def __new__(cls, *args: Any, **kwargs: Any) -> Verdict:  # type: ignore[misc]
        # Reached by `cls(...)` (attrs.evolve, copy): answer a plain Verdict of those fields.
        return Verdict(*args, **kwargs)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Verdict):
            return all(map(_equal, _verdict_values(self), _verdict_values(other)))
        return NotImplemented

    def __ne__(self, other: object) -> bool:
        if isinstance(other, Verdict):
            return not all(map(_equal, _verdict_values(self), _verdict_values(other)))
        return NotImplemented

    __hash__ = Verdict.__hash__

    def __reduce__(self) -> tuple[Any, ...]:
        return Verdict, _verdict_values(self)


Maker = Callable[..., Verdict]
_MAKERS: dict[tuple[str, ...], Maker] = {}
_MAX_MAKERS = 256  # one per distinct set of changed fields the code paths make: a handful


def maker(*names: str) -> Maker:
    """The positional constructor of DynamicVerdicts that change ``names``.

    ``maker("message", "values")(verdict, msg, values)`` is ``replace(verdict, message=msg,
    values=values)`` for a static ``verdict``, without building keyword arguments: for the
    complete procedure's most frequent shapes. Made once per tuple of names.
    """
    made = _MAKERS.get(names)
    if made is not None:
        return made
    unknown = [name for name in names if name not in _FIELD_INDEX]
    if unknown or len(set(names)) != len(names):
        raise TypeError(f"not Verdict fields, or repeated: {names!r}")
    namespace: dict[str, Any] = {
        "__slots__": tuple(f"_{name}" for name in names),
        "_own": names,
        "__module__": Verdict.__module__,
    }
    for name in _VERDICT_FIELDS:
        namespace[name] = property(attrgetter(f"_{name}" if name in names else f"_static.{name}"))
    cls = type("Verdict", (DynamicVerdict,), namespace)
    cls.__qualname__ = Verdict.__qualname__  # attrs' repr prints the qualname: "Verdict(...)"
    args = "".join(f", a{i}" for i in range(len(names)))
    body = "".join(f"    o._{name} = a{i}\n" for i, name in enumerate(names))
    source = f"def make(static{args}):\n    o = new(cls)\n    o._static = static\n{body}    return o\n"
    scope: dict[str, Any] = {"new": _new, "cls": cls}
    exec(source, scope)  # fixed text from validated field names
    return _MAKERS.setdefault(names, scope["make"])


def replace(verdict: Verdict, **changes: Any) -> Verdict:
    """``verdict`` with ``changes`` (field names of Verdict): THE way a dynamic verdict is made.

    Equal to ``attrs.evolve(verdict, **changes)``; the result is a DynamicVerdict that shares
    ``verdict`` (or the static verdict under it) and holds only the changed fields.
    """
    return replace_with(verdict, changes) if changes else verdict


def replace_with(verdict: Verdict, changes: dict[str, Any]) -> Verdict:
    """``replace(verdict, **changes)`` for a dict of changes already built (no copy of it)."""
    if verdict.__class__ is not Verdict:  # dynamic already: start again from its static verdict
        merged = {name: getattr(verdict, name) for name in verdict._own}  # type: ignore[attr-defined]
        merged.update(changes)
        changes = merged
        verdict = verdict._static  # type: ignore[attr-defined]
    key = tuple(changes)
    made = _MAKERS.get(key)
    if made is None:
        if len(_MAKERS) >= _MAX_MAKERS:  # never reached by the library's own call sites
            values = list(_verdict_values(verdict))
            for name, value in changes.items():
                values[_FIELD_INDEX[name]] = value
            return Verdict(*values)
        made = maker(*key)
    return made(verdict, *changes.values())


class CodedVerdict(DynamicVerdict):
    """The verdict of an answer with a code (``_decide.classify_code``): its row's prebuilt verdict
    plus this response's code, message and data, its values and its retry time.

    The values and the retry time are decided when the answer is classified and kept as they were
    read: the field names and the message's slices (a ``TemplateValues`` is made of them when
    ``values`` is first read), and ``(after_ms, at_ms, source)`` of the retry time (the ``Retry``
    is made when ``retry`` is first read). Once made, each is kept and the same object is read
    again (two threads reading at once may each make one; they are equal). Everything else is a
    ``DynamicVerdict``.
    """

    # _values and _retry are left unset until first read (an unset slot raises AttributeError).
    __slots__ = ("_code", "_data", "_fields", "_message", "_parts", "_retry", "_timing", "_values")
    _own = ("code", "message", "values", "data", "retry")
    _static: Verdict
    _code: int
    _message: str | None
    _data: Any
    _fields: tuple[str, ...] | None
    _parts: tuple[str, ...]
    _timing: tuple[int | None, int | None, str] | None
    _values: Mapping[str, Any]
    _retry: Retry

    def _read_values(self) -> Mapping[str, Any]:
        try:
            return self._values
        except AttributeError:
            fields = self._fields
            values = TemplateValues(fields, self._parts, field_value) if fields else self._static.values
            self._values = values
            return values

    def _read_retry(self) -> Retry:
        try:
            return self._retry
        except AttributeError:
            timing = self._timing
            retry = self._static.retry if timing is None else make_retry(AFTER_DELAY, *timing)
            self._retry = retry
            return retry


for _name in _VERDICT_FIELDS:
    if _name in ("code", "message", "data"):
        setattr(CodedVerdict, _name, property(attrgetter(f"_{_name}")))
    elif _name == "values":
        setattr(CodedVerdict, _name, property(CodedVerdict._read_values))
    elif _name == "retry":
        setattr(CodedVerdict, _name, property(CodedVerdict._read_retry))
    else:
        setattr(CodedVerdict, _name, property(attrgetter(f"_static.{_name}")))
CodedVerdict.__qualname__ = CodedVerdict.__name__ = Verdict.__qualname__  # repr prints "Verdict(...)"


def coded_verdict(
    static: Verdict,
    code: int,
    message: str | None,
    data: Any,
    fields: tuple[str, ...] | None,
    parts: tuple[str, ...],
    values: Mapping[str, Any] | None,
    timing: tuple[int | None, int | None, str] | None,
    retry: Retry | None,
) -> Verdict:
    """A ``CodedVerdict``. ``values``: made, or None (made of ``fields`` and ``parts`` when read; the
    row's own without fields). ``retry``: made, or None (made of ``timing``, ``(after_ms, at_ms,
    source)``, when read; the row's own without timing)."""
    made = _new(CodedVerdict)
    made._static = static
    made._code = code
    made._message = message
    made._data = data
    made._fields = fields
    made._parts = parts
    made._timing = timing
    if values is not None:
        made._values = values
    if retry is not None:
        made._retry = retry
    return made


class TemplateValues(Mapping[str, Any]):
    """The values of a templated message, read-only, built into a dict only when first read.

    Holds the field names and the raw text slices; ``convert`` turns one slice into its value
    (a number when it is one). At least one name is not ``_`` (a skipped field), so it is never
    empty. Equal to any mapping with the same items; prints like the
    read-only mapping it stands for.
    """

    __slots__ = ("_built", "_convert", "_names", "_parts")

    def __init__(self, names: tuple[str, ...], parts: tuple[str, ...], convert: Callable[[str], Any]) -> None:
        self._names = names
        self._parts = parts
        self._convert = convert
        self._built: dict[str, Any] | None = None

    def _dict(self) -> dict[str, Any]:
        built = self._built
        if built is None:
            convert = self._convert
            built = {name: convert(part) for name, part in zip(self._names, self._parts, strict=True) if name != "_"}
            self._built = built
        return built

    def __getitem__(self, key: str) -> Any:
        return self._dict()[key]

    def get(self, key: str, default: Any = None) -> Any:
        """The value of ``key``, else ``default`` (converts that one value only, until built)."""
        built = self._built
        if built is not None:
            return built.get(key, default)
        names = self._names
        if key == "_" or key not in names:
            return default
        if names.count(key) == 1:
            return self._convert(self._parts[names.index(key)])
        return self._dict().get(key, default)  # a repeated name: the last one, as in the dict

    def __contains__(self, key: object) -> bool:
        return key in self._dict()

    def __iter__(self) -> Iterator[str]:
        return iter(self._dict())

    def __len__(self) -> int:
        return len(self._dict())

    def __bool__(self) -> bool:
        return True  # made only for at least one named field: truth needs no build

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Mapping):
            return self._dict() == dict(other.items())
        return NotImplemented

    def __ne__(self, other: object) -> bool:
        if isinstance(other, Mapping):
            return self._dict() != dict(other.items())
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # unhashable, like the mappingproxy it stands for

    def __repr__(self) -> str:
        return f"mappingproxy({self._dict()!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return dict, (self._dict(),)


def lazily(namespace: dict[str, Any], name: str, build: Callable[[], Callable[..., _R]]) -> Callable[..., _R]:
    """A stand-in for the function ``build()`` makes, which builds it on its first call and puts it
    in its place as ``namespace[name]`` (import time is a benchmark; calls through the module
    global then reach the built function directly)."""

    def first(*args: Any) -> _R:
        built = build()
        namespace[name] = built
        return built(*args)

    return first


def fast_init(cls: type[_T]) -> Callable[..., _T]:
    """A positional constructor of the frozen slotted attrs class ``cls``, several times faster.

    ``fast_init(Retry)(action, after_ms, at_ms, source)`` equals ``Retry(...)`` and is a plain
    ``Retry``: it is built as an instance of a private subclass that adds no slots and keeps
    object's own ``__setattr__`` (so each field is one plain slot store, where attrs' frozen
    ``__init__`` goes through ``object.__setattr__`` once per field), then given its class.
    ``cls`` has no validators, converters or post-init to skip.
    """
    names = tuple(field.name for field in attrs.fields(cast(Any, cls)))
    namespace = {"__slots__": (), "__setattr__": object.__setattr__, "__delattr__": object.__delattr__}
    builder = type(f"_Building{cls.__name__}", (cls,), namespace)
    args = ", ".join(f"a{i}" for i in range(len(names)))
    body = "".join(f"    o.{name} = a{i}\n" for i, name in enumerate(names))
    source = f"def make({args}):\n    o = new(builder)\n{body}    o.__class__ = cls\n    return o\n"
    scope: dict[str, Any] = {"new": _new, "cls": cls, "builder": builder}
    exec(source, scope)  # fixed text from the class's own field names
    return scope["make"]  # type: ignore[no-any-return]


_V = TypeVar("_V")
_ABSENT: Any = object()


class ByCode(dict[int, _V]):
    """A dict keyed by error code whose entries are built on first use of a code.

    Missing keys (``d[code]``, ``d.get(code)``, ``code in d``) first ask the table to build that
    code; iterating, ``len`` and the views build every code first. Reads never see a partly
    built code: the table publishes a code's entries before marking it built, under a lock.
    """

    __slots__ = ("_fill", "_fill_all")

    def __init__(self, fill: Callable[[Any], bool], fill_all: Callable[[], None]) -> None:
        super().__init__()
        self._fill = fill
        self._fill_all = fill_all

    def __missing__(self, code: Any) -> _V:
        self._fill(code)
        value = dict.get(self, code, _ABSENT)
        if value is _ABSENT:
            raise KeyError(code)
        return value  # type: ignore[no-any-return]

    def get(self, code: Any, default: Any = None) -> Any:
        """``self[code]``, or ``default`` when the table has no such entry."""
        try:
            return self[code]
        except (KeyError, TypeError):
            return default

    def __contains__(self, code: object) -> bool:
        return self.get(code, _ABSENT) is not _ABSENT

    def __iter__(self) -> Iterator[int]:
        self._fill_all()
        return super().__iter__()

    def __len__(self) -> int:
        self._fill_all()
        return super().__len__()

    def keys(self) -> KeysView[int]:  # type: ignore[override]
        """All codes (builds them all)."""
        self._fill_all()
        return super().keys()

    def values(self) -> ValuesView[_V]:  # type: ignore[override]
        """All entries (builds them all)."""
        self._fill_all()
        return super().values()

    def items(self) -> ItemsView[int, _V]:  # type: ignore[override]
        """All (code, entry) pairs (builds them all)."""
        self._fill_all()
        return super().items()


AFTER_DELAY = RetryAction.AFTER_DELAY
# Retry(action, after_ms, at_ms, source) without attrs' __init__ cost (built on first use; call it
# as an attribute of this module from elsewhere: an imported name would keep the stand-in)
make_retry = lazily(globals(), "make_retry", lambda: fast_init(Retry))
