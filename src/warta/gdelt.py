"""GDELT 2.0 Event-table export: one tab-separated row of 61 columns per event.

``write_gdelt(records, fh)`` writes the rows of every event of every record; ``event_rows(record)`` gives
them as lists of strings. Columns GDELT fills from its own pipeline and warta cannot (tone, ethnic and
religion codes, actor geography) stay empty; see docs/gdelt.md for the column list and what each holds.
Dates come from the event's TIMEX value (a week or month becomes its first day, as GDELT has no precision
field), codes are strings (leading zeros kept), geography uses FIPS 10-4 country codes as GDELT does, and
QuadClass follows GDELT's grouping of roots (kb/cameo_events.json).
"""
from __future__ import annotations

import hashlib
import re
from datetime import date
from typing import Any, Iterable, TextIO

from . import cameo
from .record import Analysis, Event

GDELT_COLUMNS = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
    "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
    "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code", "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code", "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code", "ActionGeo_ADM2Code",
    "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "DATEADDED", "SOURCEURL",
)
assert len(GDELT_COLUMNS) == 61

GEO_COUNTRY, GEO_WORLDCITY = 1, 4
_TIMEX_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_TIMEX_WEEK = re.compile(r"^(\d{4})-W(\d{2})")
_TIMEX_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_TIMEX_YEAR = re.compile(r"^(\d{4})$")
_TIMEX_DECADE = re.compile(r"^(\d{3})X?$")


def timex_to_date(value: str | None) -> date | None:
    """The first day of a TIMEX3 value: "2025-09-16TMO" -> 2025-09-16, "2025-W37" -> 2025-09-08,
    "1992-06" -> 1992-06-01, "1992" -> 1992-01-01, "199" -> 1990-01-01; None when not a calendar date."""
    if not value:
        return None
    try:
        if m := _TIMEX_DAY.match(value):
            return date(int(m[1]), int(m[2]), int(m[3]))
        if m := _TIMEX_WEEK.match(value):
            return date.fromisocalendar(int(m[1]), int(m[2]), 1)
        if m := _TIMEX_MONTH.match(value):
            return date(int(m[1]), int(m[2]), 1)
        if m := _TIMEX_YEAR.match(value):
            return date(int(m[1]), 1, 1)
        if m := _TIMEX_DECADE.match(value):
            return date(int(m[1]) * 10, 1, 1)
    except ValueError:
        return None
    return None


def _clean(value: Any) -> str:
    if value is None:
        return ""
    return re.sub(r"[\t\r\n]+", " ", str(value)).strip()


def _actor_fields(actor) -> list[str]:
    """Code, Name, CountryCode, KnownGroupCode, EthnicCode, Religion1, Religion2, Type1..3."""
    if actor is None or not actor.code:
        return [""] * 10
    blocks = cameo.split_actor_code(actor.code)
    country = blocks[0] if blocks and cameo.country(blocks[0]) else ""
    known, types = "", []
    for b in blocks[1 if country else 0:]:
        meaning = cameo.actor_code_meaning(b)
        kind = meaning["kind"] if meaning else None
        if kind == "role":
            types.append(b)
        elif not known and b not in ("IGO",):
            known = b
    types = (types + ["", "", ""])[:3]
    return [actor.code, _clean(actor.name).upper(), country, known, "", "", ""] + types


def _geo_fields(location) -> list[str]:
    """Type, FullName, CountryCode (FIPS), ADM1Code, ADM2Code, Lat, Long, FeatureID."""
    if location is None or not (location.country or location.name):
        return ["0", "", "", "", "", "", "", ""]
    country = cameo.country(location.country) or {}
    fips = country.get("fips") or ""
    place = cameo.place(location.name) if location.name else None
    is_country = not place or (location.name == country.get("name"))
    if is_country and place is None:
        return [str(GEO_COUNTRY), _clean(location.name or country.get("name")), fips, fips, "", "", "", fips]
    full = ", ".join(x for x in (_clean(location.name), country.get("name")) if x)
    lat = "" if place.get("lat") is None else f"{place['lat']:.4f}"
    lon = "" if place.get("lon") is None else f"{place['lon']:.4f}"
    return [str(GEO_WORLDCITY), full, fips, fips, "", lat, lon, ""]


def global_event_id(record_id: str | None, index: int, event: Event) -> int:
    """A stable numeric id for one event of one record (GDELT ids are integers)."""
    key = f"{record_id or ''}:{index}:{event.code}:{event.start}"
    return int(hashlib.sha256(key.encode("utf-8")).hexdigest()[:13], 16)


def event_row(rec: Analysis, index: int, ev: Event) -> list[str]:
    day = timex_to_date(ev.date) or timex_to_date(rec.published)
    info = cameo.lookup(ev.code)
    sqldate = day.strftime("%Y%m%d") if day else ""
    fraction = f"{day.year + (day.month * 30 + day.day) / 365:.4f}" if day else ""
    published = timex_to_date(rec.published)
    row = [
        str(global_event_id(rec.id, index, ev)),
        sqldate,
        sqldate[:6],
        sqldate[:4],
        fraction,
        *_actor_fields(ev.source),
        *_actor_fields(ev.target),
        "1" if ev.sentence == 0 else "0",
        ev.code,
        ev.code[:3],
        ev.code[:2],
        str(info.quad_class) if info else "",
        f"{info.goldstein:.1f}" if info else "",
        str(ev.mentions or 1),
        "1",
        "1",
        "",
        *_geo_fields(None),
        *_geo_fields(None),
        *_geo_fields(ev.location),
        published.strftime("%Y%m%d") + "000000" if published else "",
        _clean(rec.url or (rec.source or {}).get("path")),
    ]
    return row


def event_rows(rec: Analysis | dict, *, asserted_only: bool = True) -> list[list[str]]:
    """The GDELT rows of one analysis; by default only asserted events (GDELT has no modality field)."""
    if isinstance(rec, dict):
        rec = Analysis.from_dict(rec)
    rows = []
    for i, ev in enumerate(rec.events or []):
        if isinstance(ev, dict):
            ev = Analysis.from_dict({"events": [ev]}).events[0]
        if asserted_only and ev.modality != "asserted":
            continue
        if not cameo.lookup(ev.code):
            continue
        rows.append(event_row(rec, i, ev))
    return rows


def write_gdelt(records: Iterable[Analysis | dict], fh: TextIO, *, header: bool = False, asserted_only: bool = True) -> int:
    """Write GDELT 2.0 Event rows (tab-separated, no quoting) for every event; returns the row count."""
    n = 0
    if header:
        fh.write("\t".join(GDELT_COLUMNS) + "\n")
    for rec in records:
        for row in event_rows(rec, asserted_only=asserted_only):
            fh.write("\t".join(row) + "\n")
            n += 1
    return n
