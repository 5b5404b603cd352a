"""Reads of the Desmigratif records (balances, loan states, indicators, lists)."""
