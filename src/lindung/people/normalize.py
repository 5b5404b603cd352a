"""The stored search form of a name. Delegates to the matching engine's normaliser."""

from __future__ import annotations

from lindung.matching.normalize import normalize_name


def search_name_for(name: str) -> str:
    return normalize_name(name)[:200]
