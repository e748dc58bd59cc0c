"""Made-up delegates from across Asia and the Pacific for the demo forum, drawn from a seeded random.

Names are common given and family names combined at random, not real people; Korean, Japanese,
Chinese and Thai delegates also carry their name in local script, Vietnamese ones with diacritics.
"""

from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import dataclass

from conference.registration.models import DelegateCategory

# (romanised, local script) pairs.
KOREAN_FAMILY = [("Kim", "김"), ("Lee", "이"), ("Park", "박"), ("Choi", "최"), ("Jung", "정"), ("Kang", "강")]
KOREAN_FAMILY += [("Cho", "조"), ("Yoon", "윤"), ("Jang", "장"), ("Lim", "임"), ("Han", "한"), ("Seo", "서")]
KOREAN_GIVEN = [
    ("Min-jun", "민준"),
    ("Seo-yeon", "서연"),
    ("Ji-ho", "지호"),
    ("Ha-eun", "하은"),
    ("Do-yun", "도윤"),
]
KOREAN_GIVEN += [
    ("Su-bin", "수빈"),
    ("Hyun-woo", "현우"),
    ("Ji-woo", "지우"),
    ("Eun-ji", "은지"),
    ("Sung-min", "성민"),
]
KOREAN_GIVEN += [("Young-hee", "영희"), ("Dong-hyun", "동현"), ("Mi-kyung", "미경"), ("Jae-won", "재원")]
JAPANESE_FAMILY = [
    ("Sato", "佐藤"),
    ("Suzuki", "鈴木"),
    ("Takahashi", "高橋"),
    ("Tanaka", "田中"),
    ("Ito", "伊藤"),
]
JAPANESE_FAMILY += [("Watanabe", "渡辺"), ("Yamamoto", "山本"), ("Nakamura", "中村"), ("Kobayashi", "小林")]
JAPANESE_GIVEN = [
    ("Haruto", "陽翔"),
    ("Yui", "結衣"),
    ("Sota", "蒼太"),
    ("Aoi", "葵"),
    ("Ren", "蓮"),
    ("Hina", "陽菜"),
]
JAPANESE_GIVEN += [
    ("Kenji", "健二"),
    ("Yuko", "裕子"),
    ("Takeshi", "武"),
    ("Naoko", "直子"),
    ("Hiroshi", "博"),
]
CHINESE_FAMILY = [
    ("Wang", "王"),
    ("Li", "李"),
    ("Zhang", "张"),
    ("Liu", "刘"),
    ("Chen", "陈"),
    ("Yang", "杨"),
]
CHINESE_FAMILY += [("Zhao", "赵"), ("Huang", "黄"), ("Zhou", "周"), ("Wu", "吴")]
CHINESE_GIVEN = [("Wei", "伟"), ("Fang", "芳"), ("Na", "娜"), ("Min", "敏"), ("Jing", "静"), ("Lei", "磊")]
CHINESE_GIVEN += [("Jie", "杰"), ("Xiuying", "秀英"), ("Hao", "浩"), ("Yumei", "玉梅"), ("Jianguo", "建国")]
THAI_GIVEN = [("Somchai", "สมชาย"), ("Siriporn", "ศิริพร"), ("Nattapong", "ณัฐพงษ์"), ("Kanya", "กัญญา")]
THAI_GIVEN += [("Wichai", "วิชัย"), ("Pranee", "ปราณี"), ("Anan", "อนันต์"), ("Malee", "มาลี")]
THAI_FAMILY = [("Srisuk", "ศรีสุข"), ("Chaiyaporn", "ชัยพร"), ("Boonmee", "บุญมี"), ("Rattanakul", "รัตนกุล")]
THAI_FAMILY += [("Saetang", "แซ่ตั้ง"), ("Thongchai", "ทองชัย")]
VIETNAMESE = [
    ("Nguyễn", "Văn An"),
    ("Trần", "Thị Mai"),
    ("Lê", "Minh Tuấn"),
    ("Phạm", "Thu Hà"),
    ("Hoàng", "Đức Anh"),
]
VIETNAMESE += [("Vũ", "Ngọc Lan"), ("Đặng", "Quang Huy"), ("Bùi", "Thanh Hương")]

