"""The demo year's consultation plan (年度协商计划), taken from the seed work plan (工作要点).

Pure: plain dataclasses, no database. Months are the natural months of the work; `load_demo` moves
the item that is to be overdue so that exactly one is (see `choose_overdue`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class PlanItemSpec:
    """One line of the plan. `lead` is the index of the vice-chair leading it (0–4).

    `organ` is the organ that sits, `organiser` the committee body that organises it (承办), `counterpart`
    the government department it is discussed with (对口部门) and `participating` the others (参加部门).
    """

    key: str
    topic: str
    consultation_form: str
    sitting_kind: str
    organ: str  # organ slug
    planned_month: int | None
    planned_quarter: int | None
    lead: int
    counterpart: str
    participating: str
    notes: str = ""
    organiser: str = ""  # organ slug; empty: the organ itself
    expected_result: str = ""  # opinions, recommendation, special_report, research_report
    report_to: str = ""
    planned_half: int | None = None
    # True when the demo holds no sitting for it: it stays 未安排 all year (its time is the fourth quarter).
    unscheduled: bool = False
    # True when its sittings may be dropped to make it the year's one overdue item.
    may_slip: bool = False

    @property
    def organiser_slug(self) -> str:
        """Return the slug of the organ that organises the item (承办)."""
        return self.organiser or self.organ


# The plan follows the seed (政协崇川区委员会2014年工作要点), with today's department names (the 2018–2019
# institutional reform: one tax bureau, 监委, 卫健委, 文旅局, 农业农村局, 工信局; the vertical 生态环境 and
# 自然资源和规划 branches). 视察, 民主评议 and 督查 are filed as democratic supervision and the 专委会 studies
# as research, as the seed's §6 and §11 do.
#
# Invented (the seed names the forms but gives no topics): the 界别协商 items medical-alliance, sme-finance
# and education-balance, the 提案办理协商 item proposal-handling, and the plan's document number.
INVENTED_TOPICS = frozenset({"medical-alliance", "sme-finance", "education-balance", "proposal-handling"})
TAX_BUREAU = "国家税务总局南通市崇川区税务局"
NATURAL_RESOURCES = "南通市自然资源和规划局崇川分局"
ECOLOGY_BUREAU = "南通市崇川生态环境局"

PLAN_ITEMS: tuple[PlanItemSpec, ...] = (
    PlanItemSpec(
        "plenary", "听取和协商讨论区政府工作报告，审议区政协常委会工作报告和提案工作情况报告",
        "general", "meeting", "plenary", 1, None, 0, "区政府", "区发改委、区财政局",
        "全委会总体协商", organiser="standing-committee", expected_result="opinions", report_to="区委、区政府",
    ),
    PlanItemSpec(
        "tech-innovation", "加强我区科技企业创新能力建设", "thematic", "meeting", "standing-committee", 5, None, 3,
        "区科技局", "区发改委、区工信局、区财政局、崇川经济开发区管委会",
        "常委会专题协商；4月由科教文卫委员会先行调研", organiser="science-education",
        expected_result="recommendation", report_to="区委、区政府",
    ),
    PlanItemSpec(
        "ecology", "推进生态环境建设，加快打造美丽崇川", "thematic", "meeting", "standing-committee", 9, None, 1,
        ECOLOGY_BUREAU, "区城管局、区住建局、区农业农村局、区发改委",
        "常委会调研协商；6月组织常委专题调研，重点就绿色增长、生态宜居环境议政建言", organiser="society-law",
        expected_result="recommendation", report_to="区委、区政府",
    ),
    PlanItemSpec(
        "economy-finance", "我区经济运行和财政收支情况", "thematic", "meeting", "chair-meeting", 7, None, 4,
        "区发改委", f"区财政局、区统计局、{TAX_BUREAU}", "主席会议专题协商（原重点协商）", organiser="economy",
        expected_result="opinions", report_to="区委、区政府",
    ),
    PlanItemSpec(
        "city-maintenance", "全区城建管养新体制运行情况", "thematic", "meeting", "chair-meeting", 6, None, 1,
        "区城管局", "区住建局、区财政局、各街道办事处", "主席会议专题研究，为优化市、区城管体制建言",
        organiser="society-law", expected_result="special_report", report_to="区委、区政府",
    ),
    PlanItemSpec(
        "commerce", "我区商贸流通业的提档升级", "counterpart", "meeting", "economy", 4, None, 4,
        "区商务局", "区发改委、区市场监管局、南通文峰大世界连锁发展股份有限公司", "专委会对口协商",
        expected_result="opinions", report_to="区政府",
    ),
    PlanItemSpec(
        "urban-economy", "主城区多元化经济发展模式", "counterpart", "meeting", "street-xinchengqiao", None, 4, 4,
        "区发改委", "新城桥街道办事处、区商务局、区统计局", "街道政协工委对口协商", unscheduled=True,
        expected_result="opinions", report_to="区政府",
    ),
    PlanItemSpec(
        "south-zone", "开发区南区的产业转型发展", "counterpart", "meeting", "economy", 10, None, 4,
        "崇川经济开发区管委会", f"区发改委、区工信局、区科技局、{NATURAL_RESOURCES}", "专委会对口协商",
        expected_result="opinions", report_to="区政府",
    ),
    PlanItemSpec(
        "theme-parks", "特色园区建设", "inspection", "inspection", "economy", 6, None, 3,
        "区工信局", "区科技局、区商务局、崇川经济开发区管委会", "民主监督：专委会专题视察",
        expected_result="opinions", report_to="区政府",
    ),
    PlanItemSpec(
        "resettlement-housing", "安置房建设", "inspection", "inspection", "chair-meeting", 5, None, 0,
        "区住建局", f"区房屋征收管理办公室、{NATURAL_RESOURCES}、各街道办事处", "民主监督：主席会议集中视察",
        organiser="society-law", expected_result="special_report", report_to="区委、区政府",
    ),
    PlanItemSpec(
        "collective-assets", "村组集体资产管理", "research", "research_visit", "society-law", 8, None, 1,
        "区农业农村局", "区财政局、区审计局、有关街道", "参政议政：专委会专题调研", may_slip=True,
        expected_result="research_report", report_to="区委、区政府",
    ),
    PlanItemSpec(
        "public-culture", "公共文化基础设施建设", "research", "research_visit", "history-study", 7, None, 2,
        "区文旅局", "区住建局、区财政局、各街道文化站", "参政议政：专委会专题调研", may_slip=True,
        expected_result="research_report", report_to="区委、区政府",
    ),
    PlanItemSpec(
        "bereaved-families", "失独家庭服务体系", "research", "research_visit", "society-law", 10, None, 1,
        "区卫健委", "区民政局、区人社局、区妇联、区红十字会", "参政议政：专委会专题调研", may_slip=True,
        expected_result="research_report", report_to="区委、区政府",
    ),
    PlanItemSpec(
        "appraisal", "对区农业农村局开展民主评议", "appraisal", "appraisal", "standing-committee", 11, None, 0,
        "区农业农村局", "区委组织部、区监委", "民主监督：调研、评议、反馈整改", organiser="economy",
        expected_result="opinions", report_to="区委",
    ),
    PlanItemSpec(
        "supervision-groups", "向区教体局、区城管局派出民主监督小组（试点）", "follow_up", "other",
        "standing-committee", None, None, 2, "区教体局、区城管局", "区委组织部", "探索由被邀监督向派出监督转变",
        organiser="society-law", planned_half=2, unscheduled=True,
    ),
    PlanItemSpec(
        "medical-alliance", "推进区域医疗联合体建设，方便群众就近看病", "sector", "meeting", "group-health", 4, None, 1,
        "区卫健委", "区人社局、南通市第一人民医院", "界别协商", may_slip=True, expected_result="opinions",
        report_to="区政府",
    ),
    PlanItemSpec(
        "sme-finance", "优化小微企业融资环境", "sector", "meeting", "group-economy", 8, None, 4,
        "区工信局", "中国人民银行南通市分行、区财政局", "界别协商", expected_result="opinions", report_to="区政府",
    ),
    PlanItemSpec(
        "education-balance", "推进义务教育优质均衡发展", "sector", "meeting", "group-education", None, 4, 4,
        "区教体局", "区财政局、区委编办、区人社局", "界别协商", unscheduled=True, expected_result="opinions",
        report_to="区政府",
    ),
    PlanItemSpec(
        "proposal-handling", "重点提案办理协商：老小区改造与停车难问题", "proposal_handling", "meeting", "proposals",
        6, None, 0, "区住建局", "区城管局、南通市公安局崇川分局、区财政局、有关街道办事处",
        "提案办理协商；提案委员会委员组成督办小组", expected_result="opinions", report_to="区政府",
    ),
    PlanItemSpec(
        "recommendations-follow-up", "近年来政协常委会建议案落实情况跟踪督查", "follow_up", "inspection",
        "chair-meeting", 8, None, 0, "区政府办公室", "区发改委、区住建局、区城管局",
        "民主监督：主席会议组织有关专委会督查",
        organiser="standing-committee", expected_result="special_report", report_to="区委、区政府",
    ),
)


def plan_document_number(year: int) -> str:
    """Return the demo plan's document number (文号), invented in the district's style: 崇政协发〔2026〕3号."""
    return f"崇政协发〔{year}〕3号"


def choose_overdue(items: tuple[PlanItemSpec, ...], today: date) -> tuple[str | None, int | None]:
    """Return (key, planned_month) of the one item to leave overdue on `today`, or (None, None) in January.

    The latest item that may slip and was planned for a month already past is chosen; when none was,
    the earliest that may slip is moved to last month (the office planned it early and it slipped).
    In January no month of the year has passed, so no item can be overdue yet.
    """
    if today.month == 1:
        return None, None
    candidates = [i for i in items if i.may_slip and i.planned_month and i.planned_month < today.month]
    if candidates:
        chosen = max(candidates, key=lambda i: i.planned_month or 0)
        return chosen.key, chosen.planned_month
    earliest = min((i for i in items if i.may_slip), key=lambda i: i.planned_month or 12)
    return earliest.key, today.month - 1
