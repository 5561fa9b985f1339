"""Webhooks: a secret URL per room that posts its JSON text there (`girou hook create`)."""
