"""Childcare tele-service: programme, families, fair pre-registration, secretaries in the loop.

Domain: `models` (tables), `errors` (the French domain error), `programme` (centres, periods,
activities, sessions, prices), `families` (accounts, e-mail confirmation, API tokens,
children, residency), `booking` (submit, register, confirm, refuse, cancel, waiting lists),
`allocation` (window mode: priority rules and seeded lottery), `completeness` (what a
family's file lacks), `documents` (the family's files on WebDAV), `receipt` (one request as
plain data), `privacy` (export, deletion, retention), `transactions` (one unit of work,
retried on PostgreSQL conflicts).
Messages and chat: `notify` (alerts and mails), `messages` (their templates), `chat` (✅/❌
and commands in the secretariat room), `digest` (the 08:00 digest).
Web: `pages` (public programme), `family_pages` (the family's account), `api` and `openapi`
(JSON API), `staff` and `programme_admin` (back-office), `programme_fields` (its forms),
`attributions` (public allocation audit), `web` (registers the blueprints).
`feature` is the manifest; `demo` the demo programme.
"""
