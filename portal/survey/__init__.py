"""The survey of the mairies' digital equipment: a questionnaire as data, yearly campaigns sent
to each mairie through a secret link, the results as a picture of the territory."""
