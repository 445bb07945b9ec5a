"""Demo data for Lingong: a believable Chengguan district (`manage.py seed_demo`).

An app at the top of the layers (it builds every domain app's rows); import
from `lingong.demo.builder`, as this package must not load models at app start.

`build_demo` (builder.py, one step module per thing built: district.py,
people.py, jobs.py, placements.py, protection.py; figures.py counts) writes
people, employers, jobs and three months of history with bulk inserts,
protecting ID numbers and phones with the same functions as the services
(`personal_protect`), and keeping the invariants the services keep (places
filled, no overlapping shifts). Same seed, same district. Then `life.py`
plays, through the services and at their true times, what the people did with
their placements up to now; `tasks.py` (registering routine.py only with
settings.LINGONG_DEMO) keeps playing it as the days pass.
"""
