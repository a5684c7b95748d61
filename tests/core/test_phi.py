"""Tests for the patient-identifier guard (decision_aid.core.phi).

The corpus test prints message-level precision/recall and per-kind recall; run with
``pytest tests/core/test_phi.py -q`` and read the "PHI corpus" lines.
"""

from __future__ import annotations

import ast
import dataclasses
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from decision_aid.core import phi
from decision_aid.core.phi import PhiFinding, PhiKind, PhiReport, redact, scan

CORPUS_PATH = Path(__file__).resolve().parent.parent / "data" / "phi_corpus.yaml"
PHI_SOURCES = sorted(Path(phi.__file__).parent.glob("*.py"))  # the package and its parts


def _load_corpus() -> list[dict[str, Any]]:
    data = yaml.safe_load(CORPUS_PATH.read_text(encoding="utf-8"))
    assert isinstance(data, list)
    return data


def _batch_start(marker: str) -> int:
    """Index of the first entry after a batch's opening comment (``# --- second batch``)."""
    before = CORPUS_PATH.read_text(encoding="utf-8").split(f"# --- {marker}", 1)[0]
    return before.count("\n- text:") + before.startswith("- text:")


def _message_scores(entries: list[dict[str, Any]]) -> tuple[float, float]:
    """Message-level (precision, recall)."""
    flagged = [(bool(e["kinds"]), scan(e["text"]).flagged) for e in entries]
    tp = sum(1 for want, got in flagged if want and got)
    fp = sum(1 for want, got in flagged if not want and got)
    fn = sum(1 for want, got in flagged if want and not got)
    return tp / max(1, tp + fp), tp / max(1, tp + fn)


def _flagged_text(text: str, report: PhiReport) -> list[str]:
    return [text[f.start : f.end] for f in report.findings]


# --------------------------------------------------------------------------------------------
# Per-kind detection
# --------------------------------------------------------------------------------------------

