"""The territory file: one EPCI's communes, centres, instances and people, loaded and checked."""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from collab.addresses import EMAIL_RE

ROLES = (
    "president",
    "vice-president",
    "conseiller",
    "suppleant",
    "elu-municipal",
    "dgs",
    "secretaire",
    "agent",
)
# The community council, in this order on the portal (a suppléant sits when their titular
# councillor cannot); "elu-municipal" is a maire or municipal councillor of a member commune
# who does not sit on it: an account and the directory, not the public council page.
ELECTED_ROLES = ("president", "vice-president", "conseiller", "suppleant")
OFFICIAL_ROLES = frozenset({*ELECTED_ROLES, "elu-municipal"})
STAFF_ROLES = frozenset({"dgs", "secretaire", "agent"})
MODERATOR_ROLES = frozenset({"president", "vice-president"})
INSTANCE_KINDS = ("conseil", "bureau", "commission", "service")

SLUG_RE = re.compile(r"[a-z0-9-]+")
LOCALPART_RE = re.compile(r"[a-z0-9._=-]+")
SIREN_RE = re.compile(r"[0-9]{9}")
INSEE_RE = re.compile(r"(?:[0-9]{2}|2[AB])[0-9]{3}")
POSTAL_CODE_RE = re.compile(r"[0-9]{5}")


class TerritoryError(Exception):
    """A territory file (or the EPCI data it is generated from) is unusable.

    The message names the file, the line when known and the key, e.g.
    ``territory.toml:42: people[3].instances: unknown instance 'urbanism'``
    (array indexes count from 0, in file order).
    """

    def __init__(
        self,
        message: str,
        *,
        path: Path | None = None,
        line: int | None = None,
        key: str | None = None,
    ) -> None:
        super().__init__(message)
        self.path = path
        self.line = line
        self.key = key


@dataclass(frozen=True)
class Seat:
    """The intercommunality's head office, where residents go or write."""

    address: str
    phone: str | None = None
    email: str | None = None
    hours: tuple[str, ...] = ()  # lines as written, e.g. "Lundi au vendredi : 9 h – 12 h"


@dataclass(frozen=True)
class Commune:
    insee: str
    name: str
    postal_codes: tuple[str, ...]
    population: int
    # The mairie's address when the Annuaire import has none (the survey writes to it).
    mairie_email: str | None = None


@dataclass(frozen=True)
class Centre:
    """A leisure centre (centre de loisirs, ALSH) of the childcare service."""

    key: str
    name: str
    commune: str  # INSEE code of a commune of the territory
    address: str


@dataclass(frozen=True)
class Instance:
    """A body of the EPCI (council, bureau, commission) or a service; each has a Matrix room."""

    key: str
    name: str
    kind: str
    encrypted: bool = False
    # Séances (portal.seances): who presides (a localpart; None: the EPCI's president if a
    # member), the convocation's delay in jours francs and whether each item needs a note de
    # synthèse (None: the default of the kind, see portal.seances.rules).
    president: str | None = None
    jours_francs: int | None = None
    note_required: bool | None = None

    @property
    def room_key(self) -> str:
        return self.key if self.kind == "service" else f"instance:{self.key}"


@dataclass(frozen=True)
class Person:
    localpart: str
    name: str
    commune: str | None
    role: str
    instances: tuple[str, ...]
    # Written by hand or by `girou territory import-elus`: the function as the national
    # register words it ("2e vice-président"), the person's function in their commune
    # ("Maire"), and the address the weekly digest goes to when the person gave none.
    function: str | None = None
    municipal_function: str | None = None
    email: str | None = None

    @property
    def is_staff(self) -> bool:
        return self.role in STAFF_ROLES

    @property
    def is_official(self) -> bool:
        return self.role in OFFICIAL_ROLES

    @property
    def is_moderator(self) -> bool:
        return self.role in MODERATOR_ROLES


