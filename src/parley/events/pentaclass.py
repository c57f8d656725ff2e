"""CAMEO PentaClass (0 statement or appeal, 1 verbal cooperation, 2 material cooperation, 3 verbal
conflict, 4 material conflict; Phoenix convention, the labels of ConfliBERT's CAMEO set): the
class an event stands for. One definition for the classify stage, which learns and arbitrates in
these classes, and for the evaluation, which scores them."""

from __future__ import annotations

from importlib import resources

from ..records import EventRecord


def _read_table() -> dict[str, int]:
    text = resources.files("parley.events").joinpath("data/pentaclass.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    return {root.strip(): int(value) for root, value, *_ in rows[1:]}


PENTACLASS: dict[str, int] = _read_table()


def pentaclass(cameo: str | None) -> int:
    """PentaClass of a CAMEO code by its root; 0 for anything unknown."""
    return PENTACLASS.get((cameo or "")[:2], 0)


def coded_class(event: EventRecord) -> int | None:
    """PentaClass an event-data coder gives to ``event``, following CAMEO's conventions for
    intentions and refusals: an announced material act of cooperation is an expression of intent
    (CAMEO 03, verbal cooperation), an announced act of force a threat (CAMEO 13, verbal
    conflict), and a refused act of cooperation a rejection (CAMEO 12, verbal conflict). A refused
    act of conflict ("did not attack") and a hypothetical act are no event (None)."""
    penta = pentaclass(event.cameo)
    if event.factuality == "future":
        return {2: 1, 4: 3}.get(penta, penta)
    if event.factuality == "negated":
        return 3 if penta in {1, 2} else None
    if event.factuality == "hypothetical":
        return None
    return penta
