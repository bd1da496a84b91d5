"""WebSocket Streams frames read into a frame for the rules (``product="streams"``).

Rules this module keeps:

1. Reading, not deciding: the control answers (``{"result", "id"}``, ``{"code", "msg", "id"}``,
   ``{"error": {...}, "id"}``) are already frames the rules read; they pass unchanged (``None``).
2. An event (``{"e": <type>, ...}``, also wrapped as a combined stream's ``{"stream", "data"}`` or a
   WebSocket API push ``{"subscriptionId", "event"}`` / ``{"event"}``) whose type the ``streams``
   table lists under ``codeless`` (``data/streams.yaml``: the events that end a stream or a session)
   becomes ``{"msg": <type>, "data": <the event>}``, which the table's row for it decides. Every
   other event passes unchanged: a success (its rows are the table's, not this module's).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .._table import Table

__all__ = ["event_of", "read"]


def event_of(frame: dict[str, Any]) -> Any:
    """The event a stream frame carries: the frame itself, a combined stream's ``data``, or a
    WebSocket API push's ``event``; ``None`` when it carries none."""
    if "e" in frame:
        return frame
    inner = frame.get("event")
    if inner is None and "stream" in frame:
        inner = frame.get("data")
    return inner if inner.__class__ is dict and "e" in inner else None


def read(table: Table, frame: dict[str, Any]) -> dict[str, Any] | None:
    """The frame for the rules when ``frame`` is an event the table lists, else ``None`` (unchanged)."""
    event = event_of(frame)
    if event is None:
        return None
    kind = event["e"]
    if kind.__class__ is not str or kind not in table.codeless:
        return None
    return {"msg": kind, "data": frame}
