"""The command line: parses options, calls the library, turns library errors into one-line output.

Every command is a thin layer over a function in :mod:`parley.jobs` (or another library module).
Exit codes: 0 success, 1 some input or the command failed, 2 usage error.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import Any

import click

from . import __version__
from .errors import ParleyError
from .settings import Settings

FORMATS_EXTRACT = ("jsonl", "table")
FORMATS_EVENTS = ("table", "csv", "jsonl", "parquet")


def _fail(message: str) -> None:
    click.echo(f"Error: {message}", err=True)


def _settings(date: str | None, dictionaries: tuple[str, ...], **fields: Any) -> Settings:
    from .ingest import parse_iso_date

    values: dict[str, Any] = {k: v for k, v in fields.items() if v is not None}
    if date:
        values["default_date"] = parse_iso_date(date)
    if dictionaries:
        values["dictionaries"] = dictionaries
    return Settings.from_mapping(values)


def _guard(func: Callable[..., int | None]) -> Callable[..., None]:
    """Run a command body; print library errors as ``Error: ...`` and exit with its code."""

    def wrapper(*args: Any, **kwargs: Any) -> None:
        try:
            code = func(*args, **kwargs) or 0
        except ParleyError as exc:
            _fail(exc.line())
            code = 1
        except BrokenPipeError:
            code = 0
        sys.exit(code)

    wrapper.__name__ = func.__name__
    wrapper.__doc__ = func.__doc__
    return wrapper


_input_options = [
    click.option("--date", help="Publication date (YYYY-MM-DD) for documents that carry none."),
    click.option("--dictionary", "dictionaries", multiple=True, type=click.Path(exists=True, dir_okay=False),
                 help=("Extra dictionary: actors (YAML, CSV/TSV, .actors, .agents) or PETRARCH/TABARI "
                       "verbs (*.verbs.txt) and discards (*.discards.txt); repeatable.")),
    click.option("--dictionary-mode", type=click.Choice(["scheme", "extend"]),
                 help=("scheme (default): a verb dictionary is the whole coding scheme, as in TABARI/PETRARCH; "
                       "extend: it only replaces the built-in patterns of the verbs it defines.")),
    click.option("--text-field", help="JSON Lines field holding the text (default: text)."),
    click.option("--id-field", help="JSON Lines field holding the id (default: id)."),
    click.option("--date-field", help="JSON Lines field holding the date (default: date, then published)."),
    click.option("--title-field", help="JSON Lines field holding the title (default: title)."),
    click.option("--url-field", help="JSON Lines field holding the URL (default: url)."),
    click.option("--source-field", help="JSON Lines field holding the publisher (default: source)."),
    click.option("--max-mb", type=float, help="Largest input file accepted, in MB (default 20)."),
    click.option("--progress/--no-progress", default=None, help="Progress bar (default: on a terminal)."),
]


def input_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """The options every command reading INPUT files takes; they arrive as keyword arguments and
    become a :class:`Settings` through :func:`_input_settings`."""
    for option in reversed(_input_options):
        func = option(func)
    return func


def _input_settings(options: dict[str, Any]) -> Settings:
    options = dict(options)
    return _settings(options.pop("date"), options.pop("dictionaries"), **options)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="parley")
def main() -> None:
    """parley: code who did what to whom in news about international politics and conflict."""


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path())
@input_options
@click.option("--format", "fmt", type=click.Choice(FORMATS_EXTRACT), default="jsonl", show_default=True,
              help="JSON Lines (one record per line) or a readable table.")
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write to this file instead of stdout.")
@_guard
def extract(inputs: tuple[str, ...], fmt: str, output: str | None, **options: Any) -> int:
    """Code the events and positions of INPUTS (files or folders: .txt, .html, .jsonl) and print them."""
    from .jobs import JobReport, extract_results, result_records
    from .output import write_records

    settings = _input_settings(options)
    report = JobReport()
    records = (r for result in extract_results(inputs, settings, report=report) for r in result_records(result))
    target: Any = output if output else sys.stdout
    write_records(records, fmt, target)
    for line in report.errors:
        _fail(line)
    return 1 if report.errors else 0


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path())
@input_options
@click.option("--db", default="parley.db", show_default=True, help="SQLite database file.")
@_guard
def ingest(inputs: tuple[str, ...], db: str, **options: Any) -> int:
    """Analyse INPUTS and store documents, sentences, actors and events in a database."""
    from .jobs import ingest as ingest_job

    settings = _input_settings(options)
    report = ingest_job(inputs, db, settings)
    new = report.new_rows
    click.echo(
        f"{report.documents} document(s) analysed, {report.skipped} already stored; "
        f"new rows: {new.get('documents', 0)} documents, {new.get('sentences', 0)} sentences, "
        f"{new.get('actors', 0)} actors, {new.get('events', 0)} events, {new.get('positions', 0)} positions -> {db}",
        err=True,
    )
    for line in report.errors:
        _fail(line)
    return 1 if report.errors else 0


@main.command()
@click.option("--db", default="parley.db", show_default=True, help="SQLite database file.")
@click.option("--actor", help="Actor text, name, id or country code (either side).")
@click.option("--country", help="Country or organisation code of source or target (e.g. RUS, NATO).")
@click.option("--type", "event_type", help="PLOVER event type (e.g. ASSAULT).")
@click.option("--since", help="Earliest event date, YYYY-MM-DD.")
@click.option("--until", help="Latest event date, YYYY-MM-DD.")
@click.option("--text", help="Words the sentence must contain.")
@click.option("--factuality", type=click.Choice(["asserted", "negated", "hypothetical", "future", "alleged"]),
              help="Only events with this factuality.")
@click.option("--limit", type=int, help="At most this many events.")
@click.option("--format", "fmt", type=click.Choice(FORMATS_EVENTS), default="table", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write to this file (required for parquet on a terminal).")
@_guard
def events(db: str, actor: str | None, country: str | None, event_type: str | None, since: str | None,
           until: str | None, text: str | None, factuality: str | None, limit: int | None, fmt: str,
           output: str | None) -> int:
    """Query stored events."""
    from .jobs import query_events
    from .output import write_records

    records = query_events(db, actor=actor, country=country, type=event_type, since=since, until=until,
                           text=text, factuality=factuality, limit=limit)
    target: Any = output if output else (sys.stdout.buffer if fmt == "parquet" else sys.stdout)
    write_records(records, fmt, target)
    return 0


@main.command()
@click.argument("input_path", metavar="INPUT", type=click.Path())
@click.option("--date", help="Publication date (YYYY-MM-DD) if the document carries none.")
@click.option("--dictionary", "dictionaries", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Extra actor, verb or discards dictionary; repeatable.")
@click.option("--id", "doc_id", help="For a JSON Lines file: the document to brief (default: every one).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@_guard
def brief(input_path: str, date: str | None, dictionaries: tuple[str, ...], doc_id: str | None, fmt: str) -> int:
    """Print one article at a glance: parties, events, and what is only claimed or expected."""
    from .jobs import JobReport, extract_results
    from .report import build_brief, render_brief

    settings = _settings(date, dictionaries)
    report = JobReport()
    shown = 0
    for result in extract_results([input_path], settings, report=report):
        if doc_id and result.document.doc_id != doc_id:
            continue
        summary = build_brief(result)
        if fmt == "json":
            click.echo(json.dumps(summary.to_dict(), ensure_ascii=False))
        else:
            if shown:
                click.echo("")
            click.echo(render_brief(summary), nl=False)
        shown += 1
    for line in report.errors:
        _fail(line)
    if doc_id and not shown:
        _fail(f"{input_path}: no document with id '{doc_id}'")
        return 1
    return 1 if report.errors else 0


@main.command()
@click.argument("scenario", type=click.Path())
@click.option("--model", help="Model name (default: the best-validated model).")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "jsonl"]), default="text", show_default=True)
@_guard
def forecast(scenario: str, model: str | None, fmt: str) -> int:
    """Forecast negotiation outcomes from a scenario table (CSV, JSON or Parquet)."""
    from .negotiation import forecast_command

    click.echo(forecast_command(scenario, model, fmt), nl=False)
    return 0


@main.command()
@click.option("--db", default="parley.db", show_default=True, help="SQLite database file.")
@click.option("--actor", help="Actor text, name, id or country code of the position holder.")
@click.option("--issue", help="Issue name (e.g. territory, ceasefire, talks).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@_guard
def positions(db: str, actor: str | None, issue: str | None, fmt: str) -> int:
    """Show stored positions per actor and issue over time, flagging hardening and softening."""
    from .jobs import position_history
    from .positions.history import render_history

    entries = position_history(db, actor=actor, issue=issue)
    click.echo(json.dumps(entries, ensure_ascii=False) if fmt == "json" else render_history(entries), nl=fmt == "json")
    return 0


@main.command()
@click.argument("inputs", nargs=-1, type=click.Path())
@click.option("--db", help="Read stored positions from this database instead of INPUTS.")
@click.option("--issue", help="Only this issue (e.g. territory).")
@click.option("--id", "doc_ids", multiple=True, help="Only the positions of this document; repeatable.")
@click.option("--date", help="Publication date (YYYY-MM-DD) for documents that carry none.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Readable text or {\"issues\": [...]} JSON.")
@_guard
def standoff(inputs: tuple[str, ...], db: str | None, issue: str | None, date: str | None, fmt: str,
             doc_ids: tuple[str, ...]) -> int:
    """Per issue: each party's position with its evidence, and deadlock, overlap, one-sided or unclear."""
    from .errors import Messages
    from .jobs import JobReport
    from .jobs import standoff as build
    from .positions.standoff import render_standoff

    if bool(inputs) == bool(db):
        raise ParleyError(Messages.E074.format(detail="give INPUT files or --db, not both and not neither"), "E074")
    report = JobReport()
    result = build(inputs, db=db, issue=issue, settings=_settings(date, ()) if inputs else None, report=report,
                   doc_ids=doc_ids)
    click.echo(render_standoff(result, fmt), nl=False)
    for line in report.errors:
        _fail(line)
    return 1 if report.errors else 0


@main.command()
@click.argument("goldset")
@click.option("--split", help="Split to score (conflibert: test, test-nogsr, train; positions: heldout, dev).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@_guard
def evaluate(goldset: str, split: str | None, fmt: str) -> int:
    """Score parley on a gold set: plover-gsr, conflibert, petrarch2, universal-petrarch, positions."""
    from .evaluate import evaluate_gold

    text, _ = evaluate_gold(goldset, split, fmt)
    click.echo(text, nl=False)
    return 0


@main.command()
def stages() -> None:
    """List the pipeline stages with what each requires and assigns."""
    from .pipeline import STAGES

    for stage in STAGES:
        click.echo(f"{stage.name:<10} requires {', '.join(stage.requires):<28} assigns {', '.join(stage.assigns):<22} {stage.help}")


if __name__ == "__main__":  # pragma: no cover
    main()
