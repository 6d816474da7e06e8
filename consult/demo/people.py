"""The demo committee's people: its sectors (界别) and ~150 members with their units and posts.

Pure and deterministic: a fixed random seed, no Flask, no database. Everything is fictitious; phone
numbers are in the 138-0000-xxxx block and e-mail addresses at example.com.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

# The seed is the date of 八届十二次常委会议 in the seed work plan: the same people on every machine.
SEED = 20140219

# Sectors in the order the committee lists them, with how many members each has: the parties, the people's
# organisations (工商联, 总工会, 共青团, 妇联, 科协, 侨联), then the sectors of occupations, then 特邀人士.
SECTORS: tuple[tuple[str, int], ...] = (
    ("中共", 19),
    ("民革", 5),
    ("民盟", 7),
    ("民建", 7),
    ("民进", 6),
    ("农工党", 6),
    ("致公党", 3),
    ("九三学社", 5),
    ("无党派人士", 5),
    ("工商联", 10),
    ("总工会", 4),
    ("共青团", 3),
    ("妇联", 5),
    ("科协", 4),
    ("侨联", 3),
    ("经济界", 11),
    ("教育界", 11),
    ("科技界", 8),
    ("医药卫生界", 10),
    ("文化艺术界", 7),
    ("社会福利和社会保障界", 5),
    ("少数民族和宗教界", 4),
    ("特邀人士", 6),
)

# Seats the sector fills with women only (妇联); elsewhere about a third of the members are women.
FEMALE_SECTORS = frozenset({"妇联"})
FEMALE_SHARE = 0.32

# 政治面貌 of the members of each sector: a party sector's members belong to that party; the others are
# drawn from these, as a district roster has them (界别 ≠ 党派: an 教育界 member may be in 民进).
PARTY_OF_SECTOR = {
    "中共": ("中共党员",), "民革": ("民革",), "民盟": ("民盟",), "民建": ("民建",), "民进": ("民进",),
    "农工党": ("农工党",), "致公党": ("致公党",), "九三学社": ("九三学社",), "无党派人士": ("无党派人士",),
    "工商联": ("民建", "中共党员", "群众", "群众", "无党派人士"),
    "总工会": ("中共党员",), "共青团": ("中共党员",), "妇联": ("中共党员", "中共党员", "群众"),
    "科协": ("九三学社", "中共党员", "无党派人士"), "侨联": ("致公党", "群众", "台盟"),
    "经济界": ("中共党员", "民建", "群众"), "教育界": ("中共党员", "民进", "民盟", "群众"),
    "科技界": ("九三学社", "中共党员", "无党派人士"), "医药卫生界": ("农工党", "中共党员", "九三学社", "群众"),
    "文化艺术界": ("民盟", "中共党员", "群众"), "社会福利和社会保障界": ("中共党员", "群众"),
    "少数民族和宗教界": ("群众", "中共党员"), "特邀人士": ("中共党员", "无党派人士"),
}

# Surnames common in Nantong (顾, 陆, 季, 缪, 瞿, 冒 …) next to the national ones, with pinyin for e-mail.
SURNAMES: tuple[tuple[str, str], ...] = (
    ("顾", "gu"), ("陆", "lu"), ("张", "zhang"), ("陈", "chen"), ("王", "wang"), ("李", "li"),
    ("徐", "xu"), ("朱", "zhu"), ("周", "zhou"), ("沈", "shen"), ("曹", "cao"), ("季", "ji"),
    ("缪", "miao"), ("黄", "huang"), ("吴", "wu"), ("杨", "yang"), ("刘", "liu"), ("范", "fan"),
    ("葛", "ge"), ("施", "shi"), ("钱", "qian"), ("孙", "sun"), ("姜", "jiang"), ("丁", "ding"),
    ("瞿", "qu"), ("冒", "mao"), ("成", "cheng"), ("管", "guan"), ("袁", "yuan"), ("邱", "qiu"),
    ("俞", "yu"), ("蔡", "cai"), ("赵", "zhao"), ("钟", "zhong"), ("邵", "shao"), ("许", "xu"),
    ("宋", "song"), ("郭", "guo"), ("戴", "dai"), ("唐", "tang"), ("严", "yan"), ("薛", "xue"),
    ("汤", "tang"), ("倪", "ni"), ("胡", "hu"), ("凌", "ling"), ("秦", "qin"), ("景", "jing"),
)

# Given-name characters, with pinyin. Men's and women's names of the generations now on committees.
GIVEN_MALE: tuple[tuple[str, str], ...] = (
    ("建", "jian"), ("国", "guo"), ("军", "jun"), ("明", "ming"), ("华", "hua"), ("伟", "wei"),
    ("峰", "feng"), ("强", "qiang"), ("斌", "bin"), ("海", "hai"), ("春", "chun"), ("东", "dong"),
    ("卫", "wei"), ("林", "lin"), ("平", "ping"), ("忠", "zhong"), ("勇", "yong"), ("涛", "tao"),
    ("健", "jian"), ("浩", "hao"), ("志", "zhi"), ("新", "xin"), ("鹏", "peng"), ("荣", "rong"),
    ("德", "de"), ("庆", "qing"), ("俊", "jun"), ("锋", "feng"), ("宏", "hong"), ("兵", "bing"),
)
GIVEN_FEMALE: tuple[tuple[str, str], ...] = (
    ("红", "hong"), ("霞", "xia"), ("丽", "li"), ("萍", "ping"), ("燕", "yan"), ("娟", "juan"),
    ("静", "jing"), ("敏", "min"), ("芳", "fang"), ("玲", "ling"), ("慧", "hui"), ("琴", "qin"),
    ("雯", "wen"), ("婷", "ting"), ("梅", "mei"), ("莉", "li"), ("颖", "ying"), ("洁", "jie"),
    ("蓉", "rong"), ("晓", "xiao"), ("秀", "xiu"), ("云", "yun"), ("雪", "xue"), ("佳", "jia"),
)

# Units and posts (工作单位及职务) per sector; drawn without repetition.
AFFILIATIONS: dict[str, tuple[str, ...]] = {
    "中共": (
        "区委办公室副主任", "区委宣传部副部长", "区委统战部副部长", "区发改委主任", "区财政局局长",
        "城东街道党工委书记", "和平桥街道党工委副书记", "任港街道办事处主任", "区住建局局长",
        "区城管局副局长", "区审计局局长", "区人社局副局长", "区商务局局长", "区司法局局长",
        "崇川经济开发区管委会副主任", "学田街道党工委书记", "区档案局局长", "区委组织部副部长",
        "区机关工委副书记", "区委党校副校长", "文峰街道党工委副书记", "区统计局局长",
    ),
    "民革": (
        "南通市崇川区人民法院审判员", "江苏海门路律师事务所主任", "南通市第三中学教师",
        "崇川区城市建设开发公司工程师", "南通市中医院主任医师", "南通华联商厦副总经理", "崇川区审计局科长",
    ),
    "民盟": (
        "南通大学文学院教授", "南通市第一中学副校长", "南通市崇川区实验小学校长", "南通大学附属医院副主任医师",
        "南通市文化馆副馆长", "南通日报社编辑", "江苏工程职业技术学院副教授", "南通市图书馆研究馆员",
        "崇川区教育体育局副局长",
    ),
    "民建": (
        "南通三建集团副总经理", "南通华强布业有限公司董事长", "崇川区财政局副局长", "中国银行南通崇川支行行长",
        "南通中南会计师事务所所长", "南通文峰大世界连锁发展股份有限公司副总经理", "江苏长江商业银行部门经理",
        "南通金属材料有限公司总经理", "国家税务总局南通市崇川区税务局科长",
    ),
    "民进": (
        "南通市崇川学校校长", "南通市实验中学特级教师", "崇川区文化馆馆长", "南通市少年宫副主任",
        "南通大学教育科学学院副教授", "南通市第二中学教师", "崇川区教育体育局教研室主任", "南通书画院画师",
    ),
    "农工党": (
        "南通市第一人民医院主任医师", "崇川区人民医院院长", "南通市中医院副院长", "南通市妇幼保健院主任医师",
        "崇川区疾病预防控制中心副主任", "南通市第三人民医院护士长", "南通大学医学院副教授",
        "崇川区卫生监督所所长",
    ),
    "致公党": (
        "南通华侨联谊会副秘书长", "南通通宝进出口有限公司总经理", "南通市外事办公室科长",
        "江苏文峰律师事务所律师", "南通中集物流有限公司副总经理",
    ),
    "九三学社": (
        "南通大学化学化工学院教授", "南通市农业科学研究院研究员", "南通市勘察设计院高级工程师",
        "崇川区科技局副局长", "南通大学信息科学技术学院副教授", "南通市环境监测中心站高级工程师",
        "南通市水利勘测设计研究院高级工程师",
    ),
    "无党派人士": (
        "南通大学经济管理学院教授", "崇川区统计局副局长", "南通市第一中学高级教师", "南通通明集团总工程师",
        "崇川区人民检察院检察员", "南通市博物苑副研究馆员", "崇川区住建局总工程师",
    ),
    "工商联": (
        "南通中南建设集团副总裁", "南通四建集团有限公司副董事长", "南通江海电容器股份有限公司总经理",
        "南通金鹰国际购物中心总经理", "南通百川投资有限公司董事长", "南通濠河餐饮管理有限公司董事长",
        "南通家纺城有限公司总经理", "南通星湖城市广场有限公司总经理", "南通乐购商贸有限公司店长",
        "南通中天科技有限公司副总经理", "南通紫琅软件园有限公司总经理", "南通万达广场商业管理有限公司总经理",
        "南通崇川区餐饮商会会长",
    ),
    "共青团": (
        "共青团崇川区委书记", "共青团崇川区委副书记", "崇川区青年企业家协会秘书长", "南通市崇川区青少年活动中心主任",
        "城东街道团工委书记",
    ),
    "妇联": (
        "崇川区妇联主席", "崇川区妇联副主席", "和平桥街道妇联主席", "南通市女企业家协会副会长",
        "南通巧娘家政服务有限公司总经理", "崇川区妇女儿童活动中心主任", "任港街道妇联主席",
    ),
    "科技界": (
        "崇川区科技局局长", "南通市生产力促进中心主任", "南通大学科技处副处长", "南通紫琅科技孵化器总经理",
        "南通市科学技术协会副主席", "崇川科技创业园主任", "南通通富微电子股份有限公司研发总监",
        "南通市专利信息中心主任", "南通航运职业技术学院副教授", "南通市计量检定测试所高级工程师",
        "江苏南通纺织科技研究所所长",
    ),
    "教育界": (
        "南通市崇川区教育体育局局长", "南通市第一初级中学校长", "南通市城中小学校长", "南通市通师一附小校长",
        "南通市崇川区实验幼儿园园长", "南通市第十一中学校长", "南通市东方中学副校长", "南通市虹桥第二小学校长",
        "南通市崇川区教师发展中心主任", "南通市五山小学校长", "南通市北城中学教师", "南通市田家炳中学副校长",
        "南通市崇川区少年体校校长",
    ),
    "文化艺术界": (
        "崇川区文化广电和旅游局局长", "南通市艺术剧院国家一级演员", "南通市书法家协会副主席", "南通市美术家协会理事",
        "南通蓝印花布博物馆馆长", "南通市作家协会副秘书长", "崇川区文化馆副研究馆员", "南通沈绣研究所所长",
        "南通市摄影家协会副主席",
    ),
    "医药卫生界": (
        "崇川区卫生健康委员会主任", "南通大学附属医院主任医师", "南通市第一人民医院副院长", "南通市肿瘤医院主任医师",
        "崇川区城东社区卫生服务中心主任", "南通市第六人民医院院长", "南通市中医院主任药师",
        "崇川区和平桥社区卫生服务中心主任", "南通市第二人民医院副主任医师", "南通瑞慈医院院长",
        "南通市口腔医院主任医师", "崇川区任港社区卫生服务中心主任", "南通市急救中心副主任",
    ),
    "经济界": (
        "崇川区工业和信息化局局长", "中国工商银行南通崇川支行行长", "崇川区国有资产投资控股有限公司总经理",
        "南通市崇川区商务局副局长", "江苏银行南通分行副行长", "南通国信投资有限公司副总经理",
        "崇川区城市建设投资有限公司董事长", "南通农村商业银行崇川支行行长", "南通港务集团副总经理",
        "南通大生集团有限公司副总经理", "国家税务总局南通市崇川区税务局副局长", "南通市崇川区发改委副主任",
        "南通招商局物流有限公司总经理",
    ),
    "社会福利和社会保障界": (
        "崇川区民政局局长", "崇川区残疾人联合会理事长", "南通市慈善总会崇川分会会长", "崇川区社会福利院院长",
        "崇川区红十字会常务副会长", "南通市崇川区老龄工作委员会办公室主任", "城东街道社区居委会主任",
    ),
}

AFFILIATIONS.update({
    "总工会": (
        "崇川区总工会副主席", "南通大生集团有限公司工会主席", "崇川区总工会经费审查委员会主任",
        "南通市崇川区职工服务中心主任", "城东街道总工会主席",
    ),
    "科协": (
        "崇川区科学技术协会主席", "南通市青年科技工作者协会副会长", "崇川区科普教育基地负责人",
        "南通市学会服务中心主任", "崇川区科技馆馆长",
    ),
    "侨联": (
        "崇川区归国华侨联合会副主席", "崇川区台湾同胞联谊会会长", "南通侨商投资有限公司总经理",
        "南通市海外联谊会理事",
    ),
    "少数民族和宗教界": (
        "南通市伊斯兰教协会副会长", "南通天宁禅寺监院", "南通市基督教两会副会长", "崇川区少数民族联谊会会长",
        "南通市天主教爱国会副主任",
    ),
    "特邀人士": (
        "崇川区人民法院原副院长", "崇川区人民检察院原检察长", "南通市崇川区律师协会会长",
        "崇川区退役军人事务局局长", "南通市新的社会阶层人士联谊会副会长", "崇川区港澳同胞联谊会会长",
        "南通市崇川区新联会秘书长",
    ),
})

# Leadership posts, each taken by a member of the sector named, in protocol order (排序); posts worded as
# offices word them, "、" between them.
LEADERSHIP: tuple[tuple[str, str, str, str], ...] = (
    # role, sector, post, 政治面貌
    ("chair", "中共", "区政协主席、党组书记", "中共党员"),
    ("vice_chair", "中共", "区政协副主席、党组副书记", "中共党员"),
    ("vice_chair", "中共", "区政协副主席、党组成员", "中共党员"),
    ("vice_chair", "民盟", "区政协副主席、民盟崇川区基层委员会主委", "民盟"),
    ("vice_chair", "民建", "区政协副主席、民建崇川区基层委员会主委", "民建"),
    ("vice_chair", "工商联", "区政协副主席、区工商联主席", "无党派人士"),
    ("secretary_general", "中共", "区政协党组成员、秘书长", "中共党员"),
)

# 分工联系 (seed §5 and §13): the sectors each leader keeps in touch with, in LEADERSHIP's order. The
# streets and the special committees they look after are in organs.py.
LIAISON_SECTORS: tuple[tuple[str, ...], ...] = (
    ("中共", "特邀人士"),
    ("总工会", "共青团", "妇联"),
    ("经济界", "少数民族和宗教界"),
    ("民盟", "教育界", "文化艺术界"),
    ("民建", "民革", "致公党", "侨联"),
    ("工商联", "科技界", "科协", "九三学社"),
    ("民进", "农工党", "医药卫生界", "社会福利和社会保障界", "无党派人士"),
)

# Standing members (常委) beyond the leadership, per sector: every party and group has its voice.
STANDING_PER_SECTOR: dict[str, int] = {
    "中共": 5, "民革": 1, "民盟": 2, "民建": 2, "民进": 2, "农工党": 2, "致公党": 1, "九三学社": 1,
    "无党派人士": 2, "工商联": 2, "总工会": 1, "共青团": 1, "妇联": 1, "科协": 1, "侨联": 1, "科技界": 2,
    "教育界": 2, "文化艺术界": 1, "医药卫生界": 2, "经济界": 2, "社会福利和社会保障界": 1, "少数民族和宗教界": 1,
    "特邀人士": 1,
}


@dataclass(frozen=True)
class MemberSpec:
    """One demo member as it will be stored."""

    number: str  # member number (委员编号)
    name: str
    sector: str
    role: str | None
    is_standing: bool
    affiliation: str
    phone: str
    email: str
    gender: str = ""  # male, female
    party: str = ""  # 政治面貌
    protocol_order: int = 0  # leaders: 10, 20, … in LEADERSHIP's order
    liaison_sectors: tuple[str, ...] = ()  # leaders: 分工联系界别


def _name(rng: random.Random, female: bool, seen: set[str]) -> tuple[str, str]:
    """Return a (name, pinyin) pair not in `seen` (and add it): about a third two-character names."""
    pool = GIVEN_FEMALE if female else GIVEN_MALE
    while True:
        surname, surname_py = rng.choice(SURNAMES)
        first, first_py = rng.choice(pool)
        if rng.random() < 0.33:
            name, py = surname + first, surname_py + first_py
        else:
            second, second_py = rng.choice(pool)
            if second == first and rng.random() < 0.8:
                continue  # 丽丽, 明明: a few doubled names are real, most are not
            name, py = surname + first + second, surname_py + first_py + second_py
        if name not in seen:
            seen.add(name)
            return name, py


def build_members(seed: int = SEED) -> list[MemberSpec]:
    """Return the demo's members: one per seat of SECTORS, with leadership and standing members marked,
    genders fitting the seat (妇联 seats are women's), 政治面貌, protocol order and leaders' liaison sectors.

    Deterministic for a given seed; names, member numbers, phones and e-mails are all distinct.
    """
    rng = random.Random(seed)
    leaders_by_sector: dict[str, list[tuple[int, str, str, str]]] = {}
    for rank, (role, sector, post, party) in enumerate(LEADERSHIP):
        leaders_by_sector.setdefault(sector, []).append((rank, role, post, party))

    specs: list[MemberSpec] = []
    emails: set[str] = set()
    seen: set[str] = set()
    index = 0
    for sector, count in SECTORS:
        posts = list(AFFILIATIONS[sector])
        rng.shuffle(posts)
        leaders = leaders_by_sector.get(sector, [])
        standing_left = STANDING_PER_SECTOR.get(sector, 0)
        for seat in range(count):
            index += 1
            female = sector in FEMALE_SECTORS or rng.random() < FEMALE_SHARE
            name, py = _name(rng, female, seen)
            protocol_order, liaison = 0, ()
            if seat < len(leaders):
                rank, role, affiliation, party = leaders[seat]
                standing = True
                protocol_order, liaison = (rank + 1) * 10, LIAISON_SECTORS[rank]
            else:
                role = None
                affiliation = posts.pop() if posts else f"{sector}委员"
                party = rng.choice(PARTY_OF_SECTOR[sector])
                standing = standing_left > 0
                standing_left -= int(standing)
            email = f"{py}@example.com"
            suffix = 2
            while email in emails:
                email = f"{py}{suffix}@example.com"
                suffix += 1
            emails.add(email)
            specs.append(
                MemberSpec(
                    number=f"08{index:03d}",
                    name=name,
                    sector=sector,
                    role=role,
                    is_standing=standing,
                    affiliation=affiliation,
                    phone=f"138-0000-{index:04d}",
                    email=email,
                    gender="female" if female else "male",
                    party=party,
                    protocol_order=protocol_order,
                    liaison_sectors=liaison,
                )
            )
    return specs
