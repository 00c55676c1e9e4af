"""Reporting years: the NHS year from 1 April to 31 March, numbered by the year it ends in."""

from datetime import date

from workforce.labels import reporting_year_label


def reporting_year_for(day: date) -> int:
    """The reporting year a date falls in: 2025 for 1 April 2024 to 31 March 2025 (shown as 2024/25)."""
    return day.year if (day.month, day.day) <= (3, 31) else day.year + 1


__all__ = ["reporting_year_for", "reporting_year_label"]
