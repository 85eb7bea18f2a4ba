"""Language identification: Indonesian, English, and anything else said as such."""
from __future__ import annotations

import pytest

from warta import analyze
from warta.language import identify_language


@pytest.mark.parametrize(
    "text, lang",
    [
        ("Presiden mengatakan bahwa pemerintah akan menaikkan anggaran untuk pendidikan pada tahun depan.", "id"),
        ("Warga yang terdampak banjir sudah dievakuasi ke tempat yang lebih aman oleh petugas.", "id"),
        ("The president said the government would raise the education budget next year.", "en"),
        ("Officials told reporters that the flood victims had been moved to safer ground.", "en"),
        ("Le gouvernement a annoncé une hausse du budget de l'éducation pour l'année prochaine.", "fr"),
        ("Die Regierung kündigte eine Erhöhung des Bildungshaushalts für das nächste Jahr an.", "de"),
        ("", "und"),
        ("12345 67890", "und"),
    ],
)
def test_language_identified(text, lang):
    assert identify_language(text)[0] == lang


def test_language_other_skips_language_stages_with_a_warning():
    rec = analyze("Paris (AFP) - Le gouvernement a annoncé mardi une hausse du budget de l'éducation pour l'année prochaine, "
                  "a déclaré le ministre devant les députés.")
    assert rec.language not in ("id", "en")
    assert any("language not supported" in w for w in rec.warnings)
    assert rec.entities == [] and rec.quotes == [] and rec.events == [] and rec.times == []
    assert rec.dateline.agency == "AFP"  # layout still runs


@pytest.mark.parametrize("forced", ["id", "en"])
def test_language_can_be_forced(forced):
    rec = analyze("Menlu RI bertemu Menlu Jepang di Tokyo.", lang=forced)
    assert rec.language == forced
