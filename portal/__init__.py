"""The public portal (Flask) and the features: pages for residents, the staff back-office, and
one package or module per feature (portal.features lists them); the application is built by
portal.app.create_app."""
