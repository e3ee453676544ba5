"""Cells that a spreadsheet will not run: every CSV and XLSX export goes through here.

A cell starting with = + - @ (or a tab or carriage return before them) is a formula to
Excel and LibreOffice, so text from people (a summary, a name) could run on the reader's
machine. A leading apostrophe makes it text (OWASP "CSV Injection").
"""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralised(value: object) -> object:
    """Text that would start a formula, with an apostrophe first; anything else as it is
    (numbers and dates stay numbers and dates in a spreadsheet)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return f"'{value}"
    return value


def safe_text(value: object) -> str:
    """The value as CSV text, empty for None, neutralised."""
    return str(neutralised("" if value is None else str(value)))
