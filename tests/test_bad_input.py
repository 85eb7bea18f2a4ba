"""Bad input through the real ``warta analyze`` command (issue 2, section 8), and its input options.

Every bad input gives one clear line on stderr that names the input and the problem, never a
traceback; a batch goes on past a bad record and exits 1 at the end; usage errors exit 2.
"""
from __future__ import annotations

import codecs
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from warta.cli import main

ARTICLE_ID = (
    "Jakarta (ANTARA) - Harga kopi robusta di Lampung naik menjadi Rp50.000 per kilogram pada Senin (3/3/2025), "
    "kata pedagang di pasar Bandar Lampung.\n"
    "“Permintaan dari kafe di Jawa terus naik,” kata Sutarno, pedagang kopi.\n"
)
ARTICLE_EN = (
    "JAKARTA, March 4 (Reuters) - Indonesia's coffee exports rose 12% in February from a year earlier, "
    "the statistics bureau said on Tuesday, as prices for robusta beans stayed near record highs in 2025.\n"
)


def run(*args: str, input: str | bytes | None = None):
    result = CliRunner().invoke(main, ["analyze", *args], input=input)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.stderr
    return result


def records(result) -> list[dict]:
    """The records printed: one JSON object for a single article, JSON Lines for several."""
    try:
        return [json.loads(result.stdout)] if result.stdout.strip() else []
    except json.JSONDecodeError:
        return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def error_lines(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.strip()]


def one_error(result, *words: str) -> str:
    """The run failed with exit 1 and exactly one stderr line that holds every word given."""
    assert result.exit_code == 1, (result.exit_code, result.stderr)
    lines = error_lines(result)
    assert len(lines) == 1, lines
    for word in words:
        assert word.casefold() in lines[0].casefold(), (word, lines[0])
    return lines[0]


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "kopi.txt"
    path.write_text(ARTICLE_ID, encoding="utf-8")
    return path


# ---------------------------------------------------------------- one bad input, one line


def test_missing_path(tmp_path: Path):
    missing = tmp_path / "nowhere.txt"
    one_error(run(str(missing)), str(missing), "no such file")


def test_folder_with_no_articles(tmp_path: Path):
    folder = tmp_path / "kosong"
    folder.mkdir()
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4")
    (folder / "a.expected.json").write_text("{}")
    one_error(run(str(folder)), str(folder), "no articles")


@pytest.mark.parametrize("content", [b"", b"   \n\t\n  \r\n", "\u00a0\n".encode("utf-8") * 0 + b"\n\n\n"], ids=["empty", "whitespace", "blank-lines"])
def test_empty_and_whitespace_only_files(tmp_path: Path, content: bytes):
    path = tmp_path / "kosong.txt"
    path.write_bytes(content)
    one_error(run(str(path)), str(path), "empty")


def test_binary_file(tmp_path: Path):
    path = tmp_path / "photo.txt"
    path.write_bytes(bytes(range(256)) * 40)
    one_error(run(str(path)), str(path), "binary")


def test_file_over_5_mb(tmp_path: Path):
    path = tmp_path / "huge.txt"
    path.write_text(("kata " * 200 + "\n") * 5300, encoding="utf-8")
    assert path.stat().st_size > 5 * 1024 * 1024
    one_error(run(str(path)), str(path), "5 MB")


def test_jsonl_record_over_5_mb(tmp_path: Path):
    path = tmp_path / "huge.jsonl"
    path.write_text(json.dumps({"text": "kata " * 1_100_000}) + "\n" + json.dumps({"text": ARTICLE_ID}) + "\n", encoding="utf-8")
    result = run(str(path))
    one_error(result, f"{path} record 1", "MB")
    assert len(records(result)) == 1


@pytest.mark.parametrize(
    ("encoding", "text", "named"),
    [
        ("cp1252", ARTICLE_ID.replace(" - ", " – ").replace("“", "\u201c") + "Kafe café.\n", "cp1252"),
        ("latin-1", ARTICLE_ID.replace("“", '"').replace("”", '"') + "Kafe caf\u00e9 \u0081.\n", "latin-1"),
    ],
)
def test_file_that_is_not_utf8_is_decoded_with_a_warning(tmp_path: Path, encoding: str, text: str, named: str):
    path = tmp_path / f"{encoding}.txt"
    path.write_bytes(text.encode(encoding))
    result = run(str(path))
    assert result.exit_code == 0, result.stderr
    lines = error_lines(result)
    assert len(lines) == 1 and str(path) in lines[0] and named in lines[0], lines
    rec = json.loads(result.stdout)
    assert "café" in rec["body"]
    assert any(named in w for w in rec["warnings"])
    assert rec["dateline"]["agency"] == "ANTARA"


