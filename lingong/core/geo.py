"""Distance between two points of the district, in km, for code that works on one row at a time.

The same flat projection as the matching engine's arrays (`lingong/matching/geo.py`): within a city the
error is far below a percent.
"""

from __future__ import annotations

import math

EARTH_RADIUS_KM = 6371.0088
DISTRICT_CENTRE = (29.6525, 91.1300)  # Chengguan district, Lhasa: where a person with no known point is placed


def km_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    k = math.pi / 180.0 * EARTH_RADIUS_KM
    x = (lon2 - lon1) * k * math.cos(math.radians((lat1 + lat2) / 2))
    return math.hypot(x, (lat2 - lat1) * k)
