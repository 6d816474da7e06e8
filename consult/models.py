"""Imports every model so that Alembic and create_all see the whole schema."""

from consult.api.models import ApiToken
from consult.audit.models import AuditEntry
from consult.auth.models import User
from consult.committee.models import Committee
from consult.feeds.models import FeedVersion
from consult.followup.models import ApprovedText, Decision, DecisionEvent
from consult.materials.models import Material
from consult.meetings.models import Invitation, Meeting, Topic
from consult.members.models import Member, Organ, Sector, organ_member
from consult.minutes.models import Minutes, MinutesVersion, PrintedOpinion, TopicSummary
from consult.notices.models import Notice, NoticeBatch
from consult.onsite.models import AttendanceRecord, IdentifyFailure, LeaveRequest, OnsiteSitting
from consult.opinions.models import DistinctPair, Opinion
from consult.plans.models import ConsultationPlan, PlanItem
from consult.records.models import AbsenceRuleSet, StoredAbsenceRule

__all__ = [
    "AbsenceRuleSet",
    "ApiToken",
    "ApprovedText",
    "AttendanceRecord",
    "AuditEntry",
    "Committee",
    "DistinctPair",
    "ConsultationPlan",
    "Decision",
    "DecisionEvent",
    "FeedVersion",
    "IdentifyFailure",
    "Invitation",
    "Material",
    "Meeting",
    "LeaveRequest",
    "Member",
    "Minutes",
    "MinutesVersion",
    "Notice",
    "NoticeBatch",
    "OnsiteSitting",
    "Opinion",
    "Organ",
    "PlanItem",
    "PrintedOpinion",
    "Sector",
    "StoredAbsenceRule",
    "Topic",
    "TopicSummary",
    "User",
    "organ_member",
]
