"""The engine must stay importable and usable without Django (benchmarks, workers, shards)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ENGINE_MODULES = ("dispatch", "geo", "index", "query", "scoring", "timegrid", "weights")


def test_the_engine_imports_no_django():
    code = (
        "import sys\n"
        "import lingong.matching\n"
        + "".join(f"import lingong.matching.{m}\n" for m in ENGINE_MODULES)
        + "bad = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.'))\n"
        "assert not bad, bad\n"
    )
    root = Path(__file__).resolve().parents[3]
    subprocess.run([sys.executable, "-c", code], check=True, cwd=root)
