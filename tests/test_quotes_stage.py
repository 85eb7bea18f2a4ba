"""The quotes stage on small cases: each construction of direct and indirect speech, speakers, non-quotes."""
from __future__ import annotations

import pytest

from warta.lang import load_pack
from warta.nlp import make_doc
from warta.quotes import find_quotes
from warta.record import Entity, Mention


def quotes_of(text: str, lang: str, entities=None, warnings=None):
    return find_quotes(make_doc(text, lang), entities or [], load_pack(lang), warnings)


def only(text: str, lang: str):
    qs = quotes_of(text, lang)
    assert len(qs) == 1, [q.text for q in qs]
    return qs[0]


# (text, lang, quote text, direct, speaker name, role or None)
CASES = [
    # Indonesian direct quotes with postposed cues
    ("“Kami siap membantu korban banjir,” kata Kepala BPBD Jawa Barat Dedi Kurnia di Bandung, Senin.", "id",
     "Kami siap membantu korban banjir", True, "Dedi Kurnia", "Kepala BPBD Jawa Barat"),
    ('"Pelaku sudah kami tahan sejak kemarin," ujar Kapolres Bogor AKBP Rina Sari kepada wartawan.', "id",
     "Pelaku sudah kami tahan sejak kemarin", True, "Rina Sari", "Kapolres Bogor"),
    ("“Harga beras mulai turun minggu ini,” kata juru bicara Kementerian Perdagangan, Andi Saputra, dalam jumpa pers.", "id",
     "Harga beras mulai turun minggu ini", True, "Andi Saputra", "juru bicara Kementerian Perdagangan"),
    ("«Kami menolak rencana itu sepenuhnya,» kata Ketua Serikat Nelayan Darto Wibisono.", "id",
     "Kami menolak rencana itu sepenuhnya", True, "Darto Wibisono", "Ketua Serikat Nelayan"),
    # Indonesian preposed direct quote
    ("Gubernur Jawa Tengah Hendra Gunawan mengatakan: “Semua sekolah harus siap menghadapi musim hujan.”", "id",
     "Semua sekolah harus siap menghadapi musim hujan.", True, "Hendra Gunawan", "Gubernur Jawa Tengah"),
    # Indonesian indirect speech
    ("Menteri Kesehatan Rina Wulandari mengatakan bahwa stok vaksin cukup hingga akhir tahun.", "id",
     "stok vaksin cukup hingga akhir tahun", False, "Rina Wulandari", "Menteri Kesehatan"),
    ("Bank Indonesia menyatakan inflasi akan tetap terkendali pada kuartal depan.", "id",
     "inflasi akan tetap terkendali pada kuartal depan", False, "Bank Indonesia", None),
    ("Ketua KPU Sari Dewi menegaskan, tahapan pemilu tetap berjalan sesuai jadwal.", "id",
     "tahapan pemilu tetap berjalan sesuai jadwal", False, "Sari Dewi", "Ketua KPU"),
    ("Menurut Kepala Dinas Pendidikan, Budi Harsono, sekolah tatap muka dimulai pekan depan.", "id",
     "sekolah tatap muka dimulai pekan depan", False, "Budi Harsono", "Kepala Dinas Pendidikan"),
    ("Jalan tol itu akan dibuka sebelum Lebaran, kata Direktur Utama Jasa Marga, Yusuf Hamdani.", "id",
     "Jalan tol itu akan dibuka sebelum Lebaran", False, "Yusuf Hamdani", "Direktur Utama Jasa Marga"),
    ("Juru bicara kepolisian mengatakan pelaku sudah ditangkap di Bekasi.", "id",
     "pelaku sudah ditangkap di Bekasi", False, "Juru bicara kepolisian", "Juru bicara kepolisian"),
    ("Pengamat politik Universitas Gadjah Mada, Nur Hidayati, menilai koalisi itu rapuh.", "id",
     "koalisi itu rapuh", False, "Nur Hidayati", "Pengamat politik Universitas Gadjah Mada"),
    # English direct quotes
    ('"We will not back down," Prime Minister Anna Berg told reporters in Oslo.', "en",
     "We will not back down", True, "Anna Berg", "Prime Minister"),
    ("“The market has already priced this in,” said Tom Walsh, an analyst at Northgate Capital.", "en",
     "The market has already priced this in", True, "Tom Walsh", "analyst"),
    ("'Talks will resume next week,' the foreign ministry said in a statement.", "en",
     "Talks will resume next week", True, "foreign ministry", None),
    ('Defense Secretary Paul Grant said: "Our troops are ready."', "en",
     "Our troops are ready.", True, "Paul Grant", "Defense Secretary"),
    # English indirect speech
    ("Police Chief Maria Lopez said on Tuesday that three suspects had been arrested.", "en",
     "three suspects had been arrested", False, "Maria Lopez", "Police Chief"),
    ("Finance Minister Ivo Petrov told Reuters the budget gap would narrow this year.", "en",
     "the budget gap would narrow this year", False, "Ivo Petrov", "Finance Minister"),
    ("According to the World Health Organization, cases have doubled since June.", "en",
     "cases have doubled since June", False, "World Health Organization", None),
    ("The ceasefire is holding, a senior U.N. official said.", "en",
     "The ceasefire is holding", False, "a senior U.N. official", "a senior U.N. official"),
]


