"""The Répertoire national des élus (RNE): its CSV files of community and municipal
councillors read, and the elected people of a territory file brought in line with them.

The files are those data.gouv.fr publishes (`elus-conseillers-communautaires-epci.csv`,
`elus-conseillers-municipaux-cm.csv`): `;`-separated (older exports: tab), UTF-8 with or
without a byte-order mark (older exports: Windows-1252), dates DD/MM/YYYY, one header line
whose names changed over the years (each field below accepts its known spellings). Birth dates
and the other personal columns are never read into what is kept.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import tomlkit

from collab.french import fold
from collab.territory import (
    LOCALPART_RE,
    MODERATOR_ROLES,
    OFFICIAL_ROLES,
    Person,
    Territory,
    TerritoryError,
    load_territory,
)

# field -> the header names it had in the files published so far (folded when compared)
COMMUNITY_COLUMNS = {
    "siren": ("N° SIREN", "N°SIREN", "SIREN", "Numéro SIREN", "SIREN de l'EPCI"),
    "epci": ("Libellé de l'EPCI", "Libellé EPCI", "Nom de l'EPCI"),
    "commune": (
        "Code de la commune",
        "Code de la commune de rattachement",
        "Code commune",
        "Code Insee de la commune",
    ),
    "last_name": ("Nom de l'élu", "Nom de l'elu", "Nom"),
    "first_name": ("Prénom de l'élu", "Prenom de l'elu", "Prénom"),
    "function": ("Libellé de la fonction", "Libellé fonction", "Fonction"),
    "mandate_start": ("Date de début du mandat", "Date début mandat"),
    "function_start": ("Date de début de la fonction", "Date début fonction"),
}
MUNICIPAL_COLUMNS = {
    key: COMMUNITY_COLUMNS[key]
    for key in ("commune", "last_name", "first_name", "function", "mandate_start")
}
REQUIRED = ("commune", "last_name", "first_name", "function")
_DATE_RE = re.compile(r"(\d{2})/(\d{2})/(\d{4})")
_ISO_DATE_RE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_PARTICLES = frozenset({"de", "du", "des", "d'", "la", "le", "les", "van", "von"})


@dataclass(frozen=True)
class Official:
    """One row kept: who, where, and the function as the register words it."""

    line: int
    first_name: str
    last_name: str
    commune: str
    function: str  # "" for a plain councillor
    role: str
    mandate_start: dt.date | None = None
    function_start: dt.date | None = None

    @property
    def name(self) -> str:
        return f"{self.first_name} {surname_case(self.last_name)}"


def surname_case(name: str) -> str:
    """The register writes surnames in capitals: 'DE LA TOUR-DUPONT' -> 'de La Tour-Dupont'."""

    def word(part: str, first: bool) -> str:
        lower = part.lower()
        if not first and lower in _PARTICLES:
            return lower
        return "-".join(p[:1].upper() + p[1:] for p in lower.split("-"))

    parts = name.split()
    return " ".join(word(part, i == 0 and len(parts) == 1) for i, part in enumerate(parts))


def community_role(function: str) -> str:
    """The territory role of a community councillor's function label."""
    label = fold(function)
    if "suppleant" in label:
        return "suppleant"
    if "vice-president" in label or "vice president" in label:
        return "vice-president"
    if label.startswith("president"):
        return "president"
    return "conseiller"  # blank, "conseiller communautaire", "conseiller délégué"…


