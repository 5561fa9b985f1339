"""Childcare tele-service: programme, families, fair pre-registration, secretaries in the loop.

Modules: `models` (tables), `errors` (the French domain error), `settings` (settings),
`programme` (centres, periods, activities, sessions, prices), `families` (accounts, children,
API tokens), `booking` (register, confirm, refuse, cancel, waiting lists), `allocation` (window
mode: priority rules and seeded lottery), `completeness` (what a family's file lacks),
`notify` (alerts and mails), `digest` (the secretariat's 08:00 digest), `transactions` (one
unit of work, retried on PostgreSQL conflicts), `api` (JSON API), `attributions` (public
allocation audit page), `web` (registers the blueprints), `demo` (demo data).
"""