POSITIVES = [
    # names next to patient words, titles, relatives
    pytest.param(
        "my patient John Smith messaged me", PhiKind.NAME, "John Smith", id="name-patient"
    ),
    pytest.param("Mrs Patel in bay 4 added me", PhiKind.NAME, "Patel", id="name-mrs"),
    pytest.param("pt J. Smith found my Facebook", PhiKind.NAME, "J. Smith", id="name-pt-initial"),
    pytest.param("a patient named Maria Lopez", PhiKind.NAME, "Maria Lopez", id="name-named"),
    pytest.param("Miss O'Brien tagged me", PhiKind.NAME, "O'Brien", id="name-miss-apostrophe"),
    pytest.param(
        "my patient Dr Amir Khan wants to connect", PhiKind.NAME, "Amir Khan", id="name-dr-patient"
    ),
    pytest.param("Dr Helen Marsh is my patient", PhiKind.NAME, "Helen Marsh", id="name-dr-is-pt"),
    pytest.param(
        "the patient's daughter, Sarah Whitfield, DM'd me",
        PhiKind.NAME,
        "Sarah Whitfield",
        id="name-relative",
    ),
    pytest.param(
        "Derek Hollings was admitted under me",
        PhiKind.NAME,
        "Derek Hollings",
        id="name-pair-context",
    ),
    pytest.param(
        "my patient sarah jones found me", PhiKind.NAME, "sarah jones", id="name-lowercase"
    ),
    pytest.param("her name is Priya Raman", PhiKind.NAME, "Priya Raman", id="name-name-is"),
    # dates
    pytest.param("DOB 03/04/1961", PhiKind.DATE, "03/04/1961", id="date-dob-numeric"),
    pytest.param("born 3 March 1961", PhiKind.DATE, "3 March 1961", id="date-born-written"),
    pytest.param("admitted on 12/01/2024", PhiKind.DATE, "12/01/2024", id="date-admitted"),
    pytest.param("discharged on 14 February", PhiKind.DATE, "14 February", id="date-no-year"),
    pytest.param("D.O.B. 22.11.1958", PhiKind.DATE, "22.11.1958", id="date-dotted"),
    pytest.param("admitted 2024-03-09", PhiKind.DATE, "2024-03-09", id="date-iso"),
    pytest.param("born in March 1961", PhiKind.DATE, "March 1961", id="date-month-year"),
    # ages over 89
    pytest.param("a 93-year-old messaged me", PhiKind.AGE_OVER_89, "93-year-old", id="age-hyphen"),
    pytest.param("patient aged 91", PhiKind.AGE_OVER_89, "91", id="age-aged"),
    pytest.param("94 yo man", PhiKind.AGE_OVER_89, "94 yo", id="age-yo"),
    pytest.param("92 y/o F in resus", PhiKind.AGE_OVER_89, "92 y/o", id="age-y-slash-o"),
    pytest.param("she turned 102 last week", PhiKind.AGE_OVER_89, "102", id="age-turned"),
    pytest.param("a lady in her late 90s", PhiKind.AGE_OVER_89, "90s", id="age-nineties"),
    pytest.param(
        "a centenarian on the ward", PhiKind.AGE_OVER_89, "centenarian", id="age-centenarian"
    ),
    # phones
    pytest.param("texted me from 617-555-0142", PhiKind.PHONE, "617-555-0142", id="phone-us"),
    pytest.param("call (212) 555-0187", PhiKind.PHONE, "(212) 555-0187", id="phone-us-paren"),
    pytest.param("mobile 07700 900123", PhiKind.PHONE, "07700 900123", id="phone-uk-mobile"),
    pytest.param(
        "rang from +44 20 7946 0958", PhiKind.PHONE, "+44 20 7946 0958", id="phone-uk-intl"
    ),
    pytest.param("from 0161 496 0321", PhiKind.PHONE, "0161 496 0321", id="phone-uk-landline"),
    pytest.param("from 415.555.0199", PhiKind.PHONE, "415.555.0199", id="phone-us-dots"),
    # emails
    pytest.param(
        "wrote from jane.doe1961@example.com",
        PhiKind.EMAIL,
        "jane.doe1961@example.com",
        id="email-plain",
    ),
    pytest.param(
        "at k.whitfield@example.org?",
        PhiKind.EMAIL,
        "k.whitfield@example.org",
        id="email-trailing-punct",
    ),
    pytest.param(
        "email smithfamily at gmail dot com",
        PhiKind.EMAIL,
        "smithfamily at gmail dot com",
        id="email-spelled",
    ),
    pytest.param(
        "bob.hartley77@example.co.uk sent it",
        PhiKind.EMAIL,
        "bob.hartley77@example.co.uk",
        id="email-subdomain",
    ),
    # record / account / plan / licence / device numbers
    pytest.param("MRN 12345678", PhiKind.RECORD_NUMBER, "12345678", id="record-mrn"),
    pytest.param("NHS no 943 476 5919", PhiKind.RECORD_NUMBER, "943 476 5919", id="record-nhs"),
    pytest.param("acct #88123", PhiKind.RECORD_NUMBER, "88123", id="record-acct"),
    pytest.param(
        "health plan ID is XJH448812", PhiKind.RECORD_NUMBER, "XJH448812", id="record-health-plan"
    ),
    pytest.param(
        "serial number PM4471-2209", PhiKind.RECORD_NUMBER, "PM4471-2209", id="record-device"
    ),
    pytest.param(
        "licence number MORGA753116SM9IJ",
        PhiKind.RECORD_NUMBER,
        "MORGA753116SM9IJ",
        id="record-licence",
    ),
    pytest.param(
        "her number 004412987553 was on it",
        PhiKind.RECORD_NUMBER,
        "004412987553",
        id="record-bare-digits",
    ),
    # SSN / National Insurance
    pytest.param("SSN 219-09-9999", PhiKind.SSN, "219-09-9999", id="ssn-keyword"),
    pytest.param("shows 123-45-6789 in the corner", PhiKind.SSN, "123-45-6789", id="ssn-bare"),
    pytest.param(
        "social security number is 078 05 1120", PhiKind.SSN, "078 05 1120", id="ssn-spaces"
    ),
    pytest.param("NI number AB 12 34 56 C", PhiKind.SSN, "AB 12 34 56 C", id="ssn-uk-ni"),
    # addresses
    pytest.param("lives at 12 Elm Street", PhiKind.ADDRESS, "12 Elm Street", id="address-street"),
    pytest.param("from 221B Baker St today", PhiKind.ADDRESS, "221B Baker St", id="address-st"),
    pytest.param("lives at 12 elm street", PhiKind.ADDRESS, "12 elm street", id="address-lower"),
    pytest.param(
        "she lives on Jubilee Street", PhiKind.ADDRESS, "Jubilee Street", id="address-no-number"
    ),
    pytest.param("Apt 4B upstairs", PhiKind.ADDRESS, "Apt 4B", id="address-apartment"),
    # ZIP / postcodes
    pytest.param("ZIP 02139", PhiKind.POSTCODE, "02139", id="postcode-zip"),
    pytest.param("at SW1A 1AA", PhiKind.POSTCODE, "SW1A 1AA", id="postcode-uk"),
    pytest.param("Cambridge, MA 02139", PhiKind.POSTCODE, "02139", id="postcode-state-zip"),
    pytest.param("postcode is m1 1ae", PhiKind.POSTCODE, "m1 1ae", id="postcode-keyword-lower"),
    pytest.param("lives in B33 8TH", PhiKind.POSTCODE, "B33 8TH", id="postcode-uk-2"),
    # URLs
    pytest.param(
        "posted at https://imgur.com/a/x7Yq2.",
        PhiKind.URL,
        "https://imgur.com/a/x7Yq2",
        id="url-https",
    ),
    pytest.param("see www.example.com/jane", PhiKind.URL, "www.example.com/jane", id="url-www"),
    pytest.param(
        "gofundme.com/f/help-tom-recover, share?",
        PhiKind.URL,
        "gofundme.com/f/help-tom-recover",
        id="url-bare-path",
    ),
    pytest.param("video youtu.be/dQw4w9WgXcQ", PhiKind.URL, "youtu.be/dQw4w9WgXcQ", id="url-short"),
    # handles
    pytest.param(
        "patient @jess_runs_again tagged me", PhiKind.HANDLE, "@jess_runs_again", id="handle-at"
    ),
    pytest.param(
        "follows me from @mummy.of.three.", PhiKind.HANDLE, "@mummy.of.three", id="handle-dots"
    ),
    pytest.param(
        "she's u/throwaway_lupus92 on reddit",
        PhiKind.HANDLE,
        "u/throwaway_lupus92",
        id="handle-reddit",
    ),
    pytest.param("her insta is jane.doe_93", PhiKind.HANDLE, "jane.doe_93", id="handle-keyword"),
    # IP addresses
    pytest.param("from IP 192.168.14.22,", PhiKind.IP_ADDRESS, "192.168.14.22", id="ip-v4"),
    pytest.param("made from 203.0.113.45", PhiKind.IP_ADDRESS, "203.0.113.45", id="ip-v4-doc"),
    pytest.param(
        "IPv6 2001:db8:85a3::8a2e:370:7334 seen",
        PhiKind.IP_ADDRESS,
        "2001:db8:85a3::8a2e:370:7334",
        id="ip-v6",
    ),
    pytest.param("login from 198.51.100.7", PhiKind.IP_ADDRESS, "198.51.100.7", id="ip-v4-2"),
]


