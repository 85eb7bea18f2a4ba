from __future__ import annotations

import pytest

from warta.lang import load_pack
from warta.nlp import make_doc
from warta.quantities import find_quantities, parse_number


def quantities(text, lang="id"):
    return find_quantities(make_doc(text, lang, with_ner=False), load_pack(lang))


@pytest.mark.parametrize(
    "text, decimal_comma, value",
    [("65.000", True, 65000), ("1,5", True, 1.5), ("1.234.567", True, 1234567), ("65,000", False, 65000), ("2.5", False, 2.5), ("12", True, 12)],
)
def test_quantities_parse_number(text, decimal_comma, value):
    assert parse_number(text, decimal_comma) == value


@pytest.mark.parametrize(
    "lang, text, expected_text, value, approx, counts",
    [
        ("id", "Perang telah menewaskan hampir 65.000 warga Palestina sejak 2023.", "hampir 65.000 warga Palestina", 65000, "under", "warga Palestina"),
        ("id", "Sedikitnya 12 orang tewas dalam banjir.", "Sedikitnya 12 orang", 12, "over", "orang"),
        ("id", "Ratusan warga mengungsi ke masjid.", "Ratusan warga", 100, None, "warga"),
        ("id", "Proyek senilai Rp1,5 triliun itu mandek.", "Rp1,5 triliun", 1_500_000_000_000, None, None),
        ("id", "Inflasi tercatat 2,5 persen pada Agustus.", "2,5 persen", 2.5, None, None),
        ("en", "The strike killed more than 40 people in the city.", "more than 40 people", 40, "over", "people"),
        ("en", "The company raised $2.3 billion last year.", "$2.3 billion", 2_300_000_000, None, None),
        ("en", "Nearly 1,200 troops were deployed.", "Nearly 1,200 troops", 1200, "under", "troops"),
    ],
)
def test_quantities_found(lang, text, expected_text, value, approx, counts):
    got = quantities(text, lang)
    match = [q for q in got if q.text == expected_text]
    assert match, [q.text for q in got]
    q = match[0]
    assert (q.value, q.approx, q.counts) == (value, approx, counts)
    assert text[q.start:q.end] == q.text


@pytest.mark.parametrize(
    "lang, text",
    [
        ("id", "Rapat digelar Selasa (16/9) pukul 10.00 WIB."),
        ("id", "Perjanjian itu ditandatangani pada Juni 1992."),
        ("id", "Ia menjabat sejak tahun 2019 hingga 2024."),
        ("id", "Pada abad ke-20 kota itu berkembang."),
        ("id", "Acara berlangsung 17 Agustus lalu."),
        ("en", "The talks began on Sept. 16 at 10 a.m."),
    ],
)
def test_quantities_skip_dates_times_and_years(lang, text):
    assert quantities(text, lang) == []


@pytest.mark.parametrize(
    "lang, text, expected_text, counts",
    [
        ("id", "Turnamen diikuti delapan negara peserta yakni Jepang dan Korea.", "delapan negara peserta", "negara peserta"),
        ("id", "Polisi menetapkan dua orang sebagai tersangka.", "dua orang", "orang"),
        ("id", "Anggaran itu Rp 4 triliun\n\nSebagai informasi, dana itu cair pekan depan.", "Rp 4 triliun", None),
        ("id", "Ia mencetak tiga angka saat laga tersisa dua menit.", "tiga angka", "angka"),
        ("id", "Banjir bandang itu menewaskan 12 orang dan merusak 40 rumah.", "12 orang", "orang"),
        ("en", "The airstrike hit a market, killing 12 people on Friday.", "12 people", "people"),
        ("en", "Profit rose 25 pct as sales improved.", "25 pct", None),
        ("en", "The bank borrowed 200 mln stg from lenders.", "200 mln stg", None),
        ("en", "Dozens of people were killed in the attack.", "Dozens of people", "people"),
    ],
)
def test_quantities_counted_phrase_stops_at_function_words(lang, text, expected_text, counts):
    got = quantities(text, lang)
    match = [q for q in got if q.text == expected_text]
    assert match, [q.text for q in got]
    assert match[0].counts == counts


@pytest.mark.parametrize(
    "lang, text, absent",
    [
        ("id", "Syaratnya:\n1. Fotokopi KTP\n2. Surat keterangan sehat", {"1", "2"}),
        ("id", "Programnya (1) pendidikan dan (2) kesehatan.", {"1", "2"}),
        ("id", "Laga dimulai pukul 21.30 WIB atau 17.30 waktu setempat.", {"17.30", "17.30 waktu setempat"}),
    ],
)
def test_quantities_skip_list_markers_and_clock_times(lang, text, absent):
    got = {q.text for q in quantities(text, lang)}
    assert not got & absent, got


@pytest.mark.parametrize(
    "lang, text, expected_text",
    [
        ("id", "Harga pupuk Rp 115.000 menjadi Rp 92.000 per sak.", "Rp 115.000"),
        ("id", "Ia mencetak 18 poin dan10 rebound.", "18 poin"),
        ("en", "The company paid 2.5 billion dlrs for the stake.", "2.5 billion dlrs"),
    ],
)
def test_quantities_money_counts_nothing(lang, text, expected_text):
    got = quantities(text, lang)
    assert expected_text in [q.text for q in got], [q.text for q in got]
