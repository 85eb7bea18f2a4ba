"""The events stage on sentences, with hand-built entities and times (the other stages are not needed)."""
from __future__ import annotations

import re
from datetime import date

import pytest

from warta.events import find_events
from warta.lang import load_pack
from warta.nlp import make_doc
from warta.record import Entity, Mention, Quote, Speaker, Timex

ANCHOR = date(2025, 9, 16)


def entity(text: str, eid: str, name: str, type_: str, country=None, code=None, surfaces=None) -> Entity:
    mentions = []
    for surface in surfaces or [name]:
        for m in re.finditer(r"(?<!\w)" + re.escape(surface) + r"(?!\w)", text):
            mentions.append(Mention(m.start(), m.end(), surface))
    return Entity(eid, name, type_, country=country, code=code, mentions=mentions)


def timex(text: str, surface: str, value: str) -> Timex:
    i = text.index(surface)
    return Timex(surface, value, "DATE", i, i + len(surface))


def run(text, lang="id", entities=(), times=(), quotes=(), anchor=ANCHOR):
    pack = load_pack(lang)
    return find_events(make_doc(text, lang), list(entities), list(times), list(quotes), [], pack, anchor)


def triples(events):
    return {((e.source.code if e.source else None), (e.target.code if e.target else None), e.code) for e in events}


@pytest.mark.parametrize(
    "lang,text,expected",
    [
        # source before the verb, target after it; actor nouns joined to their country
        ("id", "Militer Israel menyerang Jalur Gaza.", ("ISRMIL", "PSE", "190")),
        ("id", "Menlu AS memuji Qatar atas upaya mediasinya.", ("USAGOV", "QAT", "051")),
        ("id", "Pemerintah Indonesia mengecam keras serangan itu terhadap warga Palestina.", ("IDNGOV", "PSECVL", "111")),
        ("id", "Polisi menangkap tiga tersangka pengedar narkoba di Jakarta.", ("IDNCOP", "IDNCRM", "173")),
        ("id", "Hamas menembakkan roket ke Tel Aviv.", ("PSEREBHMS", "ISR", "194")),
        ("id", "Jepang mengirimkan bantuan kemanusiaan ke Filipina.", ("JPN", "PHL", "073")),
        ("id", "Rusia menjatuhkan sanksi terhadap Ukraina.", ("RUS", "UKR", "163")),
        ("id", "Tentara Myanmar membantai warga Rohingya.", ("MMRMIL", "MMRCVL", "202")),
        # passive: di- with "oleh"
        ("id", "Warga Palestina diserang oleh pasukan Israel.", ("ISRMIL", "PSECVL", "190")),
        ("id", "Dua jurnalis ditangkap oleh polisi Iran.", ("IRNCOP", "IRNMED", "173")),
        # noun phrase: agent inside, target after "ke"
        ("id", "Serangan udara Israel ke Doha terjadi pekan lalu.", ("ISR", "QAT", "195")),
        ("id", "Kunjungan Presiden Prabowo ke Jepang berlangsung tiga hari.", ("IDNGOV", "JPN", "042")),
        # relative clause and parenthetical aside
        ("id", "Menteri Luar Negeri AS, Marco Rubio, yang tiba di Doha, memuji Qatar.", ("USAGOV", "QAT", "051")),
        # light verb + noun
        ("id", "Rusia melancarkan serangan udara ke Kyiv.", ("RUS", "UKR", "195")),
        ("en", "Israeli forces attacked the Gaza Strip.", ("ISRMIL", "PSE", "190")),
        ("en", "US Secretary of State Marco Rubio praised Qatar.", ("USAGOV", "QAT", "051")),
        ("en", "Two journalists were detained by Iranian police.", ("IRNCOP", "IRNMED", "173")),
        ("en", "An Israeli airstrike on Doha killed six people.", ("ISR", "QAT", "195")),
        ("en", "Russia launched a drone attack on Kyiv.", ("RUS", "UKR", "195")),
        ("en", "Japan's foreign ministry expressed condolences to the Philippines.", ("JPNGOV", "PHL", "018")),
        ("en", "The United States imposed sanctions on Iran.", ("USA", "IRN", "163")),
    ],
)
def test_source_target_code(lang, text, expected):
    assert expected in triples(run(text, lang))


def test_coordinated_subjects_give_one_event_each():
    assert triples(run("Qatar dan Mesir mengecam serangan Israel.")) >= {("QAT", "ISR", "111"), ("EGY", "ISR", "111")}


def test_reciprocal_subject_becomes_source_and_target():
    evs = run("Indonesia dan Malaysia menandatangani perjanjian perbatasan.")
    assert ("IDN", "MYS", "057") in triples(evs)


def test_parenthetical_aside_is_not_the_subject():
    evs = [e for e in run("Qatar, bersama Mesir dan AS, mengecam serangan Israel.") if e.code == "111"]
    assert {e.source.code for e in evs} == {"QAT"}


def test_coordinated_verb_keeps_its_subject():
    evs = run("Qatar mengecam serangan Israel dan mendesak PBB bertindak.")
    assert ("QAT", "IGOUNO", "100") in triples(evs)


@pytest.mark.parametrize(
    "lang,text,modality",
    [
        ("id", "Israel tidak menyerang Lebanon.", "negated"),
        ("id", "Israel akan menyerang Lebanon.", "intended"),
        ("id", "Jika Israel menyerang Lebanon, perang akan meluas.", "hypothetical"),
        ("en", "Israel did not attack Lebanon.", "negated"),
        ("en", "Israel will attack Lebanon.", "intended"),
        ("en", "The UN urged Israel to withdraw troops from Lebanon.", "demanded"),
    ],
)
def test_modality(lang, text, modality):
    evs = [e for e in run(text, lang) if e.code[:2] in ("19", "08")]
    assert evs and evs[0].modality == modality


