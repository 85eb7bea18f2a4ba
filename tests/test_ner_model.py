"""The shipped Indonesian NER loads through warta's pipeline and finds obvious entities (no training here)."""
from __future__ import annotations

import json
from importlib import resources

import pytest

from warta.nlp import get_nlp, make_doc

MODEL = resources.files("warta.models").joinpath("ner-id")


def test_shipped_model_is_a_spacy_pipeline_with_our_labels():
    meta = json.loads(MODEL.joinpath("meta.json").read_text(encoding="utf-8"))
    assert meta["lang"] == "xx"  # language-neutral container: nlp.py sources its ner into warta's id pipeline
    assert meta["warta_training"]["language"] == "id"
    assert sorted(meta["labels"]["ner"]) == ["LOC", "ORG", "PERSON"]
    size = sum(p.stat().st_size for p in __import__("pathlib").Path(str(MODEL)).rglob("*") if p.is_file())
    assert size < 50 * 1024 * 1024


def test_get_nlp_sources_the_ner_after_warta_sentences(nlp_id):
    assert nlp_id.pipe_names[0] == "warta_sentences"
    assert "ner" in nlp_id.pipe_names
    assert set(nlp_id.get_pipe("ner").labels) == {"PERSON", "ORG", "LOC"}


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Menteri Keuangan Sri Mulyani Indrawati mengatakan di Jakarta, Selasa, bahwa Bank Indonesia akan menjaga "
            "stabilitas rupiah.",
            {("Sri Mulyani Indrawati", "PERSON"), ("Bank Indonesia", "ORG"), ("Jakarta", "LOC")},
        ),
        (
            "Presiden Joko Widodo meninjau lokasi banjir di Semarang, Jawa Tengah, bersama Gubernur Ganjar Pranowo.",
            {("Joko Widodo", "PERSON"), ("Semarang", "LOC"), ("Jawa Tengah", "LOC"), ("Ganjar Pranowo", "PERSON")},
        ),
        (
            "Komisi Pemberantasan Korupsi (KPK) memeriksa dua pejabat Kementerian Pertanian di Gedung Merah Putih.",
            {("Komisi Pemberantasan Korupsi", "ORG"), ("KPK", "ORG"), ("Kementerian Pertanian", "ORG")},
        ),
    ],
)
def test_finds_obvious_entities(text, expected):
    doc = make_doc(text, "id")
    found = {(e.text, e.label_) for e in doc.ents}
    assert expected <= found, f"missing {expected - found}; found {found}"


def test_entities_do_not_cross_sentences_and_empty_text_is_fine():
    doc = make_doc("Prabowo Subianto tiba di Tokyo. Ia disambut Perdana Menteri Jepang.", "id")
    assert all(e.sent == e[0].sent and e[-1].sent == e.sent for e in doc.ents)
    assert ("Prabowo Subianto", "PERSON") in {(e.text, e.label_) for e in doc.ents}
    assert list(make_doc("", "id").ents) == []
    assert get_nlp("id") is get_nlp("id")


def test_shipped_model_was_built_by_the_current_recipe(shared_dir):
    """The shipped model's fingerprint (recipe, seed, training tokens and tags) matches training/train_ner.py."""
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "training" / "train_ner.py"
    spec = importlib.util.spec_from_file_location("warta_train_ner_test", path)
    trainer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(trainer)
    assert trainer.model_is_current(Path(str(MODEL)), trainer.training_data("shipped")), (
        "src/warta/models/ner-id is stale: run python training/train_ner.py"
    )