STAFF_NAMES = [
    # a colleague's name counts like a patient's (issue 9 item 12)
    pytest.param("a nurse named Grace keeps posting", "Grace", id="role-named"),
    pytest.param("a nurse named grace keeps posting", "grace", id="role-named-lower"),
    pytest.param("my colleague Tom Baxter shared it", "Tom Baxter", id="role-colleague"),
    pytest.param("the registrar, Priya Shah, tweeted", "Priya Shah", id="role-comma"),
    pytest.param("our consultant Mr Hughes posted", "Hughes", id="role-title"),
    pytest.param("Dr Smith shared a meme on Facebook", "Smith", id="title-dr"),
    pytest.param("Dr Sarah Jones posted a photo", "Sarah Jones", id="title-dr-full"),
    pytest.param("Prof Andrew Lee gave a talk", "Andrew Lee", id="title-prof"),
    pytest.param("A colleague, James Porter, posted an X-ray", "James Porter", id="role-porter"),
    pytest.param("Mr Jones the orthopaedic surgeon posted", "Jones", id="title-mr-colleague"),
    pytest.param("Chief Nurse Mary Evans asked us", "Mary Evans", id="role-chief-nurse"),
    pytest.param("receptionist Janet shared a screenshot", "Janet", id="role-receptionist"),
]


