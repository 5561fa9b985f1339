"""`girou territory import-elus`: the national register's files (written here in its format,
for two EPCIs) read, compared with the territory file, written only when asked."""

from __future__ import annotations

import re
import shutil

import pytest
from conftest import ROOT

from collab import cli, rne
from collab.territory import TerritoryError, load_territory

HEADER = (
    "Code du département;Libellé du département;N° SIREN;Libellé de l'EPCI;"
    "Code de la commune de rattachement;Libellé de la commune de rattachement;Nom de l'élu;"
    "Prénom de l'élu;Code sexe;Date de naissance;Code de la catégorie socio-professionnelle;"
    "Libellé de la catégorie socio-professionnelle;Date de début du mandat;"
    "Libellé de la fonction;Date de début de la fonction"
)
GIROU = "243100732;CC des Coteaux du Girou"
OTHER = "200023737;CC Val'Aïgo"


def row(epci: str, insee: str, last: str, first: str, function: str = "", born="02/03/1961"):
    return (
        f"31;Haute-Garonne;{epci};{insee};Commune;{last};{first};F;{born};23;Cadre;"
        f"03/07/2020;{function};{'10/07/2020' if function else ''}"
    )


# The demo territory's council, as the register would give it, with two differences: Chloé
# Démo is now the president (Alice Exemple a plain councillor), Jules Exemple has left and
# Zoé Nouvelle arrives; and a few councillors of another EPCI around them.
ROWS = [
    row(OTHER, "31003", "AUTRE", "Paul", "Président du conseil communautaire"),
    row(GIROU, "31573", "EXEMPLE", "Alice", ""),
    row(GIROU, "31358", "FICTIF", "Bruno", "1er vice-président"),
    row(GIROU, "31273", "DÉMO", "Chloé", "Président du conseil communautaire"),
    row(GIROU, "31228", "EXEMPLE", "David", "3e vice-président"),
    row(GIROU, "31212", "FICTIVE", "Emma"),
    row(GIROU, "31383", "DÉMO", "François"),
    row(GIROU, "31407", "EXEMPLE", "Gaëlle"),
    row(GIROU, "31459", "FICTIF", "Hugo"),
    row(GIROU, "31579", "DÉMO", "Inès"),
    row(GIROU, "31049", "NOUVELLE", "Zoé", "Conseiller communautaire suppléant"),
    row(OTHER, "31004", "VOISIN", "Marc"),
]


def write_rne(path, rows, header=HEADER, encoding="utf-8-sig"):
    path.write_bytes(("\r\n".join([header, *rows]) + "\r\n").encode(encoding))
    return path


@pytest.fixture
def territory_file(tmp_path):
    path = tmp_path / "territory.toml"
    shutil.copy(ROOT / "territory.toml", path)
    return path


def test_reads_the_territory_rows_and_maps_functions(territory_file, tmp_path):
    territory = load_territory(territory_file)
    officials = rne.read_community(write_rne(tmp_path / "epci.csv", ROWS), territory)
    assert len(officials) == 10
    roles = {o.name: o.role for o in officials}
    assert roles["Chloé Démo"] == "president"
    assert roles["Bruno Fictif"] == roles["David Exemple"] == "vice-president"
    assert roles["Alice Exemple"] == roles["Hugo Fictif"] == "conseiller"
    assert roles["Zoé Nouvelle"] == "suppleant"
    assert "Paul Autre" not in roles  # the other EPCI's
    assert not any("1961" in repr(o) for o in officials)  # birth dates are not kept


def test_the_change_names_arrivals_departures_and_functions(territory_file, tmp_path):
    territory = load_territory(territory_file)
    plan = rne.plan_import(
        territory, rne.read_community(write_rne(tmp_path / "epci.csv", ROWS), territory)
    )
    assert [c.localpart for c in plan.arrivals] == ["zoe.nouvelle"]
    assert [c.localpart for c in plan.departures] == ["jules.exemple"]
    changed = {c.localpart: (c.before, c.after) for c in plan.changes}
    assert changed["chloe.demo"] == (
        "vice-president",
        "president (Président du conseil communautaire)",
    )
    assert changed["alice.exemple"] == ("president", "conseiller")
    lines = plan.describe()
    assert lines[0] == "1 arriving, 1 leaving, 4 changing function"
    assert "- Jules Exemple (jules.exemple): was conseiller" in lines


