"""Layout rules, one table per rule: credits, related lines, origin agencies, noise.

Each case is a few lines of article text; ``lay`` runs the layout stage alone. A body sentence is added
where a rule depends on where a line stands (a trailer comes after the body).
"""
from __future__ import annotations

import pytest

from warta.layout import parse_article
from warta.read import Source

LEAD = "Jakarta (ANTARA) - Pemerintah menaikkan anggaran subsidi pupuk sebesar Rp5 triliun untuk musim tanam tahun ini."
LEAD_EN = "JAKARTA (Reuters) - Indonesia raised its fertiliser subsidy budget by 5 trillion rupiah for this planting season."


def lay(*lines: str):
    return parse_article(Source(text="\n".join(lines)))


# ---------------------------------------------------------------- credits


@pytest.mark.parametrize(
    ("line", "role", "names"),
    [
        ("Pewarta: Dewi Anggraini", "reporters", ["Dewi Anggraini"]),
        ("Pewarta Foto: Galih Pradipta", "photographers", ["Galih Pradipta"]),
        ("Penerjemah: Yuni Arisandy Sinaga", "translators", ["Yuni Arisandy Sinaga"]),
        ("Editor: M Razi Rahman", "editors", ["M Razi Rahman"]),
        ("Redaktur: Hasan Basri", "editors", ["Hasan Basri"]),
        ("Penulis : Rina Kusumawati", "writers", ["Rina Kusumawati"]),
        ("Reporter: Aditya Rahman, Nur Aini Putri", "reporters", ["Aditya Rahman", "Nur Aini Putri"]),
        ("Pewarta: Arindra Meodia dan Rauf Adipati", "reporters", ["Arindra Meodia", "Rauf Adipati"]),
        ("Translator: Kenzu Tandiah", "translators", ["Kenzu Tandiah"]),
        ("Editing by Kim Coghill", "editors", None),  # no colon, no parentheses: not a credit line
        ("(Reporting by Stefanie Wirawan in Jakarta; Editing by Kim Coghill and Martin Petty)", "editors", ["Kim Coghill", "Martin Petty"]),
        ("(Reporting by Stefanie Wirawan in Jakarta; Editing by Kim Coghill)", "reporters", ["Stefanie Wirawan"]),
        ("(Additional reporting by Tom Ashby in Singapore; Writing by John Mair)", "writers", ["John Mair"]),
        ("Associated Press writers Kevin Freeman and Lisa Marsh in Washington contributed to this report.", "reporters", ["Kevin Freeman", "Lisa Marsh"]),
    ],
)
def test_credit_lines(line, role, names):
    art = lay(LEAD, line)
    got = getattr(art.credits, role)
    if names is None:
        assert got == [] and line in art.body
    else:
        assert got == names
        assert line not in art.body


def test_republika_credit_pair_on_one_line():
    art = lay("Rep: Fitri Wulandari Red: Hasan Basri", LEAD)
    assert art.credits.reporters == ["Fitri Wulandari"] and art.credits.editors == ["Hasan Basri"]
    assert "Rep:" not in art.body


def test_trailer_glued_to_the_last_paragraph_is_split_off():
    art = lay(LEAD, "Harga pupuk diperkirakan stabil. Pewarta: Dewi Anggraini Editor: Budi Santoso")
    assert art.credits.reporters == ["Dewi Anggraini"] and art.credits.editors == ["Budi Santoso"]
    assert art.body.endswith("Harga pupuk diperkirakan stabil.")


@pytest.mark.parametrize(
    ("closing", "initials"),
    [
        ("(esa/pra)", ["esa", "pra"]),
        ("[esa/pra]", ["esa", "pra"]),
        ("jm/ach/sw", ["jm", "ach", "sw"]),
        ("bur-txw/giv", ["bur-txw", "giv"]),
        ("(rdp/imk)", ["rdp", "imk"]),
    ],
)
def test_closing_initials_on_their_own_line(closing, initials):
    art = lay(LEAD, "Harga pupuk diperkirakan stabil.", closing)
    assert art.credits.initials == initials
    assert closing not in art.body


