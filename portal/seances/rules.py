"""The legal rules of a séance, as pure functions (no database, no clock): the convocation's
delay in jours francs, the quorum, who may hold a proxy, where teleconference is excluded.

What the CGCT says (checked against Légifrance's wording, see the README's Séances section):
- L2121-12 (communes of 3,500 inhabitants or more, applied to every EPCI by L5211-1): the
  convocation is sent at least 5 jours francs before the meeting, with a note explicative de
  synthèse on the matters to deliberate; in urgency the mayor (here the president) may shorten
  it, to no less than one jour franc, and the council rules on the urgency at the opening.
- L2121-17: the council deliberates only when more than half of its members in office are
  present; proxies are not counted.
- L2121-20: a member may give a written proxy to another member; one member holds one proxy
  at most; save illness, a proxy is valid for no more than three consecutive séances.
- L5211-11-1: teleconference is not used for the election of the president and the bureau,
  the adoption of the budget primitif, the election of delegates, nor a secret ballot.

Jours francs: neither the day the convocation is sent nor the day of the meeting counts, and
every calendar day counts in between (a weekend or a public holiday is not skipped, and a
delay ending on one is not extended: the rule counts full days between two events, it is not a
time limit for someone to act).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from collab.chat import Refusal
from collab.territory import Instance, Person, Territory

LEGAL_JOURS_FRANCS = 5  # L2121-12
URGENCY_JOURS_FRANCS = 1  # L2121-12, in urgency: never less than one jour franc
MAX_CONSECUTIVE_PROXIES = 3  # L2121-20


class SeanceError(Refusal):
    """A séance rule refused: its French message is the answer; nothing was changed."""


# --- the convocation's delay ---------------------------------------------------------------------
def jours_francs(instance: Instance) -> int:
    """The instance's delay: the territory's, else the EPCI's rule (L2121-12 via L5211-1)."""
    return instance.jours_francs if instance.jours_francs is not None else LEGAL_JOURS_FRANCS


def note_required(instance: Instance) -> bool:
    """Whether each item needs a note de synthèse: the territory's choice, else the council."""
    if instance.note_required is not None:
        return instance.note_required
    return instance.kind == "conseil"


def local_date(moment: dt.datetime, tz: ZoneInfo) -> dt.date:
    """The local calendar day of a naive UTC time (a meeting at 00:30 in Paris is that day)."""
    return moment.replace(tzinfo=dt.UTC).astimezone(tz).date()


@dataclass(frozen=True)
class Deadline:
    meeting_day: dt.date
    days: int  # jours francs required
    urgency: bool
    last_day: dt.date  # the last day the convocation may be sent

    @property
    def rule(self) -> str:
        """The rule applied, in English (the CLI's lines)."""
        if self.urgency:
            return (
                f"urgency (CGCT L2121-12): at least {self.days} jour franc between the day of "
                "sending and the day of the meeting; the council rules on the urgency at the "
                "opening"
            )
        return (
            f"{self.days} jours francs (CGCT L2121-12, applied to the EPCI by L5211-1): neither "
            "the day of sending nor the day of the meeting counts; weekends and holidays do"
        )

    def allows(self, sending_day: dt.date) -> bool:
        return sending_day <= self.last_day


def send_deadline(meeting_day: dt.date, days: int, *, urgency: bool = False) -> Deadline:
    """The last day a convocation may be sent for a meeting on `meeting_day`: `days` full days
    in between (urgency: one, the least the law allows)."""
    if days < 1:
        raise ValueError(f"a delay of {days} jours francs")
    required = URGENCY_JOURS_FRANCS if urgency else days
    return Deadline(
        meeting_day=meeting_day,
        days=required,
        urgency=urgency,
        last_day=meeting_day - dt.timedelta(days=required + 1),
    )


# --- quorum ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Quorum:
    in_office: int  # members of the instance now
    present: int  # present in the room, at a distance, or their suppléant
    represented: int  # proxies given (not counted)

    @property
    def required(self) -> int:
        """More than half of the members in office."""
        return self.in_office // 2 + 1

    @property
    def reached(self) -> bool:
        return self.in_office > 0 and self.present >= self.required

    def describe(self) -> str:
        """French, one line: "7 présents sur 10 membres en exercice (quorum : 6) — atteint"."""
        state = "atteint" if self.reached else "non atteint"
        represented = f", {self.represented} représenté(s)" if self.represented else ""
        return (
            f"{self.present} présent(s){represented} sur {self.in_office} membres en exercice "
            f"(quorum : {self.required}) — {state}"
        )


