"""Bounds of the API's numeric query parameters, one definition for every operation.

An offset the database cannot take (10^19 overflows a 64-bit integer: a 500 on PostgreSQL
and SQLite alike), a negative one, or a year no table has is refused by validation with 422
before any query, and the OpenAPI document states the bounds. Each list operation still
caps the page at its own size.
"""

from __future__ import annotations

from typing import Annotated
from typing import Final

from pydantic import Field

#: Far beyond any list in the system, far below what a database integer holds.
MAX_OFFSET: Final = 10_000_000

Offset = Annotated[int, Field(ge=0, le=MAX_OFFSET, description="Rows to skip.")]
Limit = Annotated[int, Field(ge=1, le=MAX_OFFSET,
                             description="Rows in the page (capped at the page size).")]
Year = Annotated[int, Field(ge=1900, le=2200, description="A calendar year.")]