@pytest.mark.parametrize("bom", ["utf-16", "utf-16-le-bom", "utf-16-be-bom", "utf-8-sig"])
def test_file_with_a_byte_order_mark(tmp_path: Path, bom: str):
    data = {
        "utf-16": ARTICLE_ID.encode("utf-16"),
        "utf-16-le-bom": codecs.BOM_UTF16_LE + ARTICLE_ID.encode("utf-16-le"),
        "utf-16-be-bom": codecs.BOM_UTF16_BE + ARTICLE_ID.encode("utf-16-be"),
        "utf-8-sig": ARTICLE_ID.encode("utf-8-sig"),
    }[bom]
    path = tmp_path / f"{bom}.txt"
    path.write_bytes(data)
    result = run(str(path))
    assert result.exit_code == 0 and not error_lines(result), result.stderr
    rec = json.loads(result.stdout)
    assert rec["body"].startswith("Harga kopi robusta di Lampung")
    assert rec["language"] == "id"


def test_utf16_without_a_byte_order_mark_is_decoded_with_a_warning(tmp_path: Path):
    path = tmp_path / "nobom.txt"
    path.write_bytes(ARTICLE_ID.encode("utf-16-le"))
    result = run(str(path))
    assert result.exit_code == 0
    assert "utf-16" in result.stderr.casefold()
    assert json.loads(result.stdout)["body"].startswith("Harga kopi robusta")


