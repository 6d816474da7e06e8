"""The demo committee's organs and who sits in which: pure, deterministic, no database.

The organs are those the seed work plan names: 全体委员会议, 常委会议, 主席会议, the special committees
(提案委, 经济委, 文史和学习委, 科教文卫委, 社会和法制委), the street working committees (街道政协工委)
and the sector groups (界别小组).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from consult.demo.people import MemberSpec

# Vice-chairs in the order LEADERSHIP lists them; each is linked with one special committee (分管): the
# 工商联 vice-chair with the economy committee, the 民盟 one with culture and history.
VICE_CHAIR_OF_COMMITTEE = {"proposals": 1, "society-law": 0, "history-study": 2, "science-education": 3, "economy": 4}

# The street each leader keeps in touch with (分工联系街道, seed §5), by index in LEADERSHIP.
LEADER_OF_STREET = {"street-chengdong": 0, "street-hepingqiao": 1, "street-rengang": 2, "street-xinchengqiao": 3,
                    "street-xuetian": 4, "street-wenfeng": 5}


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
    # (member number, post) for the organ's post holders: 主任/副主任, 召集人/副召集人 (consult.members.posts).
    posts: tuple[tuple[str, str], ...] = field(default=())


SPECIAL_COMMITTEES: tuple[tuple[str, str, tuple[str, ...], int, str], ...] = (
    # slug, name, sectors whose members sit in it, numbered sittings held before this year, description
    ("proposals", "提案委员会", ("中共", "民革", "致公党", "特邀人士"), 8,
     "负责提案的征集、审查、交办和督办，组织提案办理协商。"),
    ("economy", "经济委员会", ("民建", "工商联", "经济界"), 9,
     "围绕经济运行、商贸流通和园区发展开展对口协商、视察和调研。"),
    ("history-study", "文史和学习委员会", ("民盟", "文化艺术界", "无党派人士", "侨联", "少数民族和宗教界"), 7,
     "组织委员学习，征集、编撰文史资料，联系文化界别。"),
    ("science-education", "科教文卫委员会", ("民进", "九三学社", "科技界", "科协", "教育界"), 8,
     "围绕科技创新、教育、卫生事业开展对口协商和调研。"),
    ("society-law", "社会和法制委员会",
     ("农工党", "医药卫生界", "总工会", "共青团", "妇联", "社会福利和社会保障界"), 6,
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

# Sector groups, named as offices name them: 医卫界别小组, not 医卫界界别小组.
SECTOR_GROUPS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("group-economy", "经济和工商联界别小组", ("经济界", "工商联")),
    ("group-health", "医卫界别小组", ("医药卫生界",)),
    ("group-education", "教育界别小组", ("教育界",)),
    ("group-science", "科技界别小组", ("科技界", "科协", "九三学社")),
)


def _posts(members: list[MemberSpec], head: str, deputy: str, deputies: int) -> tuple[tuple[str, str], ...]:
    """Return the posts of an organ from its ordinary members: standing members (常委) first, by number."""
    ranked = sorted(members, key=lambda m: (not m.is_standing, m.number))
    chosen = ranked[: 1 + deputies]
    return tuple((m.number, head if i == 0 else deputy) for i, m in enumerate(chosen))


def liaison_organs(members: list[MemberSpec]) -> dict[str, tuple[str, ...]]:
    """Return, by member number, the slugs of the streets and special committees each leader keeps in touch
    with (分工联系街道, 分管专委会)."""
    leaders = [m for m in members if m.role]
    leaders.sort(key=lambda m: m.protocol_order)
    vice_chairs = [m for m in leaders if m.role == "vice_chair"]
    found: dict[str, list[str]] = {}
    for slug, index in LEADER_OF_STREET.items():
        found.setdefault(leaders[index].number, []).append(slug)
    for slug, index in VICE_CHAIR_OF_COMMITTEE.items():
        found.setdefault(vice_chairs[index].number, []).append(slug)
    return {number: tuple(slugs) for number, slugs in found.items()}


def build_organs(members: list[MemberSpec]) -> list[OrganSpec]:
    """Return the demo's organs in display order, each with the member numbers of its members.

    Every ordinary member sits in one special committee (by sector) and most in a street working
    committee; each special committee also has its linked vice-chair.
    """
    leaders = sorted((m for m in members if m.role), key=lambda m: m.protocol_order)
    vice_chairs = [m for m in leaders if m.role == "vice_chair"]
    ordinary = [m for m in members if not m.role]
    organs = [
        OrganSpec(
            "plenary", "plenary", "全体委员会议", quorum_rule="two_thirds", prior_sittings_in_term=2,
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
        seated = [m for m in ordinary if m.sector in sectors]
        numbers = (lead.number, *(m.number for m in seated))
        organs.append(
            OrganSpec(slug, "special_committee", name, quorum_rule="none", prior_sittings_in_term=prior,
                      description=description, member_numbers=numbers,
                      posts=_posts(seated, "director", "deputy_director", 2))
        )
    # Members are spread over the streets where they live or work; one in five belongs to none.
    for index, (slug, street) in enumerate(STREETS):
        seated = [m for position, m in enumerate(ordinary)
                  if position % 5 != 4 and position % len(STREETS) == index]
        organs.append(
            OrganSpec(slug, "street_committee", f"{street}政协工委", quorum_rule="none",
                      description=f"{street}政协工作委员会，组织辖区委员开展学习、视察和联系群众活动。",
                      member_numbers=tuple(m.number for m in seated),
                      posts=_posts(seated, "director", "deputy_director", 1))
        )
    for slug, name, sectors in SECTOR_GROUPS:
        seated = [m for m in ordinary if m.sector in sectors]
        organs.append(
            OrganSpec(slug, "sector_group", name, quorum_rule="none",
                      description=f"{'、'.join(sectors)}委员组成的界别小组，开展界别协商和联合视察。",
                      member_numbers=tuple(m.number for m in seated),
                      posts=_posts(seated, "convener", "deputy_convener", 1))
        )
    return organs
