"""Badge PDFs: a real decoder reads the QR, every script is embedded, long names shrink, sheets have marks."""

from __future__ import annotations

import io
import re

import pytest

from conference.badges.codes import badge_code, make_badge_code, verify_badge_code
from conference.badges.content import badge_content, badge_pdf
from conference.badges.fonts import load_fonts
from conference.badges.pdf import (
    A6,
    FOUR_BY_THREE,
    BadgeContent,
    BadgeRenderer,
    BadgeSize,
    Branding,
    qr_matrix,
    sheet_grid,
    write_badges,
)
from conference.badges.typesetting import fit
from tests.badges.conftest import confirm, page_count, qr_codes, text_of

KEY = "ab" * 32


def content(name="Mina Park", local_name="", code=None, **values) -> BadgeContent:
    defaults = dict(
        position="Director",
        organisation="Suwon City",
        place="Suwon, South Korea",
        category="Member-city delegate",
        colour="#1f5f8b",
    )
    defaults.update(values)
    return BadgeContent(
        name=name, local_name=local_name, code=code or make_badge_code(KEY, 1, 2, 1), **defaults
    )


def render(badges, size=A6, **kwargs) -> bytes:
    output = io.BytesIO()
    write_badges(output, badges, Branding("APLC Founding Assembly"), size, **kwargs)
    return output.getvalue()


def test_the_badge_qr_decodes_to_the_registrations_signed_code(conference, delegate):
    data = badge_pdf(delegate)
    assert qr_codes(data) == [badge_code(delegate)]
    parsed = verify_badge_code(qr_codes(data)[0], conference.badge_key)
    assert parsed.registration_id == delegate.id and parsed.conference_id == conference.id


def test_the_badge_shows_who_and_what(delegate, all_fonts):
    text = text_of(badge_pdf(delegate))
    for expected in (
        "Mina Park",
        "박민아",
        "Director of Lifelong Learning",
        "Suwon City",
        "Suwon, South Korea",
        "MEMBER-CITY DELEGATE",
        "APLC Founding Assembly",
    ):
        assert expected in text, expected


def test_the_qr_is_a_low_version_alphanumeric_code():
    code = make_badge_code(KEY, 12, 123456, 3)
    matrix = qr_matrix(code)
    assert len(matrix) == 25  # version 2: big modules, read from 30 cm


def test_korean_chinese_japanese_and_thai_names_come_out_with_embedded_fonts(all_fonts):
    names = ["박민아", "王小明", "山田 花子", "สมชาย วงศ์สวัสดิ์"]
    data = render([content(f"Delegate {i}", name) for i, name in enumerate(names)])
    text = text_of(data)
    for name in names:
        assert name in text, name
    fonts = set(re.findall(rb"/BaseFont /([A-Z]{6}\+[A-Za-z0-9-]+)", data))
    assert {font.split(b"+")[1] for font in fonts} >= {
        b"DejaVuSans-Bold",
        b"NanumGothicBold",
        b"WenQuanYiZenHei-0",
        b"Garuda-Bold",
    }
    assert data.count(b"/FontFile2") >= 4  # every face embedded, none left to the reader's machine


def test_a_korean_name_uses_the_korean_face_for_its_hanja_and_a_chinese_name_the_chinese_face(all_fonts):
    bold = load_fonts().bold
    assert [font for font, _text in bold.runs("朴敏雅 박민아")] == ["Plenary-Korean-Bold"]
    assert [font for font, _text in bold.runs("王小明")] == ["Plenary-CJK"]
    assert [font for font, _text in bold.runs("Wang 王")] == ["Plenary-Latin-Bold", "Plenary-CJK"]


def test_long_names_shrink_to_fit_and_wrap():
    renderer = BadgeRenderer(A6, Branding("X"))
    style = renderer.styles["name"]
    short = fit("Mina Park", style, 250)
    long = fit("Maria Fernanda de los Ángeles Rodríguez-Villanueva y Montenegro", style, 250)
    assert short.size == style.max_size and short.lines == ("Mina Park",)
    assert long.size < style.max_size and len(long.lines) == 2
    assert all(style.chain.width(line, long.size) <= 250.01 for line in long.lines)


@pytest.mark.parametrize("size", [A6, FOUR_BY_THREE, BadgeSize(90 * 72 / 25.4, 55 * 72 / 25.4)])
def test_every_size_has_a_readable_qr_even_with_a_very_long_name(size):
    code = make_badge_code(KEY, 1, 99, 1)
    name = "Wolfeschlegelsteinhausenbergerdorff Hubert Blaine Maximilian Alexander"
    data = render([content(name, "ウォルフェシュレーゲルシュタインハウゼンベルガードルフ", code=code)], size)
    assert qr_codes(data) == [code]


def test_a4_sheets_hold_several_badges_with_every_code_readable():
    codes = [make_badge_code(KEY, 1, n, 1) for n in range(1, 8)]
    data = render(
        [content(f"Delegate {n}", code=code) for n, code in enumerate(codes)], FOUR_BY_THREE, sheets=True
    )
    grid = sheet_grid(FOUR_BY_THREE)
    assert grid.per_sheet == 6
    assert page_count(data) == 2
    assert sorted(qr_codes(data, scale=3)) == sorted(codes)


def test_a6_sheets_go_two_to_a_landscape_page():
    grid = sheet_grid(A6)
    assert (grid.columns, grid.rows, grid.page[0] > grid.page[1]) == (2, 1, True)
    assert sheet_grid(BadgeSize(250 * 72 / 25.4, 250 * 72 / 25.4)) is None


def test_a_badge_without_optional_details_still_renders(conference, ticket):
    registration = confirm(conference, ticket, organisation="", position="", city="", country="")
    content_ = badge_content(registration)
    assert content_.place == "" and content_.organisation == ""
    assert qr_codes(badge_pdf(registration)) == [badge_code(registration)]