# Given and family names written in Latin script, per country.
LATIN_NAMES: dict[str, tuple[list[str], list[str]] | list[tuple[str, str]]] = {
    "PH": (
        ["Maria", "Jose", "Ana", "Mark", "Kristine", "Paolo", "Liza"],
        ["Santos", "Reyes", "Cruz", "Bautista"],
    ),
    "ID": (
        ["Budi", "Siti", "Dewi", "Agus", "Rina", "Eko"],
        ["Santoso", "Rahayu", "Lestari", "Wijaya", "Kusuma"],
    ),
    # Full names where given and family names go together (Malay, Chinese and Indian Malaysians…).
    "MY": [("Ahmad", "Ismail"), ("Nurul Aisyah", "Hassan"), ("Mei Ling", "Tan"), ("Rajesh", "Kumar")],
    "SG": [
        ("Wei Jie", "Lim"),
        ("Farah", "Rahman"),
        ("Priya", "Nair"),
        ("Hui Min", "Koh"),
        ("Siew Ling", "Ong"),
    ],
    "IN": (
        ["Priya", "Arjun", "Ananya", "Rahul", "Deepa", "Vikram"],
        ["Sharma", "Patel", "Iyer", "Gupta", "Nair"],
    ),
    "AU": (
        ["Emily", "James", "Sarah", "Liam", "Olivia", "Jack"],
        ["Clarke", "Wilson", "Nguyen", "O'Connor", "Smith"],
    ),
    "NZ": (["Aroha", "Tom", "Mere", "Sam", "Hana"], ["Ngata", "Baker", "Walker", "Parata", "Thompson"]),
    "MN": (["Bat-Erdene", "Oyunchimeg", "Enkhjargal", "Temuulen"], ["Ganbold", "Dorj", "Batbayar", "Tsogt"]),
    "BD": (["Nusrat", "Mohammad", "Farhana", "Tanvir"], ["Jahan", "Rahman", "Hossain", "Akter"]),
    "NP": (["Sita", "Ram", "Anjali", "Bikash"], ["Shrestha", "Thapa", "Gurung", "Adhikari"]),
    "KH": (["Sokha", "Dara", "Sophea", "Vannak"], ["Chan", "Sok", "Keo", "Meas"]),
    "LK": (["Nimal", "Dilani", "Kasun", "Chamari"], ["Perera", "Fernando", "Silva", "Jayasinghe"]),
    "FJ": (["Mere", "Josefa", "Litia", "Sakiusa"], ["Tuilagi", "Naivalu", "Ratu", "Vakatale"]),
}

