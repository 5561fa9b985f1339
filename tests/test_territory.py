"""Tests of the territory file: the default file, generation for any EPCI, and bad files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from collab.territory import (
    ROLES,
    Instance,
    Person,
    TerritoryError,
    default_data_dir,
    epci_territory_toml,
    load_territory,
)

COUNCIL_ROLES = ("president", "vice-president", "conseiller")  # who sits on the conseil
PROJECT_DIR = Path(__file__).resolve().parent.parent
COTEAUX_DU_GIROU = "243100732"
TOULOUSE_METROPOLE = "243100518"
COMMISSIONS = {"petite-enfance", "urbanisme", "finances", "numerique"}

MINIMAL = """\
name = "CC de Test"
siren = "200000000"

[[communes]]
insee = "31001"
name = "Une"
postal_codes = ["31000"]
population = 10

[[communes]]
insee = "31002"
name = "Deux"
postal_codes = ["31000", "31001"]
population = 20

[[centres]]
key = "alsh-une"
name = "ALSH d'Une"
commune = "31001"
address = "1 rue Fictive, 31000 Une"

[[instances]]
key = "conseil"
name = "Conseil communautaire"
kind = "conseil"

[[instances]]
key = "secretariat"
name = "Secrétariat"
kind = "service"
encrypted = true

[[people]]
localpart = "alice.exemple"
name = "Alice Exemple"
commune = "31001"
role = "president"
instances = ["conseil"]

