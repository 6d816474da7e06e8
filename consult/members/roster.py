"""The member roster as a spreadsheet: parsing rows, matching organs, planning an import.

Pure: plain values in, plain values out; no flask, no database. Messages are English msgids with
parameters (`Problem.message(gettext)`), so views can show them in the reader's language.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

# The shared CSV toolkit: problems, the key normaliser and the organ resolver (re-exported for the members domain).
from consult.csv_files import N_, OrganChoice, Problem, match_organ, normalize_key  # noqa: F401

# Column → the other headings it may have in a file (see consult.csv_files.read_table).
MEMBER_COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("姓名",),
    "sector": ("界别",),
    "organs": ("所属机构", "专委会", "机构"),
    "role": ("职务", "领导职务"),
    "standing": ("是否常委", "常委", "standing_flag", "is_standing"),
    "phone": ("手机", "电话", "联系电话", "手机号码"),
    "email": ("电子邮箱", "邮箱", "e-mail"),
    "member_number": ("委员编号", "编号"),
    "affiliation": ("工作单位及职务", "工作单位", "单位及职务"),
    "gender": ("性别", "sex"),
    "party": ("政治面貌", "党派", "政治面貌/党派", "政治面貌（党派）"),
}
REQUIRED_MEMBER_COLUMNS = {"name", "sector"}
# The headings of the downloadable template, in this order.
TEMPLATE_HEADINGS = ("姓名", "性别", "政治面貌", "界别", "所属机构", "职务", "是否常委", "手机", "电子邮箱", "委员编号",
                     "工作单位及职务")

# The lengths of the Member and Sector columns.
MAX_LENGTHS = {"name": 50, "sector": 40, "member_number": 20, "affiliation": 200, "phone": 30, "email": 120}

ROLE_WORDS = {
    "chair": "chair", "主席": "chair",
    "vicechair": "vice_chair", "副主席": "vice_chair", "常务副主席": "vice_chair",
    "secretarygeneral": "secretary_general", "秘书长": "secretary_general",
    "": None, "none": None, "无": None, "-": None, "—": None, "/": None,
}
GENDER_WORDS = {"男": "male", "m": "male", "male": "male", "女": "female", "f": "female", "female": "female", "": ""}
GENDER_HEADINGS = {"male": "男", "female": "女"}
# 政治面貌/党派 as people write them → the stored short name (models.PARTIES).
PARTY_WORDS = {
    "中共党员": "中共党员", "中共": "中共党员", "中国共产党党员": "中共党员", "共产党员": "中共党员",
    "党员": "中共党员", "中共预备党员": "中共党员",
    "民革": "民革", "民革党员": "民革", "民盟": "民盟", "民盟盟员": "民盟", "民建": "民建", "民建会员": "民建",
    "民进": "民进", "民进会员": "民进", "农工党": "农工党", "农工党党员": "农工党", "致公党": "致公党",
    "致公党党员": "致公党", "九三学社": "九三学社", "九三学社社员": "九三学社", "台盟": "台盟", "台盟盟员": "台盟",
    "无党派人士": "无党派人士", "无党派": "无党派人士", "群众": "群众", "": "",
}
TRUE_WORDS = {"是", "y", "yes", "1", "true", "t", "常委", "√", "✓", "✔"}
FALSE_WORDS = {"否", "n", "no", "0", "false", "f", "", "无", "-", "—", "/", "×"}

ORGAN_SEPARATORS = re.compile(r"[、,，;；|｜\n/]+")
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]+")
CJK_NAME = re.compile(r"[\u3400-\u9fff\uf900-\ufaff·•・ \u3000]+")


@dataclass(frozen=True)
class MemberRecord:
    """One parsed row. `present` names the columns the file has: only those change an existing member."""

    line: int
    name: str
    sector: str
    present: frozenset[str]
    organ_ids: frozenset[int] = frozenset()
    role: str | None = None
    is_standing: bool = False
    phone: str = ""
    email: str = ""
    member_number: str | None = None
    affiliation: str = ""
    gender: str = ""
    party: str = ""


@dataclass(frozen=True)
class ExistingMember:
    """What the database holds for a member, as far as the import compares it."""

    id: int
    name: str
    sector: str
    member_number: str | None
    role: str | None
    is_standing: bool
    phone: str
    email: str
    affiliation: str
    organ_ids: frozenset[int]
    gender: str = ""
    party: str = ""


# Columns of the file that map one-to-one onto attributes of the same name.
_FIELD_OF_COLUMN = {"role": "role", "standing": "is_standing", "phone": "phone", "email": "email",
                    "gender": "gender", "party": "party",
                    "affiliation": "affiliation", "organs": "organ_ids", "member_number": "member_number"}


@dataclass(frozen=True)
class MemberUpdate:
    """An existing member the import changes: the record, the names of the attributes that change and what the
    database held before (for the audit log)."""

    member_id: int
    record: MemberRecord
    changes: tuple[str, ...]
    existing: ExistingMember | None = None


@dataclass
class ImportPlan:
    """What an import will do: the problems (none, or nothing is written), new and changed members."""

    problems: list[Problem] = field(default_factory=list)
    new: list[MemberRecord] = field(default_factory=list)
    updates: list[MemberUpdate] = field(default_factory=list)
    unchanged: list[MemberRecord] = field(default_factory=list)
    new_sectors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when the file has no problems and can be imported."""
        return not self.problems

    @property
    def row_count(self) -> int:
        """Return the number of rows that parsed."""
        return len(self.new) + len(self.updates) + len(self.unchanged)


