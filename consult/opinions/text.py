"""The text of an opinion as plain functions: cleaning what a phone sent, the length rule, similar pairs.
No Flask, no database."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz

MAX_LENGTH = 5000
# Control characters a phone or a paste may carry; newlines and tabs are kept (paragraphs, lists).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\u2028\u2029\ufeff]")
# A submission key as the forms make them (secrets.token_urlsafe(18)): letters, digits, - and _.
SUBMISSION_KEY_PATTERN = r"^[A-Za-z0-9_-]{16,64}$"
_KEY = re.compile(SUBMISSION_KEY_PATTERN)

EMPTY, TOO_LONG = "empty", "too_long"


def clean_text(raw: str | None) -> str:
    """Return the opinion text as it is stored: line ends made \\n, control characters removed (newlines and
    tabs kept), spaces around it trimmed. HTML and emoji stay as typed."""
    text = (raw or "").replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text).strip()


def text_problem(text: str) -> str | None:
    """Return EMPTY or TOO_LONG for cleaned `text` that cannot be an opinion, else None (1 to MAX_LENGTH
    characters, counted as characters: 汉字 and emoji count one each)."""
    if not text:
        return EMPTY
    if len(text) > MAX_LENGTH:
        return TOO_LONG
    return None


def good_submission_key(key: str | None) -> bool:
    """Return True when `key` looks like a submission key the forms make."""
    return bool(key) and _KEY.fullmatch(key) is not None


# Two opinions on one topic scoring this much (0–100) are shown side by side as likely duplicates.
SIMILAR_SCORE = 80


@dataclass(frozen=True)
class SimilarPair:
    """Two opinions on the same topic whose texts look alike; `first_id` is the older."""

    first_id: int
    second_id: int
    score: float


def _compared(text: str) -> str:
    return re.sub(r"[\s\u3000，。、；：！？,.;:!?“”\"'（）()]+", "", text.casefold())


def similar_pairs(opinions: Iterable[tuple[int, int, str]], threshold: float = SIMILAR_SCORE) -> list[SimilarPair]:
    """Return the pairs of opinions (id, topic_id, text) on the same topic whose texts are alike, most alike
    first: rapidfuzz's ratio over the texts without spaces and punctuation, or its partial ratio when one
    text is mostly contained in the other (a slip copied into a longer speech). Never merges anything."""
    by_topic: dict[int, list[tuple[int, str]]] = {}
    for opinion_id, topic_id, text in opinions:
        by_topic.setdefault(topic_id, []).append((opinion_id, _compared(text)))
    pairs = []
    for items in by_topic.values():
        items.sort()
        for i, (first_id, first) in enumerate(items):
            for second_id, second in items[i + 1:]:
                if not first or not second:
                    continue
                score = fuzz.ratio(first, second)
                shorter, longer = sorted((len(first), len(second)))
                if shorter >= 20 and shorter / longer >= 0.5:
                    score = max(score, fuzz.partial_ratio(first, second) * 0.95)
                if score >= threshold:
                    pairs.append(SimilarPair(first_id, second_id, round(score, 1)))
    pairs.sort(key=lambda p: (-p.score, p.first_id, p.second_id))
    return pairs