@dataclass(frozen=True)
class Territory:
    name: str
    short_name: str
    siren: str
    source: Path
    communes: tuple[Commune, ...]
    centres: tuple[Centre, ...]
    instances: tuple[Instance, ...]
    people: tuple[Person, ...]
    seat: Seat | None = None  # the EPCI's own office, when the file gives it

    def instance(self, key: str) -> Instance:
        for instance in self.instances:
            if instance.key == key:
                return instance
        raise KeyError(key)

    def commune(self, insee: str) -> Commune:
        for commune in self.communes:
            if commune.insee == insee:
                return commune
        raise KeyError(insee)

    def members(self, instance_key: str) -> tuple[Person, ...]:
        self.instance(instance_key)  # an unknown instance is a caller's bug: KeyError
        return tuple(person for person in self.people if instance_key in person.instances)

    def person(self, localpart: str) -> Person:
        for person in self.people:
            if person.localpart == localpart:
                return person
        raise KeyError(localpart)


STANDARD_INSTANCES = (
    Instance("conseil", "Conseil communautaire", "conseil"),
    Instance("bureau", "Bureau communautaire", "bureau"),
    Instance("petite-enfance", "Petite enfance & jeunesse", "commission"),
    Instance("urbanisme", "Urbanisme & aménagement", "commission"),
    Instance("finances", "Finances", "commission"),
    Instance("numerique", "Numérique", "commission"),
    Instance("secretariat", "Secrétariat – inscriptions", "service", encrypted=True),
    Instance("moderation", "Portail – modération", "service"),
)


# --- loading ---------------------------------------------------------------------------------

_TOP_KEYS = ("name", "short_name", "siren", "seat", "communes", "centres", "instances", "people")
_HEADER_RE = re.compile(r"\[\[\s*([A-Za-z0-9_-]+)\s*\]\]")
_TABLE_RE = re.compile(r"\[\s*([A-Za-z0-9_.-]+)\s*\]")
_KEY_RE = re.compile(r"([A-Za-z0-9_-]+)\s*=")
_SYNTAX_RE = re.compile(r"(.*) \(at line (\d+), column (\d+)\)", re.DOTALL)

# (array name or None for the top level, index in the array, key or None for the header) -> line
_Location = tuple[str | None, int | None, str | None]


def _key_lines(text: str) -> dict[_Location, int]:
    """Where each key is written, by a plain line scan (enough for files written like ours)."""
    lines: dict[_Location, int] = {}
    section: str | None = None
    index: int | None = None
    counts: dict[str, int] = {}
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip()
        if match := _HEADER_RE.match(stripped):
            section = match[1]
            index = counts.get(section, 0)
            counts[section] = index + 1
            lines.setdefault((section, index, None), number)
            lines.setdefault((None, None, section), number)
        elif match := _TABLE_RE.match(stripped):
            section, index = match[1], None
            lines.setdefault((section, None, None), number)
            lines.setdefault((None, None, section), number)
        elif match := _KEY_RE.match(stripped):
            lines.setdefault((section, index, match[1]), number)
    return lines