def clean_name(text: str) -> str:
    """Return a person's name with runs of white space collapsed.

    Chinese names padded for alignment in Word or Excel ("王  伟") lose their inner spaces.
    """
    text = " ".join(text.split())
    if CJK_NAME.fullmatch(text):
        text = re.sub(r"[ \u3000]", "", text)
    return text


def parse_role(text: str) -> tuple[bool, str | None]:
    """Return (recognised, role) for a role cell: chair, vice_chair, secretary_general or None (blank)."""
    key = normalize_key(text)
    if key in ROLE_WORDS:
        return True, ROLE_WORDS[key]
    return False, None


def parse_flag(text: str) -> bool | None:
    """Return True or False for a yes/no cell (是/否, Y/N, 1/0, true/false, 常委; blank = no), None if unclear."""
    key = normalize_key(text)
    if key in TRUE_WORDS:
        return True
    if key in FALSE_WORDS:
        return False
    return None


def parse_member_row(
    line: int, row: Mapping[str, str], present: Iterable[str], organs: Iterable[OrganChoice]
) -> tuple[MemberRecord | None, list[Problem]]:
    """Return (the member a CSV row describes, []) or (None, every problem of the row).

    `row` maps the columns of MEMBER_COLUMNS to stripped cells; `present` names the columns the
    file has; `organs` are the organs a row may name.
    """
    present = frozenset(present)
    organs = list(organs)
    problems: list[Problem] = []

    def problem(msgid: str, **params: object) -> None:
        problems.append(Problem(line, msgid, params))

    name = clean_name(row.get("name", ""))
    sector = " ".join(row.get("sector", "").split())
    if not name:
        problem(N_("The name is empty."))
    if not sector:
        problem(N_("The sector is empty."))
    values = {
        "name": name,
        "sector": sector,
        "member_number": row.get("member_number", "").strip(),
        "affiliation": " ".join(row.get("affiliation", "").split()),
        "phone": row.get("phone", "").strip(),
        "email": row.get("email", "").strip(),
    }
    labels = {"name": N_("name"), "sector": N_("sector"), "member_number": N_("member number"),
              "affiliation": N_("affiliation"), "phone": N_("phone"), "email": N_("email")}
    for column, limit in MAX_LENGTHS.items():
        if len(values[column]) > limit:
            problem(N_("The %(column)s is longer than %(limit)d characters."), column=labels[column], limit=limit)
    if values["email"] and not EMAIL.fullmatch(values["email"]):
        problem(N_("“%(email)s” is not an email address."), email=values["email"])

    known_role, role = parse_role(row.get("role", ""))
    if not known_role:
        problem(N_("Unknown role “%(role)s”: use 主席, 副主席, 秘书长 (chair, vice_chair, secretary_general) or leave "
                   "it blank."), role=row.get("role", ""))
    is_standing = parse_flag(row.get("standing", ""))
    if is_standing is None:
        problem(N_("Unknown standing-committee flag “%(flag)s”: use 是 or 否 (Y/N, 1/0)."),
                flag=row.get("standing", ""))

    gender = GENDER_WORDS.get(normalize_key(row.get("gender", "")))
    if gender is None:
        problem(N_("Unknown gender “%(gender)s”: use 男 or 女."), gender=row.get("gender", ""))
    party = PARTY_WORDS.get(normalize_key(row.get("party", "")))
    if party is None:
        problem(N_("Unknown political affiliation “%(party)s”: use 中共党员, a party's short name (民革 …), "
                   "无党派人士 or 群众."), party=row.get("party", ""))
    organ_ids: set[int] = set()
    for part in ORGAN_SEPARATORS.split(row.get("organs", "")):
        part = part.strip()
        if not part:
            continue
        organ, candidates = match_organ(part, organs)
        if organ is not None:
            organ_ids.add(organ.id)
        elif candidates:
            problem(N_("The organ “%(organ)s” is ambiguous: it could be %(candidates)s."),
                    organ=part, candidates="、".join(candidates))
        else:
            problem(N_("Unknown organ “%(organ)s”."), organ=part)

    if problems:
        return None, problems
    record = MemberRecord(
        line=line,
        name=name,
        sector=sector,
        present=present,
        organ_ids=frozenset(organ_ids),
        role=role,
        is_standing=bool(is_standing),
        phone=values["phone"],
        email=values["email"],
        member_number=values["member_number"] or None,
        affiliation=values["affiliation"],
        gender=gender or "",
        party=party or "",
    )
    return record, []