# --- reading ----------------------------------------------------------------------------------
def _text(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise TerritoryError(f"{path}: cannot read: {exc.strerror or exc}", path=path) from exc
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")  # the older exports


def _date(path: Path, line: int, column: str, value: str) -> dt.date | None:
    value = value.strip()
    if not value:
        return None
    match = _DATE_RE.fullmatch(value)
    parts = (match[3], match[2], match[1]) if match else None
    if parts is None and (iso := _ISO_DATE_RE.fullmatch(value)):
        parts = (iso[1], iso[2], iso[3])
    try:
        if parts is None:
            raise ValueError
        return dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError:
        raise TerritoryError(
            f"{path}:{line}: {column}: {value!r} is not a date (DD/MM/YYYY)", path=path, line=line
        ) from None


def _rows(path: Path, columns: dict[str, tuple[str, ...]], required: Iterable[str]):
    """(line number, {field: value}) for each data row; the header checked first."""
    text = _text(path)
    first = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first and ";" not in first else ";"
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise TerritoryError(f"{path}:1: empty file, expected an RNE header", path=path) from None
    folded = [fold(name) for name in header]
    where: dict[str, int] = {}
    for key, names in columns.items():
        for name in names:
            if fold(name) in folded:
                where[key] = folded.index(fold(name))
                break
    for key in required:
        if key not in where:
            raise TerritoryError(
                f"{path}:1: missing column {columns[key][0]!r} "
                f"(is this an RNE file of {'community' if 'siren' in columns else 'municipal'} "
                "councillors?)",
                path=path,
                line=1,
            )
    names = {key: header[index] for key, index in where.items()}
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise TerritoryError(
                f"{path}:{line}: {len(row)} fields, the header has {len(header)}",
                path=path,
                line=line,
            )
        yield line, {key: row[index].strip() for key, index in where.items()}, names


def _official(path: Path, line: int, values: dict[str, str], names: dict[str, str], role: str):
    for key in REQUIRED:
        if key != "function" and not values.get(key):
            raise TerritoryError(f"{path}:{line}: {names[key]}: empty", path=path, line=line)
    return Official(
        line=line,
        first_name=values["first_name"],
        last_name=values["last_name"],
        commune=values["commune"],
        function=values.get("function", ""),
        role=role,
        mandate_start=_date(
            path, line, names.get("mandate_start", ""), values.get("mandate_start", "")
        ),
        function_start=_date(
            path, line, names.get("function_start", ""), values.get("function_start", "")
        ),
    )


def read_community(path: Path, territory: Territory) -> list[Official]:
    """The community councillors of the territory's SIREN; any problem raises TerritoryError."""
    path = Path(path)
    communes = {commune.insee for commune in territory.communes}
    kept: list[Official] = []
    others: dict[str, tuple[int, str]] = {}
    for line, values, names in _rows(path, COMMUNITY_COLUMNS, ("siren", *REQUIRED)):
        siren = values["siren"]
        if not re.fullmatch(r"[0-9]{9}", siren):
            raise TerritoryError(
                f"{path}:{line}: {names['siren']}: {siren!r} is not a SIREN (9 digits)",
                path=path,
                line=line,
            )
        if siren != territory.siren:
            others.setdefault(siren, (line, values.get("epci", "")))
            continue
        official = _official(path, line, values, names, community_role(values["function"]))
        if official.commune not in communes:
            raise TerritoryError(
                f"{path}:{line}: {names['commune']}: {official.commune!r} is not a commune of "
                f"{territory.source}",
                path=path,
                line=line,
            )
        kept.append(official)
    if not kept:
        if others:
            siren, (line, epci) = next(iter(others.items()))
            raise TerritoryError(
                f"{path}:{line}: no councillor of SIREN {territory.siren} ({territory.name}): "
                f"the file is for SIREN {siren}{f' ({epci})' if epci else ''}",
                path=path,
                line=line,
            )
        raise TerritoryError(f"{path}: no councillor in the file", path=path)
    _no_twice(path, kept)
    return kept


def read_municipal(path: Path, territory: Territory) -> list[Official]:
    """The maires and municipal councillors of the territory's communes."""
    path = Path(path)
    communes = {commune.insee for commune in territory.communes}
    kept = [
        _official(path, line, values, names, "elu-municipal")
        for line, values, names in _rows(path, MUNICIPAL_COLUMNS, REQUIRED)
        if values["commune"] in communes
    ]
    if not kept:
        raise TerritoryError(f"{path}: no councillor of a commune of {territory.source}", path=path)
    _no_twice(path, kept)
    return kept


def _no_twice(path: Path, officials: list[Official]) -> None:
    seen: dict[tuple[str, str], int] = {}
    for official in officials:
        key = (fold(official.name), official.commune)
        if key in seen:
            raise TerritoryError(
                f"{path}:{official.line}: {official.name} is listed twice (see line {seen[key]})",
                path=path,
                line=official.line,
            )
        seen[key] = official.line


# --- the change to the territory file ---------------------------------------------------------
@dataclass(frozen=True)
class Change:
    localpart: str
    name: str
    before: str  # "" for an arrival
    after: str  # "" for a departure


@dataclass
class Plan:
    """What the register changes in the territory file's elected people."""

    arrivals: list[Change] = field(default_factory=list)
    departures: list[Change] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    # localpart -> the keys to set (role, function, municipal_function, commune, name,
    # instances); arrivals carry every key of their new table
    updates: dict[str, dict[str, object]] = field(default_factory=dict)
    new_people: list[dict[str, object]] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.arrivals or self.departures or self.changes or self.updates)

    def describe(self) -> list[str]:
        lines = [
            f"{len(self.arrivals)} arriving, {len(self.departures)} leaving, "
            f"{len(self.changes)} changing function"
        ]
        lines += [f"+ {c.name} ({c.localpart}): {c.after}" for c in self.arrivals]
        lines += [f"- {c.name} ({c.localpart}): was {c.before}" for c in self.departures]
        lines += [f"~ {c.name} ({c.localpart}): {c.before} -> {c.after}" for c in self.changes]
        return lines


