"""Every data file under src/warta ships in the wheel (a missing glob breaks installs, not editable checkouts)."""
from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_packaging_wheel_holds_every_data_file(tmp_path):
    src = REPO / "src" / "warta"
    wanted = {
        str(p.relative_to(src.parent)).replace("\\", "/")
        for p in src.rglob("*")
        if p.is_file() and p.suffix not in (".pyc",) and "__pycache__" not in p.parts
    }
    # Build from a bare copy: an egg-info left by an editable install would list files the globs miss.
    tree = tmp_path / "tree"
    shutil.copytree(src.parent, tree / "src", ignore=shutil.ignore_patterns("*.egg-info", "__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, tree / name)
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(tree)],
        capture_output=True, text=True,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot build a wheel here: {done.stderr.strip()[-200:]}")
    wheel = next(tmp_path.glob("warta-*.whl"))
    shipped = set(zipfile.ZipFile(wheel).namelist())
    assert not sorted(wanted - shipped)
