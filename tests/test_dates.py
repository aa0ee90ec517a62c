"""FuzzyDate: a day, a month, a quarter or a year; parsed, printed, and where it ends."""

from __future__ import annotations

import datetime as dt

import pytest

from site_builder.dates import DATE_HELP, DATE_PATTERN, FuzzyDate, parse_date

D = dt.date


@pytest.mark.parametrize("text, start, precision, end", [
    ("2024-09-27", D(2024, 9, 27), "day", D(2024, 9, 27)),
    ("2024-02-29", D(2024, 2, 29), "day", D(2024, 2, 29)),
    ("2024-09", D(2024, 9, 1), "month", D(2024, 9, 30)),
    ("2024-02", D(2024, 2, 1), "month", D(2024, 2, 29)),  # leap year
    ("2025-02", D(2025, 2, 1), "month", D(2025, 2, 28)),
    ("2025-12", D(2025, 12, 1), "month", D(2025, 12, 31)),
    ("2024-Q1", D(2024, 1, 1), "quarter", D(2024, 3, 31)),
    ("2024-Q2", D(2024, 4, 1), "quarter", D(2024, 6, 30)),
    ("2024-Q3", D(2024, 7, 1), "quarter", D(2024, 9, 30)),
    ("2024-Q4", D(2024, 10, 1), "quarter", D(2024, 12, 31)),
    ("2026", D(2026, 1, 1), "year", D(2026, 12, 31)),
])
def test_parse_str_end(text: str, start: dt.date, precision: str, end: dt.date) -> None:
    date = parse_date(text)
    assert date == FuzzyDate(start, precision)  # type: ignore[arg-type]
    assert date.end == end
    assert str(date) == text
    assert parse_date(str(date)) == date


def test_parse_values_yaml_produces() -> None:
    assert parse_date(D(2025, 9, 7)) == FuzzyDate(D(2025, 9, 7), "day")  # `date: 2025-09-07`
    assert parse_date(2026) == FuzzyDate(D(2026, 1, 1), "year")  # `date: 2026`
    already = FuzzyDate(D(2024, 10, 1), "quarter")
    assert parse_date(already) is already


def test_parse_trims_spaces() -> None:
    assert parse_date(" 2025-09 ") == FuzzyDate(D(2025, 9, 1), "month")


def test_str_pads_small_years_of_days() -> None:
    assert str(parse_date("0999-01-02")) == "0999-01-02"


def test_dates_order_by_their_first_day() -> None:
    dates = [parse_date(t) for t in ("2025", "2024-Q4", "2024-09-27", "2024-09", "2024")]
    assert [str(d) for d in sorted(dates)] == ["2024", "2024-09", "2024-09-27", "2024-Q4", "2025"]


def test_date_pattern_accepts_exactly_the_forms_parse_reads() -> None:
    import re

    for good in ("2024", "2024-09", "2024-09-27", "2024-Q4"):
        assert re.match(DATE_PATTERN, good)
    for bad in ("2024-9", "2024-13", "2024-09-32", "2024-Q5", "24-09", "Sept 2025", "2024-09-27T00:00"):
        assert not re.match(DATE_PATTERN, bad)


@pytest.mark.parametrize("value, message", [
    ("2024-02-30", f"'2024-02-30' is not a date on the calendar; {DATE_HELP}"),
    ("2025-02-29", f"'2025-02-29' is not a date on the calendar; {DATE_HELP}"),
    ("2025-13", f"'2025-13' is not a date on the calendar; {DATE_HELP}"),
    ("2025-00", f"'2025-00' is not a date on the calendar; {DATE_HELP}"),
    ("0000", f"'0000' is not a date on the calendar; {DATE_HELP}"),
    ("Sept 2025", "'Sept 2025' is not a date this site reads; write it as 2025-09"),
    ("September 2025", "'September 2025' is not a date this site reads; write it as 2025-09"),
    ("2025 sep", "'2025 sep' is not a date this site reads; write it as 2025-09"),
    ("Feb. 2024", "'Feb. 2024' is not a date this site reads; write it as 2024-02"),
    ("2024-Q5", f"'2024-Q5' is not a date this site reads; {DATE_HELP}"),
    ("Q3 2025", f"'Q3 2025' is not a date this site reads; {DATE_HELP}"),
    ("2025-9", f"'2025-9' is not a date this site reads; {DATE_HELP}"),
    ("2025/09/07", f"'2025/09/07' is not a date this site reads; {DATE_HELP}"),
    ("", f"'' is not a date this site reads; {DATE_HELP}"),
    (202409, f"'202409' is not a date this site reads; {DATE_HELP}"),
    (dt.datetime(2025, 9, 7, 10, 0), f"a date has no time of day; {DATE_HELP}"),
    (1.5, f"expected a date, found float; {DATE_HELP}"),
    (True, f"expected a date, found bool; {DATE_HELP}"),
    ([2025], f"expected a date, found list; {DATE_HELP}"),
])
def test_parse_errors(value: object, message: str) -> None:
    with pytest.raises(ValueError) as error:
        parse_date(value)
    assert str(error.value) == message


@pytest.mark.parametrize("written, advice", [
    ("30 September 2025", "write it as 2025-09-30"),
    ("Sept 7, 2025", "write it as 2025-09-07"),
    ("31 September 2025", "write it as 2025-09"),  # no such day: only the month is sure
])
def test_parse_error_advice_keeps_the_day(written: str, advice: str) -> None:
    with pytest.raises(ValueError) as error:
        parse_date(written)
    assert str(error.value).endswith(advice)


def test_date_errors_carry_the_advice_apart_from_the_message() -> None:
    from site_builder.dates import DateError

    with pytest.raises(DateError) as error:
        parse_date("Sept 2025")
    assert (error.value.message, error.value.hint) == ("'Sept 2025' is not a date this site reads", "write it as 2025-09")
    with pytest.raises(DateError) as error:
        parse_date("2024-02-30")
    assert (error.value.message, error.value.hint) == ("'2024-02-30' is not a date on the calendar", DATE_HELP)


@pytest.mark.parametrize("text, phrase", [
    ("2024-09-27", "on 27 September 2024"),
    ("2024-09", "in September 2024"),
    ("2024-Q3", "in Q3 2024"),
    ("2026", "in 2026"),
])
def test_running_text_puts_on_before_a_day_and_in_before_a_longer_span(text: str, phrase: str) -> None:
    date = parse_date(text)
    assert f"{date.preposition} {date.label()}" == phrase
