"""Search over the big register: every kind of text an officer types; p95 per kind.

Each query is what the Pencarian box runs for the officer's text: `applicants.search_page` (first
page, 200 rows, newest first) in a fresh read session, exactly as the table model does on its
worker thread. The texts are drawn (fixed seed) the way officers type, from the applicants really
in the register (a sample of its rows) and from texts no applicant holds:

- name: a 3-6 letter piece from the middle of a first or last name, any case (e.g. ``DAYA``,
  ``rahm``), sometimes a first name and the start of the last (``siti ra``);
- one, two: what the box sees after the officer's first one or two keys: the first letters of a
  name word, any one or two letters from inside a name, a rare letter or pair (``x``, ``q``,
  ``kw``, ``oe``...: before migration 0007 each of these walked the whole register);
- typo: a real name piece of 3-7 letters with one letter dropped, two swapped or one doubled
  (``rahmn``, ``rhaman``, ``rahhman``): mostly rare or no match at all;
- rare: pieces of 2-6 letters (spaces too) that few names of the sample hold, often across two
  name words (``q s``, ``i ba``): a few matches scattered over the whole register;
- nomatch: texts no applicant holds: rare letters strung together, a real name with a foreign
  letter, a NIK from a regency the office never sees, a tracking code of another counter;
- nik: the first 1, 2, ... 16 digits of a real NIK, every length in turn;
- tracking: a whole tracking code, or all but its last one or two digits.

Each kind's figure is its p95 and names its slowest text (target: p95 <= 30 ms for every kind).
"""

from __future__ import annotations

import random
import string
import time
from collections import Counter
from collections.abc import Callable
from typing import Any

from benchlib import Figure, percentile, ratio

KINDS = ("name", "one", "two", "typo", "rare", "nomatch", "nik", "tracking")
RARE_SHORT = ("x", "kw", "oe", "xa", "v", "q", "zz", "bu", "qy", "fx", "j", "g", "c", "iq", "uz")
TARGET_MS = 30.0


def _words(sample: list[dict[str, Any]], rng: random.Random) -> list[str]:
    return rng.choice(sample)["full_name"].split()


def _cased(text: str, rng: random.Random) -> str:
    return rng.choice((text.lower(), text.upper(), text.capitalize()))


def name_texts(sample: list[dict[str, Any]], count: int, rng: random.Random) -> list[str]:
    texts = []
    while len(texts) < count:
        words = _words(sample, rng)
        if len(words) >= 2 and rng.random() < 0.2:
            texts.append(f"{words[0].lower()} {words[1][:2].lower()}")
            continue
        word = rng.choice(words)
        if len(word) < 4:
            continue
        length = rng.randint(3, min(6, len(word) - 1))
        start = rng.randint(1, len(word) - length)  # never the first letter: the middle
        texts.append(_cased(word[start : start + length], rng))
    return texts


def short_texts(
    sample: list[dict[str, Any]], count: int, rng: random.Random, size: int
) -> list[str]:
    """`size` (1 or 2) letters: a word's start, a piece from inside a name, or a rare one."""
    rare = [text for text in RARE_SHORT if len(text) == size]
    texts = []
    while len(texts) < count:
        way = rng.random()
        if way < 0.35:
            texts.append(_cased(rng.choice(rare), rng))
            continue
        name = rng.choice(sample)["full_name"]
        if way < 0.65:
            texts.append(rng.choice(name.split())[:size].lower())
            continue
        start = rng.randrange(len(name) - size + 1)
        piece = name[start : start + size]
        if piece.strip() == piece:
            texts.append(rng.choice((piece.lower(), piece.upper())))
    return texts


def typo_texts(sample: list[dict[str, Any]], count: int, rng: random.Random) -> list[str]:
    texts = []
    while len(texts) < count:
        word = rng.choice(_words(sample, rng)).lower()
        if len(word) < 4:
            continue
        length = rng.randint(min(4, len(word)), min(7, len(word)))
        start = rng.randint(0, len(word) - length)
        piece = list(word[start : start + length])
        at = rng.randrange(len(piece) - 1)
        way = rng.choice(("drop", "swap", "double"))
        if way == "drop":
            del piece[at]
        elif way == "swap":
            piece[at], piece[at + 1] = piece[at + 1], piece[at]
        else:
            piece.insert(at, piece[at])
        texts.append(_cased("".join(piece), rng))
    return texts