@pytest.mark.parametrize(("text", "identifier"), STAFF_NAMES)
def test_detects_a_name_beside_a_staff_word(text: str, identifier: str) -> None:
    report = scan(text)
    assert report.kinds == (PhiKind.NAME,)
    assert identifier in _flagged_text(text, report)[0]


@pytest.mark.parametrize(("text", "kind", "identifier"), POSITIVES)
def test_detects_kind(text: str, kind: PhiKind, identifier: str) -> None:
    report = scan(text)
    assert report.flagged
    assert kind in report.kinds
    spans = [text[f.start : f.end] for f in report.findings if f.kind is kind]
    assert any(identifier in s for s in spans), spans


NEGATIVES = [
    "my patient's mum added me on insta",
    "a former patient sent a friend request on Facebook",
    "can I post an anonymised X-ray on Twitter",
    "colleague posted a photo in a WhatsApp group",
    "patient left a 1-star Yelp review",
    "a 45-year-old with chest pain messaged me",
    "I'm a resident in the ED",
    "Facebook Instagram LinkedIn TikTok WhatsApp Twitter X Yelp Google",
    "last Monday a patient found me on Google",
    "in March a relative asked to follow me",
    "in 2023 I started a blog",
    "an 89-year-old asked for my number",
    "patient aged 67 wants to be friends",
    "we had a COVID-19 outbreak",
    "gave 5 mg of morphine at 3 am",
    "three patients asked for my TikTok",
    "Patient Safety team asked me to remove a tweet",
    "patient with Crohn's disease asked to join my Facebook group",
    "BP 120/80, HR 72, temp 39.5, sats 94% on room air",
    "version 2.1.4 of the app, bleep 4521, ward 7B bed 12",
    "New York Times quoted my tweet about a patient case",
    "my rota for 12/01 starts at 8 am",
    "<@U024BE7LH> @channel can a patient message the ward page?",
    "I miss working nights",
    "Patient A posted a review",
    "my pt DMed me on insta about her bloods",
    "a nurse on nights posted a selfie",
    "my registrar shared a scan in the group chat",
    "the Charge Nurse asked me to delete it",
    "our Nurse Practitioner sells supplements on TikTok",
    "Dr Google told my patient he has cancer",
    "a doctor called the ward about it",
    "a nurse named in the article deleted her account",
]


@pytest.mark.parametrize("text", NEGATIVES, ids=lambda t: t[:40])
def test_not_flagged(text: str) -> None:
    report = scan(text)
    assert not report.flagged, [(f.kind, text[f.start : f.end]) for f in report.findings]
    assert report.kinds == ()
    assert report.warning() == ""


# --------------------------------------------------------------------------------------------
# Report, finding, redact, warning
# --------------------------------------------------------------------------------------------


def test_report_kinds_in_order_of_first_appearance() -> None:
    text = "Mrs Patel, DOB 03/04/1961, phone 07700 900456, her son Tom, MRN 12345678"
    report = scan(text)
    assert report.kinds == (PhiKind.NAME, PhiKind.DATE, PhiKind.PHONE, PhiKind.RECORD_NUMBER)
    assert [f.start for f in report.findings] == sorted(f.start for f in report.findings)


