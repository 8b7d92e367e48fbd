"""Row <-> dict helpers for tables that keep lists as JSON text columns."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict
from typing import Any


def encode(values: dict[str, Any], columns: Iterable[str], json_columns: set[str]) -> list[Any]:
    """Column values in ``columns`` order, lists turned into JSON text."""
    return [json.dumps(values[k], ensure_ascii=False) if k in json_columns else values[k]
            for k in columns]


def decode(row, json_columns: set[str]) -> dict[str, Any]:
    """A sqlite3.Row as a dict, JSON text columns parsed back into lists."""
    return {k: json.loads(row[k]) if k in json_columns else row[k] for k in row.keys()}  # noqa: SIM118 (sqlite3.Row is no dict)


class AsDict:
    """For the frozen row dataclasses: the columns as a dict, for forms that map answers onto
    columns one to one, and for templates and exports that want one."""

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)  # type: ignore[call-overload]