@pytest.mark.parametrize(
    ("last", "initials", "kept"),
    [
        ("Harga pupuk diperkirakan stabil. (ams/apl)", ["ams", "apl"], "Harga pupuk diperkirakan stabil."),
        ("Harga pupuk diperkirakan stabil. [bal]", ["bal"], "Harga pupuk diperkirakan stabil."),
        ("Hasil ini membuat Persib kokoh di puncak klasemen. (ase)", ["ase"], "kokoh di puncak klasemen."),
        ('"Kami siap," tuntasnya (esa/dzi)', ["esa", "dzi"], '"Kami siap," tuntasnya'),
        ("Harga naik di Jakarta (dan Bogor)", [], "Harga naik di Jakarta (dan Bogor)"),
    ],
)
def test_closing_initials_glued_to_the_last_paragraph(last, initials, kept):
    art = lay(LEAD, last)
    assert art.credits.initials == initials
    assert art.body.endswith(kept)


def test_closing_editor_in_brackets_is_an_editor_but_an_agency_is_a_source():
    assert lay(LEAD, "(Dimas Pratama)").credits.editors == ["Dimas Pratama"]
    art = lay(LEAD, "(AFP)")
    assert art.credits.editors == [] and art.sources == ["AFP"]


@pytest.mark.parametrize(
    ("lead", "names"),
    [
        ("Laporan Wartawan Tribunnews.com, Wahyu Aji", ["Wahyu Aji"]),
        ("Laporan wartawan tribunnews.com : Adi Suhendi", ["Adi Suhendi"]),
        ("Laporan Wartawan Tribun Sumsel Muhamad Edward", ["Muhamad Edward"]),
    ],
)
def test_tribun_lead_credit(lead, names):
    art = lay(lead, "TRIBUNNEWS.COM, JAKARTA - Harga cabai di pasar induk naik menjadi Rp80.000 per kilogram pada Selasa.")
    assert art.credits.reporters == names
    assert art.dateline.agency == "TRIBUNNEWS.COM" and art.body.startswith("Harga cabai")


def test_tribun_lead_credit_glued_to_the_dateline():
    art = lay("Laporan Wartawan Tribun Jateng, Yuliana Astuti TRIBUNNEWS.COM, REMBANG - Petani garam mulai panen lebih awal tahun ini.")
    assert art.credits.reporters == ["Yuliana Astuti"]
    assert (art.dateline.place, art.dateline.agency) == ("Rembang", "TRIBUNNEWS.COM")
    assert art.body == "Petani garam mulai panen lebih awal tahun ini."


@pytest.mark.parametrize(
    ("byline", "names"),
    [("By MARIA GONZALEZ and DAVID FERRIS", ["Maria Gonzalez", "David Ferris"]), ("By Stefanie Wirawan", ["Stefanie Wirawan"])],
)
def test_bylines_under_the_headline(byline, names):
    art = lay("Senate passes stopgap bill to avert shutdown", byline, LEAD_EN)
    assert art.credits.writers == names
    assert byline not in art.body


def test_a_sentence_starting_with_by_is_not_a_byline():
    art = lay(LEAD_EN, "By the end of the year, the ministry expects to spend the whole budget.")
    assert art.credits.writers == []
    assert "By the end of the year" in art.body


# ---------------------------------------------------------------- related articles


@pytest.mark.parametrize(
    ("line", "title", "url"),
    [
        ("Baca juga: Qatar kini fokus jaga kedaulatan", "Qatar kini fokus jaga kedaulatan", None),
        ("Baca juga:  ", None, None),
        ("BACA JUGA: Perbasi gelar seleksi (https://www.antaranews.com/berita/2/perbasi)", "Perbasi gelar seleksi", "https://www.antaranews.com/berita/2/perbasi"),
        ("Baca juga: Timnas menang - https://www.antaranews.com/berita/1/timnas", "Timnas menang", "https://www.antaranews.com/berita/1/timnas"),
        ("Baca juga: [Liga bergulir lagi](https://www.antaranews.com/berita/3/liga)", "Liga bergulir lagi", "https://www.antaranews.com/berita/3/liga"),
        ("Read also: ASEAN, China upgrade free trade pact", "ASEAN, China upgrade free trade pact", None),
        ("Related News: Indonesia targets 20 new smelters by 2026", "Indonesia targets 20 new smelters by 2026", None),
        ("Pilihan Editor: Cara Cek Tunggakan Pajak Kendaraan", "Cara Cek Tunggakan Pajak Kendaraan", None),
        ("Editor's Choice: Land Subsidence Threatens North Jakarta", "Land Subsidence Threatens North Jakarta", None),
        ("Baca Juga : Tarif Tol Trans Jawa Didiskon 20 Persen", "Tarif Tol Trans Jawa Didiskon 20 Persen", None),
    ],
)
def test_related_lines(line, title, url):
    art = lay(LEAD, line, "Harga pupuk diperkirakan stabil.")
    assert [(r.title, r.url) for r in art.related] == [(title, url)]
    assert "Baca" not in art.body and "Related" not in art.body and "Pilihan" not in art.body