class _Source:
    """A territory file being loaded: builds errors that point at a line."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.lines = _key_lines(text)

    def line(self, section: str | None, index: int | None, key: str | None) -> int | None:
        # the key, else its table header, else the line that opens the whole array
        for location in ((section, index, key), (section, index, None), (None, None, section)):
            if location in self.lines:
                return self.lines[location]
        return None

    def error(
        self, section: str | None, index: int | None, key: str | None, reason: str
    ) -> TerritoryError:
        label = "" if section is None else section if index is None else f"{section}[{index}]"
        if key is not None:
            label = f"{label}.{key}" if label else key
        line = self.line(section, index, key)
        where = f"{self.path}:{line}" if line is not None else str(self.path)
        return TerritoryError(f"{where}: {label}: {reason}", path=self.path, line=line, key=label)


_TYPE_NAMES = {
    str: "a string",
    int: "an integer",
    float: "a float",
    bool: "true or false",
    list: "an array",
    dict: "a table",
}


def _toml_type(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, dict):
        return "a table"
    return _TYPE_NAMES.get(type(value), type(value).__name__)


class _Table:
    """One table of the file (the top level or an element of an array of tables)."""

    def __init__(
        self, source: _Source, data: dict[str, Any], section: str | None, index: int | None
    ) -> None:
        self.source = source
        self.data = data
        self.section = section
        self.index = index

    def error(self, key: str | None, reason: str) -> TerritoryError:
        return self.source.error(self.section, self.index, key, reason)

    def reject_unknown(self, allowed: tuple[str, ...]) -> None:
        for key in self.data:
            if key not in allowed:
                raise self.error(key, f"unknown key (expected one of: {', '.join(allowed)})")

    def value(self, key: str, kind: type, *, required: bool = True) -> Any:
        if key not in self.data:
            if required:
                raise self.error(key, "missing required key")
            return None
        value = self.data[key]
        if not isinstance(value, kind) or (kind is not bool and isinstance(value, bool)):
            raise self.error(key, f"expected {_TYPE_NAMES[kind]}, got {_toml_type(value)}")
        return value

    def text(
        self,
        key: str,
        *,
        required: bool = True,
        pattern: re.Pattern[str] | None = None,
        what: str = "",
    ) -> str | None:
        value = self.value(key, str, required=required)
        if value is None:
            return None
        if not value.strip():
            raise self.error(key, "must not be empty")
        if pattern is not None and not pattern.fullmatch(value):
            raise self.error(key, f"{value!r} is not {what}")
        return value

    def texts(
        self, key: str, *, pattern: re.Pattern[str] | None = None, what: str = ""
    ) -> tuple[str, ...]:
        values = self.value(key, list, required=False) or []
        for value in values:
            if not isinstance(value, str):
                raise self.error(key, f"expected an array of strings, found {_toml_type(value)}")
            if pattern is not None and not pattern.fullmatch(value):
                raise self.error(key, f"{value!r} is not {what}")
            if values.count(value) > 1:
                raise self.error(key, f"{value!r} is listed twice")
        return tuple(values)

    def table(self, key: str) -> _Table:
        value = self.value(key, dict)
        return _Table(self.source, value, key, None)

    def tables(self, key: str) -> list[_Table]:
        if isinstance(self.data.get(key), dict):
            raise self.error(key, f"expected an array of tables: write [[{key}]], not [{key}]")
        values = self.value(key, list, required=False) or []
        if not all(isinstance(value, dict) for value in values):
            raise self.error(key, f"expected an array of tables ([[{key}]])")
        return [_Table(self.source, value, key, i) for i, value in enumerate(values)]


def _unique(tables: list[_Table], key: str, values: list[str]) -> None:
    first: dict[str, int | None] = {}
    for table, value in zip(tables, values, strict=True):
        if value in first:
            section = table.section
            raise table.error(key, f"duplicate {key} {value!r} (see {section}[{first[value]}])")
        first[value] = table.index


def _commune(table: _Table) -> Commune:
    table.reject_unknown(("insee", "name", "postal_codes", "population", "mairie_email"))
    population = table.value("population", int)
    if population < 0:
        raise table.error("population", "must not be negative")
    return Commune(
        insee=table.text("insee", pattern=INSEE_RE, what="an INSEE code (5 characters)"),
        name=table.text("name"),
        postal_codes=table.texts("postal_codes", pattern=POSTAL_CODE_RE, what="a postal code"),
        population=population,
        mairie_email=table.text(
            "mairie_email", required=False, pattern=EMAIL_RE, what="an e-mail address"
        ),
    )


def _seat(table: _Table) -> Seat:
    table.reject_unknown(("address", "phone", "email", "hours"))
    return Seat(
        address=table.text("address"),
        phone=table.text("phone", required=False),
        email=table.text("email", required=False, pattern=EMAIL_RE, what="an e-mail address"),
        hours=table.texts("hours"),
    )


def _centre(table: _Table, communes: set[str]) -> Centre:
    table.reject_unknown(("key", "name", "commune", "address"))
    commune = table.text("commune", pattern=INSEE_RE, what="an INSEE code (5 characters)")
    if commune not in communes:
        raise table.error("commune", f"commune {commune!r} is not in the communes")
    return Centre(
        key=table.text("key", pattern=SLUG_RE, what="a key made of [a-z0-9-]"),
        name=table.text("name"),
        commune=commune,
        address=table.text("address"),
    )


def _instance(table: _Table) -> Instance:
    table.reject_unknown(
        ("key", "name", "kind", "encrypted", "president", "jours_francs", "note_required")
    )
    kind = table.text("kind")
    if kind not in INSTANCE_KINDS:
        raise table.error(
            "kind", f"unknown kind {kind!r} (expected one of: {', '.join(INSTANCE_KINDS)})"
        )
    return Instance(
        key=table.text("key", pattern=SLUG_RE, what="a key made of [a-z0-9-]"),
        name=table.text("name"),
        kind=kind,
        encrypted=bool(table.value("encrypted", bool, required=False)),
        president=table.text("president", required=False),
        jours_francs=_jours_francs(table),
        note_required=table.value("note_required", bool, required=False),
    )


def _jours_francs(table: _Table) -> int | None:
    days = table.value("jours_francs", int, required=False)
    if days is not None and not 1 <= days <= 30:
        raise table.error("jours_francs", f"{days} is not a delay of 1 to 30 jours francs")
    return days


def _person(table: _Table, communes: set[str], instances: set[str]) -> Person:
    table.reject_unknown(
        (
            "localpart",
            "name",
            "commune",
            "role",
            "instances",
            "function",
            "municipal_function",
            "email",
        )
    )
    localpart = table.text("localpart", pattern=LOCALPART_RE, what="a localpart of [a-z0-9._=-]")
    commune = table.text("commune", required=False)
    if commune is not None and commune not in communes:
        raise table.error("commune", f"commune {commune!r} is not in the communes")
    role = table.text("role")
    if role not in ROLES:
        raise table.error("role", f"unknown role {role!r} (expected one of: {', '.join(ROLES)})")
    member_of = table.texts("instances")
    for key in member_of:
        if key not in instances:
            raise table.error("instances", f"unknown instance {key!r}")
    return Person(
        localpart=localpart,
        name=table.text("name"),
        commune=commune,
        role=role,
        instances=member_of,
        function=table.text("function", required=False),
        municipal_function=table.text("municipal_function", required=False),
        email=table.text("email", required=False, pattern=EMAIL_RE, what="an e-mail address"),
    )


def _syntax_error(path: Path, exc: tomllib.TOMLDecodeError) -> TerritoryError:
    message = str(exc)
    line = getattr(exc, "lineno", None)  # Python >= 3.14
    if match := _SYNTAX_RE.fullmatch(message):
        message = f"{match[1]} (column {match[3]})"
        line = int(match[2])
    where = f"{path}:{line}" if line is not None else str(path)
    return TerritoryError(f"{where}: TOML syntax error: {message}", path=path, line=line)


def load_territory(path: Path) -> Territory:
    """Read and check a territory file; any problem raises TerritoryError."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise TerritoryError(f"{path}: cannot read territory file: {exc}", path=path) from exc
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise _syntax_error(path, exc) from exc

    top = _Table(_Source(path, text), data, None, None)
    top.reject_unknown(_TOP_KEYS)
    name = top.text("name")
    short_name = top.text("short_name", required=False) or name
    siren = top.text("siren", pattern=SIREN_RE, what="a SIREN (9 digits)")

    seat = _seat(top.table("seat")) if "seat" in data else None

    commune_tables = top.tables("communes")
    if not commune_tables:
        raise top.error("communes", "at least one [[communes]] table is required")
    communes = tuple(_commune(table) for table in commune_tables)
    _unique(commune_tables, "insee", [commune.insee for commune in communes])
    commune_codes = {commune.insee for commune in communes}

    centre_tables = top.tables("centres")
    centres = tuple(_centre(table, commune_codes) for table in centre_tables)
    _unique(centre_tables, "key", [centre.key for centre in centres])

    instance_tables = top.tables("instances")
    instances = tuple(_instance(table) for table in instance_tables)
    _unique(instance_tables, "key", [instance.key for instance in instances])
    instance_keys = {instance.key for instance in instances}

    person_tables = top.tables("people")
    people = tuple(_person(table, commune_codes, instance_keys) for table in person_tables)
    _unique(person_tables, "localpart", [person.localpart for person in people])
    localparts = {person.localpart for person in people}
    for table, instance in zip(instance_tables, instances, strict=True):
        if instance.president is not None and instance.president not in localparts:
            raise table.error("president", f"unknown person {instance.president!r}")

    return Territory(
        name=name,
        short_name=short_name,
        siren=siren,
        source=path,
        seat=seat,
        communes=communes,
        centres=centres,
        instances=instances,
        people=people,
    )


