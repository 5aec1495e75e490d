"""Finding an open item that moved on disk: one walk of a 10,000-item library looking for
its `id` (and its bytes), against the bytes-only search it replaced, in the same run.

    python -m benchmarks.bench_gone [--quick]

The item is renamed and edited, as `git mv` plus an edit leaves it: only the id finds it.
Times are the median of N searches with a warm page cache, in milliseconds. The search runs
on a worker thread (curator_app.gui.gone_items), so this is how long a tab waits to follow,
not a stall of the window. 2026-12-01, 2 CPUs at load 12-13: 1,680 ms by id and bytes,
448 ms bytes only (it reads only files of the right size); the time is opening and reading
the 10,000 files, not parsing (only files with an `id` line naming the id are parsed).
"""

from __future__ import annotations

import hashlib
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.generate import generate  # noqa: E402
from curator_app.core.library.scan import read_front_values  # noqa: E402
from curator_app.gui.gone_items import find_moved  # noqa: E402


def _median_ms(fn: Callable[[], Any], n: int) -> float:
    fn()
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return round(statistics.median(times), 1)


def run(quick: bool = False) -> dict[str, Any]:
    count = 1000 if quick else 10_000
    with tempfile.TemporaryDirectory(prefix="curator-bench-gone-") as tmp:
        content = generate(Path(tmp), count)
        old = sorted((content / "news").glob("*.md"))[count // 2]
        raw = old.read_bytes()
        item_id = str(read_front_values(raw)[0]["id"])
        hashes = {hashlib.sha256(raw).hexdigest()}
        new = old.with_name("moved-and-edited.md")
        old.rename(new)
        new.write_bytes(raw.replace(b"\ntitle: ", b"\ntitle: Edited ", 1))

        found: dict[str, Any] = {}

        def by_id() -> None:
            found["id"] = find_moved(content, item_id, hashes, len(raw), set())

        def by_bytes() -> None:
            found["bytes"] = find_moved(content, "", hashes, len(raw), set())

        rounds = 3 if quick else 5
        result: dict[str, Any] = {
            "items": count,
            "by_id_and_bytes_ms": _median_ms(by_id, rounds),
            "by_bytes_only_ms": _median_ms(by_bytes, rounds),
        }
        result["found_by_id"] = int(found["id"][0] == [new])
        result["found_by_bytes"] = int(found["bytes"][1] is not None)
    result["targets"] = {"found_by_id": [0, ">"]}
    return result


if __name__ == "__main__":
    print(json.dumps(run(quick="--quick" in sys.argv), indent=2))
