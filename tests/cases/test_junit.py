"""`cases run --format junit` is valid JUnit XML of the Jenkins/Ant flavour (junit-10.xsd),
with unreadable files as errors, one failure or error per testcase."""

from __future__ import annotations

from pathlib import Path

import pytest

from decision_aid.cli import main

etree = pytest.importorskip("lxml.etree")
XSD = Path(__file__).parent / "data" / "junit-10.xsd"


@pytest.fixture(scope="module")
def schema() -> object:
    return etree.XMLSchema(etree.parse(str(XSD)))


def junit(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, object]:
    code = main(["cases", "run", *argv, "--format", "junit"])
    out = capsys.readouterr().out
    return code, etree.fromstring(out.encode())


def test_the_shipped_cases_are_valid_junit(schema: object, repo_root: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    code, doc = junit(capsys, "content/cases")

    schema.assertValid(doc)  # type: ignore[attr-defined]
    assert code == 0
    suite = doc.find("testsuite")  # type: ignore[attr-defined]
    assert int(suite.get("tests")) >= 150
    assert (suite.get("failures"), suite.get("errors")) == ("0", "0")


def test_failures_and_unreadable_files_are_valid_junit(
        schema: object, repo_root: Path, tmp_path: Path, isolated_home: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: [x\n", encoding="utf-8")

    code, doc = junit(capsys, "tests/fixtures/cases", str(bad), "--rules", "examples/rules")

    schema.assertValid(doc)  # type: ignore[attr-defined]
    assert code == 1
    cases = doc.findall("testsuite/testcase")  # type: ignore[attr-defined]
    kinds = [(c.get("name"), [child.tag for child in c]) for c in cases]
    assert kinds[-2:] == [("demo-wrong-expectation", ["failure"]), (str(bad), ["error"])]
    assert (doc.get("tests"), doc.get("failures"), doc.get("errors")) == ("5", "1", "1")


def test_the_schema_refuses_two_failures_in_one_testcase(schema: object) -> None:
    doc = etree.fromstring(
        b'<testsuites><testsuite name="s" tests="1" failures="2" errors="0">'
        b'<testcase name="c" classname="k" time="0">'
        b'<failure message="a" type="t"/><failure message="b" type="t"/>'
        b'</testcase></testsuite></testsuites>')

    assert not schema.validate(doc)  # type: ignore[attr-defined]
