"""The demo committee's organs and who sits in which: pure, deterministic, no database.

The organs are those the seed work plan names: 全体委员会议, 常委会议, 主席会议, the special committees
(提案委, 经济委, 文史和学习委, 科教文卫委, 社会和法制委), the street working committees (街道政协工委)
and the sector groups (界别小组).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from consult.demo.people import MemberSpec

# Vice-chairs in the order LEADERSHIP lists them; each is linked with one special committee (分管).
VICE_CHAIR_OF_COMMITTEE = {"proposals": 0, "society-law": 1, "history-study": 2, "economy": 3, "science-education": 4}


@dataclass(frozen=True)
class OrganSpec:
    """One organ as it will be stored, with the member numbers of the people in it."""

    slug: str
    kind: str
    name: str
    number_label: str = ""
    quorum_rule: str = "more_than_half"
    prior_sittings_in_term: int = 0
    description: str = ""
    member_numbers: tuple[str, ...] = field(default=())


SPECIAL_COMMITTEES: tuple[tuple[str, str, tuple[str, ...], int, str], ...] = (
    # slug, name, sectors whose members sit in it, numbered sittings held before this year, description
    ("proposals", "提案委员会", ("中共", "民革", "致公党"), 8,
     "负责提案的征集、审查、交办和督办，组织提案办理协商。"),
    ("economy", "经济委员会", ("民建", "工商联", "经济界"), 9,
     "围绕经济运行、商贸流通和园区发展开展对口协商、视察和调研。"),
    ("history-study", "文史和学习委员会", ("民盟", "文化艺术界", "无党派人士"), 7,
     "组织委员学习，征集、编撰文史资料，联系文化界别。"),
    ("science-education", "科教文卫委员会", ("民进", "九三学社", "科技界", "教育界"), 8,
     "围绕科技创新、教育、卫生事业开展对口协商和调研。"),
    ("society-law", "社会和法制委员会", ("农工党", "医卫界", "共青团", "妇联", "社会福利界"), 6,
     "围绕民生保障、社会治理和法治建设开展调研和民主监督。"),
)

STREETS: tuple[tuple[str, str], ...] = (
    ("street-chengdong", "城东街道"),
    ("street-hepingqiao", "和平桥街道"),
    ("street-rengang", "任港街道"),
    ("street-xinchengqiao", "新城桥街道"),
    ("street-xuetian", "学田街道"),
    ("street-wenfeng", "文峰街道"),
)

SECTOR_GROUPS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("group-economy", "经济界和工商联界别小组", ("经济界", "工商联")),
    ("group-health", "医卫界界别小组", ("医卫界",)),
    ("group-education", "教育界界别小组", ("教育界",)),
    ("group-science", "科技界界别小组", ("科技界", "九三学社")),
)


def build_organs(members: list[MemberSpec]) -> list[OrganSpec]:
    """Return the demo's organs in display order, each with the member numbers of its members.

    Every ordinary member sits in one special committee (by sector) and most in a street working
    committee; each special committee also has its linked vice-chair.
    """
    leaders = [m for m in members if m.role]
    vice_chairs = [m for m in leaders if m.role == "vice_chair"]
    ordinary = [m for m in members if not m.role]
    organs = [
        OrganSpec(
            "plenary", "plenary", "全体委员会议", prior_sittings_in_term=2,
            description="区政协全体委员会议，每年至少举行一次，开展全会总体协商。",
            member_numbers=tuple(m.number for m in members),
        ),
        OrganSpec(
            "standing-committee", "standing_committee", "常务委员会", number_label="常委会议",
            prior_sittings_in_term=11,
            description="由主席、副主席、秘书长和常务委员组成，开展常委会专题协商。",
            member_numbers=tuple(m.number for m in members if m.role or m.is_standing),
        ),
        OrganSpec(
            "chair-meeting", "chair_meeting", "主席会议", prior_sittings_in_term=24,
            description="由主席、副主席、秘书长组成，处理常委会的重要日常工作，开展主席会议重点协商。",
            member_numbers=tuple(m.number for m in leaders),
        ),
    ]
    for slug, name, sectors, prior, description in SPECIAL_COMMITTEES:
        lead = vice_chairs[VICE_CHAIR_OF_COMMITTEE[slug]]
        numbers = (lead.number, *(m.number for m in ordinary if m.sector in sectors))
        organs.append(
            OrganSpec(slug, "special_committee", name, quorum_rule="none", prior_sittings_in_term=prior,
                      description=description, member_numbers=numbers)
        )
    # Members are spread over the streets where they live or work; one in five belongs to none.
    for index, (slug, street) in enumerate(STREETS):
        numbers = tuple(
            m.number for position, m in enumerate(ordinary) if position % 5 != 4 and position % len(STREETS) == index
        )
        organs.append(
            OrganSpec(slug, "street_committee", f"{street}政协工委", quorum_rule="none",
                      description=f"{street}政协工作委员会，组织辖区委员开展学习、视察和联系群众活动。",
                      member_numbers=numbers)
        )
    for slug, name, sectors in SECTOR_GROUPS:
        organs.append(
            OrganSpec(slug, "sector_group", name, quorum_rule="none",
                      description=f"{'、'.join(sectors)}委员组成的界别小组，开展界别协商和联合视察。",
                      member_numbers=tuple(m.number for m in ordinary if m.sector in sectors))
        )
    return organs
