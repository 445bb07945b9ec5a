"""Points to kilometres: an equirectangular projection around the city.

Within a city (tens of km) the error of a flat projection around a fixed
reference latitude is far below a percent, and plain x/y kilometres make
distance one vectorised `hypot` and let the index bucket points on a grid.
A shard for another city sets its own origin.
"""

from __future__ import annotations

import math

import numpy as np

EARTH_RADIUS_KM = 6371.0088
LHASA = (29.65, 91.13)
"""(lat, lon) of the default origin: Chengguan district, Lhasa."""


def project_km(
    lat: np.ndarray | float, lon: np.ndarray | float, origin: tuple[float, float] = LHASA
) -> tuple[np.ndarray, np.ndarray]:
    """(x east, y north) in km from `origin`, as float32 arrays."""
    lat0, lon0 = origin
    k = math.pi / 180.0 * EARTH_RADIUS_KM
    x = (np.asarray(lon, dtype=np.float64) - lon0) * (k * math.cos(math.radians(lat0)))
    y = (np.asarray(lat, dtype=np.float64) - lat0) * k
    return x.astype(np.float32), y.astype(np.float32)


def unproject(
    x: np.ndarray | float, y: np.ndarray | float, origin: tuple[float, float] = LHASA
) -> tuple[np.ndarray, np.ndarray]:
    """(lat, lon) of projected points; the inverse of `project_km`."""
    lat0, lon0 = origin
    k = math.pi / 180.0 * EARTH_RADIUS_KM
    lat = np.asarray(y, dtype=np.float64) / k + lat0
    lon = np.asarray(x, dtype=np.float64) / (k * math.cos(math.radians(lat0))) + lon0
    return lat, lon
