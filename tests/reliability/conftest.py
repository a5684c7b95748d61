"""Fixtures shared with the hostile-input corpus (tests/hostile): a child's environment."""

from __future__ import annotations

from hostile.conftest import child_env

__all__ = ["child_env"]
