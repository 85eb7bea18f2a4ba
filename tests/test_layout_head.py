"""Layout rules for the top and the frame of an article: headline, date lines, datelines, rights,
publication date, Markdown and HTML pages."""
from __future__ import annotations

import pytest

from warta.layout import infer_published, parse_article
from warta.read import Source

BODY = "Harga beras medium di pasar induk turun Rp300 per kilogram dibanding pekan lalu, kata pedagang."


def lay(*lines: str, **meta):
    return parse_article(Source(text="\n".join(lines), **meta))


# ---------------------------------------------------------------- datelines


@pytest.mark.parametrize(
    ("first", "place", "agency", "date"),
    [
        ("Istanbul (ANTARA) - ", "Istanbul", "ANTARA", None),
        ("Jakarta (ANTARA) – ", "Jakarta", "ANTARA", None),
        ("WASHINGTON, Sept 16 (Reuters) - ", "Washington", "Reuters", "--09-16"),
        ("DEIR AL-BALAH, Gaza Strip (AP) — ", "Deir Al-Balah", "AP", None),
        ("NAIROBI, Kenya (AFP) - ", "Nairobi", "AFP", None),
        ("ANKARA (AA) - ", "Ankara", "AA", None),
        ("JAKARTA, KOMPAS.com - ", "Jakarta", "KOMPAS.com", None),
        ("Jakarta, CNN Indonesia -- ", "Jakarta", "CNN Indonesia", None),
        ("Semarang, detikJateng - ", "Semarang", "detikJateng", None),
        ("REPUBLIKA.CO.ID, JAMBI -- ", "Jambi", "REPUBLIKA.CO.ID", None),
        ("REPUBLIKA.CO.ID, TANJUNG LESUNG, BANTEN -- ", "Tanjung Lesung", "REPUBLIKA.CO.ID", None),
        ("Liputan6.com, Jakarta - ", "Jakarta", "Liputan6.com", None),
        ("TEMPO.CO, Jakarta - ", "Jakarta", "TEMPO.CO", None),
        ("TRIBUNJATENG.COM, KUDUS - ", "Kudus", "TRIBUNJATENG.COM", None),
        ("Merdeka.com - ", None, "Merdeka.com", None),
        ("VIVA – ", None, "VIVA", None),
        ("Jakarta, VIVA – ", "Jakarta", "VIVA", None),
        ("JAKARTA – ", "Jakarta", None, None),
        ("Jakarta - ", "Jakarta", None, None),
        ("TOKYO, March 3 - ", "Tokyo", None, "--03-03"),
        ("PORTLAND, Ore., Feb 26 - ", "Portland", None, "--02-26"),
        ("AMSTERDAM, 2 March - ", "Amsterdam", None, "--03-02"),
    ],
)
def test_datelines(first, place, agency, date):
    art = lay(first + BODY)
    assert (art.dateline.place, art.dateline.agency, art.dateline.date) == (place, agency, date)
    assert art.body == BODY
    assert art.dateline.text == first.strip(" -–—")


@pytest.mark.parametrize(
    ("line", "place", "agency", "body_start"),
    [
        ("Liputan6.com, BandungPT Kereta Cepat mencatat 2 juta penumpang.", "Bandung", "Liputan6.com", "PT Kereta Cepat"),
        ("Liputan6.com, Jakartasensual dan realita pernikahan jadi tema film itu.", "Jakarta", "Liputan6.com", "sensual dan realita"),
        ("TRIBUNNEWS.COM, JAKARTA Ribuan calon jamaah haji gagal berangkat.", "Jakarta", "TRIBUNNEWS.COM", "Ribuan calon"),
        ("REPUBLIKA.CO.ID, Gula biasa dikonsumsi sebagai penyedap.", None, "REPUBLIKA.CO.ID", "Gula biasa"),
        ("TRIBUNNEWS.COM.SURABAYA, Presiden meninjau pelabuhan.", "Surabaya", "TRIBUNNEWS.COM", "Presiden meninjau"),
    ],
)
def test_datelines_damaged_by_scrapers(line, place, agency, body_start):
    art = lay(line)
    assert (art.dateline.place, art.dateline.agency) == (place, agency)
    assert art.body.startswith(body_start)


