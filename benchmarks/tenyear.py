"""Ten years of records, for measuring the program at the size a partnership reaches.

2,000 meetings with 40,000 agenda items and their minutes, 5,000 people, 200 case reviews,
60,000 training bookings, 20 Section 11 cycles' returns, 200 case audits, ten years of finance,
and the change history all of that produces.

The bulk of it comes from the other benchmarks' builders (training, meetings and case reviews
through bench_yearly_report, finance through bench_finance); the people, the Section 11 cycles
and the case audits are added through the services. The builders that insert in bulk write no
change history, so the history of what they inserted is then recorded in bulk, field by field
exactly as the change-history hook records a new record.

Built once and cached under `build/`, keyed by the migrations and by these builders' source, so
that a schema change (or a change to a builder) builds it again.

A ten-year file built before the schema last changed need not be built again: name it in the
environment, `BSCP_TENYEAR_FILE=/path/to/tenyear-full-....sqlite3`, and the benchmarks use a
copy of it upgraded to the current schema (made once, beside the cached files; the named file
is left as it is).

Run: `python -m benchmarks.tenyear` prints where the file is and its row counts (building it
first if needed); `--scale 0.01` for a smaller one; `--rebuild` to build it again regardless.
Other benchmarks: `python -m benchmarks.bench_meetings --tenyear` (meetings, training, finance,
yearly_report, change_log) runs on a copy of it instead of their own smaller data set; in code,
`benchmarks.tenyear.cached()` is its path.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "build"
PEOPLE = 5_000
S11_CYCLES = 20
S11_AGENCIES = 15
CASE_AUDITS = 200
CASES_PER_AUDIT = 2
FIRST_YEAR = 2015


def cache_key(scale: float = 1.0) -> str:
    """Changes whenever the schema (the migrations) or a builder changes."""
    digest = hashlib.sha256(repr(scale).encode())
    import inspect

    from benchmarks import bench_finance, bench_meetings, bench_training, bench_yearly_report

    for source in sorted((ROOT / "bscp_desktop" / "db" / "migrations").rglob("*.py")):
        digest.update(source.name.encode())
        digest.update(source.read_bytes())
    for builder in (bench_meetings, bench_training, bench_finance, bench_yearly_report):  # their builders only
        digest.update(inspect.getsource(builder.build).encode())
    digest.update(Path(__file__).read_bytes())
    return digest.hexdigest()[:12]


GIVEN = "BSCP_TENYEAR_FILE"


def given_file() -> Path | None:
    """The existing ten-year file named in the environment, if any."""
    named = os.environ.get(GIVEN, "").strip()
    return Path(named).expanduser().absolute() if named else None


def cached_path(scale: float = 1.0, folder: Path = FOLDER) -> Path:
    given = given_file()
    if given is not None and scale == 1:  # its upgraded copy, keyed by the file and the schema
        digest = hashlib.sha256(f"{given}|{given.stat().st_size}|{given.stat().st_mtime_ns}".encode())
        for source in sorted((ROOT / "bscp_desktop" / "db" / "migrations").rglob("*.py")):
            digest.update(source.read_bytes())
        return folder / f"tenyear-given-{digest.hexdigest()[:12]}.sqlite3"
    size = "full" if scale == 1 else f"scale{scale:g}"
    return folder / f"tenyear-{size}-{cache_key(scale)}.sqlite3"


def cached(scale: float = 1.0, folder: Path = FOLDER, rebuild: bool = False) -> Path:
    """The ten-year database file, built first if it is not in `folder` yet. Open a copy of it
    when a benchmark writes to it."""
    path = cached_path(scale, folder)
    if path.exists() and not rebuild:
        return path
    folder.mkdir(parents=True, exist_ok=True)
    given = given_file()
    if given is not None and scale == 1:
        return upgraded_copy(given, path)
    for stale in folder.glob(f"{path.name.rsplit('-', 1)[0]}-*.sqlite3*"):  # older keys of this size
        stale.unlink()
    partial = path.with_name(path.stem + ".partial.sqlite3")
    for f in folder.glob(partial.name + "*"):
        f.unlink()
    started = time.perf_counter()
    counts = build(partial, scale)
    facts = {"seconds": round(time.perf_counter() - started, 1), "built_on": time.strftime("%Y-%m-%d %H:%M"),
             "scale": scale, "rows": sum(counts.values())}
    facts_of(path).write_text(json.dumps(facts), encoding="utf-8")
    partial.rename(path)  # only a finished build is ever found
    return path


def upgraded_copy(given: Path, path: Path) -> Path:
    """A copy of `given` at `path`, upgraded to the current schema (older copies removed)."""
    from bscp_desktop.db.backup import copy_database
    from bscp_desktop.db.database import Database

    if not given.is_file():
        raise SystemExit(f"{GIVEN} names {given}, which is not a file.")
    for stale in path.parent.glob("tenyear-given-*.sqlite3*"):
        stale.unlink()
    partial = path.with_name(path.stem + ".partial.sqlite3")
    started = time.perf_counter()
    copy_database(given, partial)
    Database.open(partial, create=False, backup_folder=None).close()  # upgraded to head
    for side in partial.parent.glob(partial.name + "?*"):  # its lock file
        side.unlink()
    facts = {"seconds": round(time.perf_counter() - started, 1), "built_on": time.strftime("%Y-%m-%d %H:%M"),
             "scale": 1.0, "copied_from": str(given)}
    facts_of(path).write_text(json.dumps(facts), encoding="utf-8")
    partial.rename(path)
    return path


def facts_of(path: Path) -> Path:
    """The file beside a built database that says how long it took to build."""
    return path.with_name(path.name + ".json")


def build_facts(path: Path) -> dict:
    try:
        return json.loads(facts_of(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def build(path: Path, scale: float = 1.0) -> dict[str, int]:
    """Fill a new database at `path`; returns its row counts."""
    from benchmarks import bench_finance, bench_yearly_report
    from bscp_desktop.db.database import Database

    def scaled(n: int) -> int:
        return max(1, round(n * scale))

    with Database.open(path) as db:
        before = _last_ids(db)
    bench_yearly_report.build(path, scale=scale)
    with Database.open(path) as db:
        _record_history(db, before)
        _people(db, scaled(PEOPLE))
        _section11(db, scaled(S11_CYCLES), min(S11_AGENCIES, scaled(S11_AGENCIES * 4)))
        _case_audits(db, scaled(CASE_AUDITS))
    bench_finance.build(path, expenses=scaled(bench_finance.EXPENSES),
                        organisations=min(bench_finance.ORGANISATIONS, scaled(bench_finance.ORGANISATIONS * 20)))
    return row_counts(path)


def row_counts(path: Path) -> dict[str, int]:
    """{table: rows} of every table with rows, largest first."""
    import sqlite3

    con = sqlite3.connect(path)
    try:
        tables = [r[0] for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND name NOT LIKE '%search%' AND name <> 'alembic_version'")]
        counts = {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    finally:
        con.close()
    return dict(sorted(((t, n) for t, n in counts.items() if n), key=lambda item: (-item[1], item[0])))


# ---------------------------------------------------------------- the parts the builders leave out


def _models() -> dict[str, type]:
    from bscp_desktop.db.base import Base
    from bscp_desktop.db.models import ChangeRecord

    return {m.local_table.name: m.class_ for m in Base.registry.mappers
            if m.class_ is not ChangeRecord and "id" in m.local_table.c and m.local_table.name != "setting"}


def _last_ids(db) -> dict[str, int]:
    from sqlalchemy import func, select

    with db.unit_of_work() as s:
        return {t: s.scalar(select(func.max(m.id))) or 0 for t, m in _models().items()}


def _record_history(db, before: dict[str, int]) -> int:
    """The change history of every record inserted in bulk since `before` (its last ids), as the
    change-history hook writes it for a record added through the services."""
    from sqlalchemy import insert, select

    from bscp_desktop.db import history
    from bscp_desktop.db.base import utcnow
    from bscp_desktop.db.models import ChangeRecord

    user, at, written = history.current_user(), utcnow(), 0
    with db.unit_of_work() as s:
        conn = s.connection()
        previous = s.scalar(select(ChangeRecord.hash).order_by(ChangeRecord.id.desc()).limit(1))
        for table, model in _models().items():
            last = before.get(table, 0)
            while True:
                chunk = s.scalars(select(model).where(model.id > last).order_by(model.id).limit(5_000)).all()
                if not chunk:
                    break
                rows = [row for obj in chunk for row in history._rows_for(obj, "insert", user, at)]
                if rows:
                    previous = history.chain_hashes(previous, rows)
                    conn.execute(insert(ChangeRecord), rows)
                    written += len(rows)
                last = chunk[-1].id
                s.expunge_all()
    return written


def _people(db, wanted: int) -> None:
    """People up to `wanted` in all, in one transaction through the memberships services."""
    from sqlalchemy import func, select

    from bscp_desktop.db.models import Organisation, Person
    from bscp_desktop.services import memberships as ms

    with db.unit_of_work() as s:
        have = s.scalar(select(func.count(Person.id))) or 0
        organisations = s.scalars(select(Organisation.id).order_by(Organisation.id)).all()
        rows = [ms.check_person(s, ms.PersonFields(
            f"Practitioner {n}", "Safeguarding lead" if n % 7 == 0 else "Practitioner",
            organisations[n % len(organisations)] if organisations else None, f"practitioner{n}@example.org",
        )) for n in range(have + 1, wanted + 1)]
        ms.add_checked_in(s, "person", rows)


def _section11(db, cycles: int, agencies: int) -> None:
    """Section 11 cycles every six months, each with `agencies` returns rated on every standard."""
    from bscp_desktop.services import memberships as ms
    from bscp_desktop.services.audits import s11_ratings as sr
    from bscp_desktop.services.audits import section11 as s11

    organisations = [o.id for o in ms.list_organisations(db)][:agencies]
    ratings = ["Green", "Green", "Amber", "Green", "Red", "Amber", "Not applicable"]
    previous = None
    for n in range(cycles):
        opens = date(FIRST_YEAR, 4, 1) + timedelta(days=n * 365 // 2)
        cycle = s11.create_cycle(db, s11.CycleFields(f"Cycle {n + 1} ({opens:%Y})", opens, opens + timedelta(days=90),
                                                     compare_with_id=previous))
        previous = cycle.id
        standards = s11.list_standards(db, cycle.id)
        for k, part in enumerate(s11.add_agencies(db, cycle.id, organisations)):
            s11.update_participant(db, part.id, s11.ParticipantFields(
                "Safeguarding lead", opens, opens + timedelta(days=60 + k), opens + timedelta(days=100), ""))
            for standard in standards:
                rating = ratings[(n + k + standard.number) % len(ratings)]
                sr.save_rating(db, part.id, standard.id, sr.RatingFields(
                    rating, not_applicable_reason="Not a service for children" if rating == "Not applicable" else "",
                    evidence=f"Evidence for standard {standard.number}: policy, training records and audit.",
                ))


def _case_audits(db, wanted: int) -> None:
    """Case audits about every three weeks, each with its cases (and their agencies' returns)."""
    from bscp_desktop.services import memberships as ms
    from bscp_desktop.services.audits import case_audits as ca
    from bscp_desktop.services.audits import samples as sa

    organisations = [o.id for o in ms.list_organisations(db)]
    themes = ["Neglect", "Domestic abuse", "Exploitation", "Voice of the child", "Early help"]
    bands = ["under_1", "1_to_4", "5_to_9", "10_to_13", "14_to_15", "16_to_17"]
    for n in range(wanted):
        day = date(FIRST_YEAR, 4, 1) + timedelta(days=n * 18)
        audit = ca.create_audit(db, ca.AuditFields(
            f"Multi-agency case audit {n + 1}", day, theme=themes[n % len(themes)],
            scope="Children on a child protection plan, chosen at random.", returns_due=day + timedelta(days=21),
        ))
        for k in range(CASES_PER_AUDIT):
            agencies = tuple(organisations[(n + k + j) % len(organisations)] for j in range(3))
            sa.add_case(db, sa.AuditCaseFields(audit.id, f"Child {n + 1}-{k + 1}", bands[(n + k) % len(bands)],
                                               summary="Open to children's social care.", agency_ids=agencies))


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    scale = float(argv[argv.index("--scale") + 1]) if "--scale" in argv else 1.0
    os.environ.setdefault("BSCP_DATA_DIR", str(FOLDER / "tenyear-data"))
    path = cached(scale, rebuild="--rebuild" in argv)
    facts = build_facts(path)
    print(f"ten-year database: {path} ({path.stat().st_size / 1e6:.0f} MB)")
    if facts:
        print(f"  built in {facts['seconds']:.0f} s on {facts['built_on']}")
    counts = row_counts(path)
    width = max(len(t) for t in counts)
    for table, n in counts.items():
        print(f"  {table:<{width}}  {n:>10,}")
    print(f"  {'all rows':<{width}}  {sum(counts.values()):>10,}")


#: The names the other benchmarks' builders give their counts, and the tables they count.
COUNTED = {"meetings": "meeting", "items": "agenda_item", "registers": "attendance", "actions": "action",
           "sessions": "training_session", "bookings": "training_booking", "reviews": "case_review",
           "rows": "change_record"}


def or_build(path: Path, argv: list[str], builder, *args, **kwargs) -> dict[str, int]:
    """For a benchmark's main: with `--tenyear` among its arguments, a copy of the ten-year
    database at `path` (the cached file stays as built); otherwise the benchmark's own
    `builder(path, ...)`. Returns the counts the benchmark prints, either way."""
    if "--tenyear" not in argv:
        return builder(path, *args, **kwargs) or {}
    shutil.copy(cached(), path)
    counts = row_counts(path)
    return {name: counts.get(table, 0) for name, table in COUNTED.items()}


if __name__ == "__main__":
    main()
