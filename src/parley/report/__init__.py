"""Readable reports over pipeline results."""

from __future__ import annotations

from .brief import Brief, build_brief, render_brief

__all__ = ["Brief", "build_brief", "render_brief"]
