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