[[people]]
localpart = "bob.fictif"
name = "Bob Fictif"
role = "secretaire"
instances = ["secretariat"]
"""


@pytest.fixture
def data_dir() -> Path:
    path = default_data_dir(PROJECT_DIR)
    if not (path / "epci.json").is_file():
        pytest.skip("needs @etalab/decoupage-administratif: run `npm install`")
    return path


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "territory.toml"
    path.write_text(text, encoding="utf-8")
    return path


def line_of(text: str, fragment: str) -> int:
    """1-based number of the first line of text containing fragment."""
    return next(i for i, line in enumerate(text.split("\n"), 1) if fragment in line)


# --- the default territory ---------------------------------------------------------------


@pytest.fixture(scope="module")
def girou():
    return load_territory(PROJECT_DIR / "territory.toml")


def test_default_territory_identity(girou):
    assert girou.siren == COTEAUX_DU_GIROU
    assert girou.short_name == "Coteaux du Girou"
    assert "Coteaux du Girou" in girou.name
    assert girou.source == PROJECT_DIR / "territory.toml"
    assert len(girou.communes) == 18
    assert girou.commune("31573").name == "Verfeil"
    assert all(commune.population > 0 and commune.postal_codes for commune in girou.communes)


def test_default_territory_seat_is_optional(girou, tmp_path):
    assert girou.seat is not None
    assert girou.seat.address.endswith("31380 Gragnague")
    assert girou.seat.hours
    assert load_territory(write(tmp_path, MINIMAL)).seat is None


def test_default_territory_centres_are_in_three_communes(girou):
    assert len(girou.centres) == 3
    assert len({centre.commune for centre in girou.centres}) == 3
    for centre in girou.centres:
        girou.commune(centre.commune)


def test_default_territory_instances(girou):
    kinds = {instance.key: instance.kind for instance in girou.instances}
    assert {key for key, kind in kinds.items() if kind == "commission"} == COMMISSIONS
    assert kinds["conseil"] == "conseil"
    assert kinds["bureau"] == "bureau"
    secretariat = girou.instance("secretariat")
    assert secretariat.encrypted
    assert secretariat.room_key == "secretariat"
    assert girou.instance("moderation").room_key == "moderation"
    assert girou.instance("urbanisme").room_key == "instance:urbanisme"
    assert not girou.instance("conseil").encrypted


def test_default_territory_people(girou):
    by_role = {role: [p for p in girou.people if p.role == role] for role in ROLES}
    assert len(by_role["president"]) == 1
    assert len(by_role["vice-president"]) == 3
    assert len(by_role["dgs"]) == 1
    assert len(by_role["secretaire"]) == 2
    assert len(by_role["agent"]) == 1
    assert len(by_role["conseiller"]) >= 4
    assert 12 <= len(girou.people) <= 16
    # Who receives the council's convocations without sitting on it (portal.seances).
    assert len(by_role["elu-municipal"]) == 1
    elected = [p for p in girou.people if p.role in COUNCIL_ROLES]
    assert len({p.commune for p in elected}) == len(elected)  # spread over communes
    assert all(p.commune is not None for p in elected)


def test_default_territory_members(girou):
    elected = {p.localpart for p in girou.people if p.role in COUNCIL_ROLES}
    moderators = {p.localpart for p in girou.people if p.is_moderator}
    assert {p.localpart for p in girou.members("conseil")} == elected
    assert {p.localpart for p in girou.members("bureau")} == moderators
    for key in COMMISSIONS:
        assert 3 <= len(girou.members(key)) <= 5
    secretariat = set(girou.members("secretariat"))
    assert {p for p in girou.people if p.role == "secretaire"} <= secretariat
    assert set(girou.members("petite-enfance")) <= secretariat
    moderation = {p.role for p in girou.members("moderation")}
    assert moderation == {"president", "dgs", "agent"}
    with pytest.raises(KeyError):
        girou.members("urbanism")


def test_default_territory_people_are_fictitious(girou):
    surnames = ("Exemple", "Fictif", "Fictive", "Démo")
    assert all(person.name.endswith(surnames) for person in girou.people)
    assert "FICTITIOUS" in (PROJECT_DIR / "territory.toml").read_text(encoding="utf-8")


def test_default_territory_lookups(girou):
    alice = girou.person("alice.exemple")
    assert alice.role == "president"
    assert alice.is_moderator
    assert not alice.is_staff
    with pytest.raises(KeyError):
        girou.person("nobody")
    with pytest.raises(KeyError):
        girou.instance("nothing")
    with pytest.raises(KeyError):
        girou.commune("99999")


def test_default_territory_communes_match_package(girou, data_dir, tmp_path):
    generated = load_territory(write(tmp_path, epci_territory_toml(COTEAUX_DU_GIROU, data_dir)))
    assert generated.communes == girou.communes


# --- generating a territory file -----------------------------------------------------------


def test_generated_file_for_coteaux_du_girou_loads(data_dir, tmp_path):
    text = epci_territory_toml(COTEAUX_DU_GIROU, data_dir)
    territory = load_territory(write(tmp_path, text))
    assert territory.siren == COTEAUX_DU_GIROU
    assert territory.name == "Communauté de communes des Coteaux du Girou"
    assert territory.short_name == "Coteaux du Girou"
    assert len(territory.communes) == 18
    assert territory.commune("31358").name == "Montastruc-la-Conseillère"
    assert territory.centres == ()
    assert territory.people == ()
    assert "# [[centres]]" in text
    assert "# [[people]]" in text
    keys = [instance.key for instance in territory.instances]
    assert keys == [
        "conseil",
        "bureau",
        "petite-enfance",
        "urbanisme",
        "finances",
        "numerique",
        "secretariat",
        "moderation",
    ]
    assert territory.instance("secretariat") == Instance(
        "secretariat", "Secrétariat – inscriptions", "service", encrypted=True
    )
    assert territory.instance("moderation").name == "Portail – modération"
    assert territory.instance("petite-enfance").name == "Petite enfance & jeunesse"


def test_generated_file_for_another_epci_matches_package(data_dir, tmp_path):
    epcis = json.loads((data_dir / "epci.json").read_text(encoding="utf-8"))
    epci = next(e for e in epcis if e["code"] == TOULOUSE_METROPOLE)
    communes = json.loads((data_dir / "communes.json").read_text(encoding="utf-8"))
    toulouse = next(c for c in communes if c["code"] == "31555" and c["type"] == "commune-actuelle")

    territory = load_territory(write(tmp_path, epci_territory_toml(TOULOUSE_METROPOLE, data_dir)))

    assert territory.siren == TOULOUSE_METROPOLE
    assert territory.name == "Toulouse Métropole"
    assert {c.insee for c in territory.communes} == {m["code"] for m in epci["membres"]}
    assert len(territory.communes) == len(epci["membres"])
    assert territory.commune("31555").population == toulouse["population"]
    assert territory.commune("31555").postal_codes == tuple(toulouse["codesPostaux"])


@pytest.mark.parametrize("siren", ["999999999", "24310073", "24310073x", ""])
def test_generating_for_unknown_siren_fails(data_dir, siren):
    with pytest.raises(TerritoryError, match="unknown EPCI SIREN"):
        epci_territory_toml(siren, data_dir)


def test_generating_without_data_says_npm_install(tmp_path):
    with pytest.raises(TerritoryError, match="npm install"):
        epci_territory_toml(COTEAUX_DU_GIROU, tmp_path)


# --- loading small and bad files -----------------------------------------------------------


def test_minimal_file_loads(tmp_path):
    territory = load_territory(write(tmp_path, MINIMAL))
    assert territory.short_name == "CC de Test"  # defaults to the name
    assert territory.commune("31002").postal_codes == ("31000", "31001")
    assert territory.centres[0].commune == "31001"
    bob = territory.person("bob.fictif")
    assert bob == Person("bob.fictif", "Bob Fictif", None, "secretaire", ("secretariat",))
    assert bob.is_staff
    assert not bob.is_moderator
    assert territory.members("secretariat") == (bob,)


def test_file_without_instances_or_people_loads(tmp_path):
    text = MINIMAL.split("[[centres]]")[0]
    territory = load_territory(write(tmp_path, text))
    assert territory.instances == ()
    assert territory.people == ()
    assert territory.centres == ()


def test_missing_file_is_a_territory_error(tmp_path):
    with pytest.raises(TerritoryError, match="cannot read"):
        load_territory(tmp_path / "nowhere.toml")


def test_syntax_error_names_file_and_line(tmp_path):
    text = MINIMAL.replace("population = 20", "population = 20 20")
    path = write(tmp_path, text)
    with pytest.raises(TerritoryError) as caught:
        load_territory(path)
    line = line_of(text, "population = 20 20")
    assert str(caught.value).startswith(f"{path}:{line}: TOML syntax error: ")
    assert caught.value.line == line


# (text replaced, replacement, line expected in the message: the last line holding this
# fragment, or None when the line is unknown, key named in the message, reason)
BAD_FILES = [
    pytest.param(
        'instances = ["secretariat"]',
        'instances = ["secretariat", "urbanism"]',
        'instances = ["secretariat", "urbanism"]',
        "people[1].instances",
        "unknown instance 'urbanism'",
        id="unknown-instance",
    ),
    pytest.param(
        'siren = "200000000"',
        'siren = "20000000"',
        'siren = "20000000"',
        "siren",
        "'20000000' is not a SIREN (9 digits)",
        id="bad-siren",
    ),
    pytest.param(
        'localpart = "bob.fictif"',
        'localpart = "alice.exemple"',
        'localpart = "alice.exemple"',
        "people[1].localpart",
        "duplicate localpart 'alice.exemple' (see people[0])",
        id="duplicate-localpart",
    ),
    pytest.param(
        'role = "president"',
        'role = "maire"',
        'role = "maire"',
        "people[0].role",
        "unknown role 'maire'",
        id="unknown-role",
    ),
    pytest.param(
        'name = "CC de Test"',
        'short_name = "Test"',
        None,
        "name",
        "missing required key",
        id="missing-name",
    ),
    pytest.param(
        'name = "Bob Fictif"\n',
        "",
        "[[people]]",
        "people[1].name",
        "missing required key",
        id="missing-person-name",
    ),
    pytest.param(
        'insee = "31002"',
        'insee = "3102"',
        'insee = "3102"',
        "communes[1].insee",
        "'3102' is not an INSEE code",
        id="bad-insee",
    ),
    pytest.param(
        'insee = "31002"',
        'insee = "31001"',
        'insee = "31001"',
        "communes[1].insee",
        "duplicate insee '31001' (see communes[0])",
        id="duplicate-commune",
    ),
    pytest.param(
        'key = "secretariat"',
        'key = "conseil"',
        'key = "conseil"',
        "instances[1].key",
        "duplicate key 'conseil'",
        id="duplicate-instance",
    ),
    pytest.param(
        'key = "secretariat"',
        'key = "Secrétariat"',
        'key = "Secrétariat"',
        "instances[1].key",
        "is not a key made of [a-z0-9-]",
        id="bad-instance-key",
    ),
    pytest.param(
        'kind = "service"',
        'kind = "salon"',
        'kind = "salon"',
        "instances[1].kind",
        "unknown kind 'salon'",
        id="bad-kind",
    ),
    pytest.param(
        "encrypted = true",
        'encrypted = "yes"',
        'encrypted = "yes"',
        "instances[1].encrypted",
        "expected true or false, got a string",
        id="encrypted-not-boolean",
    ),
    pytest.param(
        'localpart = "bob.fictif"',
        'localpart = "Bob Fictif"',
        'localpart = "Bob Fictif"',
        "people[1].localpart",
        "is not a localpart",
        id="bad-localpart",
    ),
    pytest.param(
        'commune = "31001"\nrole',
        'commune = "31999"\nrole',
        'commune = "31999"',
        "people[0].commune",
        "commune '31999' is not in the communes",
        id="person-commune-outside",
    ),
    pytest.param(
        'commune = "31001"\naddress',
        'commune = "31003"\naddress',
        'commune = "31003"',
        "centres[0].commune",
        "commune '31003' is not in the communes",
        id="centre-commune-outside",
    ),
    pytest.param(
        "population = 20",
        'population = "20"',
        'population = "20"',
        "communes[1].population",
        "expected an integer, got a string",
        id="population-not-integer",
    ),
    pytest.param(
        'instances = ["conseil"]',
        'instance = ["conseil"]',
        'instance = ["conseil"]',
        "people[0].instance",
        "unknown key",
        id="unknown-key",
    ),
    pytest.param(
        'siren = "200000000"\n',
        'siren = "200000000"\n[seat]\naddress = "1 place Fictive, 31000 Une"\nemail = "accueil"\n',
        'email = "accueil"',
        "seat.email",
        "'accueil' is not an e-mail address",
        id="seat-bad-email",
    ),
    pytest.param(
        'siren = "200000000"\n',
        'siren = "200000000"\nseat = "1 place Fictive"\n',
        'seat = "1 place Fictive"',
        "seat",
        "expected a table, got a string",
        id="seat-not-a-table",
    ),
]


@pytest.mark.parametrize(("old", "new", "at", "key", "reason"), BAD_FILES)
def test_bad_file_error_names_file_line_and_key(tmp_path, old, new, at, key, reason):
    assert MINIMAL.count(old) == 1
    text = MINIMAL.replace(old, new)
    path = write(tmp_path, text)
    with pytest.raises(TerritoryError) as caught:
        load_territory(path)
    message = str(caught.value)
    if at is None:
        assert message.startswith(f"{path}: {key}: "), message
        assert caught.value.line is None
    else:
        line = max(i for i, text_line in enumerate(text.split("\n"), 1) if at in text_line)
        assert message.startswith(f"{path}:{line}: {key}: "), message
        assert caught.value.line == line
    assert reason in message
    assert caught.value.key == key


def test_missing_top_level_key_without_line(tmp_path):
    path = write(tmp_path, MINIMAL.replace('siren = "200000000"\n', ""))
    with pytest.raises(TerritoryError, match=r"territory\.toml: siren: missing required key$"):
        load_territory(path)


def test_communes_are_required(tmp_path):
    path = write(tmp_path, 'name = "CC Vide"\nsiren = "200000000"\n')
    with pytest.raises(TerritoryError, match=r"communes: at least one"):
        load_territory(path)
