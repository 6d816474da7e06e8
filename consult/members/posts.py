"""Posts inside organs (主任, 副主任, 召集人 …) and the rules a set of posts must keep.

Pure: plain values in and out; no Flask, no database. Messages are English msgids marked with N_.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from consult.csv_files import N_

# The posts each organ kind has, in the order an office lists them, with how many holders each may
# have (None: any number). Chinese words as offices use them: 主任/副主任 in a 专委会 and a 街道政协工委,
# 召集人/副召集人 in a 界别小组.
POSTS_BY_KIND: dict[str, tuple[tuple[str, int | None], ...]] = {
    "special_committee": (("director", 1), ("deputy_director", None)),
    "street_committee": (("director", 1), ("deputy_director", None)),
    "sector_group": (("convener", 1), ("deputy_convener", None)),
}

# The Chinese words of each post, for generated text and the demo.
POST_WORDS = {"director": "主任", "deputy_director": "副主任", "convener": "召集人", "deputy_convener": "副召集人"}

# The Chinese words of the committee's leadership roles (Member.role), for generated text and exports.
ROLE_WORDS = {"chair": "主席", "vice_chair": "副主席", "secretary_general": "秘书长"}


def posts_of_kind(kind: str) -> tuple[str, ...]:
    """Return the posts an organ of `kind` has, heads first; empty for organs without posts."""
    return tuple(post for post, _limit in POSTS_BY_KIND.get(kind, ()))


def post_rank(kind: str, post: str | None) -> int:
    """Return where a holder of `post` stands in the organ's list: 0 for the head, …, len(posts) for none."""
    posts = posts_of_kind(kind)
    return posts.index(post) if post in posts else len(posts)


@dataclass(frozen=True)
class PostProblem:
    """Why a set of posts cannot be stored: an English msgid and its parameters (`post` is a post's code)."""

    msgid: str
    params: dict = field(default_factory=dict)


def post_problems(kind: str, assignments: Iterable[tuple[int, str]]) -> list[PostProblem]:
    """Return what is wrong with giving the posts `assignments` ((member_id, post) pairs) in an organ of `kind`.

    Problems: a post the kind does not have, a member in two posts, more holders of a post than it
    allows (two 主任). Empty when the posts can be stored.
    """
    pairs = list(assignments)
    limits = dict(POSTS_BY_KIND.get(kind, ()))
    problems: list[PostProblem] = []
    for post in sorted({post for _, post in pairs if post not in limits}):
        problems.append(PostProblem(N_("This organ has no such post."), {"post": post}))
    per_member = Counter(member_id for member_id, _ in pairs)
    for member_id in sorted(m for m, n in per_member.items() if n > 1):
        problems.append(PostProblem(N_("A member can hold only one post in an organ."), {"member_id": member_id}))
    per_post = Counter(post for _, post in pairs)
    for post, limit in POSTS_BY_KIND.get(kind, ()):
        if limit is not None and per_post[post] > limit:
            problems.append(PostProblem(N_("An organ has only one %(post)s."), {"post": post}))
    return problems