# Country → (weight, [(city, [organisations])]).
PLACES: dict[str, tuple[int, list[tuple[str, list[str]]]]] = {
    "KR": (
        30,
        [
            ("Seoul", ["Seodaemun-gu Office", "Seoul Lifelong Learning Institute", "Gangdong-gu Office"]),
            ("Incheon", ["Yeonsu-gu Office", "Incheon Lifelong Learning Institute"]),
            ("Suwon", ["Suwon City Hall", "Suwon Lifelong Learning Center"]),
            ("Gwangmyeong", ["Gwangmyeong City Hall"]),
            ("Osan", ["Osan City Hall", "Osan Citizens' University"]),
            ("Busan", ["Busan Metropolitan City", "Busan Lifelong Learning Institute"]),
        ],
    ),
    "JP": (
        10,
        [
            ("Okayama", ["Okayama City Office"]),
            ("Yokohama", ["City of Yokohama"]),
            ("Fukuoka", ["Fukuoka Community Learning Center"]),
        ],
    ),
    "CN": (
        10,
        [
            ("Hangzhou", ["Hangzhou Municipal Education Bureau"]),
            ("Beijing", ["Beijing Academy of Educational Sciences"]),
            ("Chengdu", ["Chengdu Community University"]),
        ],
    ),
    "TH": (
        7,
        [
            ("Chiang Mai", ["Chiang Mai Municipality"]),
            ("Bangkok", ["Bangkok Metropolitan Administration"]),
            ("Khon Kaen", ["Khon Kaen Municipality"]),
        ],
    ),
    "VN": (
        6,
        [
            ("Hanoi", ["Hanoi Department of Education and Training"]),
            ("Ho Chi Minh City", ["HCMC Open University"]),
            ("Da Nang", ["Da Nang City People's Committee"]),
        ],
    ),
    "PH": (
        6,
        [
            ("Quezon City", ["Quezon City Government"]),
            ("Cebu City", ["Cebu City Learning Hub"]),
            ("Manila", ["City of Manila"]),
        ],
    ),
    "ID": (
        6,
        [
            ("Surabaya", ["Surabaya City Government"]),
            ("Bandung", ["Bandung Learning City Forum"]),
            ("Yogyakarta", ["Gadjah Mada University"]),
        ],
    ),
    "MY": (
        4,
        [("George Town", ["Penang Island City Council"]), ("Kuala Lumpur", ["Kuala Lumpur City Hall"])],
    ),
    "SG": (3, [("Singapore", ["SkillsFuture Singapore", "National Library Board"])]),
    "IN": (
        5,
        [
            ("Pune", ["Pune Municipal Corporation"]),
            ("Thrissur", ["Thrissur Municipal Corporation"]),
            ("Nilambur", ["Nilambur Municipality"]),
        ],
    ),
    "AU": (
        4,
        [
            ("Wyndham", ["Wyndham City Council"]),
            ("Melton", ["Melton City Council"]),
            ("Brisbane", ["Brisbane City Council"]),
        ],
    ),
    "NZ": (2, [("Wellington", ["Wellington City Council"]), ("Auckland", ["Auckland Council"])]),
    "MN": (2, [("Ulaanbaatar", ["Ulaanbaatar City Education Department"])]),
    "BD": (2, [("Dhaka", ["Dhaka North City Corporation"])]),
    "NP": (2, [("Kathmandu", ["Kathmandu Metropolitan City"])]),
    "KH": (2, [("Phnom Penh", ["Phnom Penh Capital Hall"])]),
    "LK": (2, [("Colombo", ["Colombo Municipal Council"])]),
    "FJ": (1, [("Suva", ["Suva City Council"])]),
}
PARTNERS = [
    ("Hamburg", "DE", "UNESCO Institute for Lifelong Learning"),
    ("Seoul", "KR", "UNESCO APCEIU"),
    ("Bangkok", "TH", "UNESCO Regional Bureau for Education in Asia and the Pacific"),
    ("Bonn", "DE", "DVV International"),
    ("Glasgow", "GB", "PASCAL International Observatory"),
]
MEDIA = [("Seoul", "KR", "Korea Education Broadcasting"), ("Bangkok", "TH", "Asia Learning Times")]
POSITIONS = [
    "Deputy Mayor",
    "Director of Lifelong Learning",
    "Policy Officer",
    "Programme Coordinator",
    "International Relations Officer",
    "Researcher",
    "Community Educator",
    "Librarian",
    "Council Member",
]
DIETS = ["", "", "", "", "", "", "Vegetarian", "Halal", "No pork", "Vegan", "Gluten-free", "No seafood"]
ACCESS = [""] * 18 + ["Wheelchair access", "Hearing loop in the plenary hall"]
HONORIFICS = ["", "", "", "", "Dr", "Prof."]  # no Mr/Ms: the names are drawn without a gender


@dataclass
class SampleDelegate:
    given_name: str
    family_name: str
    local_name: str
    honorific: str
    email: str
    organisation: str
    position: str
    city: str
    country: str
    category: DelegateCategory
    language: str
    interpretation_language: str
    phone: str
    dietary_needs: str
    accessibility_needs: str
    photo_consent: bool


