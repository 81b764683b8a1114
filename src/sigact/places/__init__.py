"""Gazetteer and geoparsing: find bases, fields, towns and governorates in text.

>>> from sigact.places import load_gazetteer
>>> gaz = load_gazetteer()
>>> [m.place.id for m in gaz.mentions("Drones hit Ayn al-Assad airbase.")]
['ain-al-asad']
"""

from sigact.places.gazetteer import Gazetteer, haversine_km, load_gazetteer
from sigact.places.model import Place, PlaceMatch, PlaceMention
from sigact.places.normalise import name_key

__all__ = [
    "Gazetteer",
    "Place",
    "PlaceMatch",
    "PlaceMention",
    "haversine_km",
    "load_gazetteer",
    "name_key",
]
