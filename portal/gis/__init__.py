"""GIS: versioned layers, the urbanism lookup, the map, OGC API – Features, forum announcements
(the manifest: portal.gis.feature)."""
