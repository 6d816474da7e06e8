"""The materials blueprint and what its views and template globals share."""

from __future__ import annotations

from flask import Blueprint, current_app
from flask_babel import lazy_gettext as _l

bp = Blueprint("materials", __name__)

KIND_LABELS = {"pdf": "PDF", "docx": _l("Word document"), "doc": _l("Word document"), "jpeg": _l("Image"),
               "png": _l("Image")}


def max_upload_bytes() -> int:
    """Return the largest file staff may attach, in bytes (CONSULT_MAX_UPLOAD_MB)."""
    return int(float(current_app.config["CONSULT_MAX_UPLOAD_MB"]) * 1024 * 1024)


@bp.app_template_global()
def max_upload_mb() -> str:
    """Return the largest file staff may attach in MB, as people write it (20, 0.5)."""
    return f"{float(current_app.config['CONSULT_MAX_UPLOAD_MB']):g}"
