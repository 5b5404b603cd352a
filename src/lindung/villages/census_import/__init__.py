"""Bulk import of a village census from the XLSX/CSV sheets officers keep.

reader  -> the sheet's rows (python-calamine for XLSX, the csv module for CSV)
columns -> the census fields, Indonesian header synonyms, header-row detection
values  -> parsers for the cell values (Indonesian dates, sex, relation, yes/no...)
validate-> every row checked and grouped into households, keys computed (pure Python)
writer  -> one chunk written in one transaction with the import's progress
report  -> the per-row error report (XLSX, safe against formula injection)
The orchestration (upload, mapping, run, resume) is in `lindung.villages.services.imports`.
"""
