"""The header date finder and outlet finder on made-up headers."""

from __future__ import annotations

from datetime import date

import pytest

from sigact.read import find_outlet, find_published_date

BODY = (
    "\n\nA convoy was hit by a roadside bomb on the main road, officials said, and two "
    "vehicles were damaged while the crews escaped without serious injury."
)


@pytest.mark.parametrize(
    ("header", "expected", "how"),
    [
        ("November 9, 2023", date(2023, 11, 9), "dateline"),
        ("Nov. 9th, 2023", date(2023, 11, 9), "dateline"),
        ("Tuesday, October 24, 2023 - 22:14", date(2023, 10, 24), "dateline"),
        ("14 Dec 2023 23:50", date(2023, 12, 14), "dateline"),
        ("9 September 2023 | 10:41 GMT", date(2023, 9, 9), "dateline"),
        ("2024-01-05T10:00:00Z", date(2024, 1, 5), "dateline"),
        ("Desert Herald, January 3, 2024 —", date(2024, 1, 3), "dateline"),
        (
            "BAGHDAD, Jan. 3, 2024 (Wire) - Officials said on Wednesday that " + "x " * 30,
            date(2024, 1, 3),
            "dateline",
        ),
        ("By Jane Roe | Feb 2, 2024", date(2024, 2, 2), "dateline"),
        ("24.10.2023", date(2023, 10, 24), "dateline"),
        ("10/24/2023", date(2023, 10, 24), "dateline"),
        ("Sunday, 11/12/2023", date(2023, 11, 12), "dateline"),  # the weekday tells the order
        ("By Jane Roe\nDecember 4, 2023Middle East", date(2023, 12, 4), "dateline"),  # scraped, glued
        ("Monday, 11/12/2023", date(2023, 12, 11), "dateline"),
        ("Published: 3 March 2024", date(2024, 3, 3), "published-label"),
        ("Updated: 5 March 2024\nPublished on March 3, 2024", date(2024, 3, 3), "published-label"),
        ("Last updated 5 March 2024", date(2024, 3, 5), "updated-label"),
        (" date 2023-12-15 Headline here\n14 Dec 2023 23:50", date(2023, 12, 15), "crawler-prefix"),
    ],
)
def test_header_dates(header: str, expected: date, how: str) -> None:
    assert find_published_date(header + BODY) == (expected, how)


@pytest.mark.parametrize(
    "text",
    [
        "A headline without any date" + BODY,
        "05/06/2023" + BODY,  # day or month first? no guess
        "Friday, 11/12/2023" + BODY,  # neither reading is a Friday
        "Attacks have continued since October 17, 2023" + BODY,
        "February 30, 2024" + BODY,  # no such day
        "Attacks on Monday" + BODY + "\n\nOn October 19, 2023, a base was targeted.",
        "Title\n\n" + "Filler line with words.\n" * 9 + "October 1, 2023",  # past line 8
        "Copyright 2023",
    ],
)
def test_no_header_date(text: str) -> None:
    assert find_published_date(text) == (None, None)


def test_body_date_beyond_600_chars_is_ignored() -> None:
    text = "Headline\n" + "word " * 130 + "\nNovember 9, 2023\n"
    assert find_published_date(text) == (None, None)


def test_dateparser_fallback_for_odd_header() -> None:
    assert find_published_date("Posted: 2023 Nov 9" + BODY) == (date(2023, 11, 9), "dateparser")
    assert find_published_date("Nov 2023" + BODY) == (None, None)  # no day: no date


@pytest.mark.parametrize(
    ("header", "outlet"),
    [
        ("By Desert Herald", "Desert Herald"),
        ("By Jane Roe", None),
        ("Orinoco Tribune, November 1, 2023 —", "Orinoco Tribune"),
        ("WASHINGTON, November 1, 2023 —", None),
        ("The Cradle", "The Cradle"),
        ("Source: Example News Agency", "Example News Agency"),
        ("Drones attack a base", None),
    ],
)
def test_outlets(header: str, outlet: str | None) -> None:
    assert find_outlet(header + BODY) == outlet



def test_day_first_with_dashes() -> None:
    from sigact.read import find_published_date as fpd

    header = "Drone targets air base\n\n05-01-2024\nBy A Writer\n\nText follows here."
    assert fpd(header)[0] == date(2024, 1, 5)


def test_a_byline_after_the_story_dates_it() -> None:
    story = "Headline\n" + "Rockets hit the base, officials said, and the search goes on. " * 12
    assert find_published_date(story + "\nBy: Desert Herald\nAugust 6, 2024\nLink copied") == (
        date(2024, 8, 6), "byline")
    assert find_published_date(story + "\nAuthored by Jane Roe via Desert Herald January 28th 2024\n") == (
        date(2024, 1, 28), "byline")
    # a date in the story's last sentence is no byline
    assert find_published_date(story + "\nThe first attack was on January 3, 2024.") == (None, None)


def test_a_labelled_date_below_a_long_menu_is_found() -> None:
    menu = "Hot News\n" + "".join(f"  * Menu item {i}\n" for i in range(20))
    text = menu + "From: Wire | Date Add in: 2023-11-14 22:18:13\n" + BODY
    assert find_published_date(text) == (date(2023, 11, 14), "published-label")
    # a long body sentence that says "published on" is no metadata line
    text = menu + "The report, published on January 5, 2024, said that attacks had gone on for weeks." + BODY
    assert find_published_date(text) == (None, None)


def test_of_two_bare_date_lines_the_one_nearer_the_body_is_the_articles() -> None:
    # a site banner (the day the page was crawled) above the article's own date line
    text = ("Fri 17-May-2024\n\nStrikes on Homs\n\nWednesday 7-February-2024\n\n"
            "Israeli strikes on the city killed five people at dawn on Wednesday.")
    assert find_published_date(text) == (date(2024, 2, 7), "dateline")
    text = ("Saturday, December 28, 2024\n\nClashes near the dam\n\nStaff writer\n26 December, 2024\n\n"
            "Fighting broke out near the dam on Thursday.")
    assert find_published_date(text) == (date(2024, 12, 26), "dateline")
    # one date line is the date
    assert find_published_date("Fri 17-May-2024\n\nStrikes on Homs\n\nFive people were killed.") == (
        date(2024, 5, 17), "dateline")
