"""Fixtures for the check-in browser tests (imported by test_checkin_scan.py, not a conftest):

- `checkin_server`: the demo served on a fixed port that a test can stop and start again, closing every
  open connection, so that the page really finds the server gone (and back at the same address);
- `camera_browser`: a Chromium of its own whose fake camera plays a file (--use-file-for-fake-video-capture):
  a Y4M video of a badge with a real badge code's QR, made with qrcode and Pillow (no ffmpeg).
"""

from __future__ import annotations

import contextlib
import socket
import threading
from datetime import date
from pathlib import Path

import pytest
import qrcode
from PIL import Image, ImageDraw, ImageFont
from sqlalchemy import select
from werkzeug.serving import make_server

from conference.badges.codes import badge_code
from conference.checkin.models import CheckIn
from conference.demo.forum import SLUG as FORUM_SLUG
from conference.events.models import Conference
from conference.extensions import db
from conference.registration.models import Attendance, Registration, RegistrationStatus, TicketType
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS

DEMO_SLUG = FORUM_SLUG  # the demo conference with sample delegates
FAKE_CAMERA_ARGS = ["--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream"]


class RestartableServer:
    """A threaded WSGI server on one port that can be stopped (connections and all) and started again."""

    def __init__(self, app) -> None:
        self.app = app
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = None
        self.thread = None
        self.connections: list[socket.socket] = []

    def start(self) -> None:
        self.server = make_server("127.0.0.1", self.port, self.app, threaded=True)
        accept = self.server.get_request

        def get_request():
            connection, address = accept()
            self.connections.append(connection)
            return connection, address

        self.server.get_request = get_request
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        for connection in self.connections:  # kept-alive connections would go on answering otherwise
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)
        self.connections.clear()
        self.thread.join(timeout=5)
        self.server = None


@pytest.fixture
def checkin_server(app):
    from conference.demo.seed import seed_demo

    seed_demo(date.today())
    server = RestartableServer(app)
    server.start()
    yield server
    if server.server is not None:
        server.stop()


@pytest.fixture
def camera_browser(browser, tmp_path):
    """Launch a Chromium (from the same Playwright) whose camera films a badge: `camera_browser(image)`."""
    launched = []

    def launch(image: Image.Image):
        video = tmp_path / "badge.y4m"
        write_y4m(image, video)
        args = CHROMIUM_ARGS + FAKE_CAMERA_ARGS + [f"--use-file-for-fake-video-capture={video}"]
        launched.append(browser.browser_type.launch(executable_path=CHROMIUM, args=args))
        return launched[-1]

    yield launch
    for chromium in launched:
        chromium.close()


def badge_image(code: str, name: str, colour: str, size: tuple[int, int] = (640, 480)) -> Image.Image:
    """A badge held up to the camera: a white card with a band in the ticket's colour, the name and the QR."""
    width, height = size
    frame = Image.new("RGB", size, (58, 64, 74))
    card = Image.new("RGB", (400, 460), "white")
    draw = ImageDraw.Draw(card)
    draw.rectangle((0, 0, 400, 46), fill=colour)
    font = ImageFont.load_default(size=22)
    draw.text((200, 70), name, fill="black", font=font, anchor="mt")
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=1, border=4)
    qr.add_data(code)
    matrix = qr.make_image(fill_color="black", back_color="white").get_image().convert("L")
    side = 300 - 300 % matrix.size[0]
    card.paste(matrix.resize((side, side), Image.Resampling.NEAREST), ((400 - side) // 2, 120))
    frame.paste(card, ((width - 400) // 2, (height - 460) // 2))
    return frame


def write_y4m(image: Image.Image, path: Path, frames: int = 10) -> None:
    """YUV4MPEG2, 4:2:0 (JPEG siting), as Chromium's fake camera reads it: a header, then Y, U, V planes."""
    width, height = image.size
    y, u, v = image.convert("YCbCr").split()
    half = (width // 2, height // 2)
    planes = y.tobytes() + u.resize(half, Image.Resampling.BILINEAR).tobytes()
    planes += v.resize(half, Image.Resampling.BILINEAR).tobytes()
    header = f"YUV4MPEG2 W{width} H{height} F10:1 Ip A1:1 C420jpeg\n".encode()
    path.write_bytes(header + (b"FRAME\n" + planes) * frames)


def delegates_at_the_door(count: int = 2) -> list[Registration]:
    """Demo registrations that get green at the entrance: confirmed, paid, in person, not in yet."""
    conference = db.session.scalar(select(Conference).where(Conference.slug == DEMO_SLUG))
    checked_in = select(CheckIn.registration_id).where(CheckIn.point == "entrance")
    rows = db.session.scalars(
        select(Registration)
        .join(TicketType)
        .where(
            Registration.conference_id == conference.id,
            Registration.status == RegistrationStatus.CONFIRMED,
            TicketType.attendance == Attendance.IN_PERSON,
            Registration.id.not_in(checked_in),
        )
        .order_by(Registration.id)
    ).all()
    found = [r for r in rows if r.is_paid][:count]
    assert len(found) == count, "the demo has too few delegates left to check in"
    return found


def code_of(registration: Registration) -> str:
    return badge_code(registration)
