"""parley: read news about international politics and conflict, code its events, store them.

The library behind the ``parley`` command::

    import parley
    records = parley.extract(["examples/articles.jsonl"])        # output-contract dicts
    frame = parley.to_dataframe(records)                          # pandas
    result = parley.extract_text("Russia attacked Kyiv overnight.", date="2026-03-12")
    report = parley.ingest(["examples"], db="parley.db")          # store in SQLite
    events = parley.query_events("parley.db", country="RUS", type="ASSAULT")

Names are imported lazily so that ``import parley`` stays cheap.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "Pipeline": "parley.pipeline",
    "Settings": "parley.settings",
    "Document": "parley.records",
    "EventRecord": "parley.records",
    "Actor": "parley.records",
    "Location": "parley.records",
    "DocumentResult": "parley.records",
    "to_dataframe": "parley.records",
    "extract": "parley.jobs",
    "extract_results": "parley.jobs",
    "extract_text": "parley.jobs",
    "ingest": "parley.jobs",
    "query_events": "parley.jobs",
    "JobReport": "parley.jobs",
    "build_brief": "parley.report",
    "render_brief": "parley.report",
    "open_store": "parley.store",
    "read_inputs": "parley.ingest",
    "forecast": "parley.negotiation",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'parley' has no attribute '{name}'")
    return getattr(import_module(module), name)
