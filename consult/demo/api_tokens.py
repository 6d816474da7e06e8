"""The demo's API tokens: the office's OA system that copies the sittings, members and attendance, the
opinion kiosk in the lobby that gives opinions for members and guests (for a year), and an old tablet's token
revoked. Their secrets are made and dropped at
once: nobody can call the API with them (an admin creates a token of their own on the settings page)."""

from __future__ import annotations

from datetime import datetime, timedelta

from consult.api.scopes import ATTENDANCE_READ, MEMBERS_READ, OPINIONS_WRITE, SITTINGS_READ
from consult.api.services import create_token, note_use, revoke_token

# name, scopes, days before `now` it was made, days ago it was last used (None: never), days it works from now.
TOKENS = (
    ("区政协办公OA系统（会议日程同步）", (SITTINGS_READ, MEMBERS_READ, ATTENDANCE_READ), 60, 0, None),
    ("机关大厅意见征集终端", (SITTINGS_READ, OPINIONS_WRITE), 30, 1, 365),
    ("旧版会议室平板（已停用）", (SITTINGS_READ,), 300, 120, None),
)


def load_api_tokens(now: datetime, admin_id: int | None) -> None:
    """Add the demo's tokens, made by the admin (`admin_id`; none without an admin); the last one revoked."""
    if admin_id is None:
        return
    for number, (name, scopes, made, used, works) in enumerate(TOKENS, start=1):
        created = now - timedelta(days=made)
        token, _secret = create_token(
            name=name, scopes=scopes, owner_id=admin_id, created_by_id=admin_id, now=created,
            creation_key=f"demo-api-token-{number}",
            expires_at=now + timedelta(days=works) if works is not None else None,
        )
        if used is not None:
            note_use(token, now - timedelta(days=used, hours=2))
    revoke_token(token, by_user_id=admin_id, now=now - timedelta(days=100))
