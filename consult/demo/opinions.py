"""The demo's opinions (意见建议): what members said or wrote on the topics of the sittings already held, in their
own voice, so that the opinion desk and the minutes have real material. Deterministic; loading twice adds
nothing (each opinion has a fixed submission key)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from consult.extensions import db
from consult.meetings.models import Meeting
from consult.meetings.queries import invitees_for_page
from consult.onsite.services import onsite_for
from consult.opinions.services import give_opinion, opinion_by_key

# (a phrase of the topic's title, opinions on it). An opinion is its text, optionally with "anonymous" (the
# minutes may not name the member), "speech" (staff typed it from the speech) or a guest (name, organisation).
OPINIONS: tuple[tuple[str, tuple[dict, ...]], ...] = (
    ("老旧小区", (
        {"text": "老旧小区改造完成后，长效管理跟不上是普遍问题。建议街道牵头成立业主自治小组，引入“菜单式”物业服务，"
                 "由居民按需选择保洁、保安等服务项目，费用按户公示。同时，请区住建局把加装电梯纳入改造清单，"
                 "对一楼住户给予适当补偿，减少协调阻力。"},
        {"text": "建议把老旧小区的停车问题作为改造重点。可以利用小区周边边角地块建设立体停车设施，"
                 "夜间向居民错时开放周边机关企事业单位停车场。改造方案公示时间不少于十五天，充分听取居民意见。",
         "anonymous": True},
        {"text": "建议加快推进老旧小区改造，增设电梯和停车位，改善居民生活条件。改造要与海绵城市建设结合，"
                 "一次施工解决雨污分流、管线入地等问题，避免反复开挖。"},
        {"text": "建议加快推进老旧小区改造，增设电梯、停车位，改善居民的生活条件。改造应与海绵城市建设相结合，"
                 "一次施工解决雨污分流和管线入地，避免反复开挖扰民。", "speech": True},
    )),
    ("养老", (
        {"text": "社区居家养老服务站利用率不高，主要原因是服务项目与老人需求不匹配。建议开展一次入户需求调查，"
                 "重点增加助餐、助浴、陪同就医等服务。对高龄独居老人，可由网格员每周上门一次，建立探访台账。"},
        {"text": "建议探索“时间银行”互助养老模式，低龄老人为高龄老人提供服务，记录服务时长，将来可兑换服务。"
                 "区民政局可以先选两个社区试点，总结经验后再推开。"},
        {"text": "养老服务人才短缺的问题很突出。建议与本地职业院校合作开设养老护理订单班，"
                 "对在社区养老机构连续工作满三年的护理员给予岗位补贴，稳定队伍。"},
    )),
    ("商贸流通", (
        {"text": "营商环境的关键在于政策兑现。建议区商务局梳理现有扶持政策，编制一张清单，做到“免申即享”，"
                 "企业不用反复跑、反复交材料。对政策兑现情况每半年向社会公布一次。"},
        {"text": "南大街等传统商业街区客流下降明显。建议引入夜间经济，延长营业时间，配套公交延时和临时停车，"
                 "并对街区内首店、老字号给予租金补贴。", "speech": True},
        {"text": "商贸流通企业普遍反映用工成本上升、线上冲击加大。建议对传统商贸企业数字化改造给予一次性奖励，"
                 "组织本地商户集中入驻主流电商平台，由区里统一做品牌推广。",
         "guest": ("钱国华", "区工商联副主席（列席）")},
    )),
    ("小微企业融资", (
        {"text": "小微企业融资难，难在缺少抵押物。建议扩大区级政府性融资担保规模，降低担保费率到1%以下，"
                 "推广知识产权质押、应收账款质押等产品。银行对小微企业的授信审批时间应当压缩到五个工作日以内。"},
        {"text": "建议建立区级“政银企”对接平台，每季度组织一次银企对接会，把企业融资需求清单直接推送给银行。"
                 "对贷款贴息资金要及时足额拨付。", "anonymous": True},
    )),
    ("科技企业创新", (
        {"text": "我区科技企业研发投入占比偏低。建议对研发费用加计扣除政策加大宣传辅导，"
                 "设立区级科技创新券，企业购买高校院所的检测、研发服务可以抵扣一部分费用。"},
        {"text": "人才是创新的根本。建议在紫琅科技城建设人才公寓，对引进的高层次人才在子女入学、"
                 "配偶就业方面提供一站式服务，解决他们的后顾之忧。", "speech": True},
    )),
    ("医疗联合体", (
        {"text": "医联体建设要让群众真正得实惠。建议推动专家定期下沉社区卫生服务中心坐诊，并公布排班表；"
                 "检查结果在医联体内互认，减少重复检查，减轻患者负担。"},
        {"text": "建议加快医联体内信息系统互联互通，实现电子病历共享、双向转诊在线办理。"
                 "社区卫生服务中心的慢病药品目录应与上级医院衔接，方便老年患者就近取药。", "anonymous": True},
        {"text": "社区卫生服务中心全科医生缺口较大，建议对到社区工作的医生在职称评审上单列指标。"
                 "家庭医生签约服务应把服务质量而不是签约数量作为考核重点。",
         "guest": ("周立新", "区卫健委基层卫生科科长")},
    )),
    ("生态", (
        {"text": "濠河风景区生态修复成效明显，但部分支流水质仍不稳定。建议实行河长制季度通报，"
                 "对沿河排口逐一建档，查清来源，限期整改。"},
        {"text": "建议把五山地区生态修复与文旅融合发展结合起来，在保护的前提下建设步道、驿站。"
                 "同时完善标识系统，让市民看得见、走得进、留得住。"},
    )),
    ("经济运行", (
        {"text": "上半年经济运行总体平稳，但工业投资增速回落需要引起重视。建议对在建重点项目实行挂图作战，"
                 "一个项目一名区领导牵头，及时协调解决用地、用能等问题。"},
        {"text": "财政收支平衡压力加大，建议严格控制一般性支出，盘活存量资金和闲置资产。"
                 "有限的财力要优先保障民生和重点项目。", "speech": True},
    )),
    ("城管体制", (
        {"text": "城建管养新体制运行以来，市、区职责边界仍有模糊地带。建议编制一张权责清单，"
                 "明确道路、绿化、路灯等设施的管养主体，避免推诿。"},
    )),
    ("安置房", (
        {"text": "安置房建设要把质量放在首位。建议邀请被安置群众代表参与质量监督，"
                 "交付前组织群众开放日，发现问题及时整改，整改结果向群众反馈。"},
    )),
    ("提案", (
        {"text": "重点提案办理要避免“答复了事”。建议承办单位在答复前与提案人当面沟通，"
                 "办理结果由提案人评价，评价不满意的要二次办理。", "speech": True},
        {"text": "我们承办的重点提案已逐条制定办理方案。建议今后提案交办前先与承办单位沟通，"
                 "对涉及多个部门的提案明确主办、会办责任，提高办理实效。",
         "guest": ("孙伟", "区发改委办公室主任（承办单位）")},
    )),
)


def _opinions_for(title: str) -> tuple[dict, ...]:
    return next((opinions for phrase, opinions in OPINIONS if phrase in title), ())


def load_opinions(admin_id: int | None) -> int:
    """Give the held sittings' topics their opinions, from the sitting's invitees (in the sitting's order of
    invitees, so the same members each time); return how many were added. Flushes, never commits."""
    added = 0
    held = db.session.scalars(select(Meeting).where(Meeting.status == "held").order_by(Meeting.starts_at, Meeting.id))
    for meeting in held:
        invitees = [row.id for row in invitees_for_page(meeting.id)]
        planned = [(topic, _opinions_for(topic.title)) for topic in meeting.topics]
        if not invitees or not any(opinions for _, opinions in planned):
            continue
        onsite_for(meeting.id)
        turn = 0
        for topic, opinions in planned:
            for number, opinion in enumerate(opinions, start=1):
                guest = opinion.get("guest")
                member_id = None if guest else invitees[(turn * 7 + meeting.id) % len(invitees)]
                turn += 0 if guest else 1
                if opinion_by_key(meeting.id, f"demo-{topic.id:06d}-{number:03d}") is not None:
                    continue  # loaded by an earlier demo, whose keys were one character too short to be edited
                # A key as long as the phone form's shortest (opinions.text.SUBMISSION_KEY_PATTERN): the author can
                # edit or withdraw a demo opinion like one they typed.
                _, created = give_opinion(
                    meeting_id=meeting.id, topic_id=topic.id, submission_key=f"demo-{topic.id:06d}-{number:04d}",
                    text=opinion["text"], named=not opinion.get("anonymous", False),
                    now=meeting.starts_at + timedelta(minutes=20 + 9 * turn), member_id=member_id,
                    guest_name=guest[0] if guest else "", guest_organisation=guest[1] if guest else "",
                    recorded_by_id=admin_id if opinion.get("speech") else None,
                )
                added += created
    return added
