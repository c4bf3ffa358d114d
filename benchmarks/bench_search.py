"""Search over the big register: name fragment, NIK prefix, tracking code; p95 per kind.

Each query is what the Pencarian box runs for the officer's text: `applicants.search_page` (first
page, 200 rows, newest first) in a fresh read session, exactly as the table model does on its
worker thread. The texts are drawn (fixed seed) from applicants that are really in the register:

- name: a 3-6 letter piece from the middle of a first or last name, any case (e.g. ``DAYA``,
  ``rahm``), sometimes a first name and the start of the last (``siti ra``);
- NIK: the first 6, 8, 10, 12 or 16 digits of a real NIK;
- tracking: a whole tracking code, or all but its last one or two digits;
- short: what the box sees after the officer's first one or two keys, or a typo: the first one or
  two letters of a name word, any one or two letters from inside a name, or a rare letter or pair
  that few or no names hold (``x``, ``kw``, ``oe``, ``xa``...: before migration 0007 each of these
  walked the whole register).
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import Any

from benchlib import Figure, percentile, ratio

KINDS = ("name", "short", "nik", "tracking")
RARE_SHORT = ("x", "kw", "oe", "xa", "v", "q", "zz", "bu", "qy", "fx")
TARGET_MS = 30.0


def name_texts(sample: list[dict[str, Any]], count: int, rng: random.Random) -> list[str]:
    texts = []
    while len(texts) < count:
        words = rng.choice(sample)["full_name"].split()
        if len(words) >= 2 and rng.random() < 0.2:
            texts.append(f"{words[0].lower()} {words[1][:2].lower()}")
            continue
        word = rng.choice(words)
        if len(word) < 4:
            continue
        length = rng.randint(3, min(6, len(word) - 1))
        start = rng.randint(1, len(word) - length)  # never the first letter: the middle
        piece = word[start : start + length]
        texts.append(rng.choice((piece.lower(), piece.upper(), piece.capitalize())))
    return texts


def short_texts(sample: list[dict[str, Any]], count: int, rng: random.Random) -> list[str]:
    texts = []
    while len(texts) < count:
        way = rng.random()
        if way < 0.4:
            texts.append(rng.choice(RARE_SHORT))
            continue
        name = rng.choice(sample)["full_name"]
        if way < 0.7:
            word = rng.choice(name.split())
            texts.append(word[: rng.choice((1, 2))].lower())
            continue
        start = rng.randrange(len(name))
        piece = name[start : start + rng.choice((1, 2))].strip()
        if piece:
            texts.append(rng.choice((piece.lower(), piece.upper())))
    return texts


def nik_texts(sample: list[dict[str, Any]], count: int, rng: random.Random) -> list[str]:
    return [rng.choice(sample)["nik"][: rng.choice((6, 8, 10, 12, 16))] for _ in range(count)]


def tracking_texts(sample: list[dict[str, Any]], count: int, rng: random.Random) -> list[str]:
    texts = []
    for _ in range(count):
        code = rng.choice(sample)["tracking_code"]
        cut = rng.choice((0, 0, 1, 2))
        text = code[: len(code) - cut] if cut else code
        texts.append(text.lower() if rng.random() < 0.3 else text)
    return texts


def texts_for(sample: list[dict[str, Any]], count: int, seed: int) -> dict[str, list[str]]:
    rng = random.Random(seed)
    return {
        "name": name_texts(sample, count, rng),
        "nik": nik_texts(sample, count, rng),
        "tracking": tracking_texts(sample, count, rng),
        "short": short_texts(sample, count, rng),
    }


def run_queries(
    database: Any, texts: dict[str, list[str]], *, warmup: int = 5
) -> tuple[dict[str, list[float]], list[float]]:
    """Milliseconds per first page, per kind, and for the reference: the same call path finding
    one applicant by an exact NIK (`find_by_key`), the cheapest question the store answers. All
    interleaved, so the machine's load falls on every kind alike."""
    from ltsa_desk.services import applicants

    def one(text: str) -> float:
        started = time.perf_counter()
        with database.session() as session:
            applicants.search_page(session, text, limit=200)
        return (time.perf_counter() - started) * 1000

    def exact(nik: str) -> float:
        started = time.perf_counter()
        with database.session() as session:
            applicants.find_by_key(session, nik)
        return (time.perf_counter() - started) * 1000

    for kind in KINDS:  # warm-up: first queries pay for statement compilation and cold pages
        for text in texts[kind][:warmup]:
            one(text)
    times: dict[str, list[float]] = {kind: [] for kind in KINDS}
    reference: list[float] = []
    niks = [t for t in texts["nik"]] or ["0"]
    for index in range(max(len(v) for v in texts.values())):
        for kind in KINDS:
            if index < len(texts[kind]):
                times[kind].append(one(texts[kind][index]))
        reference.append(exact(niks[index % len(niks)].ljust(16, "0")))
    return times, reference


def figures(
    times: dict[str, list[float]], applicants_count: int, reference: list[float]
) -> list[Figure]:
    base = percentile(reference, 0.95)
    out = []
    for kind in KINDS:
        p95 = percentile(times[kind], 0.95)
        out.append(
            Figure(
                name=f"search_{kind}_p95",
                value=p95,
                unit="ms",
                baseline=base,
                ratio=ratio(p95, base),
                target=f"p95 <= {TARGET_MS:g} ms",
                ok=p95 <= TARGET_MS,
                note=(
                    f"{len(times[kind])} first pages over {applicants_count:,} applicants; "
                    f"p50 {percentile(times[kind], 0.5):.1f} ms, max {max(times[kind]):.1f} ms; "
                    "baseline: p95 of an exact-NIK look-up"
                ),
            )
        )
    return out


def slowest(
    database: Any, texts: dict[str, list[str]], top: int = 5
) -> list[tuple[float, str, str]]:
    """The slowest texts of a run, for profiling (not part of the suite's output)."""
    found: list[tuple[float, str, str]] = []
    timer: Callable[[str], float]
    from ltsa_desk.services import applicants

    def timer(text: str) -> float:
        started = time.perf_counter()
        with database.session() as session:
            applicants.search_page(session, text, limit=200)
        return (time.perf_counter() - started) * 1000

    for kind, values in texts.items():
        for text in values:
            found.append((timer(text), kind, text))
    return sorted(found, reverse=True)[:top]
