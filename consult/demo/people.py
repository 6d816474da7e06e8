"""The demo committee's people: its sectors (界别) and ~150 members with their units and posts.

Pure and deterministic: a fixed random seed, no Flask, no database. Everything is fictitious; phone
numbers are in the 138-0000-xxxx block and e-mail addresses at example.com.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

# The seed is the date of 八届十二次常委会议 in the seed work plan: the same people on every machine.
SEED = 20140219

# Sectors in the order the committee lists them, with how many members each has.
SECTORS: tuple[tuple[str, int], ...] = (
    ("中共", 20),
    ("民革", 6),
    ("民盟", 8),
    ("民建", 8),
    ("民进", 7),
    ("农工党", 7),
    ("致公党", 4),
    ("九三学社", 6),
    ("无党派人士", 6),
    ("工商联", 12),
    ("共青团", 4),
    ("妇联", 6),
    ("科技界", 10),
    ("教育界", 12),
    ("文化艺术界", 8),
    ("医卫界", 12),
    ("经济界", 12),
    ("社会福利界", 6),
)

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
        "崇川经济开发区管委会副主任", "学田街道党工委书记", "区档案局局长", "区总工会副主席",
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
        "南通金属材料有限公司总经理", "崇川区国税局科长",
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
        "崇川区文广新局局长", "南通市艺术剧院国家一级演员", "南通市书法家协会副主席", "南通市美术家协会理事",
        "南通蓝印花布博物馆馆长", "南通市作家协会副秘书长", "崇川区文化馆副研究馆员", "南通沈绣研究所所长",
        "南通市摄影家协会副主席",
    ),
    "医卫界": (
        "崇川区卫生局局长", "南通大学附属医院主任医师", "南通市第一人民医院副院长", "南通市肿瘤医院主任医师",
        "崇川区城东社区卫生服务中心主任", "南通市第六人民医院院长", "南通市中医院主任药师",
        "崇川区和平桥社区卫生服务中心主任", "南通市第二人民医院副主任医师", "南通瑞慈医院院长",
        "南通市口腔医院主任医师", "崇川区任港社区卫生服务中心主任", "南通市急救中心副主任",
    ),
    "经济界": (
        "崇川区经信委主任", "中国工商银行南通崇川支行行长", "崇川区国有资产投资控股有限公司总经理",
        "南通市崇川区商务局副局长", "江苏银行南通分行副行长", "南通国信投资有限公司副总经理",
        "崇川区城市建设投资有限公司董事长", "南通农村商业银行崇川支行行长", "南通港务集团副总经理",
        "南通大生集团有限公司副总经理", "崇川区地税局副局长", "南通市崇川区发改委副主任",
        "南通招商局物流有限公司总经理",
    ),
    "社会福利界": (
        "崇川区民政局局长", "崇川区残疾人联合会理事长", "南通市慈善总会崇川分会会长", "崇川区社会福利院院长",
        "崇川区红十字会常务副会长", "南通市崇川区老龄工作委员会办公室主任", "城东街道社区居委会主任",
    ),
}

# Leadership posts, each taken by a member of the sector named.
LEADERSHIP: tuple[tuple[str, str, str], ...] = (
    ("chair", "中共", "区政协主席、党组书记"),
    ("vice_chair", "中共", "区政协副主席、党组副书记"),
    ("vice_chair", "中共", "区政协副主席、党组成员"),
    ("vice_chair", "民盟", "区政协副主席，民盟崇川区基层委员会主委"),
    ("vice_chair", "民建", "区政协副主席，民建崇川区基层委员会主委"),
    ("vice_chair", "工商联", "区政协副主席，区工商联主席"),
    ("secretary_general", "中共", "区政协秘书长、机关党组成员"),
)

# Standing members (常委) beyond the leadership, per sector: every party and group has its voice.
STANDING_PER_SECTOR: dict[str, int] = {
    "中共": 6, "民革": 1, "民盟": 2, "民建": 2, "民进": 2, "农工党": 2, "致公党": 1, "九三学社": 1,
    "无党派人士": 2, "工商联": 3, "共青团": 1, "妇联": 1, "科技界": 2, "教育界": 2, "文化艺术界": 1,
    "医卫界": 2, "经济界": 2, "社会福利界": 1,
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


def _names(rng: random.Random, count: int) -> list[tuple[str, str]]:
    """Return `count` distinct (name, pinyin) pairs: about a third two-character names."""
    seen: set[str] = set()
    names: list[tuple[str, str]] = []
    while len(names) < count:
        surname, surname_py = rng.choice(SURNAMES)
        pool = GIVEN_MALE if rng.random() < 0.62 else GIVEN_FEMALE
        first, first_py = rng.choice(pool)
        if rng.random() < 0.33:
            name, py = surname + first, surname_py + first_py
        else:
            second, second_py = rng.choice(pool)
            if second == first and rng.random() < 0.8:
                continue  # 丽丽, 明明: a few doubled names are real, most are not
            name, py = surname + first + second, surname_py + first_py + second_py
        if name in seen:
            continue
        seen.add(name)
        names.append((name, py))
    return names


def build_members(seed: int = SEED) -> list[MemberSpec]:
    """Return the demo's members: one per seat of SECTORS, with leadership and standing members marked.

    Deterministic for a given seed; names, member numbers, phones and e-mails are all distinct.
    """
    rng = random.Random(seed)
    total = sum(count for _, count in SECTORS)
    names = _names(rng, total)
    leaders_by_sector: dict[str, list[tuple[str, str]]] = {}
    for role, sector, post in LEADERSHIP:
        leaders_by_sector.setdefault(sector, []).append((role, post))

    specs: list[MemberSpec] = []
    emails: set[str] = set()
    index = 0
    for sector, count in SECTORS:
        posts = list(AFFILIATIONS[sector])
        rng.shuffle(posts)
        leaders = leaders_by_sector.get(sector, [])
        standing_left = STANDING_PER_SECTOR.get(sector, 0)
        for seat in range(count):
            name, py = names[index]
            index += 1
            if seat < len(leaders):
                role, affiliation = leaders[seat]
                standing = True
            else:
                role = None
                affiliation = posts.pop() if posts else f"{sector}界别委员"
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
                )
            )
    return specs
