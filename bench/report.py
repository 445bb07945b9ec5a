"""Figures of a benchmark: printed as a table, written as bench/results/<name>.json."""

from __future__ import annotations

import json
import os
import platform
import time
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"


class Figures:
    def __init__(self, name: str) -> None:
        self.name = name
        self.values: dict[str, dict[str, float | int | str]] = {}
        self.cpu0 = time.process_time()
        self.wall0 = time.perf_counter()
        # Other processes on the machine slow wall-clock figures down: say how busy it was.
        self.add("machine_load_1min_at_start", os.getloadavg()[0], "runnable processes")

    def add(self, figure: str, value: float | int | str, unit: str) -> None:
        if isinstance(value, float):
            value = round(value, 6)
        self.values[figure] = {"value": value, "unit": unit}
        print(f"  {figure:<55} {value!s:>14} {unit}", flush=True)

    def table(self) -> str:
        lines = ["| figure | value | unit |", "| --- | ---: | --- |"]
        lines += [f"| {k} | {v['value']} | {v['unit']} |" for k, v in self.values.items()]
        return "\n".join(lines)

    def write(self) -> Path:
        self.add("machine_load_1min_at_end", os.getloadavg()[0], "runnable processes")
        self.add("run_cpu_over_wall", (time.process_time() - self.cpu0) / (time.perf_counter() - self.wall0), "share")
        RESULTS.mkdir(exist_ok=True)
        path = RESULTS / f"{self.name}.json"
        path.write_text(json.dumps(self.values, indent=2, ensure_ascii=False) + "\n")
        print(f"\n{self.table()}\n\nwritten {path}")
        return path


def machine() -> str:
    return f"{os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}"
