"""The plugin also runs under ProperDocs, the maintained continuation of MkDocs 1.x."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

MINI = Path(__file__).resolve().parent / "fixtures" / "mini"


def test_properdocs_builds_the_mini_site(tmp_path: Path) -> None:
    pytest.importorskip("properdocs", reason="properdocs is in the test extra; install it with ./scripts/setup")
    project = tmp_path / "project"
    shutil.copytree(MINI, project)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1767225600"}
    result = subprocess.run([sys.executable, "-m", "properdocs", "build", "--strict", "-d", str(tmp_path / "site")],
                            cwd=project, env=env, capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr
    page = tmp_path / "site" / "claims" / "coalition-mission-ends-by-september-2025" / "index.html"
    html = page.read_text(encoding="utf-8")
    assert 'class="verdict verdict--' in html
    assert 'lang="ar" dir="rtl"' in html
    arabic = (tmp_path / "site" / "ar" / "claims" / "coalition-mission-ends-by-september-2025" / "index.html")
    html = arabic.read_text(encoding="utf-8")  # the Arabic edition, built by ProperDocs' own build function
    assert '<html lang="ar"' in html and '<body dir="rtl"' in html
    assert "Building the Arabic edition" in result.stderr
