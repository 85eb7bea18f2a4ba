"""Hostile inputs (issue 9, part 7): legacy encodings, byte-order marks, NUL bytes, a 50 MB file, a
100,000-line JSONL batch. Each is read into the right text with a warning, or refused with one clear
line; a large batch streams without holding more than a line at a time."""
from __future__ import annotations

import codecs
import json
import subprocess
import sys
import tracemalloc

import pytest

from warta import analyze
from warta.errors import InputError
from warta.read import iter_sources

ARTICLE = ("Jakarta (ANTARA) - “Kami siap menyalurkan bantuan,” kata Menteri Sosial di Jakarta, Senin (15/9).\n\n"
           "Bantuan senilai Rp2,5 miliar itu dikirim ke Cianjur. Café résumé naïve.")
PLAIN = ARTICLE.replace("“", '"').replace("”", '"')  # latin-1 has no curly quotes


def _read_one(path):
    items = list(iter_sources([str(path)]))
    assert len(items) == 1, items
    return items[0]


ENCODED = [
    ("cp1252", ARTICLE.encode("cp1252"), ARTICLE, "cp1252"),
    ("latin-1", PLAIN.encode("latin-1") + b" \x81", PLAIN + " \x81", "latin-1"),  # 0x81 is undefined in cp1252
    ("utf-8 with BOM", codecs.BOM_UTF8 + ARTICLE.encode("utf-8"), ARTICLE, None),
    ("utf-16-le with BOM", codecs.BOM_UTF16_LE + ARTICLE.encode("utf-16-le"), ARTICLE, None),
    ("utf-16-be with BOM", codecs.BOM_UTF16_BE + ARTICLE.encode("utf-16-be"), ARTICLE, None),
    ("utf-16-le without BOM", ARTICLE.encode("utf-16-le"), ARTICLE, "byte-order mark"),
    ("utf-16-be without BOM", ARTICLE.encode("utf-16-be"), ARTICLE, "byte-order mark"),
    ("a stray NUL", ARTICLE.encode("utf-8").replace(b"Senin", b"Sen\x00in"), ARTICLE, "NUL"),
]


@pytest.mark.parametrize("name, data, text, warning", ENCODED, ids=[c[0] for c in ENCODED])
def test_encodings_are_read_into_the_right_text(tmp_path, name, data, text, warning):
    path = tmp_path / "article.txt"
    path.write_bytes(data)
    src = _read_one(path)
    assert not isinstance(src, InputError), str(src)
    assert src.text == text
    assert "\ufeff" not in src.text and "\x00" not in src.text
    if warning:
        assert any(warning in w for w in src.warnings), src.warnings
    else:
        assert not src.warnings
    rec = analyze(src)
    assert "“Kami siap" in rec.body or '"Kami siap' in rec.body


@pytest.mark.parametrize("data", [b"\x00" * 64 + b"abc" * 10, bytes(range(32)) * 50, b"\x89PNG\r\n\x1a\n" + b"\x00\x01\x02" * 400],
                         ids=["nul-run", "control-bytes", "png"])
def test_binary_data_is_refused_with_one_clear_line(tmp_path, data):
    path = tmp_path / "image.txt"
    path.write_bytes(data)
    err = _read_one(path)
    assert isinstance(err, InputError)
    assert "binary data" in str(err) and str(path) in str(err)


def test_a_50_mb_file_is_refused_without_being_read(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:
        fh.write(ARTICLE.encode("utf-8"))
        fh.seek(50 * 1024 * 1024)
        fh.write(b"\n")
    err = _read_one(path)
    assert isinstance(err, InputError)
    assert "52.4 MB" in str(err) and "at most 5 MB" in str(err)
    proc = subprocess.run([sys.executable, "-m", "warta", "analyze", str(path)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("warta: ") and "MB" in lines[0]
    assert "Traceback" not in proc.stderr


def test_a_50_mb_record_in_a_batch_is_refused_and_the_batch_goes_on(tmp_path):
    path = tmp_path / "batch.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        fh.write(json.dumps({"text": ARTICLE, "url": "https://example.org/1"}) + "\n")
        fh.write(json.dumps({"text": "x" * (50 * 1024 * 1024), "url": "https://example.org/2"}) + "\n")
        fh.write(json.dumps({"text": ARTICLE, "url": "https://example.org/3"}) + "\n")
    items = list(iter_sources([str(path)]))
    assert [type(i).__name__ for i in items] == ["Source", "InputError", "Source"]
    assert "MB" in str(items[1]) and "record 2" in str(items[1])


def test_a_large_batch_streams_in_bounded_memory(tmp_path):
    """30,000 lines here (tracemalloc is slow); benchmarks/jsonl_stream.py runs 100,000 through the CLI."""
    path = tmp_path / "batch.jsonl"
    line = {"text": "Jakarta (ANTARA) - Harga cabai naik 5 persen pada Senin (15/9), kata pedagang.", "published": "2025-09-16"}
    with path.open("w", encoding="utf-8") as fh:
        for i in range(30_000):
            fh.write(json.dumps({**line, "url": f"https://example.org/{i}"}) + "\n")
    size = path.stat().st_size
    tracemalloc.start()
    try:
        n = 0
        for item in iter_sources([str(path)]):
            assert not isinstance(item, InputError)
            n += 1
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert n == 30_000
    # The file is about 4 MB; a reader that holds it (or its records) would peak far above 512 KB.
    assert peak < 512 * 1024 < size / 4, f"peak {peak / 1e6:.1f} MB while reading a {size / 1e6:.0f} MB batch"