# --- generating a territory file for any EPCI ------------------------------------------------

_EPCI_PREFIXES = {
    "CC": "Communauté de communes",
    "CA": "Communauté d'agglomération",
    "CU": "Communauté urbaine",
}
_ARTICLE_RE = re.compile(r"(?:des |du |de la |de l'|de |d')(?=\w)")


def default_data_dir(project_dir: Path) -> Path:
    return project_dir / "node_modules/@etalab/decoupage-administratif/data"


def _epci_names(nom: str) -> tuple[str, str]:
    """Full and short name from the package's name: 'CC des Coteaux du Girou' ->
    ('Communauté de communes des Coteaux du Girou', 'Coteaux du Girou')."""
    prefix, _, rest = nom.partition(" ")
    if prefix in _EPCI_PREFIXES and rest:
        article = _ARTICLE_RE.match(rest)
        short = rest[article.end() :] if article else rest
        return f"{_EPCI_PREFIXES[prefix]} {rest}", short[:1].upper() + short[1:]
    return nom, nom


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise TerritoryError(
            f"{path}: not found (run `npm install` to get @etalab/decoupage-administratif)",
            path=path,
        ) from exc
    except (OSError, ValueError) as exc:
        raise TerritoryError(f"{path}: cannot read: {exc}", path=path) from exc