def test_pull_quote_glued_before_the_dateline():
    art = lay("Kami pastikan stok aman sampai akhir tahunJakarta (ANTARA) - " + BODY)
    assert art.dateline.place == "Jakarta" and art.body == BODY
    assert any("pull-quote" in w for w in art.warnings)


def test_a_name_in_a_sentence_is_not_a_glued_dateline():
    line = "Menurut juru bicara Kementerian, Jakarta (ANTARA) - bukan nama tempat di kalimat ini tetap utuh."
    art = lay(BODY, line)
    assert art.dateline.text is None and line in art.body


def test_city_alone_on_a_line_is_the_dateline():
    art = lay("Pakistan, Afghanistan agree to reopen key border crossing", "ISTANBUL",
              "Pakistan and Afghanistan agreed on Tuesday to reopen the Torkham border crossing after nine days.")
    assert art.dateline.place == "Istanbul" and art.body.startswith("Pakistan and Afghanistan agreed")


def test_standfirst_before_the_dateline_is_left_out_with_a_warning():
    art = lay("BP Tapera tengah menggodok tabungan berkontrak. Apa kata pengamat?", "JAKARTA, KOMPAS.com - " + BODY)
    assert art.body == BODY and any("standfirst" in w for w in art.warnings)


# ---------------------------------------------------------------- headline and date lines


@pytest.mark.parametrize(
    ("lines", "headline"),
    [
        (["Harga Beras Turun Dua Pekan Berturut-turut", "Jakarta (ANTARA) - " + BODY], "Harga Beras Turun Dua Pekan Berturut-turut"),
        (["Persija Pecat Pelatih Usai Kalah di Derbi?", "Jakarta, VIVA – " + BODY], "Persija Pecat Pelatih Usai Kalah di Derbi?"),
        (["Jakarta (ANTARA) - " + BODY, "Harga diperkirakan stabil."], None),
        (["Harga naik.", BODY], None),
    ],
)
def test_headline(lines, headline):
    assert lay(*lines).headline == headline


def test_given_headline_wins_and_its_repeat_leaves_the_body():
    art = lay("Harga Beras Turun", "Jakarta (ANTARA) - " + BODY, headline="Harga Beras Turun")
    assert art.headline == "Harga Beras Turun" and art.body == BODY


@pytest.mark.parametrize(
    ("date_line", "iso"),
    [
        ("Selasa, 16 Sep 2025 09:12 WIB", "2025-09-16"),
        ("Senin, 27 Januari 2025 14:05 WIB", "2025-01-27"),
        ("Jum'at 22 Agustus 2025 21:40 WIB", "2025-08-22"),
        ("Kompas.com - 04/03/2025, 08:15 WIB", "2025-03-04"),
        ("Thursday, 13 February 2025 18:20 WIB", "2025-02-13"),
        ("September 17, 2025 10:42 AM GMT+7", "2025-09-17"),
        ("Updated 11:58 PM GMT+7, September 30, 2025", "2025-09-30"),
        ("2025-06-18", "2025-06-18"),
    ],
)
def test_date_lines_under_the_headline(date_line, iso):
    art = lay("Harga Beras Turun Dua Pekan Berturut-turut", date_line, "Jakarta (ANTARA) - " + BODY)
    assert (art.published, art.published_basis) == (iso, "date-line")
    assert date_line not in art.body and art.headline == "Harga Beras Turun Dua Pekan Berturut-turut"


def test_site_name_line_names_the_outlet():
    art = lay("Timnas U-23 Tundukkan Vietnam", "Okezone.com", "SURABAYA – Timnas Indonesia U-23 menang 2-1 atas Vietnam dalam laga uji coba.")
    assert art.outlet == "Okezone" and "Okezone" not in art.body