def test_finding_holds_only_a_span() -> None:
    finding = scan("MRN 12345678").findings[0]
    assert {f.name for f in dataclasses.fields(finding)} == {"kind", "start", "end"}
    assert finding == PhiFinding(PhiKind.RECORD_NUMBER, 4, 12)
    assert finding.label == "a record, account or ID number"
    with pytest.raises(dataclasses.FrozenInstanceError):
        finding.start = 0  # type: ignore[misc]


def test_every_kind_has_a_label() -> None:
    for kind in PhiKind:
        label = PhiFinding(kind, 0, 1).label
        assert label and "\n" not in label


def test_keyword_evidence_wins_over_shape() -> None:
    # 943 476 5919 is also phone-shaped; the NHS keyword decides.
    report = scan("NHS no 943 476 5919")
    assert report.kinds == (PhiKind.RECORD_NUMBER,)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "my patient John Smith messaged me", "my patient [NAME] messaged me", id="name"
        ),
        pytest.param("Mrs Patel in bay 4", "Mrs [NAME] in bay 4", id="title"),
        pytest.param("DOB 03/04/1961, call 617-555-0142", "DOB [DATE], call [PHONE]", id="two"),
        pytest.param("mail jo@example.org or @jo_b", "mail [EMAIL] or [HANDLE]", id="online"),
        pytest.param("NHS no 943 476 5919", "NHS no [RECORD_NUMBER]", id="record"),
        pytest.param(
            "lives at 12 Elm Street, SW1A 1AA", "lives at [ADDRESS], [POSTCODE]", id="address"
        ),
        pytest.param("a 93-year-old", "a [AGE_OVER_89]", id="age"),
        pytest.param("nothing to see here", "nothing to see here", id="clean"),
    ],
)
def test_redact(text: str, expected: str) -> None:
    assert redact(text) == expected
    assert redact(text, scan(text)) == expected


def test_redact_rejects_a_report_for_other_text() -> None:
    report = scan("my patient John Smith messaged me about it")
    with pytest.raises(ValueError, match="does not match"):
        redact("short", report)


def test_warning_wording() -> None:
    report = scan("Mrs Patel, DOB 03/04/1961, phone 07700 900456")
    assert report.warning() == (
        "This looks like it may identify a patient or colleague (a person's name, a date of "
        "birth or admission, a phone number). Rephrase without them; nothing was stored."
    )
    assert "\n" not in report.warning()


@pytest.mark.parametrize(
    "entry", [e for e in _load_corpus() if e["kinds"]], ids=lambda e: str(e["text"])[:40]
)
def test_warning_never_echoes_the_identifier(entry: dict[str, Any]) -> None:
    text = entry["text"]
    report = scan(text)
    warning = report.warning()
    for flagged in _flagged_text(text, report):
        assert flagged not in warning
        for token in flagged.split():
            if len(token) >= 3:
                assert token not in warning


def test_module_imports_only_the_standard_library() -> None:
    modules: set[str] = set()
    for source in PHI_SOURCES:
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules.update(a.name.split(".")[0] for a in node.names)
            elif isinstance(node, ast.ImportFrom):
                assert node.module is not None
                if not node.module.startswith(f"{phi.__name__}."):  # its own parts
                    modules.add(node.module.split(".")[0])
    assert modules <= {
        "__future__",
        "bisect",
        "collections",
        "dataclasses",
        "enum",
        "ipaddress",
        "re",
        "typing",
    }


# --------------------------------------------------------------------------------------------
# Properties and robustness
# --------------------------------------------------------------------------------------------

SNIPPETS = [
    "my patient John Smith",
    "Mrs Patel",
    "DOB 03/04/1961",
    "a 93-year-old",
    "617-555-0142",
    "07700 900123",
    "jo@example.org",
    "MRN 12345678",
    "123-45-6789",
    "12 Elm Street",
    "SW1A 1AA",
    "ZIP 02139",
    "https://example.com/a",
    "@jess_b",
    "10.0.0.1",
    "patient",
    "Dr Smith",
    "Facebook",
    "5 mg",
    "at 3 am",
    "COVID-19",
    "last Monday",
    "in 2023",
]
FILLER = st.text(alphabet=st.characters(codec="utf-8", exclude_characters="[]"), max_size=40)
MIXED = st.lists(st.one_of(FILLER, st.sampled_from(SNIPPETS)), max_size=12).map(" ".join)
PROPERTY_SETTINGS = settings(
    max_examples=300, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)


