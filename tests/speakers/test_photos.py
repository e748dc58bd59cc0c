"""Speaker photos, from the organiser's form and the speaker's own page: checked, cleaned, resized."""

from __future__ import annotations

import os
from io import BytesIO
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import select

from conference.extensions import db
from conference.speakers import invitations
from conference.speakers.models import Person
from tests import factories
from tests.conftest import submit

GPS_IFD = 0x8825


def jpeg_with_exif(size=(2400, 1600), orientation: int = 1) -> bytes:
    """A camera-like JPEG: maker, GPS position and orientation in its EXIF."""
    image = Image.new("RGB", size, "#c0392b")
    image.paste((20, 90, 160), (0, 0, size[0] // 2, size[1] // 4))  # a blue block top-left
    exif = Image.Exif()
    exif[0x010F] = "SpyCam Inc."  # Make
    exif[0x0110] = "Model 9"
    exif[0x0112] = orientation
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (37.0, 34.0, 0.0), 3: "E", 4: (126.0, 56.0, 0.0)})
    buffer = BytesIO()
    image.save(buffer, "JPEG", exif=exif, quality=90)
    return buffer.getvalue()


def oversized_image() -> bytes:
    """A real PNG over 5 MB (random pixels do not compress) but under the 8 MB request limit."""
    image = Image.frombytes("RGB", (1500, 1300), os.urandom(1500 * 1300 * 3))
    buffer = BytesIO()
    image.save(buffer, "PNG", compress_level=0)
    data = buffer.getvalue()
    assert 5 * 1024 * 1024 < len(data) < 8 * 1024 * 1024
    return data


@pytest.fixture
def mun(conference):
    return factories.make_person(conference, "Mun Seok-jin", email="mun@example.org", position="Chair")


@pytest.fixture(params=["organiser", "speaker"])
def photo_form(request, client, auth, conference, organiser, mun):
    """The URL of a form with a photo field and the other fields it needs: both forms behave the same."""
    if request.param == "organiser":
        auth.login(organiser.email)
        return f"/c/aplc-2026/manage/people/{mun.id}", {"full_name": "Mun Seok-jin", "position": "Chair"}
    return f"/c/aplc-2026/speaker/{invitations.make_token(mun)}/", {"position": "Chair"}


def upload(client, url: str, fields: dict, data: bytes, name: str):
    return submit(
        client, url, fields | {"photo_file": (BytesIO(data), name)}, content_type="multipart/form-data"
    )


def stored(app) -> tuple[Person, Path]:
    db.session.expire_all()
    person = db.session.scalar(select(Person).where(Person.full_name == "Mun Seok-jin"))
    return person, Path(app.config["UPLOAD_FOLDER"]) / (person.photo or "missing")


def test_a_camera_jpeg_loses_its_exif_and_is_resized(app, client, photo_form):
    url, fields = photo_form
    response = upload(client, url, fields, jpeg_with_exif(), "IMG_0001.JPG")
    assert response.status_code == 302
    person, path = stored(app)
    assert path.exists() and path.suffix == ".jpg" and "IMG_0001" not in path.name
    raw = path.read_bytes()
    assert b"SpyCam" not in raw and b"Exif" not in raw
    with Image.open(path) as image:
        assert image.format == "JPEG"
        assert image.size == (800, 533)  # at most 800 px on the long side, proportions kept
        assert len(image.getexif()) == 0 and "exif" not in image.info
    assert client.get(f"/media/{person.photo}").status_code == 200


def test_the_exif_orientation_is_applied_before_it_is_dropped(app, client, photo_form):
    url, fields = photo_form
    upload(client, url, fields, jpeg_with_exif(size=(600, 300), orientation=6), "rotated.jpg")
    _person, path = stored(app)
    with Image.open(path) as image:
        assert image.size == (300, 600)  # turned upright: the camera held it sideways


def test_a_png_with_transparency_stays_png_and_one_without_becomes_jpeg(app, client, photo_form):
    url, fields = photo_form
    upload(client, url, fields, factories.png_bytes((300, 200), transparent=True), "logo.png")
    _person, path = stored(app)
    with Image.open(path) as image:
        assert image.format == "PNG" and image.mode == "RGBA" and image.size == (300, 200)
    upload(client, url, fields, factories.png_bytes((300, 200)), "photo.png")
    _person, path = stored(app)
    with Image.open(path) as image:
        assert image.format == "JPEG"


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"<html><script>alert(1)</script></html>", "photo.jpg"),
        (b"%PDF-1.4 not an image", "photo.png"),
        (b"", "empty.jpg"),
        (b"\xff\xd8\xff\xe0 truncated jpeg", "broken.jpg"),
    ],
)
def test_a_file_that_is_not_an_image_is_refused_next_to_the_field(app, client, photo_form, data, name):
    url, fields = photo_form
    response = upload(client, url, fields | {"position": "Changed"}, data, name)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'id="photo_file-error"' in html
    assert "This file is not an image we can read (use JPEG, PNG or WebP)." in html
    person, _path = stored(app)
    assert person.photo is None and person.position == "Chair"  # nothing saved
    assert not list(Path(app.config["UPLOAD_FOLDER"]).glob("*"))


def test_an_image_over_5_mb_is_refused_next_to_the_field(app, client, photo_form):
    url, fields = photo_form
    response = upload(client, url, fields, oversized_image(), "huge.png")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'id="photo_file-error"' in html and "The image is larger than 5 MB." in html
    assert stored(app)[0].photo is None


def test_an_upload_over_the_request_limit_gets_the_form_back_with_a_message(app, client, photo_form):
    url, fields = photo_form
    app.config["MAX_CONTENT_LENGTH"] = 1024 * 1024
    response = upload(client, url, fields | {"position": "Changed"}, b"\xff" * (2 * 1024 * 1024), "huge.jpg")
    html = response.get_data(as_text=True)
    assert response.status_code == 413
    assert 'id="photo_file-error"' in html
    assert "The file is larger than 1 MB, so nothing was saved. Choose a smaller file." in html
    assert 'value="Chair"' in html  # the form again, as stored
    person, _path = stored(app)
    assert person.position == "Chair" and person.photo is None


def test_the_request_limit_page_still_checks_access(app, client, auth, conference, mun):
    app.config["MAX_CONTENT_LENGTH"] = 1024
    big = {"photo_file": (BytesIO(b"x" * 4096), "a.jpg")}
    response = client.post(
        f"/c/aplc-2026/manage/people/{mun.id}", data=big, content_type="multipart/form-data"
    )
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")
    factories.grant(factories.make_user("staff@example.org"), conference, "staff")
    auth.login("staff@example.org")
    app.config["MAX_CONTENT_LENGTH"] = 1024
    big = {"photo_file": (BytesIO(b"x" * 4096), "a.jpg")}
    response = client.post(
        f"/c/aplc-2026/manage/people/{mun.id}", data=big, content_type="multipart/form-data"
    )
    assert response.status_code == 403
    response = client.post(
        "/c/aplc-2026/speaker/broken/", data={"photo_file": (BytesIO(b"x" * 4096), "a.jpg")}
    )
    assert response.status_code == 404
