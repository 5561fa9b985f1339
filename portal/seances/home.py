"""The séances' panel of an official's home page and weekly digest (collab.feature's
`officials_home`): their next séances and what each asks of them."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from collab.feature import HomeRequest, Panel, PanelItem
from collab.french import date_fr, time_fr
from portal.seances import service


def home_panels(db: Session, request: HomeRequest) -> list[Panel]:
    person = request.person
    if person.is_staff:
        return []  # staff prepare the séances in the back-office
    tz = request.settings.timezone
    items = []
    for upcoming in service.upcoming_for(db, person.localpart, request.territory, now=request.now):
        start = upcoming.starts_at.replace(tzinfo=dt.UTC).astimezone(tz)
        detail = [f"le {date_fr(start.date())} à {time_fr(start)}, {upcoming.place}"]
        detail.append(f"votre réponse : {upcoming.answer}" if upcoming.answer else "")
        detail += upcoming.asks
        items.append(
            PanelItem(
                text=upcoming.instance,
                url=f"{request.base_url}/seances/reponse/{upcoming.token}",
                detail=" — ".join(part for part in detail if part),
            )
        )
    return [
        Panel(
            key="seances",
            title="Mes prochaines séances",
            items=tuple(items),
            empty="Aucune séance à laquelle vous êtes convoqué(e).",
            order=10,
        )
    ]
