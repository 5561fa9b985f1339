"""The one list of features. The runtime (portal app, delivery, bots, scheduler, watchers, CLI,
demo, site search) reads it and nothing else; adding a feature is one package with its
manifest (`FEATURE = collab.feature.Feature(...)`) and one line here.

The order is the order of the site search's groups and of the demo loaders.
"""

from __future__ import annotations

from collab.feature import Feature
from portal import communes, content, mail, news, publications
from portal.childcare.feature import FEATURE as childcare
from portal.contact.feature import FEATURE as contact
from portal.directory.feature import FEATURE as directory
from portal.gis.feature import FEATURE as gis
from portal.officials.feature import FEATURE as officials
from portal.procedures.feature import FEATURE as procedures
from portal.seances.feature import FEATURE as seances
from portal.survey.feature import FEATURE as survey
from portal.webhooks.feature import FEATURE as webhooks

FEATURES: tuple[Feature, ...] = (
    communes.FEATURE,
    procedures,
    content.FEATURE,
    directory,
    news.FEATURE,
    childcare,
    gis,
    contact,
    publications.FEATURE,
    seances,
    webhooks,
    officials,
    survey,
    mail.FEATURE,
)
