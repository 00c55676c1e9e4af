"""Reporting years: the NHS year from 1 April to 31 March, numbered by the year it ends in."""

from datetime import date


def reporting_year_for(day: date) -> int:
    """The reporting year a date falls in: 2025 for 1 April 2024 to 31 March 2025 (shown as 2024/25)."""
    return day.year if (day.month, day.day) <= (3, 31) else day.year + 1


def reporting_year_label(year: int) -> str:
    """The year as people write it: "2024/25" for 2025."""
    return f"{year - 1}/{str(year)[-2:]}"
