"""Importing people from CSV: preview with per-row errors, nothing written until the organiser confirms."""

from __future__ import annotations

import html as html_lib
import re
from io import BytesIO

import pytest
from sqlalchemy import func, select

from conference.audit.models import AuditEntry
from conference.extensions import db
from conference.speakers import importing
from conference.speakers.models import Person
from tests import factories
from tests.conftest import csrf_token, submit

IMPORT = "/c/aplc-2026/manage/people/import"
CONFIRM = "/c/aplc-2026/manage/people/import/confirm"
HEADER = "honorific,full_name,local_name,position,organisation,city,country,email,bio,links"


def csv_file(text: str, *, bom: bool = False, encoding: str = "utf-8") -> tuple[BytesIO, str]:
    data = text.encode(encoding)
    return BytesIO((b"\xef\xbb\xbf" if bom else b"") + data), "people.csv"


def preview(client, text: str | None = None, *, raw: tuple[BytesIO, str] | None = None, **kwargs):
    upload = raw or csv_file(text or "", **kwargs)
    return submit(client, IMPORT, {"csv_file": upload}, content_type="multipart/form-data")


def signed_rows(page: str) -> str:
    match = re.search(r'<input[^>]*name="rows"[^>]*>', page)
    assert match, "no confirm form"
    return html_lib.unescape(re.search(r'value="([^"]*)"', match.group(0)).group(1))


def confirm(client, token: str):
    return client.post(
        CONFIRM, data={"csrf_token": csrf_token(client, IMPORT), "rows": token}, follow_redirects=True
    )


def people() -> dict[str, Person]:
    db.session.expire_all()
    return {p.full_name: p for p in db.session.scalars(select(Person))}


def preview_row(page: str, line: int) -> str:
    """The table row of one CSV line in the preview."""
    rows = re.findall(r'<tr class="row-\w+">.*?</tr>', page, flags=re.S)
    for row in rows:
        if re.search(rf'data-label="Line">{line}</td>', row):
            return row
    raise AssertionError(f"no preview row for line {line}")


GOOD = f"""{HEADER}
Mayor,Mun Seok-jin,문석진,Chairperson,Seodaemun-gu,Seoul,KR,mun@example.org,"Mayor of **Seodaemun**.
Second line.","Website | https://www.sdm.go.kr; Profile | http://example.org/mun"
,Ayesha Rahman,,Director,UNESCO,Paris,France,ayesha@example.org,,
Dr,Kwak Sang Wook,곽상욱,,,,south korea,,,
"""


def test_the_page_explains_the_columns(client, conference, signed_in):
    html = client.get(IMPORT).get_data(as_text=True)
    assert "Import people" in html and HEADER.replace(",", ", ") in html
    assert "Nothing changes until you confirm." in html
    assert f'href="{IMPORT}"' in client.get("/c/aplc-2026/manage/people/").get_data(as_text=True)


@pytest.mark.parametrize("bom", [False, True])
def test_preview_then_confirm_imports_the_rows(client, conference, signed_in, bom):
    response = preview(client, GOOD, bom=bom)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "3 new, 0 to update, 0 with errors." in page
    assert "Import 3 people" in page
    assert "Mayor Mun Seok-jin" in preview_row(page, 2) and "New" in preview_row(page, 2)
    assert "Ayesha Rahman" in preview_row(page, 4)  # the bio over two lines moves the line count on
    assert "South Korea" in preview_row(page, 5)
    assert people() == {}  # nothing is written by a preview

    response = confirm(client, signed_rows(page))
    assert "Imported: 3 new, 0 updated, 0 skipped." in response.get_data(as_text=True)
    found = people()
    mun = found["Mun Seok-jin"]
    assert (mun.honorific, mun.local_name, mun.country, mun.email) == (
        "Mayor",
        "문석진",
        "KR",
        "mun@example.org",
    )
    assert mun.bio == "Mayor of **Seodaemun**.\nSecond line."
    assert mun.links == [
        {"label": "Website", "url": "https://www.sdm.go.kr"},
        {"label": "Profile", "url": "http://example.org/mun"},
    ]
    assert found["Ayesha Rahman"].country == "FR" and found["Kwak Sang Wook"].country == "KR"
    actions = db.session.scalars(select(AuditEntry.action)).all()
    assert actions == ["person.imported"] * 3


