"""Tests that need a program the machine may lack (PostgreSQL, node, Chromium) skip without it, and fail
instead under CI (CI=true), where a skip would prove less than it says."""

from __future__ import annotations

import os

import pytest

UNDER_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def skip_or_fail(reason: str, what: str) -> None:
    """Skip the test for `reason`; under CI fail instead, naming `what` may not be skipped."""
    if UNDER_CI:
        pytest.fail(f"{reason} (under CI {what} may not be skipped)")
    pytest.skip(reason)
