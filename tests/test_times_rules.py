"""The times stage beyond the table: whole articles, invariants, number words, odd input, lexicon parity."""
from __future__ import annotations

import json
import re
from datetime import date
from functools import cache
from pathlib import Path

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from warta.lang import LANGUAGES, load_pack
from warta.times import _num, _rules, find_times

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "times"
TIMEX_VALUE = re.compile(
    r"\d{4}(-\d{2}(-\d{2})?)?(T(\d{2}:\d{2}([+-]\d{2}:\d{2})?|MO|MI|AF|EV|NI))?"  # dates, times
    r"|X{4}-\d{2}-\d{2}(T(\d{2}:\d{2}([+-]\d{2}:\d{2})?|MO|MI|AF|EV|NI))?|X{4}-\d{2}|\d{4}-W\d{2}(-WE)?|\d{4}-(Q[1-4]|H[12]|SP|SU|FA|WI)|X{4}-Q[1-4]"
    r"|\d{2,3}"  # centuries, decades
    r"|PT?(\d+(\.\d+)?|X)(Y|M|W|D|H|S|DE|CE)"  # durations
    r"|X{4}-WXX-(\d|WE)|X{4}-XX-XXT(MO|MI|AF|EV|NI)"  # sets
)


@cache
def blank(lang: str):
    return spacy.blank(lang)


def times(text: str, lang: str = "id", anchor: date | None = date(2025, 9, 16)):
    return find_times(blank(lang).make_doc(text), anchor, load_pack(lang))


def check_invariants(text: str, found) -> None:
    last = -1
    for t in found:
        assert text[t.start:t.end] == t.text
        assert t.start >= last, "expressions overlap or are out of order"
        assert t.text == t.text.strip() and t.text
        assert t.type in ("DATE", "TIME", "DURATION", "SET")
        assert t.value is None or TIMEX_VALUE.fullmatch(t.value), t
        last = t.end