def test_date_from_the_clause_not_across_bahwa():
    text = "Qatar pada Selasa (16/9) mengatakan bahwa serangan udara Israel ke Doha pada pekan lalu melanggar hukum."
    times = [timex(text, "Selasa (16/9)", "2025-09-16"), timex(text, "pekan lalu", "2025-W37")]
    ev = next(e for e in run(text, times=times) if e.code == "195")
    assert ev.date == "2025-W37"
    assert ev.location.name == "Doha" and ev.location.country == "QAT"


def test_date_falls_back_to_the_article_date():
    ev = run("Israel menyerang Lebanon.")[0]
    assert ev.date == "2025-09-16"
    assert run("Israel menyerang Lebanon.", anchor=None)[0].date is None


def test_nearest_time_expression_wins():
    text = "Pada dekade akhir abad ke-20 atau tepatnya Juni 1992, Qatar menandatangani perjanjian dengan AS."
    times = [timex(text, "dekade akhir abad ke-20", "199"), timex(text, "Juni 1992", "1992-06")]
    ev = run(text, times=times)[0]
    assert (ev.code, ev.date) == ("057", "1992-06")


def test_location_after_di():
    ev = run("Pasukan Israel menembak tiga warga Palestina di Gaza.")[0]
    assert ev.location.country == "PSE" and ev.code == "193"


def test_fatalities_and_injured():
    evs = run("Perang Israel terhadap Jalur Gaza telah menewaskan hampir 65.000 warga Palestina.")
    assert any(e.fatalities == 65000 and e.source.code == "ISR" and e.target.code == "PSE" for e in evs)
    evs = run("Russia launched a drone attack on Kyiv, killing two people and wounding 23.", "en")
    ev = next(e for e in evs if e.code == "195")
    assert (ev.fatalities, ev.injured) == (2, 23)


def test_casualty_of_the_sentence_before():
    evs = run("Pasukan Israel menggempur Rafah. Serangan itu menewaskan sedikitnya 27 warga Palestina.")
    assert [e.fatalities for e in evs if e.code[:2] == "19"] == [27]


def test_inside_a_quote_with_its_speaker():
    text = "“Israel menyerang Doha tanpa peringatan,” kata juru bicara Majed al-Ansari."
    q = Quote("Israel menyerang Doha tanpa peringatan", True, Speaker("Majed al-Ansari", "e9"), cue="kata", start=0, end=text.index("kata"))
    ev = run(text, quotes=[q])[0]
    assert ev.quote and ev.quoted_by == "e9"
    ev2 = run(text)[0]  # no quotes stage: quotation marks still count
    assert ev2.quote and ev2.quoted_by is None


def test_same_event_twice_is_one():
    evs = [e for e in run("Israel menyerang Doha. Serangan Israel ke Doha itu dikecam banyak negara.") if e.code[:2] == "19"]
    assert len(evs) == 1 and evs[0].mentions == 2


def test_entities_give_codes_and_pronouns_refer_back():
    text = "Menlu Sugiono tiba di Kairo. Ia memuji Mesir atas bantuannya."
    ents = [entity(text, "e1", "Sugiono", "PERSON", "IDN", "IDNGOV", ["Menlu Sugiono"]),
            entity(text, "e2", "Mesir", "GPE", "EGY", "EGY")]
    ev = next(e for e in run(text, entities=ents) if e.code == "051")
    assert ev.source.code == "IDNGOV" and ev.target.code == "EGY" and ev.target.entity == "e2"


def test_person_takes_the_code_of_the_title_next_to_it():
    evs = run("Menteri Luar Negeri AS, Marco Rubio, tiba di Doha. Rubio juga berterima kasih kepada Qatar.")
    assert ("USAGOV", "QAT", "051") in triples(evs)


def test_bare_police_in_an_indonesian_story():
    assert ("IDNCOP", None, "173") in triples(run("Polisi menangkap seorang pria di Bekasi."))


@pytest.mark.parametrize(
    "lang,text",
    [
        ("id", "Seorang pria menyerang tetangganya."),
        ("id", "Gempa bumi menewaskan 10 orang."),
        ("id", "Harga dolar AS menguat terhadap rupiah."),
        ("id", "Timnas Indonesia menyerang sejak menit pertama, tetapi laga berakhir imbang setelah pelatih "
               "mengganti dua pemain dan skor tetap 0-0 di stadion."),
        ("en", "The earthquake killed 69 people."),
        ("en", "Phoenix Suns attack the basket."),
        ("en", "Pupuk Indonesia supports local farmers."),
    ],
)
def test_no_event_without_a_coded_actor(lang, text):
    assert run(text, lang) == []


def test_codes_carry_label_quad_and_goldstein():
    ev = run("Israel menyerang Lebanon.")[0]
    assert (ev.code, ev.root, ev.label, ev.quad_class, ev.goldstein) == ("190", "19", "Use conventional military force, not specified below", 4, -10.0)
    assert ev.trigger == "menyerang" and ev.sentence == 0 and ev.start == 7 and ev.end == 16


@pytest.mark.parametrize("text", ["", " ", "...", "“", "\n\n\n", "x" * 5000, "menyerang " * 300, "Israel" + " dan Israel" * 200])
def test_odd_input_never_raises(text):
    evs = run(text)
    assert isinstance(evs, list)


def test_entities_with_bad_offsets_are_ignored():
    text = "Israel menyerang Lebanon."
    bad = Entity("e1", "Israel", "GPE", "ISR", "ISR", mentions=[Mention(500, 510, "Israel"), Mention(5, 2, "x")])
    assert triples(run(text, entities=[bad])) == {("ISR", "LBN", "190")}