def _label(role: str, function: str | None) -> str:
    return f"{role} ({function})" if function else role


def _localpart(official: Official, taken: set[str]) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", fold(official.first_name)).strip("-")
    base += "." + re.sub(r"[^a-z0-9]+", "-", fold(official.last_name)).strip("-")
    candidate, number = base, 2
    while candidate in taken or not LOCALPART_RE.fullmatch(candidate):
        candidate, number = f"{base}{number}", number + 1
    taken.add(candidate)
    return candidate


def _instances(role: str, current: tuple[str, ...], territory: Territory) -> tuple[str, ...]:
    """The rooms a role brings: the council for its members, the bureau for the executive;
    the rest was chosen by hand and stays."""
    keys = {instance.key for instance in territory.instances}
    wanted = list(current)
    if role in ("president", "vice-president", "conseiller") and "conseil" in keys:
        wanted.append("conseil")
    if role in MODERATOR_ROLES and "bureau" in keys:
        wanted.append("bureau")
    return tuple(dict.fromkeys(wanted))


def plan_import(
    territory: Territory,
    community: list[Official],
    municipal: list[Official] | None = None,
) -> Plan:
    """The change that makes the territory's elected people those of the register."""
    municipal = municipal or []
    functions_in_commune = {(fold(o.name), o.commune): o.function for o in municipal}
    wanted: list[Official] = list(community)
    sitting = {(fold(o.name), o.commune) for o in community}
    wanted += [o for o in municipal if (fold(o.name), o.commune) not in sitting]

    # Only elected people are the register's; staff stay as they are. A municipal import
    # decides about the "elu-municipal" people too, a community one leaves them alone.
    managed = set(OFFICIAL_ROLES) if municipal else set(OFFICIAL_ROLES) - {"elu-municipal"}
    current = [p for p in territory.people if p.role in managed]
    by_name: dict[str, list[Person]] = {}
    for person in current:
        by_name.setdefault(fold(person.name), []).append(person)
    taken = {p.localpart for p in territory.people}
    plan = Plan()
    matched: set[str] = set()
    for official in wanted:
        candidates = [p for p in by_name.get(fold(official.name), []) if p.localpart not in matched]
        # the same name in two communes: the one of the same commune
        same_commune = [p for p in candidates if p.commune == official.commune]
        person = (same_commune or candidates or [None])[0]
        municipal_function = functions_in_commune.get((fold(official.name), official.commune))
        function = official.function or None
        if official.role == "elu-municipal":
            function, municipal_function = None, official.function or "Conseiller municipal"
        if person is None:
            localpart = _localpart(official, taken)
            table: dict[str, object] = {
                "localpart": localpart,
                "name": official.name,
                "commune": official.commune,
                "role": official.role,
                "instances": list(_instances(official.role, (), territory)),
            }
            if function:
                table["function"] = function
            if municipal_function:
                table["municipal_function"] = municipal_function
            plan.new_people.append(table)
            plan.arrivals.append(
                Change(localpart, official.name, "", _label(official.role, function))
            )
            continue
        matched.add(person.localpart)
        update: dict[str, object] = {}
        if person.role != official.role:
            update["role"] = official.role
        if (person.function or None) != function:
            update["function"] = function
        if municipal and (person.municipal_function or None) != municipal_function:
            update["municipal_function"] = municipal_function
        if person.commune != official.commune:
            update["commune"] = official.commune
        instances = _instances(official.role, person.instances, territory)
        if instances != person.instances:
            update["instances"] = list(instances)
        if update:
            plan.updates[person.localpart] = update
        if "role" in update or "function" in update:
            plan.changes.append(
                Change(
                    person.localpart,
                    person.name,
                    _label(person.role, person.function),
                    _label(official.role, function),
                )
            )
    for person in current:
        if person.localpart not in matched:
            plan.departures.append(
                Change(person.localpart, person.name, _label(person.role, person.function), "")
            )
    return plan


