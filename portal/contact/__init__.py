"""The contact form: a resident's message to the intercommunality, announced in its room."""
