"""Trigger lexicons: Indonesian affix rules, English inflection, and what the compiled lexicons match."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from warta import cameo
from warta.events import _Doc, build_mentions, compile_pattern, expand_en, expand_id, find_triggers, lexicon
from warta.lang import LANGUAGES, load_pack
from warta.nlp import make_doc

REPO = Path(__file__).resolve().parents[1]
ID_MORPH = load_pack("id")["event_triggers"]["morphology"]
EN_MORPH = load_pack("en")["event_triggers"]["morphology"]


@pytest.mark.parametrize(
    "stem,form,surface",
    [
        ("serang", "meN", "menyerang"), ("serang", "di", "diserang"), ("serang", "+an", "serangan"),
        ("serang", "peN+an", "penyerangan"), ("tembak", "meN", "menembak"), ("tembak", "meN+i", "menembaki"),
        ("tembak", "peN+an", "penembakan"), ("tangkap", "meN", "menangkap"), ("tangkap", "peN+an", "penangkapan"),
        ("tahan", "meN", "menahan"), ("tahan", "peN+an", "penahanan"), ("kecam", "meN", "mengecam"),
        ("kutuk", "meN", "mengutuk"), ("kirim", "meN+kan", "mengirimkan"), ("bom", "meN", "mengebom"),
        ("bom", "peN+an", "pengeboman"), ("protes", "meN", "memprotes"), ("klaim", "meN", "mengklaim"),
        ("periksa", "meN", "memeriksa"), ("periksa", "peN+an", "pemeriksaan"), ("bunuh", "peN+an", "pembunuhan"),
        ("selidik", "meN+i", "menyelidiki"), ("selidik", "di+i", "diselidiki"), ("tandatangan", "meN+i", "menandatangani"),
        ("tandatangan", "peN+an", "penandatanganan"), ("runding", "ber", "berunding"), ("runding", "per+an", "perundingan"),
        ("janji", "ber", "berjanji"), ("unjuk rasa", "ber", "berunjuk rasa"), ("tanggung jawab", "ber", "bertanggung jawab"),
        ("terima kasih", "ber", "berterima kasih"), ("kunjung", "meN+i", "mengunjungi"), ("geledah", "meN", "menggeledah"),
        ("sita", "meN", "menyita"), ("tewas", "meN+kan", "menewaskan"), ("luka", "meN+i", "melukai"),
        ("rampas", "per+an", "perampasan"), ("dukung", "meN", "mendukung"), ("usut", "meN", "mengusut"),
        ("berlaku", "meN+kan", "memberlakukan"), ("sepakat", "meN+i", "menyepakati"), ("sandera", "peN+an", "penyanderaan"),
    ],
)
def test_indonesian_affixes(stem, form, surface):
    assert expand_id(stem, form, ID_MORPH) == surface


@pytest.mark.parametrize(
    "lemma,pos,forms",
    [
        ("attack", "v", ["attack", "attacks", "attacked", "attacking"]),
        ("arrest", "v", ["arrest", "arrests", "arrested", "arresting"]),
        ("seize", "v", ["seize", "seizes", "seized", "seizing"]),
        ("deny", "v", ["deny", "denies", "denied", "denying"]),
        ("bomb", "v", ["bomb", "bombs", "bombed", "bombing"]),
        ("expel", "v", ["expel", "expels", "expelled", "expelling"]),
        ("ban", "v", ["ban", "bans", "banned", "banning"]),
        ("airstrike", "n", ["airstrike", "airstrikes"]),
        ("embargo", "n", ["embargo", "embargoes"]),
        ("call", "v", ["call", "calls", "called", "calling"]),
    ],
)
def test_english_inflections(lemma, pos, forms):
    assert expand_en(lemma, pos, EN_MORPH) == forms


def test_pattern_alternatives_gaps_and_joined_words():
    seqs = compile_pattern("<beri:meN,meN+kan>|<kirim:meN> bantuan kemanusiaan|bantuan_pangan", "id", ID_MORPH, set())
    assert ("memberikan", "bantuan", "kemanusiaan") in seqs
    assert ("mengirim", "bantuan", "bantuan", "pangan") in seqs
    gapped = compile_pattern("<tandatangan:meN+i,di+i> ~ perjanjian", "id", ID_MORPH, set())
    assert ("menandatangani", "~", "perjanjian") in gapped and ("ditandatangani", "~", "perjanjian") in gapped


def _triggers(text: str, lang: str) -> list[tuple[str, str, str, bool]]:
    pack = load_pack(lang)
    d = _Doc(make_doc(text, lang), lexicon(pack))
    mentions, _ = build_mentions(d, [])
    inside = {i for m in mentions for i in range(m.start + 1, m.end)} | {m.start for m in mentions if m.kind != "agent"}
    out = []
    for a, b in d.sents:
        for f in find_triggers(d, a, b, d.punct, inside):
            out.append((" ".join(d.text[f.start:f.end]), f.trigger.code, f.kind, f.passive))
    return out


@pytest.mark.parametrize(
    "lang,text,expected",
    [
        ("id", "Israel menyerang Gaza.", ("menyerang", "190", "verb", False)),
        ("id", "Gaza diserang Israel.", ("diserang", "190", "verb", True)),
        ("id", "Serangannya menewaskan dua orang.", ("Serangannya", "190", "noun", False)),
        ("id", "Serangan udara Israel ke Doha.", ("Serangan udara", "195", "noun", False)),
        ("id", "Penyerangan itu terjadi malam hari.", ("Penyerangan", "190", "noun", False)),
        ("id", "Pasukan itu mengebom kota.", ("mengebom", "195", "verb", False)),
        ("id", "Qatar menandatangani perjanjian kerja sama.", ("menandatangani perjanjian", "057", "verb", False)),
        ("id", "Kedua negara menandatangani nota kesepahaman.", ("menandatangani nota", "057", "verb", False)),
        ("id", "Polisi menangkap dua pria.", ("menangkap", "173", "verb", False)),
        ("id", "Warga berunjuk rasa di depan kantor gubernur.", ("berunjuk rasa", "141", "verb", False)),
        ("id", "Menteri itu berterima kasih kepada Qatar.", ("berterima kasih", "051", "verb", False)),
        ("id", "Rusia melancarkan serangan ke Kyiv.", ("melancarkan serangan", "190", "verb", False)),
        ("id", "KPK menetapkan bupati itu sebagai tersangka.", ("menetapkan bupati itu sebagai tersangka", "1121", "verb", False)),
        ("id", "Mereka menolak berkomentar.", ("menolak berkomentar", "011", "verb", False)),
        ("en", "Israel attacked Gaza.", ("attacked", "190", "verb", False)),
        ("en", "Gaza was attacked by Israel.", ("attacked", "190", "verb", True)),
        ("en", "An Israeli airstrike hit Doha.", ("airstrike", "195", "noun", False)),
        ("en", "Police arrested two men.", ("arrested", "173", "verb", False)),
        ("en", "The two sides signed a peace agreement.", ("signed a peace agreement", "057", "verb", False)),
        ("en", "Russia launched a missile attack on Kyiv.", ("launched a missile", "195", "verb", False)),
        ("en", "Hamas carried out an attack on Israel.", ("carried out an attack", "190", "verb", False)),
        ("en", "India accused Pakistan.", ("accused", "112", "verb", False)),
    ],
)
def test_trigger_forms(lang, text, expected):
    assert expected in _triggers(text, lang)


@pytest.mark.parametrize(
    "lang,text",
    [
        ("id", "Pemain itu mengalami serangan jantung."),
        ("id", "Nelayan menangkap ikan di laut."),
        ("id", "Persib ditahan imbang Persija."),
        ("id", "Kedua negara terlibat perang dagang."),
        ("id", "Perusahaan itu menduduki peringkat pertama."),
        ("en", "He suffered a heart attack."),
        ("en", "The trade war hurt exports."),
        ("en", "The occupied territories."),
        ("en", "Rapid Support Forces fighters."),
    ],
)
def test_idioms_and_names_are_no_triggers(lang, text):
    assert _triggers(text, lang) == [] or all(code[:2] not in ("17", "18", "19", "05") for _, code, _, _ in _triggers(text, lang))


def test_every_trigger_code_is_a_cameo_code():
    for lang in LANGUAGES:
        data = load_pack(lang)["event_triggers"]
        assert "_doc" in data
        for entry in data["triggers"]:
            assert cameo.lookup(entry["code"]) is not None, entry
            if "civilian_code" in entry:
                assert cameo.lookup(entry["civilian_code"]) is not None


def test_agent_roles_are_cameo_roles():
    for lang in LANGUAGES:
        agents = load_pack(lang)["event_triggers"]["agents"]
        for role in agents:
            if not role.startswith("_"):
                assert cameo.actor_code_meaning(role) is not None, role


def test_both_languages_have_the_same_sections():
    keys = [set(json.loads((REPO / "src" / "warta" / "lang" / lang / "event_triggers.json").read_text(encoding="utf-8"))) for lang in LANGUAGES]
    assert keys[0] == keys[1]
