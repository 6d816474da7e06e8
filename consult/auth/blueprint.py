"""The auth blueprint: login, logout, the language, one's own password, and the admins' account pages."""

from flask import Blueprint

bp = Blueprint("auth", __name__)