def rare_texts(sample: list[dict[str, Any]], count: int, rng: random.Random) -> list[str]:
    """Pieces the sample holds in at most three names (about 0.3% of the register or fewer)."""
    seen: Counter[str] = Counter()
    for row in sample:
        key = " ".join(row["full_name"].lower().split())
        seen.update({key[i : i + size] for size in range(2, 7) for i in range(len(key) - size + 1)})
    rare = sorted(
        piece
        for piece, times in seen.items()
        if times <= 3 and piece.strip() == piece and len(piece) <= 6
    )
    if not rare:
        return [rng.choice(RARE_SHORT) for _ in range(count)]
    by_size: dict[int, list[str]] = {}
    for piece in rare:
        by_size.setdefault(len(piece), []).append(piece)
    sizes = sorted(by_size)
    return [_cased(rng.choice(by_size[sizes[i % len(sizes)]]), rng) for i in range(count)]


def nomatch_texts(sample: list[dict[str, Any]], count: int, rng: random.Random) -> list[str]:
    texts = []
    rare_letters = "xvcqzj"
    for index in range(count):
        way = index % 5
        if way == 0:
            size = rng.randint(2, 8)
            texts.append("".join(rng.choice(rare_letters) for _ in range(size)))
        elif way == 1:
            word = rng.choice(_words(sample, rng)).lower()
            at = rng.randrange(len(word) + 1)
            texts.append(_cased(word[:at] + rng.choice("xvc") + word[at:], rng))
        elif way == 2:
            name = rng.choice(sample)["full_name"].lower()
            texts.append(name + " " + "".join(rng.choice(string.ascii_lowercase) for _ in "xx"))
        elif way == 3:
            texts.append(
                "99" + "".join(rng.choice(string.digits) for _ in range(rng.randint(0, 14)))
            )
        else:
            texts.append(f"LOTIM-09-{rng.randint(2019, 2026)}-{rng.randint(0, 999):03d}")
    return texts


def nik_texts(sample: list[dict[str, Any]], count: int, rng: random.Random) -> list[str]:
    """Every prefix length in turn, 1 to 16 digits."""
    return [rng.choice(sample)["nik"][: 1 + index % 16] for index in range(count)]


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
        "one": short_texts(sample, count, rng, 1),
        "two": short_texts(sample, count, rng, 2),
        "typo": typo_texts(sample, count, rng),
        "rare": rare_texts(sample, count, rng),
        "nomatch": nomatch_texts(sample, count, rng),
        "nik": nik_texts(sample, count, rng),
        "tracking": tracking_texts(sample, count, rng),
    }


class Timings(dict[str, list[float]]):
    """Milliseconds per kind, in the order of the kind's texts (kept here: the slowest is named)."""

    texts: dict[str, list[str]]


def run_queries(
    database: Any, texts: dict[str, list[str]], *, warmup: int = 5
) -> tuple[Timings, list[float]]:
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

    kinds = [kind for kind in KINDS if kind in texts]
    for kind in kinds:  # warm-up: first queries pay for statement compilation and cold pages
        for text in texts[kind][:warmup]:
            one(text)
    times = Timings({kind: [] for kind in kinds})
    times.texts = {kind: list(texts[kind]) for kind in kinds}
    reference: list[float] = []
    niks = [t for t in texts.get("nik", []) if len(t) == 16] or ["0"]
    for index in range(max(len(v) for v in texts.values())):
        for kind in kinds:
            if index < len(texts[kind]):
                times[kind].append(one(texts[kind][index]))
        reference.append(exact(niks[index % len(niks)]))
    return times, reference


def worst(times: dict[str, list[float]], kind: str) -> tuple[float, str | None]:
    """The slowest time of a kind and its text (None when the texts were not kept)."""
    values = times[kind]
    at = max(range(len(values)), key=values.__getitem__)
    texts = getattr(times, "texts", {}).get(kind)
    return values[at], (texts[at] if texts and at < len(texts) else None)


def figures(
    times: dict[str, list[float]], applicants_count: int, reference: list[float]
) -> list[Figure]:
    base = percentile(reference, 0.95)
    out = []
    for kind in KINDS:
        if kind not in times:
            continue
        p95 = percentile(times[kind], 0.95)
        slowest_ms, slowest_text = worst(times, kind)
        named = f" ({slowest_text!r})" if slowest_text is not None else ""
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
                    f"p50 {percentile(times[kind], 0.5):.1f} ms, slowest {slowest_ms:.1f} ms"
                    f"{named}; baseline: p95 of an exact-NIK look-up"
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