def test_malformed_jsonl_line(tmp_path: Path):
    path = tmp_path / "batch.jsonl"
    lines = [json.dumps({"text": ARTICLE_ID}), '{"text": "unterminated', json.dumps({"text": ARTICLE_EN}), "[1, 2]"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run(str(path))
    assert result.exit_code == 1
    errors = error_lines(result)
    assert len(errors) == 2, errors
    assert f"{path} line 2" in errors[0] and "malformed JSON" in errors[0]
    assert f"{path} record 4" in errors[1] and "not a JSON object" in errors[1]
    got = records(result)
    assert [r["source"]["record"] for r in got] == [1, 3]
    assert [r["language"] for r in got] == ["id", "en"]


def test_jsonl_record_without_text(tmp_path: Path):
    path = tmp_path / "batch.jsonl"
    path.write_text(json.dumps({"url": "https://example.com/a"}) + "\n" + json.dumps({"text": ARTICLE_EN}) + "\n", encoding="utf-8")
    result = run(str(path))
    one_error(result, f"{path} record 1", "no 'text'")
    assert len(records(result)) == 1


def test_malformed_csv_row(tmp_path: Path):
    path = tmp_path / "batch.csv"
    ok_id = ARTICLE_ID.replace('"', "'").replace("\n", " ")
    ok_en = ARTICLE_EN.replace("\n", " ")
    path.write_text(
        "text,url,published\n"
        f'"{ok_id}",https://www.antaranews.com/berita/1,2025-03-03\n'
        f'"{ok_en}",https://www.reuters.com/a,2025-03-04,one cell too many\n'
        f'"{ok_en}",https://www.reuters.com/b,2025-03-04\n'
        '"a quote that never closes, 2025-03-05\n',
        encoding="utf-8",
    )
    result = run(str(path))
    assert result.exit_code == 1
    errors = error_lines(result)
    assert len(errors) == 2, errors
    assert all(str(path) in e and "malformed CSV row" in e for e in errors)
    assert "row 2" in errors[0]
    got = records(result)
    assert [r["source"]["record"] for r in got] == [1, 3]
    assert [r["published"] for r in got] == ["2025-03-03", "2025-03-04"]
    assert [r["published_basis"] for r in got] == ["metadata", "metadata"]


def test_csv_without_a_text_column(tmp_path: Path):
    path = tmp_path / "links.csv"
    path.write_text("url,title\nhttps://example.com,Judul\n", encoding="utf-8")
    one_error(run(str(path)), str(path), "no 'text'")


@pytest.mark.parametrize(("name", "content"), [("empty.jsonl", ""), ("empty.csv", "")])
def test_empty_batches(tmp_path: Path, name: str, content: str):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    one_error(run(str(path)), str(path), "empty")


def test_a_batch_goes_on_past_bad_inputs_and_exits_1(tmp_path: Path, article: Path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    english = tmp_path / "coffee.txt"
    english.write_text(ARTICLE_EN, encoding="utf-8")
    missing = tmp_path / "missing.txt"
    result = run(str(article), str(missing), str(empty), str(english))
    assert result.exit_code == 1
    errors = error_lines(result)
    assert len(errors) == 2 and str(missing) in errors[0] and str(empty) in errors[1], errors
    got = records(result)
    assert [r["source"]["path"] for r in got] == [str(article), str(english)]


# ---------------------------------------------------------------- usage errors exit 2


@pytest.mark.parametrize(
    "args",
    [[], ["--format", "xml", "x.txt"], ["--lang", "fr", "x.txt"], ["--published", "16-09-2025", "x.txt"], ["--published", "2025-13-01", "x.txt"], ["--nope", "x.txt"]],
    ids=["no-path", "format", "lang", "published-order", "published-month", "unknown-option"],
)
def test_usage_errors_exit_2(args: list[str]):
    result = CliRunner().invoke(main, ["analyze", *args])
    assert result.exit_code == 2, (result.exit_code, result.output)
    assert "Traceback" not in result.output


# ---------------------------------------------------------------- options and inputs


def test_one_article_prints_one_json_object(article: Path):
    result = run(str(article))
    assert result.exit_code == 0
    rec = json.loads(result.stdout)  # one object, pretty-printed over several lines
    assert rec["schema"] == "warta/1" and rec["source"] == {"path": str(article)}
    assert rec["published"] == "2025-03-03" and rec["published_basis"] == "weekday-date"


def test_format_jsonl_prints_one_line_per_article(article: Path):
    result = run(str(article), "--format", "jsonl")
    assert result.exit_code == 0
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["dateline"]["place"] == "Jakarta"


def test_format_pretty_is_a_readable_view(article: Path):
    result = run(str(article), "--format", "pretty")
    assert result.exit_code == 0
    assert "Harga kopi robusta" in result.stdout
    with pytest.raises(json.JSONDecodeError):
        json.loads(result.stdout)


def test_lang_overrides_identification(article: Path):
    assert json.loads(run(str(article)).stdout)["language"] == "id"
    assert json.loads(run(str(article), "--lang", "en").stdout)["language"] == "en"


def test_published_overrides_inference(article: Path):
    rec = json.loads(run(str(article), "--published", "2025-03-05").stdout)
    assert rec["published"] == "2025-03-05" and rec["published_basis"] == "metadata"


def test_stdin_article():
    result = run("-", input=ARTICLE_EN.encode("utf-8"))
    assert result.exit_code == 0, result.stderr
    rec = json.loads(result.stdout)
    assert rec["source"]["path"] == "<stdin>"
    assert rec["dateline"] == {"place": "Jakarta", "agency": "Reuters", "text": "JAKARTA, March 4 (Reuters)", "date": "--03-04"}
    assert rec["published"] == "2025-03-04"


def test_stdin_jsonl_batch():
    batch = "\n".join(json.dumps({"text": t, "outlet": o}) for t, o in ((ARTICLE_ID, "ANTARA"), (ARTICLE_EN, "Reuters"))) + "\n"
    result = run("-", input=batch.encode("utf-8"))
    got = records(result)
    assert [(r["source"]["path"], r["source"]["record"]) for r in got] == [("<stdin>", 1), ("<stdin>", 2)]
    assert [r["outlet"] for r in got] == ["ANTARA", "Reuters"]


def test_empty_stdin():
    one_error(run("-", input=b"  \n"), "<stdin>", "empty")


def test_jsonl_and_csv_batches_carry_their_source(tmp_path: Path):
    jsonl = tmp_path / "batch.jsonl"
    jsonl.write_text(
        json.dumps({"text": ARTICLE_ID, "url": "https://www.antaranews.com/berita/1", "headline": "Harga kopi naik"}) + "\n\n"
        + json.dumps({"body": ARTICLE_EN, "title": "Coffee exports rise", "date": "2025-03-04T10:00:00+07:00"}) + "\n",
        encoding="utf-8",
    )
    csv_path = tmp_path / "batch.csv"
    csv_path.write_text('judul,isi_berita,tautan\n"Harga kopi naik","' + ARTICLE_ID.replace('"', "'") + '",https://www.antaranews.com/berita/2\n', encoding="utf-8")
    result = run(str(jsonl), str(csv_path))
    assert result.exit_code == 0, result.stderr
    got = records(result)
    assert [r["source"] for r in got] == [
        {"path": str(jsonl), "record": 1},
        {"path": str(jsonl), "record": 3},
        {"path": str(csv_path), "record": 1},
    ]
    assert [r["headline"] for r in got] == ["Harga kopi naik", "Coffee exports rise", "Harga kopi naik"]
    assert got[0]["outlet"] == "ANTARA" and got[0]["url"] == "https://www.antaranews.com/berita/1"
    assert got[1]["published"] == "2025-03-04" and got[1]["published_basis"] == "metadata"


def test_folders_are_read_recursively_in_order(tmp_path: Path):
    (tmp_path / "b" / "c").mkdir(parents=True)
    (tmp_path / "a.txt").write_text(ARTICLE_ID, encoding="utf-8")
    (tmp_path / "b" / "c" / "d.txt").write_text(ARTICLE_EN, encoding="utf-8")
    (tmp_path / "b" / "d.expected.json").write_text("{}", encoding="utf-8")
    (tmp_path / "b" / ".hidden.txt").write_text(ARTICLE_EN, encoding="utf-8")
    got = records(run(str(tmp_path)))
    assert [Path(r["source"]["path"]).name for r in got] == ["a.txt", "d.txt"]


def test_the_installed_command_reports_one_line_without_traceback(tmp_path: Path):
    """The real console entry, in a process of its own."""
    missing = tmp_path / "nowhere.txt"
    proc = subprocess.run([sys.executable, "-m", "warta", "analyze", str(missing)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1
    assert proc.stderr.strip().splitlines() == [f"warta: {missing}: no such file or folder"]
    assert proc.stdout == ""
