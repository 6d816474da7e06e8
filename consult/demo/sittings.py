"""The demo year's sittings, built from the seed work plan (政协崇川区委员会工作要点).

Pure: `build_sittings(year)` returns plain specs with local (Asia/Shanghai) start and end times; the
loader turns them into meetings. Each sitting has its own half-day so that invitees rarely clash.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from consult.demo.calendar import FRI, THU, TUE, WED, february_standing_day, nth_weekday
from consult.demo.plan import ECOLOGY_BUREAU, NATURAL_RESOURCES, TAX_BUREAU

# Who presides: "chair", "secretary", "vice0"…"vice3" (the vice-chairs in order), "first" (the organ's first member).
CHAIR, SECRETARY, FIRST = "chair", "secretary", "first"

ROOM_3F = "区政协三楼会议室"
ROOM_4F = "区政协四楼会议室"
ROOM_ADMIN_1 = "区行政中心二号楼第一会议室"
HALL = "区行政中心一号楼大会堂"
GATE = "区行政中心北门"  # where inspection and research groups assemble and board the bus
PLENARY_GUESTS = ("区委、区人大常委会、区政府领导",)  # 出席 as guests; department heads 列席


@dataclass(frozen=True)
class SittingSpec:
    """One demo sitting; times are local to the committee's zone (naive)."""

    key: str
    organ: str  # organ slug
    sitting_kind: str
    consultation_form: str
    title: str
    starts: datetime
    ends: datetime
    location: str
    presiding: str
    topics: tuple[str, ...] = ()
    observers: tuple[str, ...] = ()  # 列席: units and people
    plan: str | None = None  # key of the plan item it carries out
    series: bool = False  # one of the regular monthly chair meetings, created as a series
    invite: str | None = None  # "leaders+economy": leadership and the economy committee; "all": every member;
    # None: the organ's default
    notes: str = ""
    guests: tuple[str, ...] = ()  # 出席: invited leaders of the Party committee, people's congress and government
    assembly: tuple[datetime, str] | None = None  # 集合时间和地点 of an activity


# 会务联系人及电话 of the organs whose notices name one (the office's staff); other sittings have none.
CONTACTS = {
    "plenary": ("陈静", "0513-85012301"),
    "standing-committee": ("陈静", "0513-85012301"),
    "chair-meeting": ("周晓明", "0513-85012302"),
}


def _at(day: date, start: time, hours: float) -> tuple[datetime, datetime]:
    begin = datetime.combine(day, start)
    return begin, begin + timedelta(hours=hours)


AM = time(9, 0)
AM_VISIT = time(8, 30)
PM = time(14, 30)
ASSEMBLY_LEAD = timedelta(minutes=20)  # groups gather at the gate and leave by bus


def _gate(starts: datetime) -> tuple[datetime, str]:
    """Return the assembly time and place of a visit that starts at `starts`: the gate, 20 minutes earlier."""
    return starts - ASSEMBLY_LEAD, GATE


def _chair_monthly(year: int, month: int, topics: tuple[str, ...], title: str, week: int = 1) -> SittingSpec:
    starts, ends = _at(nth_weekday(year, month, TUE, week, on_or_after=3 if month != 10 else 8), AM, 2.5)
    return SittingSpec(
        f"chair-{month:02d}{'' if week == 1 else f'-{week}'}", "chair-meeting", "meeting", "none", title,
        starts, ends, ROOM_3F, CHAIR, topics, ("区政协各专委会主任", "区政协办公室主任"), series=True,
    )


