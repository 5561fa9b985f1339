"""Sources -> outbox -> Matrix: the outbox, delivery, watchers and message templates."""
