"""The one error type for "this database cannot be used as it is" (re-exported by store.database).

It lives in its own module so the SQLCipher and key modules can raise it without importing the
database module that builds on them.
"""

from __future__ import annotations


class DatabaseProblem(RuntimeError):
    """The database cannot be used as it is; the message says what is wrong and what to do."""


class OfficeServerUnreachable(DatabaseProblem):
    """A shared office's PostgreSQL server did not answer (or refused this desk).

    Its own type because the answer to it differs from every other problem: nothing is wrong with
    the data, the desk waits and reconnects by itself, and it never falls back to a local copy
    (a private copy would fork the office's register and need a merge later).
    """


def describe_server_failure(where: str, reason: str) -> str:
    """What an officer or technician reads when the office server cannot be used, in Indonesian.

    ``reason`` is the driver's own text (English, from libpq); the likely causes are recognised
    and named with what to do, and the driver's words follow for the technician.
    """
    lowered = reason.lower()
    if "authentication method requirement" in lowered:
        advice = (
            "Server meminta kata sandi dengan cara yang tidak aman (teks biasa atau MD5); LTSA "
            "Desk tidak mengirim kata sandi dengan cara itu. Teknisi: pastikan alamat server "
            "benar, dan server kantor memakai scram-sha-256 di pg_hba.conf "
            "(password_encryption = scram-sha-256, lalu setel ulang kata sandi perannya)."
        )
    elif "password authentication failed" in lowered or "no password supplied" in lowered:
        advice = (
            "Server menolak login basis data (kata sandi salah atau belum disimpan). Teknisi: "
            "simpan kata sandinya dengan 'ltsa-desk credentials set database --token-stdin'."
        )
    elif "pg_hba.conf" in lowered:
        advice = (
            "Server menolak sambungan dari PC ini (pg_hba.conf). Teknisi: izinkan jaringan "
            "kantor di pg_hba.conf server, lalu muat ulang PostgreSQL."
        )
    elif "ssl" in lowered or "certificate" in lowered:
        advice = (
            "Sambungan aman (TLS) ke server gagal. Teknisi: periksa database.sslmode dan "
            "database.sslrootcert, serta sertifikat server."
        )
    elif "does not exist" in lowered:
        advice = (
            "Basis data atau pengguna yang disebut di database.url tidak ada di server. "
            "Teknisi: periksa database.url."
        )
    else:
        advice = (
            "Periksa apakah PC server menyala, PostgreSQL berjalan, dan kabel atau Wi-Fi jaringan "
            "kantor tersambung."
        )
    return (
        f"Server basis data kantor ({where}) tidak bisa dipakai. {advice} "
        "LTSA Desk tidak membuat salinan lokal: data kantor hanya ada di server itu, dan "
        f"sambungan dicoba lagi otomatis. (Rincian: {reason.strip()})"
    )
