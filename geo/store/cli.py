"""``python -m geo users|edit|import|history|restore|store|changes``: the store from the command line.

``edit project`` changes or retires (``--retire``) a project, ``edit add-project``
adds one that a resolution names but the register lacks.

Who runs the command line can already open the store's file or database, so
``--user NAME`` names an existing account whose role is checked and who is
recorded in the history; no password is asked. Exit status: 2 bad input,
3 version conflict, 4 missing permission (``error.exit_status``), each with
one sentence on stderr.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from geo.store.errors import StoreInputError

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry

__all__ = ["register"]


def _read_file(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as error:
        raise StoreInputError(f"Cannot read '{path}': {error.strerror or error}.") from None


def _cmd_users_add(args: argparse.Namespace) -> int:
    from geo.store import add_user, open_store

    if not args.password_stdin:
        raise StoreInputError("Give the password on standard input with --password-stdin (never on the command line).")
    password = sys.stdin.readline().rstrip("\r\n")
    add_user(open_store(), args.name, role=args.role, password=password, by=args.by)
    print(f"Added {args.name} ({args.role}).")
    return 0


def _cmd_users_list(args: argparse.Namespace) -> int:
    from geo.store import open_store
    from geo.store.auth import list_users

    for user in list_users(open_store()):
        print(f"{user['name']}\t{user['role']}")
    return 0


def _cmd_edit_project(args: argparse.Namespace) -> int:
    from geo.store import edit_project, open_store, retire_project

    if args.retire:
        version = retire_project(
            open_store(),
            args.id,
            user=args.user,
            source=args.source,
            reason=args.reason,
            expect_version=args.expect_version,
        )
        print(version)
        return 0
    shape = _location(args)
    version = edit_project(
        open_store(),
        args.id,
        user=args.user,
        source=args.source,
        reason=args.reason,
        expect_version=args.expect_version,
        status=args.status,
        target_year=args.target_year,
        geometry=shape,
        precision=args.precision,
    )
    print(version)
    return 0


def _location(args: argparse.Namespace) -> BaseGeometry | None:
    from geo.store.geometry import geometry_from_file, parse_point

    if args.point:
        return parse_point(args.point)
    if args.geometry:
        return geometry_from_file(_read_file(args.geometry), args.geometry)
    return None


def _cmd_edit_add_project(args: argparse.Namespace) -> int:
    from geo.store import add_project, open_store

    properties = {
        "name_vi": args.name,
        "kind": args.kind,
        "status": args.status,
        "target_year": args.target_year,
        "document_ids": [args.document],
        "sections": [args.section],
        "precision": args.precision,
    }
    version = add_project(
        open_store(),
        args.id,
        user=args.user,
        source=args.source,
        properties=properties,
        geometry=_location(args),
        reason=args.reason,
    )
    print(version)
    return 0


def _cmd_edit_actual(args: argparse.Namespace) -> int:
    from geo.store import open_store, record_actual

    version = record_actual(
        open_store(),
        args.target,
        value=args.value,
        year=args.year,
        source=args.source,
        user=args.user,
        note=args.note or "",
        reason=args.reason,
        expect_version=args.expect_version,
    )
    print(version)
    return 0


def _cmd_edit_actuals(args: argparse.Namespace) -> int:
    from geo.store import open_store, record_actuals
    from geo.store.batch import read_rows

    rows = read_rows(_read_file(args.file), Path(args.file).name)
    count = record_actuals(open_store(), rows, user=args.user, reason=args.reason)
    print(f"Saved {count} actuals in one transaction.")
    return 0


def _cmd_import_population(args: argparse.Namespace) -> int:
    from geo.errors import InvalidInputError
    from geo.io import load_units
    from geo.population_upload import read_population_upload
    from geo.store import import_population, open_store
    from geo.store.batch import LISTED_PROBLEMS

    try:
        figures = read_population_upload(
            _read_file(args.file), Path(args.file).name, known_codes=set(load_units()["code"])
        )
    except InvalidInputError as error:
        problems = [p for p in getattr(error, "problems", []) if not p.startswith("…")]
        if not problems:
            raise
        import re

        found = re.search(r"has (\d+) problem", str(error))
        total = int(found.group(1)) if found else len(problems)
        rest = total - LISTED_PROBLEMS
        listed = "; ".join(p.rstrip(".") for p in problems[:LISTED_PROBLEMS])
        more = f" (and {rest} more problem{'s' if rest != 1 else ''})" if rest > 0 else ""
        if args.json:
            json.dump({"saved": 0, "problems": problems, "problem_count": total}, sys.stdout, ensure_ascii=False)
            sys.stdout.write("\n")
        raise StoreInputError(f"{str(error).rstrip('.')}: {listed}{more}.") from None
    count = import_population(open_store(), figures, user=args.user, reason=args.reason, dry_run=args.dry_run)
    if args.json:
        json.dump(
            {"saved": 0 if args.dry_run else count, "valid_rows": count, "dry_run": args.dry_run, "problems": []},
            sys.stdout,
            ensure_ascii=False,
            indent=1,
        )
        sys.stdout.write("\n")
    elif args.dry_run:
        print(f"{count} rows are valid; nothing was written (--dry-run).")
    else:
        print(f"Saved the population of {count} units in one transaction.")
    return 0


def _cmd_history(args: argparse.Namespace) -> int:
    from geo.store import history, open_store
    from geo.store.errors import vietnam_time

    versions = history(open_store(), args.id)
    if args.json:
        json.dump(versions, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return 0
    from datetime import datetime

    for v in versions:
        when = vietnam_time(datetime.fromisoformat(v["at"])) if v["at"] else "baseline"
        changed = ", ".join(sorted(v["after"])) if v["version"] > 1 else ""
        print(f"{v['version']}\t{when}\t{v['user'] or ''}\t{v['action']}\t{changed}\t{v['source']}")
    return 0


def _cmd_restore(args: argparse.Namespace) -> int:
    from geo.store import open_store, restore

    print(
        restore(
            open_store(),
            args.id,
            version=args.version,
            user=args.user,
            reason=args.reason,
            expect_version=args.expect_version,
        )
    )
    return 0


def _cmd_store_backup(args: argparse.Namespace) -> int:
    from geo.store import open_store
    from geo.store.backup import backup

    print(f"Wrote {backup(open_store(), Path(args.file))}.")
    return 0


def _cmd_changes(args: argparse.Namespace) -> int:
    from geo.store import changes_csv, changes_geojson, open_store

    if args.format == "csv":
        sys.stdout.buffer.write(changes_csv(open_store()).encode("utf-8"))
    else:
        json.dump(changes_geojson(open_store()), sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    return 0


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} is not a version (versions start at 1)")
    return value


def _common(p: argparse.ArgumentParser, *, source: bool = True) -> None:
    p.add_argument("--user", metavar="NAME", required=True, help="the account making the change (editor or admin)")
    if source:
        p.add_argument(
            "--source", metavar="TEXT", required=True, help="document, decision or survey the change comes from"
        )
    p.add_argument("--reason", metavar="TEXT", help="optional note kept in the history")


def register(sub: argparse._SubParsersAction) -> None:
    """Add the store's subcommands to the ``python -m geo`` parser."""
    # Light imports only: building the parser must not load SQLAlchemy, shapely or geopandas.
    from geo.store.vocabulary import EDIT_PRECISIONS, ROLES

    users = sub.add_parser("users", help="local accounts of the store").add_subparsers(dest="action", metavar="ACTION")
    p = users.add_parser("add", help="add an account (the first one: an admin)")
    p.add_argument("name", metavar="NAME")
    p.add_argument("--role", choices=ROLES, default="viewer")
    p.add_argument("--password-stdin", action="store_true", help="read the password from the first line of stdin")
    p.add_argument("--by", metavar="ADMIN", help="the admin adding it (default: the machine's operator)")
    p.set_defaults(func=_cmd_users_add)
    users.add_parser("list", help="names and roles").set_defaults(func=_cmd_users_list)

    edit = sub.add_parser("edit", help="edit a project or a target's actuals").add_subparsers(
        dest="what", metavar="WHAT"
    )
    p = edit.add_parser("project", help="status, target year, location of a project; prints the new version")
    p.add_argument("id", metavar="ID")
    # Checked by the store against the register's statuses (one sentence naming them when wrong).
    p.add_argument("--status", metavar="STATUS", help="planned, under construction, operating or unknown")
    p.add_argument("--target-year", metavar="YEAR")
    group = p.add_mutually_exclusive_group()
    group.add_argument("--geometry", metavar="FILE", help="GeoJSON, KML or GeoPackage file with one feature")
    group.add_argument("--point", metavar="LON,LAT", help="a point, longitude first")
    group.add_argument("--retire", action="store_true", help="retire the project (kept in the history)")
    p.add_argument("--precision", choices=EDIT_PRECISIONS)
    p.add_argument(
        "--expect-version", type=_positive, metavar="N", help="refuse the save unless the current version is N"
    )
    _common(p)
    p.set_defaults(func=_cmd_edit_project)
    p = edit.add_parser(
        "add-project", help="a project a resolution names but the register lacks; prints its version (2)"
    )
    p.add_argument("--id", metavar="ID", required=True, help="a new id in the register's form, e.g. DT-90")
    p.add_argument("--name", metavar="NAME", required=True, help="the name as the resolution writes it")
    p.add_argument("--kind", metavar="KIND", required=True, help="a kind of the register, e.g. bridge, road, port")
    p.add_argument("--document", metavar="DOC", required=True, help="id of the document in data/documents.yaml")
    p.add_argument("--section", metavar="SECTION", required=True, help="the section of the document naming it")
    # Checked by the store against the register's statuses; unknown until a source says otherwise.
    p.add_argument("--status", metavar="STATUS", default="unknown", help="planned, under construction, operating")
    p.add_argument("--target-year", metavar="YEAR")
    group = p.add_mutually_exclusive_group()
    group.add_argument("--geometry", metavar="FILE", help="GeoJSON, KML or GeoPackage file with one feature")
    group.add_argument("--point", metavar="LON,LAT", help="a point, longitude first")
    p.add_argument("--precision", choices=EDIT_PRECISIONS, help="how the location was obtained (with a location)")
    _common(p)
    p.set_defaults(func=_cmd_edit_add_project)
    p = edit.add_parser("actual", help="one actual of a target; prints the target's new version")
    p.add_argument("--target", metavar="ID", required=True)
    p.add_argument("--value", required=True)
    p.add_argument("--year", required=True)
    p.add_argument("--note")
    p.add_argument("--expect-version", type=_positive, metavar="N")
    _common(p)
    p.set_defaults(func=_cmd_edit_actual)
    p = edit.add_parser(
        "actuals", help="a CSV/XLSX batch of actuals (target_id,value,year,source[,note]), all or nothing"
    )
    p.add_argument("--file", metavar="FILE", required=True)
    _common(p, source=False)
    p.set_defaults(func=_cmd_edit_actuals)

    imports = sub.add_parser("import", help="import figures into the store").add_subparsers(dest="what", metavar="WHAT")
    p = imports.add_parser("population", help="population figures (code,population,year[,source]), all or nothing")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--dry-run", action="store_true", help="validate only; write nothing")
    p.add_argument("--json", action="store_true", help="print the outcome as one JSON object")
    _common(p, source=False)
    p.set_defaults(func=_cmd_import_population)

    p = sub.add_parser("history", help="the versions of a project, target or unit (1 = baseline), oldest first")
    p.add_argument("id", metavar="ID")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_cmd_history)

    p = sub.add_parser("restore", help="bring a record back to an earlier version (a new version)")
    p.add_argument("id", metavar="ID")
    p.add_argument("--version", type=_positive, required=True, metavar="N")
    p.add_argument("--expect-version", type=_positive, metavar="N")
    _common(p, source=False)
    p.set_defaults(func=_cmd_restore)

    store = sub.add_parser("store", help="store maintenance").add_subparsers(dest="action", metavar="ACTION")
    p = store.add_parser("backup", help="a consistent copy of the live store (SQLite file or pg_dump archive)")
    p.add_argument("file", metavar="FILE")
    p.set_defaults(func=_cmd_store_backup)

    p = sub.add_parser("changes", help="changes since the baseline, for review (CSV UTF-8 with BOM, or GeoJSON)")
    p.add_argument("--format", choices=["csv", "geojson"], default="csv")
    p.set_defaults(func=_cmd_changes)
