"""What is said about one request, as plain data: the API's answer, the family's mails and the
secretariat's alerts are all written from a Receipt.

`receipt_of` reads one from a loaded Registration; `booking.register` builds its own from the
rows it has just read and written, so that the busiest request of the year (the opening minute
of a period) never loads the ORM objects it would only describe.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from portal.childcare.models import Registration, awaits_allocation, worst_waiting_rank


@dataclass(frozen=True)
class ReceiptLine:
    """One session of the request and where it stands."""

    session_id: int
    date: dt.date
    slot: str
    activity: str
    centre: str
    centre_key: str
    status: str
    waitlist_rank: int | None


@dataclass(frozen=True)
class Receipt:
    id: int
    public_code: str
    status: str
    reason: str | None
    created_at: dt.datetime
    child_id: int
    child_first_name: str
    child_birth_date: dt.date
    family_name: str
    family_email: str
    resident: bool
    period_slug: str
    period_name: str
    period_kind: str
    period_starts_on: dt.date
    allocation_mode: str
    closes_at: dt.datetime
    lines: tuple[ReceiptLine, ...]  # by session id

    @property
    def waitlist_rank(self) -> int | None:
        return worst_waiting_rank(self.lines)

    @property
    def awaiting_allocation(self) -> bool:
        return awaits_allocation(self.lines)

    @property
    def by_date(self) -> list[ReceiptLine]:
        return sorted(self.lines, key=lambda line: (line.date, line.slot))


def make_receipt(
    *,
    registration_id: int,
    public_code: str,
    status: str,
    reason: str | None,
    created_at: dt.datetime,
    family: Any,
    child: Any,
    period: Any,
    lines: Iterable[ReceiptLine],
) -> Receipt:
    """A receipt from the request's own values, its family, child and period (ORM objects or
    their rows: the attributes read have the same names) and its lines."""
    return Receipt(
        id=registration_id,
        public_code=public_code,
        status=status,
        reason=reason,
        created_at=created_at,
        child_id=child.id,
        child_first_name=child.first_name,
        child_birth_date=child.birth_date,
        family_name=family.name,
        family_email=family.email,
        resident=family.resident,
        period_slug=period.slug,
        period_name=period.name,
        period_kind=period.kind,
        period_starts_on=period.starts_on,
        allocation_mode=period.allocation_mode,
        closes_at=period.closes_at,
        lines=tuple(sorted(lines, key=lambda line: line.session_id)),
    )


def receipt_of(registration: Registration) -> Receipt:
    """The receipt of a registration loaded with the ORM."""
    return make_receipt(
        registration_id=registration.id,
        public_code=registration.public_code,
        status=registration.status,
        reason=registration.reason,
        created_at=registration.created_at,
        family=registration.family,
        child=registration.child,
        period=registration.period,
        lines=(
            ReceiptLine(
                session_id=line.session_id,
                date=line.session.date,
                slot=line.session.slot,
                activity=line.session.activity.title,
                centre=line.session.activity.centre.name,
                centre_key=line.session.activity.centre_key,
                status=line.status,
                waitlist_rank=line.waitlist_rank,
            )
            for line in registration.lines
        ),
    )