COUNTED = frozenset({"present", "remote", "substitute"})  # models' PRESENT, REMOTE, SUBSTITUTE


def quorum(members_in_office: Collection[str], answers: Iterable[tuple[str, str]]) -> Quorum:
    """The quorum from (localpart, choice) answers; only members in office count (someone
    removed from the instance since the convocation no longer does)."""
    present = represented = 0
    for localpart, choice in answers:
        if localpart not in members_in_office:
            continue
        if choice in COUNTED:
            present += 1
        elif choice == "proxy":
            represented += 1
    return Quorum(in_office=len(members_in_office), present=present, represented=represented)


# --- proxies and suppléants ---------------------------------------------------------------
def check_proxy(
    giver: str,
    holder: str,
    *,
    members: Collection[str],
    holders_proxies: Collection[str],
    consecutive_before: int,
    illness: bool = False,
    names: dict[str, str] | None = None,
) -> None:
    """Refuse a proxy from `giver` to `holder` that L2121-20 does not allow.

    `holders_proxies`: who already gave `holder` a proxy for this séance; `consecutive_before`:
    how many séances of the instance just before this one `giver` already gave a proxy to.
    """
    name = (names or {}).get(holder, holder)
    if holder == giver:
        raise SeanceError("Vous ne pouvez pas vous donner pouvoir à vous-même.")
    if holder not in members:
        raise SeanceError(f"{name} n’est pas membre de cette instance : le pouvoir est refusé.")
    if any(other != giver for other in holders_proxies):
        raise SeanceError(f"{name} détient déjà un pouvoir pour cette séance (un seul par membre).")
    if consecutive_before >= MAX_CONSECUTIVE_PROXIES and not illness:
        raise SeanceError(
            f"Un pouvoir ne vaut pas plus de {MAX_CONSECUTIVE_PROXIES} séances consécutives "
            "(sauf maladie dûment constatée) : vous en avez donné pour les "
            f"{consecutive_before} précédentes."
        )


def single_seat(territory: Territory, person: Person, instance_key: str) -> bool:
    """Whether the person's commune has one seat only in the instance (a suppléant sits)."""
    if person.commune is None:
        return False
    seats = [p for p in territory.members(instance_key) if p.commune == person.commune]
    return len(seats) == 1


SUPPLEANT = "suppleant"  # the territory's role of a suppléant (collab.territory.ROLES)


def suppleant_of(territory: Territory, person: Person) -> Person | None:
    """The suppléant of a councillor: the person of role "suppleant" of the same commune."""
    if person.commune is None:
        return None
    return next(
        (p for p in territory.people if p.role == SUPPLEANT and p.commune == person.commune),
        None,
    )


def check_substitute(territory: Territory, person: Person, instance_key: str) -> None:
    if territory.instance(instance_key).kind != "conseil" or not single_seat(
        territory, person, instance_key
    ):
        raise SeanceError(
            "Seul le conseiller d’une commune qui n’a qu’un siège au conseil communautaire "
            "peut se faire remplacer par son suppléant ; donnez plutôt un pouvoir."
        )
    if suppleant_of(territory, person) is None:
        raise SeanceError(
            "Aucun suppléant n’est inscrit pour vous dans le fichier du territoire : "
            "adressez-vous au secrétariat."
        )


# --- teleconference -----------------------------------------------------------------------
def remote_excluded_items(items: Iterable[tuple[str, str | None]]) -> list[str]:
    """The titles of the (title, exclusion) items on which teleconference is excluded."""
    return [title for title, excluded in items if excluded]


def check_remote(remote_allowed: bool, items: Iterable[tuple[str, str | None]]) -> None:
    """Refuse "à distance" where the séance does not allow it or an item excludes it."""
    if not remote_allowed:
        raise SeanceError("La participation à distance n’est pas ouverte pour cette séance.")
    excluded = remote_excluded_items(items)
    if excluded:
        raise SeanceError(
            "La téléconférence est exclue pour cette séance (CGCT L5211-11-1) : « "
            + " », « ".join(excluded)
            + " »."
        )