def test_existing_people_are_updated_by_email_or_name(client, conference, signed_in):
    by_email = factories.make_person(
        conference, "Mun S.", email="mun@example.org", bio="Old bio.", position="Old"
    )
    by_name = factories.make_person(conference, "Ayesha Rahman", organisation="Old org", city="Dhaka")
    factories.make_person(factories.make_conference("other-2026"), "Kwak Sang Wook")  # another conference
    page = preview(client, GOOD).get_data(as_text=True)
    assert "1 new, 2 to update, 0 with errors." in page
    assert "Update" in preview_row(page, 2) and "Matches Mun S." in preview_row(page, 2)
    assert "Update" in preview_row(page, 4) and "Matches Ayesha Rahman" in preview_row(page, 4)
    assert "New" in preview_row(page, 5)
    confirm(client, signed_rows(page))
    found = people()
    assert len(found) == 3
    mun = db.session.get(Person, by_email.id)
    assert (mun.full_name, mun.position, mun.bio.startswith("Mayor")) == ("Mun Seok-jin", "Chairperson", True)
    ayesha = db.session.get(Person, by_name.id)
    assert (ayesha.organisation, ayesha.city, ayesha.email) == ("UNESCO", "Paris", "ayesha@example.org")
    updated = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "person.updated")).all()
    assert {entry.object_id for entry in updated} == {by_email.id, by_name.id}
    assert updated[0].before["position"] == "Old"


def test_empty_cells_leave_what_is_stored(client, conference, signed_in):
    person = factories.make_person(
        conference, "Ayesha Rahman", bio="Kept.", country="BD", email="a@example.org"
    )
    page = preview(client, "full_name,email,bio\nAyesha Rahman,a@example.org,\n").get_data(as_text=True)
    confirm(client, signed_rows(page))
    person = db.session.get(Person, person.id)
    assert (person.bio, person.country) == ("Kept.", "BD")


BAD = f"""{HEADER}
,Good Person,,,,,KR,good@example.org,,
,,,Nameless,,,,,,
,Bad Email,,,,,,not-an-email,,
,Bad Country,,,,,Korea,,,
,Bad Link,,,,,,,,javascript:alert(1)
,Bad Link Two,,,,,,,,Site | ftp://example.org; Label only
,{"x" * 201},,,,,,,,
,Good Person,,,,,,,,
,Other Good,,,,,,good@example.org,,
,Too Many Cells,,,,,,,,,extra
"""


def test_bad_rows_are_marked_with_their_line_and_reasons_and_skipped(client, conference, signed_in):
    page = preview(client, BAD).get_data(as_text=True)
    assert "1 new, 0 to update, 9 with errors." in page
    assert "Rows with errors are skipped" in page
    expected = {
        3: "Full name: This field is required.",
        4: "E-mail address: Enter an e-mail address like name@example.org.",
        5: "Country “Korea”: use an ISO code such as KR or the English name.",
        6: "Link 1: write it as “Label | https://address”.",
        8: "Full name: Field cannot be longer than 200 characters.",
        9: "The same person as on line 2.",
        10: "The same person as on line 2.",
        11: "This line has more cells than the header has columns.",
    }
    for line, message in expected.items():
        row = preview_row(page, line)
        assert "Error" in row and html_lib.escape(message, quote=False) in row, (line, row)
    row7 = preview_row(page, 7)
    assert "Link 1:" in row7 and "Link 2:" in row7
    assert people() == {}
    response = confirm(client, signed_rows(page))
    assert "Imported: 1 new, 0 updated, 9 skipped." in response.get_data(as_text=True)
    assert list(people()) == ["Good Person"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("name,organisation\nMun,APLC\n", "The file has no column full_name."),
        ("full_name,organization\nMun,APLC\n", "Unknown columns: organization."),
        ("full_name,email,Email\nMun,a@b.org,c@d.org\n", "The column email appears more than once."),
        ("", "The file is empty: the first line must name the columns."),
        ("full_name,email\n", "The file has a header line but no people."),
        ('full_name\n"unclosed\x00quote\n', "This is not a CSV file."),
    ],
)
def test_a_file_that_cannot_be_read_gets_one_message_and_no_preview(
    client, conference, signed_in, text, message
):
    response = preview(client, text)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'id="csv_file-error"' in page and html_lib.escape(message, quote=False) in page
    assert "preview-heading" not in page and 'name="rows"' not in page


