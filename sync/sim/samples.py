"""Valid sample payloads for the simulator's two systems: a registry worker and a passport
application, each with a fresh client reference (and NIK, tracking code) per call.

For tests and benchmarks that need many distinct CPMI; nothing in the application uses them.
"""

from __future__ import annotations

import itertools
import uuid
from typing import Any

__all__ = ["application_payload", "worker_payload"]

_SAMPLE_SEQ = itertools.count(1)


def worker_payload(**overrides: Any) -> dict[str, Any]:
    """A valid registry worker payload with a fresh client reference and NIK (unique per process).

    Handy for tests and benchmarks that need many distinct CPMI; ``overrides`` replace fields
    (``None`` removes one).
    """
    n = next(_SAMPLE_SEQ)
    payload: dict[str, Any] = {
        "client_reference": str(uuid.uuid4()),
        "nik": f"5203{n:012d}",
        "full_name": f"Siti Aminah {_alpha(n)}",
        "birth_date": "1996-04-17",
        "sex": "P",
        "birth_place": "Mataram",
        "address": "Jl. Pejanggik No. 12, Mataram",
        "phone": "+6281234567890",
        "destination_country": "MY",
        "job_title": "Penata laksana rumah tangga",
        "sector": "domestic",
        "agency": "PT Contoh Penempatan",
        "office_code": "52.03",
        "tracking_code": f"LTSA-52.03-{n:06d}",
        "planned_departure": "2027-02-01",
    }
    return _apply(payload, overrides)


def application_payload(worker: dict[str, Any], **overrides: Any) -> dict[str, Any]:
    """A valid passport application for a registered ``worker`` (needs its ``registry_id``)."""
    payload: dict[str, Any] = {
        "client_reference": str(uuid.uuid4()),
        "registry_id": worker["registry_id"],
        "nik": worker["nik"],
        "full_name": worker["full_name"],
        "birth_date": worker["birth_date"],
        "sex": worker["sex"],
        "office_code": worker.get("office_code") or "52.03",
        "tracking_code": worker.get("tracking_code") or f"LTSA-52.03-{next(_SAMPLE_SEQ):06d}",
        "birth_place": worker.get("birth_place"),
    }
    return _apply(payload, overrides)


def _alpha(n: int) -> str:
    """Letters only (names may not contain digits): 1 -> 'A', 27 -> 'AA'."""
    out = ""
    while n > 0:
        n, rem = divmod(n - 1, 26)
        out = chr(65 + rem) + out
    return out


def _apply(payload: dict[str, Any], overrides: dict[str, Any]) -> dict[str, Any]:
    for name, value in overrides.items():
        if value is None:
            payload.pop(name, None)
        else:
            payload[name] = value
    return {k: v for k, v in payload.items() if v is not None}
