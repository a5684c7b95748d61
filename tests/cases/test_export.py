"""`cases export`: a self-contained handout, checked as printed by a real headless Chromium."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from decision_aid.cli import main

DEMO = ["--rules", "examples/rules"]
CASES = "tests/fixtures/cases/demo-cases.yaml"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
TITLES = ["A patient's request on a personal account", "A colleague you have met",
          "Urgent symptoms in a request"]


@pytest.fixture(autouse=True)
def _isolated(isolated_home: Path, repo_root: Path) -> None:
    """Empty built-in packs, and the repository root as the working directory."""


def export(tmp_path: Path, fmt: str, *argv: str) -> str:
    out = tmp_path / f"handout.{fmt}"
    assert main(["cases", "export", CASES, "--format", fmt, "--output", str(out), *argv,
                 *DEMO]) == 0
    return out.read_text(encoding="utf-8")


def test_the_html_page_fetches_nothing(tmp_path: Path) -> None:
    page = export(tmp_path, "html")

    assert page.startswith("<!DOCTYPE html>")
    assert not re.search(r"<script|<link|<img|<iframe|\bsrc=|@import|url\(", page, re.I)
    assert re.findall(r'href="([^"]*)"', page) == ["https://example.org/demo"] * 3
    assert page.count("<article>") == 3
    assert "break-after: page" in page and "@media print" in page


def test_text_is_escaped(tmp_path: Path) -> None:
    cases = tmp_path / "c.yaml"
    cases.write_text(Path(CASES).read_text(encoding="utf-8").replace(
        "A colleague you have met", "A colleague <b>&</b> you"), encoding="utf-8")

    assert main(["cases", "export", str(cases), "--output", str(tmp_path / "h.html"),
                 *DEMO]) == 0
    page = (tmp_path / "h.html").read_text(encoding="utf-8")
    assert "A colleague &lt;b&gt;&amp;&lt;/b&gt; you" in page and "<b>" not in page


def test_markdown_has_the_same_parts(tmp_path: Path) -> None:
    text = export(tmp_path, "md", "--run", "patient-personal")

    assert text.splitlines()[:3] == ["# Teaching cases", "", f"## {TITLES[0]}"]
    for part in ("### The questions and answers", "- Who sent the request? — A patient",
                 "**AVOID: Don't accept; decline kindly and redirect.**",
                 "1. [Example source for the demo pack (not a real reference).]"
                 "(https://example.org/demo)", "### Teaching points"):
        assert part in text


def test_a_missing_output_folder_is_a_one_line_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["cases", "export", CASES, "--output", str(tmp_path / "no" / "h.html"), *DEMO])

    assert code == 2
    assert capsys.readouterr().err.count("\n") == 1


def print_pdf(html: Path, pdf: Path, profile: Path) -> None:
    assert CHROMIUM is not None
    subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
         "--no-first-run", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", f"--user-data-dir={profile}", "--no-pdf-header-footer",
         f"--print-to-pdf={pdf}", html.as_uri()],
        check=True, capture_output=True, timeout=120)


def pdf_pages(pdf: Path) -> list[str]:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True,
                          timeout=30).stdout
    count = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))  # type: ignore[union-attr]
    return [subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), "-layout", str(pdf), "-"],
                           check=True, capture_output=True, text=True, timeout=30).stdout
            for n in range(1, count + 1)]


@pytest.mark.e2e
@pytest.mark.skipif(CHROMIUM is None or shutil.which("pdftotext") is None,
                    reason="needs Debian's chromium and poppler-utils (.ci/run installs them)")
@pytest.mark.parametrize("paper", ["Letter", "A4"])
def test_the_handout_prints_one_case_a_page(tmp_path: Path, paper: str) -> None:
    page = export(tmp_path, "html")
    html = tmp_path / "handout.html"
    if paper == "A4":  # what a printer set to A4 does; the page itself leaves size open
        html.write_text(page.replace("@page {", "@page { size: A4;"), encoding="utf-8")
    pdf = tmp_path / "handout.pdf"

    print_pdf(html, pdf, tmp_path / "profile")

    pages = pdf_pages(pdf)
    assert len(pages) == 3
    for text, title in zip(pages, TITLES, strict=True):
        assert text.lstrip().startswith(title)  # each case starts its own page
        assert "Example source for the demo pack (not a real reference)." in text
    assert "AVOID: Don't accept; decline kindly and redirect." in pages[0]
    assert "ACCEPTABLE: Accepting is reasonable" in pages[1]
    assert "CAUTION: Tell them to seek emergency care now" in pages[2]
    size = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True,
                          timeout=30).stdout
    assert ("(A4)" if paper == "A4" else "(letter)") in size
