"""What every benchmark shares: one-core pinning and the description of the machine it ran on.

The description goes into each ``--json`` output, with the load average before and after the
run, so that a figure read from ``benchmarks/results/`` says how quiet the machine was.
"""

from __future__ import annotations

import os
import platform
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def pin_to_one_core() -> str:
    """Pin this process (and the programs it starts) to its first allowed CPU; say what was done."""
    if hasattr(os, "sched_setaffinity") and hasattr(os, "sched_getaffinity"):
        allowed = sorted(os.sched_getaffinity(0))
        cpu = allowed[0]
        os.sched_setaffinity(0, {cpu})
        return f"pinned to CPU {cpu} (of {len(allowed)} allowed) with os.sched_setaffinity"
    return "not pinned: os.sched_setaffinity is not available on this platform"


def cpu_model() -> str:
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.lower().startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or platform.machine() or "unknown"


def load_average() -> list[float] | None:
    """1, 5 and 15 minute load averages (None where the platform has none)."""
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except (AttributeError, OSError):
        return None


def machine(pinning: str, load_before: list[float] | None) -> dict[str, Any]:
    """The ``machine`` block of a benchmark's JSON: call it at the end of the run."""
    return {
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "cpu": cpu_model(),
        "cpus": os.cpu_count(),
        "pinning": pinning,
        "load_before": load_before,
        "load_after": load_average(),
    }