def test_a_file_in_another_encoding_is_refused(client, conference, signed_in):
    page = preview(client, "full_name,city\nJosé Müller,Zürich\n", encoding="latin-1").get_data(as_text=True)
    assert "The file is not UTF-8 text." in page and "preview-heading" not in page


def test_no_file_or_a_huge_file(client, conference, signed_in):
    page = submit(client, IMPORT, {}, content_type="multipart/form-data").get_data(as_text=True)
    assert "Choose a CSV file." in page
    big = "full_name,bio\n" + ('Someone,"' + "x" * 1000 + '"\n') * 2200
    page = preview(client, big).get_data(as_text=True)
    assert "The file is larger than 2 MB" in page and "preview-heading" not in page


def test_too_many_rows(client, conference, signed_in):
    text = "full_name\n" + "".join(f"P{n}\n" for n in range(importing.MAX_ROWS + 1))
    assert "Import at most 2000 people at a time." in preview(client, text).get_data(as_text=True)


def test_a_changed_or_foreign_preview_imports_nothing(client, conference, signed_in):
    page = preview(client, GOOD).get_data(as_text=True)
    token = signed_rows(page)
    forged = importing.sign_rows(conference, [(2, {"full_name": "Injected"})])[:-4] + "AAAA"
    for bad in (token[:-3] + "abc", forged, "", "not a token"):
        response = confirm(client, bad)
        assert "This preview has expired or was changed. Please upload the file again." in response.get_data(
            as_text=True
        )
    other = factories.make_conference("other-2026")
    factories.grant(signed_in, other, "organiser")
    response = client.post(
        "/c/other-2026/manage/people/import/confirm",
        data={"csrf_token": csrf_token(client, IMPORT), "rows": token},
        follow_redirects=True,
    )
    assert "This preview has expired or was changed." in response.get_data(as_text=True)
    assert people() == {}


def test_rows_are_checked_again_on_confirm(client, conference, signed_in):
    page = preview(client, GOOD).get_data(as_text=True)
    factories.make_person(conference, "Someone Else", email="mun@example.org")  # added meanwhile
    response = confirm(client, signed_rows(page))
    assert "Imported: 2 new, 1 updated, 0 skipped." in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(Person)) == 3


def test_html_in_cells_is_shown_escaped(client, conference, signed_in):
    page = preview(
        client, 'full_name,organisation\n"<script>alert(1)</script>","<img src=x onerror=alert(1)>"\n'
    )
    html = page.get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html and "<img src=x" not in html
    assert "&lt;script&gt;" in html


@pytest.mark.parametrize("kind", ["anonymous", "delegate", "staff", "other_organiser"])
def test_only_organisers_import(app, client, auth, conference, kind):
    if kind != "anonymous":
        user = factories.make_user(f"{kind}@example.org")
        if kind == "staff":
            factories.grant(user, conference, "staff")
        if kind == "other_organiser":
            factories.grant(user, factories.make_conference("other-2026"), "organiser")
        auth.login(user.email)
    token = importing.sign_rows(conference, [(2, {"full_name": "Intruder"})])
    expected = 302 if kind == "anonymous" else 403
    for url, data in ((IMPORT, {"csv_file": csv_file(GOOD)}), (CONFIRM, {"rows": token})):
        assert client.get(IMPORT).status_code == expected
        response = client.post(
            url, data=data | {"csrf_token": csrf_token(client)}, content_type="multipart/form-data"
        )
        assert response.status_code == expected
        if kind == "anonymous":
            assert response.headers["Location"].startswith("/login")
    assert people() == {}