@pytest.mark.parametrize("text,lang,quote,direct,speaker,role", CASES)
def test_quote_and_speaker(text, lang, quote, direct, speaker, role):
    q = only(text, lang)
    assert q.text == quote
    assert q.direct is direct
    assert q.speaker.name == speaker
    assert q.speaker.role == role
    assert q.cue
    body = text
    assert 0 <= q.start < q.end <= len(body)
    if direct:
        assert body[q.start:q.end].rstrip(",") == q.text


# Texts that hold no reported speech at all.
NOT_QUOTES = [
    ("Kunjungan itu dilakukan setelah KTT darurat yang hasilnya mengutuk serangan dan menyatakan solidaritas terhadap Gaza.", "id"),
    ("Menlu Retno menegaskan kembali komitmen Indonesia untuk mendukung kemerdekaan Palestina.", "id"),
    ("Presiden menyampaikan belasungkawa kepada keluarga korban.", "id"),
    ("Warga menyebut kawasan itu sebagai kampung nelayan.", "id"),
    ("Film “Laskar Pelangi” kembali diputar di bioskop.", "id"),
    ("Polisi mengamankan barang bukti berupa dua unit sepeda motor.", "id"),
    ("The company announced a new chief executive on Monday.", "en"),
    ('The operation, dubbed "Iron Shield", began at dawn.', "en"),
    ("He is said to be considering a run for office.", "en"),
    ("The minister said in a statement.", "en"),
]


@pytest.mark.parametrize("text,lang", NOT_QUOTES)
def test_not_a_quote(text, lang):
    assert quotes_of(text, lang) == []


# Pronouns, clitics and role-only mentions resolve to the right earlier speaker.
def test_clitic_continuation_takes_the_last_speaker():
    text = ("“Kami sudah siap,” kata Kapten Tim SAR Joko Santoso.\n\n"
            "Sementara itu, Wali Kota Medan Lina Marpaung mengatakan pengungsi akan dipindahkan besok.\n\n"
            "“Tenda tambahan sudah tiba,” tambahnya.")
    qs = quotes_of(text, "id")
    assert [q.speaker.name for q in qs] == ["Joko Santoso", "Lina Marpaung", "Lina Marpaung"]
    assert qs[2].cue == "tambahnya"


def test_pronoun_he_added():
    text = ('Trade Minister Lars Holm said exports rose 4 percent in May. "This is a good start," he added.')
    qs = quotes_of(text, "en")
    assert [(q.speaker.name, q.direct) for q in qs] == [("Lars Holm", False), ("Lars Holm", True)]


def test_role_only_mention_resolves_to_the_person_printed_under_that_role():
    text = ("Presiden bertemu Menteri Luar Negeri AS, Marco Rubio, di Doha.\n\n"
            "Menlu AS menegaskan kembali kemitraan kedua negara.\n\n"
            "“Kami berkomitmen pada kawasan yang stabil,” tulisnya di platform media sosial X.")
    q = only(text, "id")
    assert q.speaker.name == "Marco Rubio"
    assert q.channel == "di platform media sosial X"


def test_surname_resolves_to_full_name():
    text = ("Menteri Pertanian Bambang Santosa meninjau sawah di Indramayu.\n\n"
            "Bambang mengatakan panen raya akan dimulai bulan depan.")
    assert only(text, "id").speaker.name == "Bambang Santosa"


def test_anaphoric_role_takes_the_last_speaker():
    text = ("Pelatih Persib, Bojan Hodak, mengatakan timnya siap bertanding.\n\n"
            "Menurut pelatih asal Kroasia itu, kondisi pemain sudah pulih.")
    qs = quotes_of(text, "id")
    assert [q.speaker.name for q in qs] == ["Bojan Hodak", "Bojan Hodak"]


# Quotation-mark layouts.
def test_split_quote_gives_two_quotes_of_one_speaker():
    text = "“Kami tidak akan mundur,” kata Sekjen partai itu, Rudi Hartanto. “Perjuangan baru dimulai.”"
    qs = quotes_of(text, "id")
    assert [q.text for q in qs] == ["Kami tidak akan mundur", "Perjuangan baru dimulai."]
    assert {q.speaker.name for q in qs} == {"Rudi Hartanto"}


