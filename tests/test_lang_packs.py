"""Language packs are data: every language has the same files, each says what it is."""
from __future__ import annotations

import pytest

from warta.lang import LANGUAGES, load_pack


def test_lang_packs_have_the_same_files():
    files = {lang: load_pack(lang).files for lang in LANGUAGES}
    first = files[LANGUAGES[0]]
    for lang, names in files.items():
        assert names == first, f"{lang} differs: {sorted(names ^ first)}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_lang_pack_files_document_themselves(lang):
    pack = load_pack(lang)
    for name in pack.files:
        data = pack[name]
        assert isinstance(data, dict) and data.get("_doc"), f"{lang}/{name}.json needs a _doc key"


def test_lang_pack_is_loaded_once():
    assert load_pack("id") is load_pack("id")
