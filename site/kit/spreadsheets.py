"""Spreadsheet downloads of what residents typed: never let a spreadsheet program run it as a formula.

OWASP's advice for CSV injection: a cell that starts with =, +, -, @, a tab or a carriage return is
prefixed with a single quote, so Excel, LibreOffice and Google Sheets show it as text.
"""
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """Text that could start a formula gets a leading '; numbers, dates and other values pass unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