def _check_report(text: str, report: PhiReport) -> None:
    previous_end = 0
    for f in report.findings:
        assert isinstance(f.kind, PhiKind)
        assert 0 <= f.start < f.end <= len(text)
        assert f.start >= previous_end, "findings overlap or are out of order"
        previous_end = f.end


@PROPERTY_SETTINGS
@given(st.text(max_size=300))
def test_scan_never_raises_on_any_text(text: str) -> None:
    _check_report(text, scan(text))


@PROPERTY_SETTINGS
@given(MIXED)
def test_spans_and_redaction_properties(text: str) -> None:
    report = scan(text)
    _check_report(text, report)
    assert scan(text) == report  # pure and deterministic
    redacted = redact(text, report)
    for flagged in _flagged_text(text, report):
        if text.count(flagged) == 1:
            assert flagged not in redacted
    assert redacted.count("[") == len(report.findings)


# --------------------------------------------------------------------------------------------
# Corpus: message-level precision/recall and per-kind recall
# --------------------------------------------------------------------------------------------


def test_corpus_is_well_formed() -> None:
    corpus = _load_corpus()
    assert len(corpus) >= 120
    valid = {k.value for k in PhiKind}
    counts = dict.fromkeys(valid, 0)
    for entry in corpus:
        assert set(entry) == {"text", "kinds"}
        assert isinstance(entry["text"], str) and entry["text"]
        assert set(entry["kinds"]) <= valid, entry
        for kind in entry["kinds"]:
            counts[kind] += 1
    assert all(n >= 4 for n in counts.values()), counts
    positives = sum(1 for e in corpus if e["kinds"])
    assert 0.35 <= positives / len(corpus) <= 0.65


def test_corpus_precision_and_recall(capsys: pytest.CaptureFixture[str]) -> None:
    everything = _load_corpus()
    held_out = everything[_batch_start("fourth batch"):]
    corpus = everything[:_batch_start("fourth batch")]
    tp = fp = fn = tn = 0
    per_kind_total: dict[str, int] = {}
    per_kind_hit: dict[str, int] = {}
    for entry in corpus:
        expected = set(entry["kinds"])
        report = scan(entry["text"])
        found = {k.value for k in report.kinds}
        if expected and report.flagged:
            tp += 1
        elif expected:
            fn += 1
        elif report.flagged:
            fp += 1
        else:
            tn += 1
        for kind in expected:
            per_kind_total[kind] = per_kind_total.get(kind, 0) + 1
            per_kind_hit[kind] = per_kind_hit.get(kind, 0) + (kind in found)
    precision = tp / (tp + fp)
    recall = tp / (tp + fn)
    with capsys.disabled():
        print(
            f"\nPHI corpus: {len(corpus)} messages ({tp + fn} with identifiers), "
            f"tp={tp} fp={fp} fn={fn} tn={tn}, "
            f"precision={precision:.3f} recall={recall:.3f}"
        )
        print(
            "PHI per-kind recall: "
            + ", ".join(
                f"{kind}={per_kind_hit[kind]}/{n} ({per_kind_hit[kind] / n:.2f})"
                for kind, n in sorted(per_kind_total.items())
            )
        )
        second = corpus[_batch_start("second batch"):]
        p2, r2 = _message_scores(second)
        print(f"PHI second batch ({len(second)} messages, written after tuning; one miss it "
              f"exposed was fixed since): precision={p2:.3f} recall={r2:.3f}")
        p4, r4 = _message_scores(held_out)
        print(f"PHI fourth batch ({len(held_out)} messages, staff role words; held out, never "
              f"tuned on): precision={p4:.3f} recall={r4:.3f}")
    assert recall >= 0.95
    assert precision >= 0.90
    assert p4 >= 0.85 and r4 >= 0.85  # held out: a floor that only catches a collapse