@pytest.mark.parametrize("name", sorted(p.name[: -len(".expected.json")] for p in FIXTURES.glob("*.expected.json")))
def test_times_fixture_article(name):
    expected = json.loads((FIXTURES / f"{name}.expected.json").read_text(encoding="utf-8"))
    text = (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")
    found = times(text, expected["lang"], date.fromisoformat(expected["anchor"]))
    check_invariants(text, found)
    got = [[t.text, t.value] for t in found]
    allowed = expected["times"] + expected.get("optional", [])
    missing = [e for e in expected["times"] if e not in got]
    unexpected = [g for g in got if g not in allowed]
    assert not missing, f"missed {missing}"
    assert not unexpected, f"unexpected {unexpected}"


def test_times_seed_like_paragraph_has_the_six_expressions():
    text = ("Qatar pada Selasa (16/9) mengatakan bahwa serangan udara Israel ke Doha pada pekan lalu mempercepat kebutuhan. "
            "Sebelumnya pada Juni 1992 Qatar menandatangani perjanjian. Pada Selasa pagi, Emir mengadakan pembicaraan. "
            "KTT berlangsung pada Senin (15/9). Perang itu menewaskan hampir 65.000 warga Palestina sejak Oktober 2023.")
    got = [(t.text, t.value) for t in times(text)]
    assert got == [("Selasa (16/9)", "2025-09-16"), ("pekan lalu", "2025-W37"), ("Juni 1992", "1992-06"),
                   ("Selasa pagi", "2025-09-16TMO"), ("Senin (15/9)", "2025-09-15"), ("Oktober 2023", "2023-10")]


def test_times_without_anchor_keep_absolute_values_and_null_relative_ones():
    got = {t.text: t.value for t in times("Pada Selasa, pekan lalu, kemarin, Juni 1992 dan 16 September 2025.", anchor=None)}
    assert got == {"Selasa": None, "pekan lalu": None, "kemarin": None, "Juni 1992": "1992-06",
                   "16 September 2025": "2025-09-16"}


@pytest.mark.parametrize(
    "text, anchor, value",
    [
        ("Ia datang pada Senin.", date(2025, 9, 15), "2025-09-15"),  # the anchor's own weekday is the anchor
        ("Ia datang pada Senin.", date(2025, 9, 14), "2025-09-08"),
        ("Ia akan datang pada Senin.", date(2025, 9, 14), "2025-09-15"),
        ("Ia akan datang pada Minggu.", date(2025, 9, 14), "2025-09-14"),
        ("pekan lalu", date(2025, 1, 1), "2024-W52"),  # ISO week year
        ("pekan lalu", date(2021, 1, 4), "2020-W53"),
        ("bulan lalu", date(2025, 1, 15), "2024-12"),
        ("kuartal lalu", date(2025, 2, 1), "2024-Q4"),
        ("Natal", date(2025, 1, 5), "2024-12-25"),
    ],
)
def test_times_resolution_against_the_anchor(text, anchor, value):
    assert [t.value for t in times(text, anchor=anchor)] == [value]


@pytest.mark.parametrize(
    "lang, words, value",
    [
        ("id", "tiga", 3), ("id", "sebelas", 11), ("id", "dua belas", 12), ("id", "dua puluh", 20),
        ("id", "dua puluh lima", 25), ("id", "seratus dua puluh", 120), ("id", "tiga ratus", 300), ("id", "dua ribu", 2000),
        ("en", "two", 2), ("en", "twelve", 12), ("en", "twenty-five", 25), ("en", "one hundred twenty", 120),
        ("en", "three thousand", 3000), ("id", "7", 7), ("id", "2,5", 2.5), ("id", "lusinan", None),
    ],
)
def test_times_number_words(lang, words, value):
    assert _num(words, _rules(lang, load_pack(lang))) == value


@pytest.mark.parametrize(
    "text",
    ["", " ", "(16/9) pagi", "( 16/9 ) pagi", "((((((", "))))", "16/", "/9", "pukul", "pukul 99.99 WIB", "31/2/2025", "32 Januari 2025", "Selasa (99/99)",
     "abad ke-99", "tahun 99999", "1" * 500, "Senin Selasa Rabu Kamis Jumat Sabtu Minggu", "\u0130stanbul 2025 \u1e9e",
     "kuartal V 2025", "Q9", "pukul 24.30", "Februari 29 2023", "29/2/2023", "\x00\x01 2025"],
)
def test_times_odd_input_never_raises(text):
    for lang in LANGUAGES:
        check_invariants(text, times(text, lang))
        check_invariants(text, times(text, lang, anchor=None))


def test_times_accept_a_plain_string_and_extreme_anchors():
    assert [t.text for t in find_times("kemarin, pekan lalu", date(1, 1, 1), load_pack("id"))] == ["kemarin", "pekan lalu"]
    assert find_times("pada 2019, besok", date(9999, 12, 31), load_pack("id"))[0].value == "2019"


ALPHABET = ["Selasa", "(16/9)", "pagi", "pekan", "lalu", "Minggu", "minggu", "depan", "2024", "65.000", "tiga", "tahun",
            "pukul", "10.00", "WIB", "Juni", "Mei", "awal", "akhir", "abad", "ke-20", "dekade", "setiap", "hari", "ini",
            "kemarin", "1990-an", "-", ",", ".", "hingga", "15", "September", "the", "last", "week", "on", "Tuesday",
            "a.m.", "ago", "two", "days", "(", ")", "\n"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(ALPHABET), max_size=30), st.sampled_from(LANGUAGES), st.booleans())
def test_times_invariants_hold_on_any_word_salad(words, lang, anchored):
    text = " ".join(words)
    check_invariants(text, times(text, lang, date(2025, 9, 16) if anchored else None))


@pytest.mark.parametrize("stem", ["times", "numbers"])
def test_times_lexicons_have_the_same_keys_in_every_language(stem):
    keys = {lang: set(load_pack(lang)[stem]) for lang in LANGUAGES}
    first = keys[LANGUAGES[0]]
    assert all(k == first for k in keys.values()), keys


def test_times_patterns_are_built_once_per_pack():
    pack = load_pack("id")
    assert _rules("id", pack) is _rules("id", pack)


def test_times_holiday_table_covers_recent_years():
    from warta.times import _holiday_dates

    table = _holiday_dates()
    for key in ("eid_al_fitr", "eid_al_adha", "lunar_new_year", "nyepi", "vesak", "good_friday"):
        assert all(str(y) in table[key] for y in range(2000, 2041)), key
