"""Entity and speaker patterns seen in real Indonesian and English news, on sentences written for the test."""
from __future__ import annotations

import pytest

from warta.entities import find_entities
from warta.lang import load_pack
from warta.nlp import make_doc
from warta.quotes import find_quotes


def ents(text: str, lang: str):
    return find_entities(make_doc(text, lang), load_pack(lang))


def quotes(text: str, lang: str):
    doc = make_doc(text, lang)
    pack = load_pack(lang)
    return find_quotes(doc, find_entities(doc, pack), pack)


# a title before a name stays out of the name and becomes the role
@pytest.mark.parametrize(
    "text, lang, name, role",
    [
        ("Namun Kepala Pelatih Ivan Horvat itu yakin timnya bisa bangkit.", "id", "Ivan Horvat", "Kepala Pelatih"),
        ("Namun Coach Bimo meyakini para pemain bisa menang.", "id", "Bimo", "Coach"),
        ("Menurut Board Member Rudi Salim, persiapan sudah matang.", "id", "Rudi Salim", "Board Member"),
        ("Salah satu yang ditangkap adalah Wamenaker Yusuf Hamdani.", "id", "Yusuf Hamdani", "Wamenaker"),
        ("Coordinating Minister for Food Affairs Hasan Basri said in Jakarta on Monday.", "en", "Hasan Basri",
         "Coordinating Minister for Food Affairs"),
        ("Meanwhile, Chief Investment Officer Dewi Lestari said the fund was ready.", "en", "Dewi Lestari", "Chief Investment Officer"),
        ("Menurut Kepala Desa Sukamaju, Budi Santoso, air sudah surut.", "id", "Budi Santoso", "Kepala Desa Sukamaju"),
        ("ujar Direktur Eksekutif Lembaga Kajian Pangan, Sari Wulan, di Jakarta.", "id", "Sari Wulan",
         "Direktur Eksekutif Lembaga Kajian Pangan"),
    ],
)
def test_title_is_role_not_name(text, lang, name, role):
    out = ents(text, lang)
    person = [e for e in out if e.type == "PERSON"]
    assert [e.name for e in person] == [name], [(e.name, e.type, e.role) for e in out]
    assert person[0].role == role


# words that are not names: common words capitalised at a sentence start, passive verbs, spans into verbs
@pytest.mark.parametrize(
    "text, lang, not_name",
    [
        ("Massa buruh datang sejak pagi. Jumlah massa terus bertambah hingga siang.", "id", "Massa"),
        ("Petani mengeluh soal harga pupuk. Para petani di desa itu meminta bantuan.", "id", "Petani"),
        ("Ditelusuri lebih jauh, mobil itu dirakit di Bandung.", "id", "Ditelusuri"),
        ("Mobil itu sempat dipamerkan, namun PT Sinar Motor bangkrut karena krisis.", "id", "PT Sinar Motor bangkrut"),
    ],
)
def test_not_a_name(text, lang, not_name):
    names = [e.name for e in ents(text, lang)]
    assert not_name not in names, names


def test_holder_name_split_from_body_after_title():
    text = ("“Kami siap,” ujar Direktur Pengawasan Direktorat Jenderal Pajak Hendra dalam keterangannya. "
            "Hendra menambahkan hal itu sudah diatur.")
    out = ents(text, "id")
    names = {e.name: e.type for e in out}
    assert names.get("Hendra") == "PERSON", names
    assert "Direktorat Jenderal Pajak Hendra" not in names


def test_company_name_not_split_without_title():
    names = {e.name: e.type for e in ents("Mobil buatan PT Pindad dipakai menteri. Pindad juga membuat panser.", "id")}
    assert names.get("PT Pindad") == "ORG", names


@pytest.mark.parametrize(
    "text, lang, speaker, role",
    [
        # a parenthesised acronym inside the speaker phrase does not end it
        ("“Dokumen mereka tidak lengkap,” ujar Direktur Pemeriksaan Imigrasi (DPI) Direktorat Jenderal Imigrasi "
         "Hendra dalam keterangannya. Hendra menambahkan hal itu.", "id", "Hendra",
         "Direktur Pemeriksaan Imigrasi Direktorat Jenderal Imigrasi"),
        # title + unit, comma, one-word name of the holder
        ("“Air sudah surut,” ujar Kepala Dusun Sukamaju, Warsito, kepada wartawan. Warsito mengatakan warga aman.",
         "id", "Warsito", "Kepala Dusun Sukamaju"),
        ("“Kami siap mengikuti arahan,” kata Head of Media Relations PT Sinar Jaya, Rudi Hartono, dalam keterangan.",
         "id", "Rudi Hartono", "Head of Media Relations PT Sinar Jaya"),
        ('"The fund is ready," said Chief Investment Officer Dewi Lestari in Jakarta.', "en", "Dewi Lestari",
         "Chief Investment Officer"),
    ],
)
def test_speaker_after_title_phrase(text, lang, speaker, role):
    qs = quotes(text, lang)
    assert qs and qs[0].speaker is not None, qs
    assert (qs[0].speaker.name, qs[0].speaker.role) == (speaker, role)