STREET_VISITS: tuple[tuple[str, str, str, str, tuple[str, ...]], ...] = (
    # organ slug, kind, title, location, topics — one street committee a month, March to December
    ("street-chengdong", "meeting", "学习贯彻全会精神暨委员“五个一”活动部署会", "城东街道办事处二楼会议室",
     ("传达学习区政协全会和常委会议精神", "部署本年度委员“五个一”活动")),
    ("street-hepingqiao", "visit", "走进邻里街坊：委员联系群众活动日", "和平桥街道邻里中心",
     ("走访邻里街坊，听取居民意见", "收集社情民意信息")),
    ("street-rengang", "symposium", "老旧小区长效管理座谈会", "任港街道办事处三楼会议室",
     ("听取街道老旧小区长效管理情况介绍", "委员座谈交流")),
    ("street-xinchengqiao", "research_visit", "主城区商业街区发展情况调研", "新城桥街道南大街商业街区",
     ("实地察看南大街商业街区", "座谈主城区经济发展")),
    ("street-xuetian", "inspection", "社区居家养老服务情况视察", "学田街道居家养老服务中心",
     ("视察社区居家养老服务站", "座谈养老服务需求")),
    ("street-wenfeng", "charity", "“政协委员爱心专柜”慈善募捐活动", "文峰街道慈善博爱超市",
     ("开展慈善募捐", "走访困难家庭")),
    ("street-chengdong", "research_visit", "和谐社区建设调研", "城东街道社区服务中心",
     ("察看社区网格化管理", "座谈社区矛盾化解工作")),
    ("street-hepingqiao", "meeting", "委员履职情况交流会", "和平桥街道办事处会议室",
     ("通报委员年度履职情况", "交流提案和社情民意信息撰写")),
    ("street-rengang", "inspection", "背街小巷整治情况视察", "任港街道背街小巷整治现场",
     ("察看背街小巷整治现场", "听取街道城管工作汇报")),
    ("street-xuetian", "meeting", "年终委员述职暨工作总结会", "学田街道办事处二楼会议室",
     ("委员年度述职", "讨论明年工作思路")),
)
STREET_WEEKS = (FRI, 3)  # the third Friday afternoon of the month