def test_quote_over_two_paragraphs_is_one_quote():
    text = ('"The first phase is finished. The second starts in June.\n\n'
            '"We expect no delays," project director Ana Silva said.')
    q = only(text, "en")
    assert q.text == "The first phase is finished. The second starts in June. We expect no delays"
    assert q.speaker.name == "Ana Silva"


def test_partial_quote_takes_the_speech_act_of_its_sentence():
    q = only("Ketua Umum Asosiasi Pengusaha Indonesia (Apindo) Benny Tan menyebut langkah itu “tidak masuk akal” bagi pengusaha.", "id")
    assert (q.text, q.direct, q.speaker.name) == ("tidak masuk akal", True, "Benny Tan")


def test_mixed_quote_is_one_indirect_quote():
    q = only('Sokolova said Moscow would respond with "appropriate measures" in due course.', "en")
    assert q.direct is False
    assert q.text == 'Moscow would respond with "appropriate measures" in due course'


def test_passive_attribution_of_the_preceding_quote():
    text = "“Penyidik sudah memeriksa sepuluh saksi.”\n\nHal itu disampaikan Juru bicara KPK Wahyu Setiadi di Jakarta."
    q = only(text, "id")
    assert (q.speaker.name, q.speaker.role) == ("Wahyu Setiadi", "Juru bicara KPK")


@pytest.mark.parametrize("text,lang", [
    ('"Kami siap bertanding. Semua pemain dalam kondisi baik, kata pelatih Andi Wijaya.', "id"),
    ("“We are ready to fight for every vote,\n\nThe campaign begins on Monday.", "en"),
    ("Semua sudah selesai,” kata Budi Santoso.", "id"),
])
def test_unbalanced_marks_warn_and_keep_the_best_reading(text, lang):
    warnings: list[str] = []
    qs = quotes_of(text, lang, warnings=warnings)
    assert warnings and all(w.startswith("quotes:") for w in warnings)
    assert qs, "the quote is read, not lost"


def test_unclosed_quote_ends_at_the_postposed_cue():
    warnings: list[str] = []
    q = quotes_of('"Kami siap bertanding, kata pelatih Andi Wijaya.', "id", warnings=warnings)[0]
    assert q.text == "Kami siap bertanding"
    assert q.speaker.name == "Andi Wijaya"


# Entities from the entities stage, when given, name the speaker.
def test_speaker_linked_to_entity_mention():
    text = "“Serangan itu melanggar hukum internasional,” kata Menlu Retno di Jakarta."
    start = text.index("Retno")
    ent = Entity(id="e7", name="Retno Marsudi", type="PERSON", country="IDN", role="Menteri Luar Negeri",
                 mentions=[Mention(start, start + 5, "Retno")])
    q = quotes_of(text, "id", entities=[ent])[0]
    assert (q.speaker.name, q.speaker.entity, q.speaker.role) == ("Retno Marsudi", "e7", "Menlu")


def test_entity_inside_an_organisation_phrase_is_not_the_speaker():
    text = "Estonia's defence ministry said on X it welcomed the decision."
    ent = Entity(id="e1", name="Estonia", type="GPE", country="EST", mentions=[Mention(0, 7, "Estonia")])
    q = quotes_of(text, "en", entities=[ent])[0]
    assert q.speaker.name == "Estonia's defence ministry"
    assert q.speaker.entity is None


def test_pronoun_continuation_keeps_the_entity():
    text = "“Kami siap,” kata Menlu Retno.\n\n“Bantuan tiba besok,” tambahnya."
    start = text.index("Retno")
    ent = Entity(id="e2", name="Retno Marsudi", type="PERSON", mentions=[Mention(start, start + 5, "Retno")])
    qs = quotes_of(text, "id", entities=[ent])
    assert [q.speaker.entity for q in qs] == ["e2", "e2"]


# Bad input never crashes.
@pytest.mark.parametrize("text", ["", " ", "“", "”", '"', "««»»", "“”“”", "“" * 500, "kata kata kata", "\n\n“\n\n”\n\n",
                                  "Menurut , mengatakan bahwa .", ", kata .", "“A,” kata.", "said said said."])
@pytest.mark.parametrize("lang", ["id", "en"])
def test_odd_input_never_raises(text, lang):
    warnings: list[str] = []
    out = quotes_of(text, lang, warnings=warnings)
    assert isinstance(out, list)
    assert not any("stopped early" in w for w in warnings)


def test_offsets_point_into_the_text():
    text = ("Jakarta - Menteri Keuangan Dewi Anggraini memastikan bahwa tarif pajak tidak naik.\n\n"
            "“Kita fokus pada kepatuhan,” ujar Dewi.")
    for q in quotes_of(text, "id"):
        assert text[q.start:q.end].strip(" ,.") == q.text.strip(" ,.")