def _package_version(data_dir: Path) -> str:
    try:
        return json.loads((data_dir.parent / "package.json").read_text(encoding="utf-8"))["version"]
    except (OSError, ValueError, KeyError, TypeError):
        return "(unknown version)"


def _s(value: str) -> str:
    """A TOML basic string (JSON's escapes are a subset of TOML's)."""
    return json.dumps(value, ensure_ascii=False)


def _strings(values: Iterable[str]) -> str:
    return "[" + ", ".join(_s(value) for value in values) + "]"


def epci_territory_toml(siren: str, data_dir: Path) -> str:
    """The text of a new territory file for the EPCI `siren`, from decoupage-administratif data.

    Communes and the standard instances are filled in; centres and people are commented
    examples, so the file loads as it is and is completed by hand.
    """
    if not isinstance(siren, str) or not SIREN_RE.fullmatch(siren):
        raise TerritoryError(f"unknown EPCI SIREN {siren!r}: a SIREN is 9 digits")
    epci = next((e for e in _read_json(data_dir / "epci.json") if e.get("code") == siren), None)
    if epci is None:
        raise TerritoryError(f"unknown EPCI SIREN {siren!r}: not in {data_dir / 'epci.json'}")
    by_code = {
        commune["code"]: commune
        for commune in _read_json(data_dir / "communes.json")
        if commune.get("type") == "commune-actuelle"
    }
    communes = []
    for member in epci["membres"]:
        data = by_code.get(member["code"], {})
        population = data.get("population", member.get("populationMunicipale", 0))
        communes.append(
            Commune(
                insee=member["code"],
                name=data.get("nom", member["nom"]),
                postal_codes=tuple(data.get("codesPostaux", ())),
                population=int(population or 0),
            )
        )
    communes.sort(key=lambda commune: commune.insee)
    name, short_name = _epci_names(epci["nom"])
    return _territory_text(name, short_name, siren, communes, _package_version(data_dir))


