"""The Matrix bot process: sync loop, command router, reactions, scheduled jobs."""