def _name(rng: random.Random, country: str) -> tuple[str, str, str]:
    """(given, family, local script) for someone from `country`."""
    if country == "KR":
        (family, family_local), (given, given_local) = rng.choice(KOREAN_FAMILY), rng.choice(KOREAN_GIVEN)
        return given, family, family_local + given_local
    if country == "JP":
        (family, family_local), (given, given_local) = rng.choice(JAPANESE_FAMILY), rng.choice(JAPANESE_GIVEN)
        return given, family, family_local + given_local
    if country == "CN":
        (family, family_local), (given, given_local) = rng.choice(CHINESE_FAMILY), rng.choice(CHINESE_GIVEN)
        return given, family, family_local + given_local
    if country == "TH":
        (given, given_local), (family, family_local) = rng.choice(THAI_GIVEN), rng.choice(THAI_FAMILY)
        return given, family, f"{given_local} {family_local}"
    if country == "VN":
        family, given = rng.choice(VIETNAMESE)
        return _ascii(given), _ascii(family), f"{family} {given}"
    names = LATIN_NAMES[country]
    if isinstance(names, list):
        given, family = rng.choice(names)
        return given, family, ""
    given_names, family_names = names
    return rng.choice(given_names), rng.choice(family_names), ""


def _ascii(text: str) -> str:
    text = text.replace("Đ", "D").replace("đ", "d")
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def _email(given: str, family: str, organisation: str, taken: set[str]) -> str:
    def slug(text: str) -> str:
        return re.sub(r"[^a-z0-9]+", "", _ascii(text).lower())

    domain = "-".join(re.findall(r"[a-z0-9]+", _ascii(organisation).lower())[:3]) + ".example"
    base = f"{slug(given)}.{slug(family)}"
    email, n = f"{base}@{domain}", 2
    while email in taken:
        email, n = f"{base}{n}@{domain}", n + 1
    taken.add(email)
    return email


def _place(rng: random.Random, category: DelegateCategory) -> tuple[str, str, str]:
    """(city, country, organisation)."""
    if category == DelegateCategory.PARTNER:
        return rng.choice(PARTNERS)
    if category == DelegateCategory.MEDIA:
        return rng.choice(MEDIA)
    countries = list(PLACES)
    country = rng.choices(countries, weights=[PLACES[c][0] for c in countries])[0]
    city, organisations = rng.choice(PLACES[country][1])
    return city, country, rng.choice(organisations)


def sample_delegate(
    rng: random.Random,
    category: DelegateCategory,
    taken: set[str],
    place: tuple[str, str, str] | None = None,
) -> SampleDelegate:
    """One made-up delegate; `place` (city, country, organisation) puts them in someone's delegation.

    `taken` collects the names and e-mail addresses handed out so far.
    """
    city, country, organisation = place or _place(rng, category)
    name_country = country if country in PLACES else rng.choice(["AU", "SG", "IN"])
    for _ in range(20):  # two people of the same name in one sample would only confuse
        given, family, local_name = _name(rng, name_country)
        if f"name:{given} {family}" not in taken:
            break
    taken.add(f"name:{given} {family}")
    position = "Journalist" if category == DelegateCategory.MEDIA else rng.choice(POSITIONS)
    return SampleDelegate(
        given_name=given,
        family_name=family,
        local_name=local_name,
        honorific=rng.choice(HONORIFICS),
        email=_email(given, family, organisation, taken),
        organisation=organisation,
        position=position,
        city=city,
        country=country,
        category=category,
        language="ko" if country == "KR" else "en",
        interpretation_language=rng.choice(["", "en", "ko"]) if country != "KR" else rng.choice(["", "en"]),
        phone=f"+8210{rng.randint(20000000, 99999999)}" if country == "KR" and rng.random() < 0.5 else "",
        dietary_needs=rng.choice(DIETS),
        accessibility_needs=rng.choice(ACCESS),
        photo_consent=rng.random() < 0.8,
    )