def build_sittings(year: int) -> list[SittingSpec]:
    """Return the year's demo sittings in date order.

    Dates follow weekday rules (the first Tuesday's chair meeting, the February standing committee a
    week after Spring Festival, …) so the year looks alike whatever `year` is. Raises nothing.
    """
    y = year
    feb_standing = february_standing_day(y)
    plenary_day = nth_weekday(y, 1, TUE, 1, on_or_after=8)
    specs: list[SittingSpec] = []

    # January: the plenary session (全会) and the chair meeting that prepares it.
    starts, ends = _at(plenary_day - timedelta(days=5), AM, 2.5)
    specs.append(SittingSpec(
        "chair-01", "chair-meeting", "meeting", "none", "研究全会筹备工作", starts, ends, ROOM_3F, CHAIR,
        ("讨论区政协常委会工作报告（送审稿）和提案工作情况报告（送审稿）", "研究全会议程、日程及有关事项"),
        ("区政协各专委会主任", "区政协办公室主任"), series=True,
    ))
    starts = datetime.combine(plenary_day, AM)
    specs.append(SittingSpec(
        "plenary", "plenary", "meeting", "general", "协商讨论区政府工作报告，审议常委会工作报告和提案工作情况报告",
        starts, datetime.combine(plenary_day + timedelta(days=2), time(11, 30)), HALL, CHAIR,
        (
            "听取和审议区政协常委会工作报告",
            "听取和审议区政协常委会关于上次会议以来提案工作情况的报告",
            "列席区人大会议，听取并协商讨论区政府工作报告和其他报告",
            "审议通过大会决议和提案审查委员会报告",
        ),
        ("区各部委办局主要负责人", "各街道党工委书记"),
        plan="plenary", guests=PLENARY_GUESTS,
    ))

    # February: the work plan goes to the standing committee (区政协八届十二次常委会议 in the seed).
    starts, ends = _at(feb_standing - timedelta(days=1), AM, 2.5)
    specs.append(SittingSpec(
        "chair-02", "chair-meeting", "meeting", "none", "讨论年度工作要点和协商计划", starts, ends, ROOM_3F, CHAIR,
        (f"讨论《政协崇川区委员会{y}年工作要点（草案）》", f"讨论《区政协{y}年度协商计划（草案）》",
         "研究常委会议有关事项"),
        ("区政协办公室主任",), series=True,
    ))
    starts, ends = _at(feb_standing, PM, 2.5)
    specs.append(SittingSpec(
        "standing-feb", "standing-committee", "meeting", "none", "审议年度工作要点和协商计划", starts, ends,
        ROOM_ADMIN_1, CHAIR,
        ("传达学习区委全会精神", f"审议通过《政协崇川区委员会{y}年工作要点》", f"审议通过《区政协{y}年度协商计划》",
         "审议通过委员履职考核办法", "人事事项"),
        ("区委办公室、区政府办公室负责同志", "区政协各专委会主任", "各街道政协工委主任"),
    ))

    # March–December: the chair meeting on the first Tuesday, with the plan's focused consultations.
    monthly = {
        3: ("研究部署委员履职和界别活动", ("研究部署委员“五个一”活动", "研究专委会、街道政协工委年度工作安排",
                                       "听取委员履职考核办法实施准备情况汇报")),
        4: ("研究专题协商筹备工作", ("听取科技企业创新能力建设调研准备情况", "研究提案督办工作安排")),
        5: ("研究常委会专题协商有关事项", ("研究常委会议议程", "听取一季度社情民意信息工作情况")),
        8: ("听取专委会工作情况汇报", ("听取各专委会上半年工作情况", "研究下半年视察调研安排")),
        9: ("研究常委会调研协商有关事项", ("研究常委会议议程", "讨论生态环境建设调研报告（初稿）")),
        10: ("研究民主评议工作", ("听取民主评议区农业农村局前期调研情况", "研究评议会议安排")),
        11: ("研究年终工作", ("研究常委会议有关事项", "讨论《崇川文化遗产名录》（第二辑）编审进度")),
        12: ("讨论常委会工作报告（征求意见稿）", ("讨论区政协常委会工作报告（征求意见稿）", "研究明年协商计划的征集")),
    }
    for month, (title, topics) in monthly.items():
        specs.append(_chair_monthly(y, month, topics, title))
    starts, ends = _at(nth_weekday(y, 12, TUE, 4), AM, 2.5)
    specs.append(SittingSpec(
        "chair-12-4", "chair-meeting", "meeting", "none", "研究全会筹备工作", starts, ends, ROOM_3F, CHAIR,
        ("研究区政协全会召开时间和议程（建议）", "研究委员调整有关事项"), ("区政协办公室主任",), series=True,
    ))
    starts, ends = _at(nth_weekday(y, 6, TUE, 1, on_or_after=3), AM, 2.5)
    specs.append(SittingSpec(
        "chair-06", "chair-meeting", "meeting", "thematic", "专题研究全区城建管养新体制运行情况", starts, ends, ROOM_3F,
        CHAIR, ("听取区城管局关于城建管养新体制运行情况的汇报", "协商讨论优化市、区城管体制的意见建议"),
        ("区城管局", "区住建局", "区财政局", "各街道办事处分管负责人"), plan="city-maintenance",
    ))
    starts, ends = _at(nth_weekday(y, 7, TUE, 4), AM, 3)
    specs.append(SittingSpec(
        "chair-07", "chair-meeting", "meeting", "thematic", "重点协商我区经济运行和财政收支情况", starts, ends,
        ROOM_ADMIN_1, CHAIR,
        ("听取区发改委关于上半年全区经济运行情况的通报", "听取区财政局关于上半年财政收支情况的通报",
         "协商讨论，提出意见建议"),
        ("区发改委", "区财政局", "区统计局", TAX_BUREAU), plan="economy-finance",
    ))
    # 主席会议集中视察 and the follow-up of the standing committee's recommendations.
    starts, ends = _at(nth_weekday(y, 5, THU, 2), AM_VISIT, 3)
    specs.append(SittingSpec(
        "housing-inspection", "chair-meeting", "inspection", "inspection", "主席会议集中视察安置房建设", starts, ends,
        "观音山、城东片区安置房项目", CHAIR, ("实地察看观音山、城东片区安置房项目", "听取区住建局安置房建设情况汇报"),
        ("区住建局", "区房屋征收管理办公室", NATURAL_RESOURCES), plan="resettlement-housing",
        invite="leaders+economy", assembly=_gate(starts),
    ))
    starts, ends = _at(nth_weekday(y, 8, THU, 2), AM_VISIT, 3)
    specs.append(SittingSpec(
        "recommendations-inspection", "chair-meeting", "inspection", "follow_up", "常委会建议案落实情况跟踪督查",
        starts, ends, "建议案落实项目现场", CHAIR, ("察看建议案落实项目现场", "听取区政府办公室落实情况汇报"),
        ("区政府办公室", "区发改委", "区住建局", "区城管局"), plan="recommendations-follow-up",
        assembly=_gate(starts),
    ))

    # The standing committee's thematic consultations, each prepared by a research visit.
    starts, ends = _at(nth_weekday(y, 4, WED, 3), AM_VISIT, 3)
    specs.append(SittingSpec(
        "tech-visit", "science-education", "research_visit", "research", "科技企业创新能力建设专题调研", starts, ends,
        "紫琅科技城、崇川科技创业园", "vice3",
        ("走访紫琅科技城、崇川科技创业园入驻企业", "座谈企业研发投入和人才引进情况"),
        ("区科技局", "区工信局"), plan="tech-innovation", assembly=_gate(starts),
    ))
    starts, ends = _at(nth_weekday(y, 5, WED, 4), PM, 2.5)
    specs.append(SittingSpec(
        "standing-tech", "standing-committee", "meeting", "thematic", "专题协商加强我区科技企业创新能力建设",
        starts, ends, ROOM_ADMIN_1, CHAIR,
        ("听取区政府关于科技企业创新能力建设情况的通报", "审议科教文卫委员会专题调研报告", "常委协商发言"),
        ("区科技局", "区发改委", "区工信局", "区财政局", "崇川经济开发区管委会"), plan="tech-innovation",
    ))
    starts, ends = _at(nth_weekday(y, 6, THU, 2), AM_VISIT, 3)
    specs.append(SittingSpec(
        "ecology-visit", "standing-committee", "research_visit", "research", "推进生态环境建设专题调研", starts, ends,
        "濠河风景区、五山地区生态修复现场", "vice1",
        ("察看濠河风景区、五山地区生态修复现场", "听取崇川生态环境局生态环境建设情况汇报"),
        (ECOLOGY_BUREAU, "区城管局"), plan="ecology", assembly=_gate(starts),
    ))
    starts, ends = _at(nth_weekday(y, 9, WED, 3), PM, 2.5)
    specs.append(SittingSpec(
        "standing-ecology", "standing-committee", "meeting", "thematic", "推进生态环境建设，加快打造美丽崇川",
        starts, ends, ROOM_ADMIN_1, CHAIR,
        ("听取区政府关于生态文明建设情况的通报", "审议常委会调研报告", "就绿色增长、生态宜居环境协商议政"),
        (ECOLOGY_BUREAU, "区城管局", "区住建局", "区农业农村局", "区发改委"), plan="ecology",
    ))
    starts, ends = _at(nth_weekday(y, 12, WED, 3), PM, 2.5)
    specs.append(SittingSpec(
        "standing-dec", "standing-committee", "meeting", "none", "听取年度提案办理和民主评议整改情况", starts, ends,
        ROOM_ADMIN_1, CHAIR,
        ("听取区政府关于年度提案办理工作情况的通报", "听取区农业农村局民主评议整改情况汇报",
         "协商确定区政协全体会议召开时间和议程", "人事事项"),
        ("区政府办公室", "区农业农村局"),
    ))

    # 民主评议 of 区农业农村局 (the seed's 区农工局): research first, then the appraisal meeting.
    starts, ends = _at(nth_weekday(y, 9, TUE, 4), AM_VISIT, 3)
    specs.append(SittingSpec(
        "appraisal-visit", "standing-committee", "research_visit", "appraisal", "民主评议区农业农村局：走访调研",
        starts, ends, "区农业农村局", "vice0", ("听取区农业农村局工作汇报", "走访服务对象，发放测评表"),
        ("区农业农村局",), plan="appraisal", assembly=_gate(starts),
    ))
    starts, ends = _at(nth_weekday(y, 11, THU, 3), PM, 2.5)
    specs.append(SittingSpec(
        "appraisal-meeting", "standing-committee", "appraisal", "appraisal", "民主评议区农业农村局评议会", starts, ends,
        ROOM_ADMIN_1, "vice0", ("区农业农村局主要负责人述职", "评议组反馈评议意见", "现场测评"),
        ("区农业农村局", "区委组织部", "区监委"), plan="appraisal",
    ))

    # Special committees: counterpart consultations, inspections and research visits.
    committee_sittings = (
        ("commerce", "economy", "meeting", "counterpart", "对口协商我区商贸流通业的提档升级",
         nth_weekday(y, 4, THU, 4), PM, 2.5, "区商务局三楼会议室", "vice4",
         ("听取区商务局商贸流通业发展情况通报", "委员协商发言"), ("区商务局", "区发改委", "区市场监管局"), "commerce"),
        ("parks", "economy", "inspection", "inspection", "特色园区建设专题视察", nth_weekday(y, 6, TUE, 3),
         AM_VISIT, 3, "紫琅科技城、南通家纺城", "vice4", ("视察紫琅科技城、南通家纺城特色园区", "听取区工信局汇报"),
         ("区工信局", "区科技局", "崇川经济开发区管委会"), "theme-parks"),
        ("south-zone", "economy", "meeting", "counterpart", "对口协商开发区南区的产业转型发展",
         nth_weekday(y, 10, THU, 3), PM, 2.5, "崇川经济开发区管委会会议室", "vice4",
         ("听取开发区管委会南区产业转型情况介绍", "委员协商发言"), ("崇川经济开发区管委会", "区发改委", "区工信局"),
         "south-zone"),
        ("proposal-handling", "proposals", "meeting", "proposal_handling", "重点提案办理协商会",
         nth_weekday(y, 6, THU, 4), PM, 2.5, "区住建局四楼会议室", "vice0",
         ("承办单位通报重点提案办理进展", "提案人与承办单位面对面协商", "督办小组提出督办意见"),
         ("区住建局", "区城管局", "南通市公安局崇川分局", "区财政局"), "proposal-handling"),
        ("culture-visit", "history-study", "research_visit", "research", "公共文化基础设施建设专题调研",
         nth_weekday(y, 7, WED, 2), AM_VISIT, 3, "各街道文化站和社区文化活动室", "vice2",
         ("察看街道文化站和社区文化活动室", "座谈基层公共文化设施建设和使用"), ("区文旅局",), "public-culture"),
        ("assets-visit", "society-law", "research_visit", "research", "村组集体资产管理专题调研",
         nth_weekday(y, 8, WED, 3), AM_VISIT, 3, "有关社区", "vice1",
         ("走访有关社区集体资产管理情况", "座谈集体资产监管和收益分配"), ("区农业农村局", "区财政局"),
         "collective-assets"),
        ("families-visit", "society-law", "research_visit", "research", "失独家庭服务体系专题调研",
         nth_weekday(y, 10, WED, 4), AM_VISIT, 3, "有关社区", "vice1",
         ("走访失独家庭", "座谈失独家庭帮扶和养老保障"), ("区卫健委", "区民政局"), "bereaved-families"),
        ("heritage-kickoff", "history-study", "symposium", "none", "《崇川文化遗产名录》（第二辑）征集工作座谈会",
         nth_weekday(y, 3, TUE, 4), AM, 2.5, ROOM_4F, "vice2", ("部署文史资料征集工作", "听取撰稿人意见"),
         ("区文旅局", "区档案馆"), None),
        ("heritage-review", "history-study", "meeting", "none", "《崇川文化遗产名录》（第二辑）审稿会",
         nth_weekday(y, 11, WED, 2), AM, 2.5, ROOM_4F, "vice2", ("审读书稿", "研究出版事宜"), ("区文旅局",), None),
        ("health-sector", "group-health", "meeting", "sector", "推进区域医疗联合体建设界别协商会",
         nth_weekday(y, 4, THU, 2), PM, 2.5, "崇川区人民医院三楼会议室", FIRST,
         ("听取区卫健委关于医疗联合体建设情况的通报", "界别委员协商发言"), ("区卫健委", "区人社局"),
         "medical-alliance"),
        ("sme-sector", "group-economy", "meeting", "sector", "优化小微企业融资环境界别协商会",
         nth_weekday(y, 8, THU, 4), PM, 2.5, "区工商联会议室", FIRST,
         ("听取区工信局关于小微企业融资情况的通报", "界别委员协商发言"), ("区工信局", "中国人民银行南通市分行"),
         "sme-finance"),
    )
    for key, organ, kind, form, title, day, start, hours, place, presiding, topics, observers, plan in (
        committee_sittings
    ):
        starts, ends = _at(day, start, hours)
        assembly = _gate(starts) if kind in ("inspection", "research_visit") else None
        specs.append(SittingSpec(key, organ, kind, form, title, starts, ends, place, presiding, topics, observers,
                                 plan=plan, assembly=assembly))

    # Every member hears a lecture in March (学习辅导报告会), organised by the committee on study.
    starts, ends = _at(nth_weekday(y, 3, THU, 3), PM, 2)
    specs.append(SittingSpec(
        "lecture", "history-study", "study_lecture", "none", "学习贯彻全国及省、市“两会”精神辅导报告会", starts, ends,
        HALL, SECRETARY, ("学习辅导报告", "部署委员学习活动"), ("区政协机关全体干部",), invite="all",
    ))

    # One street working committee a month, the third Friday afternoon; visits meet on the spot.
    weekday, week = STREET_WEEKS
    for month, (organ, kind, title, place, topics) in zip(range(3, 13), STREET_VISITS, strict=True):
        starts, ends = _at(nth_weekday(y, month, weekday, week), PM, 2)
        specs.append(SittingSpec(f"street-{month:02d}", organ, kind, "none", title, starts, ends, place, FIRST,
                                 topics, ("街道办事处分管负责人",)))

    specs.sort(key=lambda s: (s.starts, s.key))
    return specs
