"""Build src/warta/kb/holidays.json: dates of the movable holidays that news mentions by name.

Lunar and lunisolar holidays (Idul Fitri, Idul Adha, Imlek, Nyepi, Waisak ...) and Easter-based ones
cannot be computed from the year by a simple rule, so the times stage reads their dates from this
table. Source: the ``holidays`` package (python-holidays), Indonesia's official calendar; Chinese
New Year from Singapore's calendar for the years before Imlek became a holiday in Indonesia.

    pip install holidays && python training/build_holidays.py
"""
from __future__ import annotations

import json
from pathlib import Path

import holidays

YEARS = range(1980, 2046)
OUT = Path(__file__).resolve().parents[1] / "src" / "warta" / "kb" / "holidays.json"

# key in the table -> holiday name in python-holidays (English names, country ID unless noted)
NAMES = {
    "eid_al_fitr": ("ID", "Eid al-Fitr"),
    "eid_al_adha": ("ID", "Eid al-Adha"),
    "islamic_new_year": ("ID", "Islamic New Year"),
    "prophets_birthday": ("ID", "Prophet's Birthday"),
    "isra_miraj": ("ID", "Isra' and Mi'raj"),
    "vesak": ("ID", "Vesak Day"),
    "nyepi": ("ID", "Day of Silence"),
    "good_friday": ("ID", "Good Friday"),
    "ascension": ("ID", "Ascension Day"),
    "lunar_new_year": ("SG", "Chinese New Year"),
}


def build() -> dict:
    calendars = {
        code: holidays.country_holidays(code, years=YEARS, language="en_US")
        for code in {c for c, _ in NAMES.values()}
    }
    dates: dict[str, dict[str, str]] = {key: {} for key in NAMES}
    for key, (code, name) in NAMES.items():
        for day, names in sorted(calendars[code].items()):
            for one in names.split("; "):
                one = one.replace(" (estimated)", "")
                if one == name and str(day.year) not in dates[key]:
                    dates[key][str(day.year)] = day.isoformat()
    return {
        "_doc": "First day of each movable holiday by Gregorian year, built by training/build_holidays.py from "
        "python-holidays (Indonesia; Chinese New Year from Singapore). Derived in the times stage: Ramadan ends the day before Eid al-Fitr, Easter is two days after Good Friday.",
        "dates": dates,
    }


if __name__ == "__main__":
    OUT.write_text(json.dumps(build(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {OUT}")