def test_anadolu_byline_gives_writer_and_date():
    art = lay("Zehra Kaya   |16.09.2025 - Update : 16.09.2025", "ISTANBUL",
              "Pakistan and Afghanistan agreed on Tuesday to reopen the Torkham border crossing after nine days.")
    assert art.credits.writers == ["Zehra Kaya"]
    assert (art.published, art.published_basis) == ("2025-09-16", "date-line")


# ---------------------------------------------------------------- rights


@pytest.mark.parametrize(
    ("line", "holder", "year"),
    [
        ("Copyright © ANTARA 2025", "ANTARA", 2025),
        ("COPYRIGHT © ANTARA 2023", "ANTARA", 2023),
        ("Copyright © 2025 ANTARA", "ANTARA", 2025),
        ("© 2024 Reuters", "Reuters", 2024),
        ("© Agence France-Presse", "Agence France-Presse", None),
        ("Copyright 2008 - 2025 PT. Kompas Cyber Media (Kompas Gramedia Digital Group). All Rights Reserved.",
         "PT. Kompas Cyber Media (Kompas Gramedia Digital Group)", 2025),
        ("Copyright 2025 The Associated Press. All rights reserved. This material may not be published, broadcast, rewritten or redistributed without permission.",
         "The Associated Press", 2025),
        ("Hak cipta © 2025 Tempo", "Tempo", 2025),
    ],
)
def test_copyright_lines(line, holder, year):
    art = lay("Jakarta (ANTARA) - " + BODY, line)
    assert (art.rights.copyright_holder, art.rights.copyright_year) == (holder, year)
    assert art.body == BODY


@pytest.mark.parametrize(
    ("notice", "reserved"),
    [
        ("Dilarang keras mengambil konten, melakukan crawling atau pengindeksan otomatis untuk AI di situs web ini tanpa izin tertulis dari Kantor Berita ANTARA.", True),
        ("Prohibited from taking content, crawling or automated indexing for AI on this website without written permission from ANTARA News Agency.", True),
        ("No part of this content may be used for text and data mining or to train artificial intelligence systems without prior written permission.", True),
        ("Dilarang mengutip atau menyebarluaskan berita ini tanpa izin redaksi.", False),
        ("This material may not be published, broadcast, rewritten or redistributed without permission.", False),
    ],
)
def test_rights_notices(notice, reserved):
    art = lay("Jakarta (ANTARA) - " + BODY, "Copyright © ANTARA 2025", notice)
    assert art.rights.ai_use_reserved is reserved
    assert art.rights.notice and notice.rstrip(".") in art.rights.notice
    assert art.body == BODY


def test_a_sentence_about_crawling_is_not_a_notice():
    line = "Polisi menyebut pelaku melakukan crawling data pelanggan dari situs toko daring itu sejak Januari."
    art = lay("Jakarta (ANTARA) - " + BODY, line)
    assert art.rights.ai_use_reserved is False and line in art.body


# ---------------------------------------------------------------- publication date


@pytest.mark.parametrize(
    ("lines", "meta", "published", "basis"),
    [
        (["Istanbul (ANTARA) - Qatar pada Selasa (16/9) mengatakan perjanjian akan diperbarui.", "Copyright © ANTARA 2025"], {}, "2025-09-16", "weekday-date"),
        (["Jakarta (ANTARA) - Bulog pada Kamis (12/10) menyalurkan beras.", "Harga naik sejak 2023."], {}, "2023-10-12", "weekday-date"),
        (["Jakarta - Harga naik pada Selasa (16/9/2025) pagi."], {}, "2025-09-16", "weekday-date"),
        (["Jakarta, VIVA – Puncak arus mudik pada 21 Desember 2024.", "Hal itu disampaikan Rabu, 20 November 2024."], {}, "2024-11-20", "weekday-date"),
        (["The report, released on March 4, 2025, showed growth.", "It covers January 10, 2025 onwards."], {}, "2025-03-04", "explicit-date"),
        (["WASHINGTON, Sept 16 (Reuters) - The Fed held rates on Tuesday, its first decision of 2025."], {}, "2025-09-16", "dateline-date"),
        (["TOKYO, March 3 - The surplus would narrow later in 1987."], {}, None, None),  # a mentioned year alone is no evidence of the publication year
        (["Jakarta (ANTARA) - Harga beras turun pada Selasa (16/9)."], {}, None, None),  # weekday without a year
        (["Jakarta (ANTARA) - Harga beras turun pada Rabu (16/9).", "Copyright © ANTARA 2025"], {}, None, None),  # weekday disagrees
        (["Jakarta (ANTARA) - " + BODY], {"published": "2025-08-22"}, "2025-08-22", "metadata"),
        (["Jakarta (ANTARA) - " + BODY], {"published_text": ", Jurnalis-Rabu, 18 Juni 2025 |10:05 WIB"}, "2025-06-18", "metadata"),
    ],
)
def test_publication_date(lines, meta, published, basis):
    art = lay(*lines, **meta)
    assert (art.published, art.published_basis) == (published, basis)


