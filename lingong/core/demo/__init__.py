"""Demo data for Lingong: a believable Chengguan district (`manage.py seed_demo`).

`build_demo` writes people, employers, jobs and three months of history with
bulk inserts, protecting ID numbers and phones with the same functions as the
services (`personal_protect`), and keeping the invariants the services keep
(places filled, no overlapping shifts). Same seed, same district.
"""

from .builder import DEMO_ACCOUNTS, SCALES, DemoResult, Scale, build_demo

__all__ = ["DEMO_ACCOUNTS", "SCALES", "DemoResult", "Scale", "build_demo"]
