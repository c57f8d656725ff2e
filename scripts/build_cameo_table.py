"""Compile parley's CAMEO lookup table from the published mappings in ../shared/data.

The table holds facts only (codes, PLOVER type/mode/context, Goldstein value, quad class), one row
per CAMEO code. It is written to src/parley/events/data/cameo.tsv so that parley runs without the
shared folder; tests/events/test_cameo_table.py checks it still agrees with the published files.

Choices (documented in src/parley/events/data/README.md):
- PLOVER type, mode, context: CAMEO2PLOVER-2021.txt (PLOVER 0.8). A code it does not list takes its
  nearest listed ancestor. CAMEO 02x (appeals) is absent there; parley maps each 02x code to the
  PLOVER row of its parallel 10x code (021 "appeal for material cooperation" ~ 101 "demand material
  cooperation"), i.e. REQUEST. CAMEO 01x (public statements) has no PLOVER type and is not coded.
- Goldstein: GDELT's CAMEO.goldsteinscale.txt.
- Quad class: the GDELT convention (1 verbal cooperation, 2 material cooperation, 3 verbal conflict,
  4 material conflict), by root code.

Usage: python scripts/build_cameo_table.py [SHARED_DATA_DIR]
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "parley" / "events" / "data" / "cameo.tsv"


def read_plover(path: Path) -> dict[str, tuple[str, str, str]]:
    rows: dict[str, tuple[str, str, str]] = {}
    line_re = re.compile(r"^(\d{2,4}):\s*([^#]*)")
    for line in path.read_text(encoding="utf-8").splitlines():
        m = line_re.match(line)
        if not m:
            continue
        code, rest = m.group(1), m.group(2)
        parts = [p.strip() for p in rest.split(",")]
        if not parts or not parts[0]:
            continue
        event = parts[0].upper()
        mode = parts[1].strip() if len(parts) > 1 else ""
        context = parts[2].strip().replace(" ", "") if len(parts) > 2 else ""
        if code in rows and len(code) == 2:
            continue
        rows.setdefault(code, (event, mode, context))
    return rows


def read_two_columns(path: Path) -> dict[str, str]:
    with path.open(encoding="utf-8") as handle:
        reader = csv.reader(handle, delimiter="\t")
        next(reader)
        return {row[0].strip(): row[1].strip() for row in reader if len(row) >= 2}


def main(shared: Path) -> None:
    events = shared / "events"
    plover = read_plover(events / "plover" / "CAMEO2PLOVER-2021.txt")
    codes = read_two_columns(events / "cameo_lookups" / "CAMEO.eventcodes.txt")
    goldstein = read_two_columns(events / "cameo_lookups" / "CAMEO.goldsteinscale.txt")
    quad_rows = (events / "cameo_lookups" / "cameo_root_quadclass_conventions.tsv").read_text()
    quad = {
        line.split("\t")[0]: line.split("\t")[1]
        for line in quad_rows.splitlines()[1:]
        if line.strip()
    }

    def plover_for(code: str) -> tuple[str, str, str]:
        if code.startswith("01"):
            return ("", "", "")
        probe = "10" + code[2:] if code.startswith("02") else code
        while probe:
            if probe in plover:
                return plover[probe]
            probe = probe[:-1] if len(probe) > 2 else ""
        return ("", "", "")

    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(["cameo", "plover", "mode", "context", "goldstein", "quad_class"])
        for code in sorted(codes):
            event, mode, context = plover_for(code)
            writer.writerow([code, event, mode, context, goldstein.get(code, ""), quad.get(code[:2], "")])
    print(f"wrote {OUT.relative_to(ROOT)}: {len(codes)} codes")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "data")