def test_unreadable_given_date_warns_and_falls_back_to_the_text():
    art = lay("Jakarta - Harga naik pada Selasa (16/9/2025) pagi.", published_text="kemarin sore")
    assert art.published == "2025-09-16" and any("kemarin sore" in w for w in art.warnings)


def test_infer_published_never_uses_the_clock():
    art = lay("Jakarta (ANTARA) - Harga beras turun pada Selasa.")
    assert infer_published(art) == (None, None)


# ---------------------------------------------------------------- Markdown pages, hard-wrapped wires, HTML pages


def test_markdown_page():
    text = (
        "#  Judul Berita Pelatihan Kerja\n\nDeskripsi singkat berita.\n\n| Field | Value |\n|---|---|\n"
        "| 👤 Author | Fajar Nugroho |\n| ✏️ Editor | Sari Handayani |\n\n![Foto](https://asset.kompas.com/a.jpg)\n\n"
        "**SOLO, KOMPAS.com** - Pemkot Solo membuka \\\"pelatihan\\\" *barista* gratis bagi 300 pemuda pada Selasa.\n\n"
        "## Cara Mendaftar\n\n============\n\nPendaftaran dibuka hingga 20 Juli.\n\n---\n\n**Ringkasan:** bukan teks Kompas."
    )
    art = parse_article(Source(text=text))
    assert art.headline == "Judul Berita Pelatihan Kerja"
    assert (art.credits.writers, art.credits.editors) == (["Fajar Nugroho"], ["Sari Handayani"])
    assert art.dateline.agency == "KOMPAS.com"
    assert art.paragraphs == ['Pemkot Solo membuka "pelatihan" barista gratis bagi 300 pemuda pada Selasa.', "Cara Mendaftar", "Pendaftaran dibuka hingga 20 Juli."]


def test_hard_wrapped_wire_is_reflowed():
    text = (
        "    TOKYO, March 3 - Japan's customs-cleared trade surplus\nwidened to 8.2 billion dlrs in February from 6.9 billion in\n"
        "January, the Finance Ministry said.\n    Exports rose 3.1 pct from a year earlier to 17.6 billion\n"
        "dlrs, while imports fell 6.4 pct to 9.4 billion.\n REUTER\n"
    )
    art = parse_article(Source(text=text))
    assert art.paragraphs == [
        "Japan's customs-cleared trade surplus widened to 8.2 billion dlrs in February from 6.9 billion in January, the Finance Ministry said.",
        "Exports rose 3.1 pct from a year earlier to 17.6 billion dlrs, while imports fell 6.4 pct to 9.4 billion.",
    ]
    assert art.outlet == "Reuters"


def test_ordinary_short_lines_are_not_reflowed():
    art = lay("Jakarta (ANTARA) - Harga naik.", "Harga turun lagi.", "Harga stabil.", "Pedagang senang sekali.", "Pembeli juga.")
    assert len(art.paragraphs) == 5


