"""Per-stage timing of ``warta.analyze()`` without touching pipeline.py.

``analyze()`` calls each stage through a name it imported into ``warta.pipeline`` (``parse_article``,
``make_doc``, ``find_times`` ...). ``StageTimer.install()`` replaces those module globals with thin
timing wrappers and ``uninstall()`` puts the originals back, so the pipeline pays nothing when no
benchmark is running. The stages are discovered from the names ``analyze()`` uses, so a stage added
to the pipeline later is timed as well, under its function name.
"""
from __future__ import annotations

import time
from collections import defaultdict
from typing import Any, Callable

import warta.pipeline as pipeline

# Function name in pipeline.py -> the stage it is.
STAGE_NAMES = {
    "source_from_text": "read",
    "parse_article": "layout",
    "identify_language": "language",
    "load_pack": "packs",
    "make_doc": "nlp",
    "make_docs": "nlp",
    "find_times": "times",
    "find_entities": "entities",
    "find_quotes": "quotes",
    "find_quantities": "quantities",
    "find_events": "events",
}


def stage_functions() -> dict[str, Callable[..., Any]]:
    """{global name: function} for every function from another warta module that the pipeline's functions
    (``analyze()``, ``analyze_batch()`` and the steps they share) call."""
    names: set[str] = set()
    for obj in vars(pipeline).values():
        if callable(obj) and getattr(obj, "__module__", None) == "warta.pipeline" and hasattr(obj, "__code__"):
            names |= set(obj.__code__.co_names)
    found = {}
    for name in names:
        obj = pipeline.__dict__.get(name)
        if obj is None or isinstance(obj, type) or not callable(obj):
            continue
        module = getattr(obj, "__module__", "") or ""
        if module.startswith("warta.") and module != "warta.pipeline":
            found[name] = obj
    return found


class StageTimer:
    """Accumulates seconds per stage while installed; ``take()`` returns them and starts afresh."""

    def __init__(self, clock: Callable[[], float] = time.process_time) -> None:
        # CPU time by default: on a shared machine, wall time also counts the moments another
        # process held the core, which says nothing about the stage.
        self.clock = clock
        self.seconds: dict[str, float] = defaultdict(float)
        self._originals: dict[str, Callable[..., Any]] = {}

    def install(self) -> "StageTimer":
        for name, fn in stage_functions().items():
            self._originals[name] = fn
            setattr(pipeline, name, self._wrap(STAGE_NAMES.get(name, name), fn))
        return self

    def uninstall(self) -> None:
        for name, fn in self._originals.items():
            setattr(pipeline, name, fn)
        self._originals.clear()

    def __enter__(self) -> "StageTimer":
        return self.install()

    def __exit__(self, *exc: Any) -> None:
        self.uninstall()

    def _wrap(self, stage: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        seconds = self.seconds
        clock = self.clock

        def timed(*args: Any, **kwargs: Any) -> Any:
            t0 = clock()
            try:
                return fn(*args, **kwargs)
            finally:
                seconds[stage] += clock() - t0

        timed.__wrapped__ = fn  # type: ignore[attr-defined]
        return timed

    def take(self) -> dict[str, float]:
        out = dict(self.seconds)
        self.seconds.clear()
        return out

    @property
    def stages(self) -> list[str]:
        return [STAGE_NAMES.get(n, n) for n in self._originals]
