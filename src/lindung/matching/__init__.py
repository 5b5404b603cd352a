"""Matching Indonesian people across records (DESIGN.md section 5).

Pure Python, no Django: the database layer stores :func:`~lindung.matching.keys.blocking_keys`
in an indexed table, fetches the candidates that share a key with a query and ranks them with
:func:`~lindung.matching.score.score_pair`.

Modules:

* :mod:`~lindung.matching.normalize`: names to canonical tokens (accents, titles, degrees,
  Muhammad variants, old spelling, bin/binti).
* :mod:`~lindung.matching.keys`: spelling and phonetic keys per token, blocking keys.
* :mod:`~lindung.matching.weights`: how much evidence a token carries (rare > common).
* :mod:`~lindung.matching.score`: explained Fellegi-Sunter style scoring of one pair.
* :mod:`~lindung.matching.synthetic`: seeded synthetic people and variants for tests and
  quality measurements.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def bulk_work() -> Iterator[None]:
    """Around a long matching run (a manifest, a de-duplication): the objects alive now
    (memoised names, loaded records) are frozen out of the garbage collector's scans, and
    collections run less often. Call :func:`gc.freeze` again after loading more."""
    threshold = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(50_000, 20, 50)
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        gc.unfreeze()
