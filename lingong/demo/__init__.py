"""Demo data for Lingong: a believable Chengguan district (`manage.py seed_demo`).

`build_demo` writes people, employers, jobs and three months of history with
bulk inserts, protecting ID numbers and phones with the same functions as the
services (`personal_protect`), and keeping the invariants the services keep
(places filled, no overlapping shifts). Same seed, same district. Then
`life.py` plays, through the services and at their true times, what the
people did with their placements up to now; `routine.py` (registered only with
settings.LINGONG_DEMO) keeps playing it as the days pass.

An installed app at the top of the layers: it may use every other app, and
none uses it.
"""