def _pop_trivia(table) -> list:
    """The blank lines and comments at the end of a table, taken out of it."""
    body = table.value.body
    trivia = []
    while body and body[-1][0] is None:
        trivia.insert(0, body.pop())
    return trivia


def _add_trivia(table, trivia: list) -> None:
    for _key, item in trivia:
        table.value.append(None, item)


def apply_plan(path: Path, plan: Plan) -> str:
    """The territory file's text with the plan applied, keeping its comments, layout and
    what was written by hand (instances, e-mail addresses); checked by loading it."""
    path = Path(path)
    document = tomlkit.parse(path.read_text(encoding="utf-8-sig"))
    people = document.get("people")
    if people is None:
        people = tomlkit.aot()
        document.append("people", people)
    leaving = {change.localpart for change in plan.departures}
    index = 0
    last_elected = -1
    while index < len(people):
        table = people[index]
        localpart = str(table.get("localpart"))
        if localpart in leaving:
            # The comments after a table belong to it in TOML's model ("# Staff…" after the
            # last councillor): they stay, after the table before it.
            trivia = _pop_trivia(people[index])
            del people[index]
            if index > 0:
                _pop_trivia(people[index - 1])
                _add_trivia(people[index - 1], trivia)
            continue
        for key, value in plan.updates.get(localpart, {}).items():
            if value is None:
                table.pop(key, None)
            else:
                table[key] = value
        if str(table.get("role")) in OFFICIAL_ROLES:
            last_elected = index
        index += 1
    if plan.new_people:
        trivia = [(None, tomlkit.nl())]
        if last_elected >= 0:
            trivia = _pop_trivia(people[last_elected]) or trivia
            _add_trivia(people[last_elected], [(None, tomlkit.nl())])
        for offset, values in enumerate(plan.new_people, start=1):
            table = tomlkit.table()
            for key, value in values.items():
                table[key] = value
            last = offset == len(plan.new_people)
            _add_trivia(table, trivia if last else [(None, tomlkit.nl())])
            people.insert(last_elected + offset, table)
    text = tomlkit.dumps(document)
    # What is written must load: a file the next `girou provision` refuses is never left.
    check = path.with_name(f".{path.name}.import-elus")
    try:
        check.write_text(text, encoding="utf-8")
        load_territory(check)
    except TerritoryError as exc:
        raise TerritoryError(
            f"{path}: the imported file would not load ({exc}); nothing written", path=path
        ) from exc
    finally:
        check.unlink(missing_ok=True)
    return text