def test_dry_run_writes_nothing_and_write_keeps_what_was_added_by_hand(
    territory_file, tmp_path, capsys
):
    before = territory_file.read_text("utf-8")
    # Changed by hand: an e-mail address and a comment, which the register does not hold.
    edited = before.replace(
        'email = "alice.exemple@elus.cc-girou.exemple.fr"\n',
        'email = "alice@exemple.fr"  # à la main\n',
    )
    assert edited != before
    territory_file.write_text(edited, "utf-8")
    csv = write_rne(tmp_path / "epci.csv", ROWS)
    assert cli.main(["territory", "import-elus", str(csv), "-t", str(territory_file)]) == 0
    out = capsys.readouterr().out
    assert "~ Chloé Démo (chloe.demo): vice-president -> president" in out
    assert "nothing written" in out
    assert territory_file.read_text("utf-8") == edited

    argv = ["territory", "import-elus", str(csv), "-t", str(territory_file), "--write"]
    assert cli.main(argv) == 0
    text = territory_file.read_text("utf-8")
    assert "# ALL PEOPLE IN THIS FILE ARE FICTITIOUS" in text  # comments kept
    assert 'email = "alice@exemple.fr"  # à la main' in text
    territory = load_territory(territory_file)
    alice = territory.person("alice.exemple")
    assert (alice.role, alice.email) == ("conseiller", "alice@exemple.fr")
    assert alice.instances == ("conseil", "bureau", "finances", "moderation")  # by hand, kept
    chloe = territory.person("chloe.demo")
    assert (chloe.role, chloe.function) == ("president", "Président du conseil communautaire")
    zoe = territory.person("zoe.nouvelle")
    assert (zoe.name, zoe.commune, zoe.role, zoe.instances) == (
        "Zoé Nouvelle",
        "31049",
        "suppleant",
        (),
    )
    with pytest.raises(KeyError):
        territory.person("jules.exemple")
    assert territory.person("lucas.demo").role == "secretaire"  # staff untouched
    # The staff keep their place after the elected officials.
    order = [p.localpart for p in territory.people]
    assert order.index("zoe.nouvelle") < order.index("karine.fictive")

    # Run again: the file already says it.
    assert cli.main(argv) == 0
    assert "nothing to write" in capsys.readouterr().out


def test_older_header_names_and_windows_1252(territory_file, tmp_path):
    old_header = HEADER.replace("Code de la commune de rattachement", "Code de la commune")
    old_header = old_header.replace("N° SIREN", "SIREN").replace(";", "\t")
    rows = [r.replace(";", "\t") for r in ROWS]
    path = write_rne(tmp_path / "old.txt", rows, old_header, encoding="cp1252")
    officials = rne.read_community(path, load_territory(territory_file))
    assert "Chloé Démo" in {o.name for o in officials}


@pytest.mark.parametrize(
    ("rows", "header", "message"),
    [
        (ROWS[:3] + ["31;Haute-Garonne;243100732;CC;31573"] + ROWS[3:], HEADER, ":5: 5 fields"),
        (
            [*ROWS[:4], row(GIROU, "31573", "X", "Y").replace("03/07/2020", "2020/07/03")],
            HEADER,
            ":6: Date de début du mandat: '2020/07/03' is not a date",
        ),
        ([row(GIROU, "99999", "HORS", "Zone")], HEADER, ":2: Code de la commune de rattachement"),
        (
            [row("24310073;CC", "31573", "X", "Y")],
            HEADER,
            ":2: N° SIREN: '24310073' is not a SIREN",
        ),
        ([ROWS[0], ROWS[-1]], HEADER, ":2: no councillor of SIREN 243100732"),
        (ROWS, HEADER.replace("N° SIREN", "Numéro"), ":1: missing column 'N° SIREN'"),
        ([*ROWS, ROWS[3]], HEADER, ":14: Chloé Démo is listed twice (see line 5)"),
    ],
    ids=["fields", "date", "commune", "siren", "other-epci", "columns", "twice"],
)
def test_bad_file_is_refused_naming_file_and_line(
    territory_file, tmp_path, capsys, rows, header, message
):
    before = territory_file.read_text("utf-8")
    csv = write_rne(tmp_path / "epci.csv", rows, header)
    with pytest.raises(TerritoryError, match=re.escape(message)):
        rne.read_community(csv, load_territory(territory_file))
    argv = ["territory", "import-elus", str(csv), "-t", str(territory_file), "--write"]
    assert cli.main(argv) == 2
    err = capsys.readouterr().err
    assert f"{csv}{message}" in err
    assert territory_file.read_text("utf-8") == before


MUNICIPAL_HEADER = (
    "Code du département;Libellé du département;Code de la collectivité à statut particulier;"
    "Libellé de la collectivité à statut particulier;Code de la commune;Libellé de la commune;"
    "Nom de l'élu;Prénom de l'élu;Code sexe;Date de naissance;"
    "Code de la catégorie socio-professionnelle;Libellé de la catégorie socio-professionnelle;"
    "Date de début du mandat;Libellé de la fonction;Date de début de la fonction;"
    "Code nationalité"
)


def municipal_row(insee, last, first, function=""):
    return (
        f"31;Haute-Garonne;;;{insee};Commune;{last};{first};M;01/01/1970;23;Cadre;"
        f"03/07/2020;{function};{'03/07/2020' if function else ''};FR"
    )


def test_municipal_file_brings_maires_and_councillors(territory_file, tmp_path):
    territory = load_territory(territory_file)
    community = rne.read_community(write_rne(tmp_path / "epci.csv", ROWS), territory)
    municipal = rne.read_municipal(
        write_rne(
            tmp_path / "cm.csv",
            [
                municipal_row("31573", "EXEMPLE", "Alice", "Maire"),
                municipal_row("31573", "MAIRE-ADJOINT", "Pierre", "1er adjoint au maire"),
                municipal_row("75056", "PARIS", "Hors"),  # not a member commune
            ],
            MUNICIPAL_HEADER,
        ),
        territory,
    )
    plan = rne.plan_import(territory, community, municipal)
    assert plan.updates["alice.exemple"]["municipal_function"] == "Maire"
    arrival = next(p for p in plan.new_people if p["localpart"] == "pierre.maire-adjoint")
    assert (arrival["role"], arrival["municipal_function"], arrival["instances"]) == (
        "elu-municipal",
        "1er adjoint au maire",
        [],
    )
    loaded = rne.apply_plan(territory_file, plan)
    assert 'municipal_function = "Maire"' in loaded
