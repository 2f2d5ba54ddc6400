"""Excel and PDF output built from plain data (DTOs, lists); no Qt, no database.

`xlsx` writes workbooks safely (user text never becomes a formula) in the house layout;
`pdf` lays out A4 documents in the house style with embedded Unicode fonts; `files` holds
the atomic file writing both use. One module per report builds on these two.
"""