def _territory_text(
    name: str, short_name: str, siren: str, communes: list[Commune], version: str
) -> str:
    first = communes[0] if communes else Commune("00000", "?", (), 0)
    postal_code = first.postal_codes[0] if first.postal_codes else ""
    out = [
        f"# Territory file of Girou: {name}.",
        f"# Generated from @etalab/decoupage-administratif {version}; edit it freely.",
        "#",
        "# Everything specific to one intercommunality lives here, never in the code.",
        "#   name, short_name, siren  the EPCI: full name, name used in titles, SIREN (9 digits).",
        "#   [seat]         optional: the EPCI's office (address, phone, email, hours: lines of",
        "#                  text), shown in the footer and where a sheet sends residents to it.",
        "#   [[communes]]   member communes: INSEE code, name, postal codes, municipal population",
        "#                  and mairie_email (optional: the mairie's address when the Annuaire",
        "#                  import has none).",
        "#   [[centres]]    leisure centres (centres de loisirs, ALSH) of the childcare service:",
        "#                  key ([a-z0-9-]), name, commune (INSEE code of a member commune),",
        "#                  address.",
        "#   [[instances]]  bodies and services, one Matrix room each: key ([a-z0-9-]), name,",
        "#                  kind (conseil, bureau, commission or service) and encrypted (true for",
        "#                  an end-to-end encrypted room). Rooms of kind service are named by",
        '#                  their key alone ("secretariat", "moderation"): the portal and the',
        "#                  bots post to them, so keep those two.",
        "#   [[people]]     elected officials and staff, one Matrix account each: localpart",
        "#                  ([a-z0-9._=-]), name, commune (INSEE code, optional for staff), role",
        f"#                  ({', '.join(ROLES)}) and",
        "#                  instances (keys of the rooms they join). Room moderators are the",
        "#                  president and vice-presidents; dgs, secretaire and agent are staff.",
        "#                  Optional: function and municipal_function (as the national register",
        "#                  words them), email (where the weekly digest goes). `girou territory",
        "#                  import-elus` fills the elected officials from the register.",
        "#                  A secretaire with a commune is its secrétaire de mairie (the survey",
        "#                  of the mairies also writes to them in Matrix).",
        "",
        f"name = {_s(name)}",
        f"short_name = {_s(short_name)}",
        f"siren = {_s(siren)}",
        "",
        "# [seat]  # the EPCI's office (example: remove the '#' and adapt)",
        f"# address = {_s(f'1 place de l’Exemple, {postal_code} {first.name}')}",
        '# phone = "05 00 00 00 00"',
        '# hours = ["Lundi au vendredi : 9 h – 12 h"]',
        "",
        f"# --- Communes ({len(communes)}) ---",
    ]
    for commune in communes:
        out += [
            "",
            "[[communes]]",
            f"insee = {_s(commune.insee)}",
            f"name = {_s(commune.name)}",
            f"postal_codes = {_strings(commune.postal_codes)}",
            f"population = {commune.population}",
        ]
    out += [
        "",
        "# --- Leisure centres (example: remove the '#' and adapt) ---",
        "",
        "# [[centres]]",
        '# key = "alsh-exemple"',
        f"# name = {_s('ALSH de ' + first.name)}",
        f"# commune = {_s(first.insee)}",
        f"# address = {_s(f'1 rue de l’Exemple, {postal_code} {first.name}')}",
        "",
        "# --- Instances ---",
    ]
    for instance in STANDARD_INSTANCES:
        out += [
            "",
            "[[instances]]",
            f"key = {_s(instance.key)}",
            f"name = {_s(instance.name)}",
            f"kind = {_s(instance.kind)}",
        ]
        if instance.encrypted:
            out.append("encrypted = true")
    out += [
        "",
        "# --- People (examples: remove the '#' and adapt) ---",
        "",
        "# [[people]]",
        '# localpart = "prenom.nom"',
        '# name = "Prénom Nom"',
        f"# commune = {_s(first.insee)}",
        '# role = "president"',
        '# instances = ["conseil", "bureau", "moderation"]',
        "",
        "# [[people]]",
        '# localpart = "prenom.secretaire"',
        '# name = "Prénom Secrétaire"',
        '# role = "secretaire"',
        '# instances = ["secretariat"]',
        "",
    ]
    return "\n".join(out)
