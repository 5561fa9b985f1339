"""Séances: convene, prepare, hold and publish the meetings of the instances (conseil, bureau,
commissions) of the intercommunality.

Domain: `models` (tables, stable names), `rules` (the CGCT's delay, quorum, proxies and
teleconference, pure), `proof` (the hash-chained proof log).
`feature` is the manifest.
"""
