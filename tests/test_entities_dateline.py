"""An office printed without a country, in a story filed at home, is the home state's unless a state acts nearby."""
from __future__ import annotations

import pytest

from warta import analyze


def person(rec, name):
    return next(e for e in rec.entities if e.name == name)


@pytest.mark.parametrize(
    "text, name, country",
    [
        ("Jakarta (ANTARA) - Presiden Prabowo Subianto bertemu dengan Presiden Rusia Vladimir Putin di Moskwa, Rabu (7/5/2025).",
         "Prabowo Subianto", "IDN"),
        ("Jakarta (ANTARA) - Presiden Prabowo Subianto bertemu dengan Presiden Rusia Vladimir Putin di Moskwa, Rabu (7/5/2025).",
         "Vladimir Putin", "RUS"),
        ("Surabaya (ANTARA) - Gubernur Khofifah Indar Parawansa menerima Duta Besar Jepang Masaki Yasushi, Senin (5/5/2025).",
         "Khofifah Indar Parawansa", "IDN"),
        ("Jakarta (ANTARA) - Qatar pada Selasa (16/9) mengatakan siap membantu, kata juru bicara Kementerian Luar Negeri, Majed al-Ansari.",
         "Majed al-Ansari", "QAT"),
    ],
)
def test_entities_office_country_from_the_dateline(text, name, country):
    rec = analyze(text, lang="id")
    assert person(rec, name).country == country


def test_entities_office_meeting_between_home_and_foreign_heads_is_an_event():
    rec = analyze("Jakarta (ANTARA) - Presiden Prabowo Subianto bertemu dengan Presiden Rusia Vladimir Putin di Moskwa, Rabu (7/5/2025).", lang="id")
    pairs = {(e.source.code[:3], e.target.code[:3]) for e in rec.events if e.root == "04" and e.source and e.target}
    assert ("IDN", "RUS") in pairs or ("RUS", "IDN") in pairs
