"""Writes of the Desmigratif villages app, one module per area:

- programme: programme villages and their officers
- census: households, members, stays abroad, children and KIS/KIP cards, the service log
- imports: bulk census imports (upload, mapping, resumable run, error report)
- business: pillar 2 (business groups, trainings, turnover)
- parenting: pillar 3 (activities and attendance)
- cooperative: pillar 4 (members, savings, loans, remittances)
- ledger: the double-entry ledger (posting, reversing, closing periods)

Each function is keyword-only, atomic, checks access through lindung.core.access (a None
actor is the system: commands, the demo loader, background tasks) and writes its audit row.
"""
