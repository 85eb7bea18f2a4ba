"""Tokens and sentences with offsets, right for Indonesian abbreviations and numbers."""
from __future__ import annotations

import pytest

from warta.nlp import make_doc


@pytest.mark.parametrize(
    "text, token",
    [
        ("Menlu AS tiba kemarin.", "AS"),
        ("Menlu AS tiba kemarin.", "Menlu"),
        ("Kantornya di Jl. Sudirman.", "Jl."),
        ("Gedung No. 5 terbakar.", "No."),
        ("Hampir 65.000 warga mengungsi.", "65.000"),
        ("Rapat digelar Selasa (16/9) sore.", "16/9"),
        ("Rapat digelar Minggu (12/11/2023) sore.", "12/11/2023"),
        ("Anggaran Rp1,5 triliun disetujui.", "1,5"),
        ("Dimulai pukul 10.00 WIB di sana.", "10.00"),
    ],
)
def test_nlp_keeps_token_whole(text, token):
    doc = make_doc(text, "id", with_ner=False)
    assert token in [t.text for t in doc]


@pytest.mark.parametrize(
    "text, n",
    [
        ("Ia tiba di Jl. Sudirman No. 5 kemarin. Dr. Budi datang pukul 10.00 WIB. Lalu pergi.", 3),
        ("“Ya, serangan ini,” kata dia. Dia pergi.", 2),
        ("Paragraf satu tanpa titik\n\nParagraf dua.", 2),
        ("Harga naik 3,5 persen. Inflasi 2,1 persen.", 2),
    ],
)
def test_nlp_sentences_split_where_they_should(text, n):
    doc = make_doc(text, "id", with_ner=False)
    sents = [s for s in doc.sents if s.text.strip()]
    assert len(sents) == n, [s.text for s in sents]


def test_nlp_english_abbreviations_do_not_end_sentences():
    doc = make_doc("Sen. Marco Rubio met Gen. Smith in the U.S. capital. They talked.", "en", with_ner=False)
    assert [s.text.strip() for s in doc.sents if s.text.strip()] == [
        "Sen. Marco Rubio met Gen. Smith in the U.S. capital.",
        "They talked.",
    ]
