"""Date phrases resolved against the publication date, including dateparser's traps."""

from datetime import date

import pytest

from sigact.extract.dates import find_dates, parse_date_phrase


def first(text: str, pub: date | None, kind: str = "day"):
    found = [d for d in find_dates(text, pub) if d.kind == kind]
    assert found, f"no {kind} date in {text!r}"
    return found[0]


@pytest.mark.parametrize(
    ("text", "pub", "expected"),
    [
        # the weekday of publication is that day, not a week earlier
        ("The base was attacked on Tuesday night.", date(2023, 10, 24), date(2023, 10, 24)),
        ("Earlier on Monday, a drone hit the base.", date(2023, 10, 24), date(2023, 10, 23)),
        ("Rockets landed early on Thursday.", date(2023, 11, 9), date(2023, 11, 9)),
        # a day and month without a year take the publication year
        ("clashes broke out in the morning of 9 November.", date(2023, 11, 9), date(2023, 11, 9)),
        ("in the early hours of 31 October", date(2023, 11, 1), date(2023, 10, 31)),
        ("the targeting of the base on December 11 via drones", date(2023, 12, 15), date(2023, 12, 11)),
        # ... unless that lands more than a week after publication: the previous year
        ("an attack on December 30", date(2024, 1, 3), date(2023, 12, 30)),
        ("on October 31, 2023 a base", None, date(2023, 10, 31)),
        ("yesterday", date(2024, 1, 29), date(2024, 1, 28)),
        ("ten days earlier", date(2024, 2, 8), date(2024, 1, 29)),
        ("2023-12-11", None, date(2023, 12, 11)),
    ],
)
def test_day_phrases(text: str, pub: date | None, expected: date) -> None:
    assert first(text, pub).value == expected


def test_we_is_not_wednesday_and_a_comma_is_not_january() -> None:
    found = find_dates("we said on Monday, a drone hit the base", date(2023, 10, 24))
    assert [(d.text, d.value) for d in found] == [("Monday", date(2023, 10, 23))]


def test_relative_phrases_need_a_publication_date() -> None:
    assert first("On Monday night, a base was hit.", None).value is None
    assert first("yesterday", None).value is None


def test_last_week_and_month_have_their_precision() -> None:
    wk = first("Last week, U.S. forces confronted drones.", date(2023, 11, 1), "week")
    assert (wk.value, wk.precision) == (date(2023, 10, 29), "week")
    mo = first("attacks in October", date(2023, 11, 20), "month")
    assert (mo.value, mo.precision) == (date(2023, 10, 31), "month")


def test_since_and_until_are_not_event_days() -> None:
    ds = find_dates("at least 97 attacks since October 17 until Wednesday", date(2023, 12, 15))
    assert {(d.kind, d.value) for d in ds} == {
        ("since", date(2023, 10, 17)), ("until", date(2023, 12, 13))}


def test_year_background() -> None:
    d = first("the presence began in early 2016", date(2023, 10, 24), "year")
    assert d.value.year == 2016


def test_may_the_verb_is_not_a_month() -> None:
    assert find_dates("the base may 24 hours later be hit", date(2023, 10, 24)) == []


def test_dateparser_fallback_anchors_on_publication() -> None:
    assert parse_date_phrase("3rd of November", date(2023, 11, 9)) == date(2023, 11, 3)
    assert parse_date_phrase("3rd of November", None) is None  # no year, no publication date


def test_numeric_dates_settle_order_by_weekday_or_range() -> None:
    found = find_dates("explosions shook the base, Friday (12/1/2024).", None)
    assert [d.value for d in found if d.explicit] == [date(2024, 1, 12)]
    assert [d.value for d in find_dates("on 24/10/2023", None)] == [date(2023, 10, 24)]
    assert find_dates("on 05/06/2023", None) == []  # no weekday, no guess


def test_yearless_day_near_an_anchor_takes_the_nearest_year() -> None:
    (d,) = [d for d in find_dates("attacks continued on 12 November", date(2023, 10, 16), around=True)]
    assert d.value == date(2023, 11, 12)


def test_this_morning_is_read_without_a_digit_or_day_name() -> None:
    from sigact.extract.dates import find_dates

    found = [(d.text, d.value) for d in find_dates("Drones struck the base this morning", date(2024, 1, 10))]
    assert found == [("this morning", date(2024, 1, 10))]


def test_since_a_part_of_a_month_opens_a_period_in_the_past() -> None:
    for text in ("the first attack since early February", "Since mid-October, the group has"):
        (d,) = find_dates(text, date(2024, 8, 6))
        assert (d.kind, d.precision) == ("since", "month")
    assert first("Since mid-October, the group has", date(2024, 8, 6), "since").value == date(2023, 10, 1)


def test_the_previous_week_is_the_week_before_publication() -> None:
    d = first("drones hit the base the previous week as well", date(2024, 8, 6), "week")
    assert (d.value, d.precision) == (date(2024, 8, 4), "week")


def test_last_year_is_the_year_before_publication() -> None:
    (d,) = find_dates("as the army collapsed late last year", date(2025, 1, 24))
    assert (d.kind, d.value, d.precision) == ("year", date(2024, 12, 31), "year")
    assert find_dates("as the army collapsed late last year", None) == []  # no publication date, no year


def test_needed_words_are_the_needed_runs_of_ascii_letters() -> None:
    from sigact.extract.dates import _ASCII_WORD, _NEEDED, _needed_words

    for text in ["on monday night, 3 days ago", "mid-january", "midjanuary", "café tuesday’s", "",
                 "sinceSince since", "x" * 40 + " yesterday", "the_week weekend-weeks"]:
        low = text.lower()
        assert _needed_words(low) == set(_ASCII_WORD.findall(low)) & _NEEDED