def _changes(record: MemberRecord, existing: ExistingMember) -> tuple[str, ...]:
    changes = []
    for column in sorted(record.present):
        attribute = _FIELD_OF_COLUMN.get(column)
        if attribute is None:
            continue
        if getattr(record, attribute) != getattr(existing, attribute):
            changes.append(attribute)
    return tuple(changes)


def plan_import(
    records: Iterable[MemberRecord],
    existing: Iterable[ExistingMember],
    sectors: Iterable[str],
    problems: Iterable[Problem] = (),
) -> ImportPlan:
    """Return what importing the parsed records would do, with every problem found.

    A record matches an existing member by member number; failing that, by exact name and sector
    (and a member found so gets the record's number only if they have none). Two rows for one
    member number, one name and sector, or one existing member are problems. Sectors not in
    `sectors` will be created.
    """
    plan = ImportPlan(problems=list(problems))
    existing = list(existing)
    by_number = {m.member_number: m for m in existing if m.member_number}
    by_name: dict[tuple[str, str], list[ExistingMember]] = {}
    for m in existing:
        by_name.setdefault((m.name, m.sector), []).append(m)
    known_sectors = set(sectors)
    number_line: dict[str, int] = {}
    name_line: dict[tuple[str, str], int] = {}
    member_line: dict[int, int] = {}

    for record in records:
        problem_count = len(plan.problems)

        def problem(msgid: str, record: MemberRecord = record, **params: object) -> None:
            plan.problems.append(Problem(record.line, msgid, params))

        number = record.member_number
        if number and number in number_line:
            problem(N_("The member number %(number)s is already used on line %(other)d."),
                    number=number, other=number_line[number])
        key = (record.name, record.sector)
        if key in name_line:
            problem(N_("%(name)s (%(sector)s) is already on line %(other)d; give both rows their member numbers if "
                       "they are two people."), name=record.name, sector=record.sector, other=name_line[key])
        match = by_number.get(number) if number else None
        if match is None:
            same_name = [m for m in by_name.get(key, []) if not number or not m.member_number]
            if len(same_name) > 1:
                problem(N_("Several members are called %(name)s in the sector %(sector)s; add the member number."),
                        name=record.name, sector=record.sector)
            elif same_name:
                match = same_name[0]
        if match is not None and match.id in member_line:
            problem(N_("This row and line %(other)d are the same member (%(name)s)."),
                    other=member_line[match.id], name=match.name)
        if number:
            number_line.setdefault(number, record.line)
        name_line.setdefault(key, record.line)
        if match is not None:
            member_line.setdefault(match.id, record.line)
        if len(plan.problems) > problem_count:
            continue

        if record.sector not in known_sectors:
            known_sectors.add(record.sector)
            plan.new_sectors.append(record.sector)
        if match is None:
            plan.new.append(record)
            continue
        if record.member_number is None and match.member_number:
            record = replace(record, member_number=match.member_number)  # a blank number never removes one
        changes = _changes(record, match)
        if match.name != record.name:
            changes = ("name", *changes)
        if match.sector != record.sector:
            changes = ("sector", *changes)
        if changes:
            plan.updates.append(MemberUpdate(match.id, record, changes, match))
        else:
            plan.unchanged.append(record)
    plan.problems.sort(key=lambda p: p.line)
    return plan
