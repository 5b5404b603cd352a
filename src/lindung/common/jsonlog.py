"""Structured logs: one JSON object a line, no personal data.

Only the fields named here leave the process: the time, the level, the logger, the message
(written by our code, which never puts personal data in it) and the extra fields a call
passes with ``extra={"event": ..., ...}`` (numbers, ids, names of things, never people).
An exception is logged as its type and its stack of ``file:line function`` frames: its
message can quote a database row (an IntegrityError names the key and its value), so it is
left out.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import traceback
from typing import Any

# Attributes every LogRecord has; whatever else is on a record came from ``extra=``.
_STANDARD = set(vars(logging.LogRecord("x", 0, "x", 0, "x", None, None))) | {
    "message", "asctime", "taskName"}


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    return str(value)


class JsonFormatter(logging.Formatter):
    """``{"ts": ..., "level": ..., "logger": ..., "event": ..., "msg": ..., ...}``."""

    def format(self, record: logging.LogRecord) -> str:
        payload: dict[str, Any] = {
            "ts": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(
                timespec="milliseconds").replace("+00:00", "Z"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "event": getattr(record, "event", "log"),
            "msg": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and key not in payload:
                payload[key] = _plain(value)
        if record.exc_info and record.exc_info[0] is not None:
            payload["exc_type"] = record.exc_info[0].__name__
            payload["stack"] = [f"{frame.filename.rsplit('/site-packages/', 1)[-1]}:"
                                f"{frame.lineno} {frame.name}"
                                for frame in traceback.extract_tb(record.exc_info[2])]
        return json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
