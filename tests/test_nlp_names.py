"""The NER runs on windows around capitalised words (nlp.NamesNearCapitals); batches give the same records."""
from __future__ import annotations

from pathlib import Path

import pytest

from warta.nlp import NamesNearCapitals, _trim_lower, get_nlp, make_doc, make_docs
from warta.pipeline import analyze, analyze_batch
from warta.read import iter_sources

FIXTURES = Path(__file__).resolve().parent / "fixtures"

LOWER_RUN = "para warga berkumpul di lapangan sejak pagi untuk mengikuti kegiatan kerja bakti bersama"


@pytest.fixture(scope="module")
def names(nlp_id) -> NamesNearCapitals:
    return nlp_id.get_pipe("ner")


def test_the_ner_pipe_is_the_window_component_around_the_trained_model(names):
    assert isinstance(names, NamesNearCapitals)
    assert set(names.labels) == {"PERSON", "ORG", "LOC"}
    assert "namun" in names.not_names  # data: the pack's stopwords and not_names


def test_windows_cover_context_around_capitals_and_skip_long_lower_case_runs(names, nlp_id):
    doc = nlp_id.make_doc(f"Presiden Prabowo Subianto tiba. {LOWER_RUN} {LOWER_RUN} lalu Gubernur Pramono Anung datang.")
    spans = names.windows(doc)
    assert spans is not None and len(spans) == 2
    (a1, b1), (a2, b2) = spans
    assert a1 == 0 and doc[b1 - 1].i >= 4  # 'Presiden Prabowo Subianto' and two tokens after it
    words = [t.text for t in doc]
    assert words.index("Gubernur") - 2 == a2 and b2 == len(doc)
    assert b1 < a2  # the lower-case stretch between them is not read


def test_close_windows_merge_and_sentence_opening_function_words_open_none(names, nlp_id):
    doc = nlp_id.make_doc(f"Namun {LOWER_RUN} {LOWER_RUN}. Joko datang ke Bogor.")
    spans = names.windows(doc)
    assert spans is not None and len(spans) == 1  # 'Namun' opens no window; Joko ... Bogor is one window
    assert doc[spans[0][0] : spans[0][1]].text.startswith(doc[spans[0][0]].text)
    assert "Joko" in doc[spans[0][0] : spans[0][1]].text and "Bogor" in doc[spans[0][0] : spans[0][1]].text


def test_lower_cased_text_and_capital_dense_text_are_read_whole(names, nlp_id):
    assert names.windows(nlp_id.make_doc("presiden joko widodo meninjau banjir di semarang bersama gubernur ganjar pranowo")) is None
    assert names.windows(nlp_id.make_doc("Komisi Pemberantasan Korupsi Memeriksa Pejabat Kementerian Pertanian")) is None


def test_trim_drops_lower_case_words_at_the_edges_of_a_name(nlp_id):
    doc = nlp_id.make_doc("kata glasiolog Sarah Shackleton kerap")
    assert _trim_lower(doc, 1, 5) == (2, 4)
    assert _trim_lower(doc, 0, 1) == (1, 1)  # nothing left: no name


def test_windowed_names_sit_on_the_articles_tokens(nlp_id):
    text = f"{LOWER_RUN}. Menteri Keuangan Sri Mulyani Indrawati mengatakan di Jakarta bahwa {LOWER_RUN}."
    doc = make_doc(text, "id")
    found = {(e.text, e.label_) for e in doc.ents}
    assert ("Sri Mulyani Indrawati", "PERSON") in found and ("Jakarta", "LOC") in found
    for ent in doc.ents:
        assert text[ent.start_char : ent.end_char] == ent.text


def test_make_docs_equals_make_doc_one_by_one():
    texts = [
        "Presiden Joko Widodo meninjau lokasi banjir di Semarang, Jawa Tengah.",
        "",
        "presiden joko widodo meninjau banjir di semarang",
        f"{LOWER_RUN}. Kapolri Jenderal Listyo Sigit Prabowo hadir di Mabes Polri. {LOWER_RUN}.",
    ]
    batch = make_docs(texts, "id")
    for text, doc in zip(texts, batch):
        one = make_doc(text, "id")
        assert [(e.start, e.end, e.label_) for e in doc.ents] == [(e.start, e.end, e.label_) for e in one.ents]
        assert [s.start for s in doc.sents] == [s.start for s in one.sents]


def test_analyze_batch_gives_what_analyze_gives_on_every_fixture_article():
    paths = sorted(str(p) for p in (FIXTURES / "articles").rglob("*.txt"))
    assert len(paths) >= 20
    sources = [s for s in iter_sources(paths) if not isinstance(s, Exception)]
    batch = analyze_batch(sources)
    one = [analyze(s) for s in iter_sources(paths) if not isinstance(s, Exception)]
    assert [r.to_dict() for r in batch] == [r.to_dict() for r in one]


def test_analyze_batch_keeps_order_and_turns_a_failure_into_an_error_item(monkeypatch):
    import warta.pipeline as pipeline
    from warta.errors import WartaError
    from warta.read import source_from_text

    sources = [source_from_text(t, kind="text") for t in ("Jakarta (ANTARA) - Presiden Prabowo tiba di Bogor.", "Doha - Emir Qatar bertemu.")]
    real = pipeline.find_quotes

    def broken(doc, *args, **kwargs):
        if "Emir" in doc.text:
            raise RuntimeError("boom")
        return real(doc, *args, **kwargs)

    monkeypatch.setattr(pipeline, "find_quotes", broken)
    out = analyze_batch(sources, lang="id")
    assert not isinstance(out[0], WartaError) and "Prabowo" in out[0].body
    assert isinstance(out[1], WartaError) and "boom" in out[1].message


def test_a_lone_capital_that_is_a_date_word_or_a_sentence_opening_common_word_opens_no_window(names, nlp_id):
    reader = NamesNearCapitals(names.ner, min_capital_share=0.0, not_names=names.not_names)
    doc = nlp_id.make_doc(f"Harga {LOWER_RUN}. {LOWER_RUN} pada Selasa {LOWER_RUN} karena harga naik.")
    assert reader.windows(doc) == []  # 'Harga' is printed lower case later; 'Selasa' is a weekday
    kept = nlp_id.make_doc(f"{LOWER_RUN} kata Agus {LOWER_RUN}.")  # 'Agus' abbreviates a month and is a first name
    (a, b), = reader.windows(kept)
    assert "Agus" in kept[a:b].text
    named = nlp_id.make_doc(f"Harga Pertamax {LOWER_RUN} karena harga naik.")
    assert reader.windows(named)[0][0] == 0  # a capital follows: it may be a name


def test_trim_keeps_the_heads_and_directions_a_name_takes(names, nlp_id):
    doc = nlp_id.make_doc("warga desa Sukamaju dan kota Gaza selatan")
    assert "desa" in names.edge_words and "selatan" in names.edge_words
    assert _trim_lower(doc, 1, 3, names.edge_words) == (1, 3)  # 'desa Sukamaju'
    assert _trim_lower(doc, 5, 7, names.edge_words) == (5, 7)  # 'Gaza selatan'
    assert _trim_lower(doc, 0, 3, names.edge_words) == (1, 3)  # 'warga' is no head


def test_the_evaluation_reads_fold_models_through_the_same_windows(names):
    other = names.with_model(names.ner)
    assert (other.context, other.min_capital_share, other.not_names, other.edge_words) == (
        names.context, names.min_capital_share, names.not_names, names.edge_words)