def test_related_heading_followed_by_titles():
    art = lay(LEAD, "Baca Juga", "Jamaah Haji Diminta Jaga Kesehatan", "Biaya Haji 2025 Turun, Ini Rinciannya", "Menurut dia, pelunasan dibuka pekan depan.")
    assert [r.title for r in art.related] == ["Jamaah Haji Diminta Jaga Kesehatan", "Biaya Haji 2025 Turun, Ini Rinciannya"]
    assert art.body.endswith("Menurut dia, pelunasan dibuka pekan depan.")


def test_related_label_with_colon_and_title_on_the_next_line():
    art = lay(LEAD, "Lihat Juga :", "PBB: 25 Juta Warga Sudan Hadapi Kelaparan Akut", "Badan-badan PBB menyebut 12 juta orang mengungsi.")
    assert [r.title for r in art.related] == ["PBB: 25 Juta Warga Sudan Hadapi Kelaparan Akut"]


def test_related_label_whose_title_was_stripped_does_not_take_the_next_paragraph():
    art = lay(LEAD, "Baca juga:", "Menurut dia, sebagian besar cadangan berada di gudang Jawa Timur.")
    assert [r.title for r in art.related] == [None]
    assert "cadangan berada di gudang" in art.body


def test_related_label_glued_to_a_paragraph_is_split_off():
    art = lay(LEAD, "“Semua truk sudah dimuat,” kata Kaya. Baca juga: Mesir buka kembali perlintasan Rafah")
    assert [r.title for r in art.related] == ["Mesir buka kembali perlintasan Rafah"]
    assert art.body.endswith("“Semua truk sudah dimuat,” kata Kaya.")


@pytest.mark.parametrize(
    "sentence",
    [
        "Related to this, the ministry said it would widen the programme to 20 provinces next year.",
        "Read more carefully, the regulation allows exports of processed ore only.",
        "Lihat juga bagaimana petani di Lampung menyimpan gabah mereka sebelum dijual ke Bulog.",
    ],
)
def test_sentences_that_start_like_a_label_stay_in_the_body(sentence):
    art = lay(LEAD, sentence)
    assert art.related == [] and sentence in art.body


# ---------------------------------------------------------------- origin agencies


@pytest.mark.parametrize(
    ("lines", "sources"),
    [
        (["Sumber: Anadolu"], ["Anadolu"]),
        (["Sumber: Aljazeera/Reuters"], ["Al Jazeera", "Reuters"]),
        (["Source: Xinhua"], ["Xinhua"]),
        (["Sumber: Liputan6.com"], ["Liputan6.com"]),
        (["Menurut dia, bantuan akan dikirim pekan depan, seperti dikutip dari Reuters."], ["Reuters"]),
        (["Militer akan menghormati kesepakatan, dilansir AFP."], ["AFP"]),
        (["Para menteri sepakat mempercepat perundingan, Xinhua reported."], ["Xinhua"]),
        (["Harga naik, seperti dikutip dari laman resmi FIBA."], []),
        (["Harga naik, kata Menteri kepada CNN Indonesia, Senin."], []),
        (["Harga naik, kata Menteri kepada ANTARA di Jakarta."], []),  # the story's own agency
        (["Artikel ini telah tayang di Tribunjateng.com dengan judul Ribuan Warga Padati Alun-alun"], ["Tribunjateng.com"]),
    ],
)
def test_origin_agencies(lines, sources):
    art = lay(LEAD, *lines)
    assert art.sources == sources
    assert "Sumber:" not in art.body and "Source:" not in art.body and "telah tayang" not in art.body


