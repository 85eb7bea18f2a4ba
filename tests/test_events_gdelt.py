"""GDELT 2.0 Event-table export of events."""
from __future__ import annotations

import io
from datetime import date

import pytest

from warta.gdelt import GDELT_COLUMNS, event_rows, timex_to_date, write_gdelt
from warta.record import Actor, Analysis, Event, Location


def record() -> Analysis:
    return Analysis(
        id="abc123", url="https://example.org/berita/1", published="2025-09-16", language="id",
        events=[
            Event("195", "19", "Employ aerial weapons", Actor("Israel", "ISR"), Actor("Doha", "QAT"),
                  Location("Doha", "QAT"), "2025-W37", "asserted", "serangan udara", 0, start=40, end=54),
            Event("057", "05", "Sign formal agreement", Actor("Qatar", "QAT"), Actor("pemerintah AS", "USAGOV"),
                  None, "1992-06", "asserted", "menandatangani perjanjian", 3, start=300, end=325, mentions=2),
            Event("190", "19", "Use conventional military force", Actor("Israel", "ISR"), None,
                  None, "2025-09-16", "intended", "akan menyerang", 4, start=400, end=414),
            Event("111", "11", "Criticize or denounce", None, Actor("PBB", "IGOUNO"), Location("Indonesia", "IDN"),
                  None, "asserted", "mengecam", 5, start=500, end=508),
        ],
    )


def rows_by_name(row):
    assert len(row) == len(GDELT_COLUMNS) == 61
    return dict(zip(GDELT_COLUMNS, row))


def test_columns_and_asserted_only():
    rows = event_rows(record())
    assert len(rows) == 3  # the intended attack is not exported (GDELT has no modality)
    assert len(event_rows(record(), asserted_only=False)) == 4


def test_first_row_values():
    r = rows_by_name(event_rows(record())[0])
    assert (r["SQLDATE"], r["MonthYear"], r["Year"]) == ("20250908", "202509", "2025")  # Monday of week 37
    assert (r["Actor1Code"], r["Actor1Name"], r["Actor1CountryCode"]) == ("ISR", "ISRAEL", "ISR")
    assert (r["Actor2Code"], r["Actor2CountryCode"]) == ("QAT", "QAT")
    assert (r["EventCode"], r["EventBaseCode"], r["EventRootCode"], r["QuadClass"], r["GoldsteinScale"]) == ("195", "195", "19", "4", "-10.0")
    assert r["IsRootEvent"] == "1"
    assert (r["ActionGeo_Type"], r["ActionGeo_FullName"], r["ActionGeo_CountryCode"]) == ("4", "Doha, Qatar", "QA")
    assert r["ActionGeo_Lat"].startswith("25.") and r["ActionGeo_Long"].startswith("51.")
    assert r["DATEADDED"] == "20250916000000" and r["SOURCEURL"] == "https://example.org/berita/1"
    assert r["GLOBALEVENTID"].isdigit()


def test_roles_known_groups_and_country_geography():
    rows = [rows_by_name(r) for r in event_rows(record())]
    sign = rows[1]
    assert (sign["Actor2Code"], sign["Actor2CountryCode"], sign["Actor2Type1Code"]) == ("USAGOV", "USA", "GOV")
    assert (sign["EventCode"], sign["EventRootCode"], sign["NumMentions"], sign["IsRootEvent"]) == ("057", "05", "2", "0")
    assert sign["SQLDATE"] == "19920601" and sign["ActionGeo_Type"] == "0"
    un = rows[2]
    assert (un["Actor1Code"], un["Actor2Code"], un["Actor2CountryCode"], un["Actor2KnownGroupCode"]) == ("", "IGOUNO", "", "UNO")
    assert un["SQLDATE"] == "20250916"  # no date on the event: the publication date
    assert (un["ActionGeo_Type"], un["ActionGeo_CountryCode"], un["ActionGeo_FeatureID"]) == ("1", "ID", "ID")


def test_codes_keep_leading_zeros_and_ids_are_stable():
    a, b = event_rows(record()), event_rows(record())
    assert a == b
    assert rows_by_name(a[1])["EventCode"] == "057"
    assert len({r[0] for r in a}) == len(a)


def test_write_gdelt_with_header_and_dicts():
    fh = io.StringIO()
    n = write_gdelt([record(), record().to_dict()], fh, header=True)
    lines = fh.getvalue().splitlines()
    assert n == 6 and len(lines) == 7
    assert lines[0].split("\t") == list(GDELT_COLUMNS)
    assert all(len(line.split("\t")) == 61 for line in lines)


def test_names_with_tabs_stay_in_their_column():
    rec = record()
    rec.events[0].source.name = "Israel\tDefense\nForces"
    assert all(len(line.split("\t")) == 61 for line in io.StringIO().getvalue().splitlines())
    fh = io.StringIO()
    write_gdelt([rec], fh)
    assert all(len(line.split("\t")) == 61 for line in fh.getvalue().splitlines())


@pytest.mark.parametrize(
    "value,expected",
    [("2025-09-16", date(2025, 9, 16)), ("2025-09-16TMO", date(2025, 9, 16)), ("2025-W37", date(2025, 9, 8)),
     ("1992-06", date(1992, 6, 1)), ("1992", date(1992, 1, 1)), ("199", date(1990, 1, 1)), ("PRESENT_REF", None),
     (None, None), ("2025-13-45", None)],
)
def test_timex_to_date(value, expected):
    assert timex_to_date(value) == expected
