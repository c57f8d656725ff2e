"""parley: read news about international politics and conflict, code its events, store them."""

from __future__ import annotations

__version__ = "0.1.0"