def test_html_page_metadata_related_links_and_footer_rights():
    page = (
        "<html><head><title>Harga beras turun</title><meta property='article:published_time' content='2025-08-22T14:05:00+07:00'>"
        "</head><body><article><h1>Harga beras turun</h1>"
        "<p>Jakarta (ANTARA) - Harga beras medium di Pasar Induk Beras Cipinang turun untuk pekan kedua berturut-turut pada Jumat.</p>"
        "<p>Pedagang memperkirakan harga akan stabil hingga akhir bulan karena stok di gudang masih cukup untuk tiga pekan.</p>"
        "<div class='related'>Baca juga: <a href='https://www.antaranews.com/berita/1/bulog'>Bulog salurkan beras SPHP</a></div>"
        "<p>Pewarta: Siti Rahmawati<br>Copyright © ANTARA 2025</p></article>"
        "<footer>Dilarang keras mengambil konten, melakukan crawling atau pengindeksan otomatis untuk AI di situs web ini tanpa izin tertulis.</footer>"
        "</body></html>"
    )
    art = parse_article(Source(html=page))
    assert art.headline == "Harga beras turun"
    assert (art.published, art.published_basis) == ("2025-08-22", "html-metadata")
    assert [(r.title, r.url) for r in art.related] == [("Bulog salurkan beras SPHP", "https://www.antaranews.com/berita/1/bulog")]
    assert art.rights.ai_use_reserved is True and art.rights.copyright_holder == "ANTARA"
    assert art.credits.reporters == ["Siti Rahmawati"]
    assert "Baca juga" not in art.body and "Pewarta" not in art.body


def test_empty_html_page_warns():
    art = parse_article(Source(html="<html><head><title></title></head><body></body></html>"))
    assert art.paragraphs == [] and art.warnings


def test_layout_dateline_date_is_not_given_a_year_the_text_merely_mentions():
    from warta.layout import parse_article
    from warta.read import source_from_text

    art = parse_article(source_from_text(
        "MANILA, Oct 7 (Reuters) - The Philippines on Tuesday accused China of ramming a supply boat.\n\n"
        "The United States reaffirmed its commitment under a 1951 mutual defence treaty."
    ))
    assert art.dateline.date == "--10-07"
    assert art.published is None


def test_layout_dateline_date_takes_the_year_whose_calendar_agrees_with_the_lead():
    from warta.layout import parse_article
    from warta.read import source_from_text

    art = parse_article(source_from_text(
        "MANILA, Oct 7 (Reuters) - The Philippines on Tuesday accused China of ramming a supply boat.\n\n"
        "Talks planned for 2025 were called off; a 1951 treaty binds the allies."
    ))
    assert art.published == "2025-10-07"  # a Tuesday; 1951-10-07 was a Sunday


@pytest.mark.parametrize(
    ("lines", "headline"),
    [
        (["Harga Beras Turun Dua Pekan Berturut-turut - ANTARA News", "Jakarta (ANTARA) - " + BODY], "Harga Beras Turun Dua Pekan Berturut-turut"),
        (["Banjir Rendam Tiga Desa di Demak | Kompas.com", "DEMAK, KOMPAS.com - " + BODY], "Banjir Rendam Tiga Desa di Demak"),
        (["Harga Beras Naik Lagi, Ada Apa?", BODY + " " + BODY], "Harga Beras Naik Lagi, Ada Apa?"),
    ],
)
def test_headline_site_suffix_and_question(lines, headline):
    assert lay(*lines).headline == headline


def test_a_dash_in_a_headline_before_a_phrase_that_is_no_site_is_kept():
    art = lay("Jakarta (ANTARA) - " + BODY, headline="Ekspor Batu Bara Naik - Impor Minyak Turun")
    assert art.headline == "Ekspor Batu Bara Naik - Impor Minyak Turun"


def test_character_references_left_by_a_scraper_are_decoded():
    art = lay("3 Kebiasaan &#039;Unik&#039; Para Pebisnis", "Jakarta (ANTARA) - " + BODY.replace("pedagang", "pedagang &amp; petani"))
    assert art.headline == "3 Kebiasaan 'Unik' Para Pebisnis"
    assert "pedagang & petani" in art.paragraphs[-1]