def test_dateline_naming_two_agencies_gives_the_origin():
    art = lay("Gaza (ANTARA/Anadolu) - Bantuan kemanusiaan mulai masuk ke Jalur Gaza utara pada Senin.")
    assert art.dateline.agency == "ANTARA" and art.sources == ["Anadolu"]


# ---------------------------------------------------------------- scraping noise


@pytest.mark.parametrize(
    "noise",
    [
        "SCROLL TO CONTINUE WITH CONTENT",
        "ADVERTISEMENT",
        "Advertisement",
        "[video.1]",
        "\\[img.2\\]",
        "[Gambas:Video 20detik]",
        "[Gambas:Video CNN]",
        'Simak Video "Video: Detik-detik Truk Mogok"',
        "Simak juga Video: Rob Genangi Jalur Pantura",
        "Lihat juga Video 'Paket Stimulus Ekonomi Sudah Cair':",
        "Baca berita dengan sedikit iklan, klik di sini",
        "BACA HALAMAN BERIKUTNYA",
        "Baca selengkapnya di sini.",
        "Follow Berita Okezone di Google News",
        "Click here to get the latest news updates from Tempo on Google News",
        "Sign up here.",
        "Our Standards: The Thomson Reuters Trust Principles.",
        "___",
        "Follow AP's coverage of the war at https://apnews.com/hub/israel-hamas-war",
        "Simak breaking news dan berita pilihan kami langsung di ponselmu. Pilih saluran andalanmu akses berita Kompas.com WhatsApp Channel : https://www.whatsapp.com/channel/x",
    ],
)
def test_noise_lines_leave_the_body(noise):
    art = lay(LEAD, noise, "Harga pupuk diperkirakan stabil hingga akhir tahun.")
    assert art.body == LEAD.split(" - ", 1)[1] + "\n\nHarga pupuk diperkirakan stabil hingga akhir tahun."
    assert art.related == []


def test_inline_placeholders_and_markdown_breaks_are_removed():
    art = lay(LEAD, "[video.1] \\", "Pendaftaran dibuka hingga 20 Juli.\\", "\\[img.2\\] Peserta wajib membawa KTP.")
    assert art.paragraphs[1:] == ["Pendaftaran dibuka hingga 20 Juli.", "Peserta wajib membawa KTP."]


def test_leading_tabs_and_runs_of_blank_lines():
    art = parse_article(Source(text="\n\t\t\t\t" + LEAD + "\n\n\n\n\tHarga pupuk stabil.\n\n\n\n\t\t\t"))
    assert art.paragraphs == [LEAD.split(" - ", 1)[1], "Harga pupuk stabil."]


def test_outlet_boilerplate_names_the_outlet():
    art = lay("Pakistan and Afghanistan agreed on Tuesday to reopen the Torkham border crossing, officials said.",
              "Anadolu Agency website contains only a portion of the news stories offered to subscribers in the AA News Broadcasting System (HAS), and in summarized form.")
    assert art.outlet == "Anadolu" and "Anadolu Agency website" not in art.body


def test_empty_related_link_glued_to_the_credits():
    art = lay(LEAD, "Baca juga:  ", "Baca juga:  Pewarta: Dewi Anggraini", "Editor: Budi Santoso")
    assert art.credits.reporters == ["Dewi Anggraini"]
    assert art.credits.editors == ["Budi Santoso"]
    assert all(not (r.title or "").startswith("Pewarta") for r in art.related)


def test_credit_glued_to_the_full_stop_of_the_last_sentence():
    art = lay(LEAD, "Para petani menyambut baik keputusan itu.Editor: Budi Santoso")
    assert art.credits.editors == ["Budi Santoso"]
    assert art.paragraphs[-1].endswith("keputusan itu.")


def test_related_link_in_brackets_inside_a_paragraph():
    art = lay(LEAD, "Petani di Karawang mulai menanam padi. (Baca: Harga Gabah Naik di Tingkat Petani) Mereka berharap hujan turun.")
    assert [r.title for r in art.related] == ["Harga Gabah Naik di Tingkat Petani"]
    assert "Baca" not in " ".join(art.paragraphs)
    assert "(baca: ini)" in lay(LEAD, "Ia membaca (baca: ini) dengan teliti.").paragraphs[-1]
