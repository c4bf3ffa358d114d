"""The rejects file an import leaves beside the register (the original text, its delimiter, written
atomically), and hostile or generated input: the reader returns a register or refuses in words,
never crashes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ltsa_desk.services import register_file as rf
from ltsa_desk.services.register_file import (
    RegisterFile,
    RegisterFileError,
    canonical_field,
    read_register,
    write_rejects,
)
from tests.services.registerfiles import NIK1, NIK2, write_csv, write_xlsx

# --------------------------------------------------------------------------------------------
# write_rejects


def test_write_rejects_csv_keeps_delimiter_and_original_text(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_bytes(
        (
            "Judul;;;;\r\n"
            "NIK;Nama;Tgl Lahir;JK;Catatan\r\n"
            f"{NIK1};  Sú ;31-02-1990;X;a;b\r\n"
            f"{NIK2};Budi;01-01-1990;L;\r\n"
        ).encode("cp1252")
    )
    reg = read_register(source)
    out = tmp_path / "ditolak.csv"
    write_rejects(out, reg, [(reg.rows[0], "Tanggal lahir tidak valid; jenis kelamin L/P")])

    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data.decode("utf-8-sig").split("\r\n")
    assert lines[0] == "NIK;Nama;Tgl Lahir;JK;Catatan;baris;alasan"
    assert (
        lines[1] == f'{NIK1};  Sú ;31-02-1990;X;a;3;"Tanggal lahir tidak valid; jenis kelamin L/P"'
    )
    assert lines[2:] == [""]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ditolak.csv", "in.csv"]  # no temp


def test_write_rejects_for_xlsx_uses_semicolon_and_can_be_reimported(tmp_path: Path) -> None:
    source = write_xlsx(
        tmp_path / "in.xlsx",
        {"S": [["NIK", "Nama", "Tgl Lahir", "JK"], [float(NIK1), "A, B", date(1990, 5, 12), "X"]]},
    )
    reg = read_register(source)
    out = tmp_path / "ditolak.csv"
    write_rejects(out, reg, [(reg.rows[0], "JK harus L atau P")])
    assert out.read_text(encoding="utf-8-sig").splitlines()[1] == (
        f"{NIK1};A, B;1990-05-12;X;2;JK harus L atau P"  # Indonesian Excel's list separator
    )

    # The officer fixes the file and imports it again; the rejects of that import must not
    # grow a second "baris"/"alasan" pair.
    again = read_register(out)
    assert again.delimiter == ";"
    assert again.columns == ["NIK", "Nama", "Tgl Lahir", "JK", "baris", "alasan"]
    assert again.rows[0].values["birth_date"] == "1990-05-12"
    write_rejects(out, again, [(again.rows[0], "masih salah")])
    header, row = out.read_text(encoding="utf-8-sig").splitlines()
    assert header == "NIK;Nama;Tgl Lahir;JK;baris;alasan"
    assert row.endswith(";2;masih salah")


def test_write_rejects_with_no_rejects_writes_header(tmp_path: Path) -> None:
    reg = RegisterFile(
        columns=["nik", "nama"],
        mapping={},
        rows=[],
        source_format="csv",
        header_row=1,
        delimiter=";",
    )
    out = tmp_path / "d.csv"
    write_rejects(out, reg, [])
    assert out.read_bytes() == b"\xef\xbb\xbfnik;nama;baris;alasan\r\n"


def test_write_rejects_is_atomic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_csv(tmp_path / "in.csv", [["nik", "nama", "tgl lahir", "jk"], [NIK1, "A", "", ""]])
    reg = read_register(path)
    out = tmp_path / "ditolak.csv"
    out.write_text("previous")

    def fail(*_args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(rf.rejects.os, "replace", fail)
    with pytest.raises(OSError, match="disk full"):
        write_rejects(out, reg, [(reg.rows[0], "x")])
    assert out.read_text() == "previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ditolak.csv", "in.csv"]


# --------------------------------------------------------------------------------------------
# Hostile and generated input

FUZZ = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _read_or_refuse(path: Path) -> RegisterFile | None:
    """The only acceptable outcomes: a register, or RegisterFileError."""
    try:
        return read_register(path)
    except RegisterFileError as exc:
        assert str(exc)
        return None


@FUZZ
@given(
    prefix=st.sampled_from(
        [b"", b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"\xef\xbb\xbf", b"\xff\xfe"]
    ),
    body=st.binary(max_size=2000),
)
def test_random_bytes_never_crash(tmp_path: Path, prefix: bytes, body: bytes) -> None:
    path = tmp_path / "fuzz.bin"
    path.write_bytes(prefix + body)
    _read_or_refuse(path)


@FUZZ
@given(
    body=st.lists(
        st.sampled_from([*';,\t"\r\n =<>sepú', "nik", "nama", "jk", "tgl lahir", NIK1]),
        max_size=200,
    ).map("".join)
)
def test_random_delimited_text_never_crashes(tmp_path: Path, body: str) -> None:
    path = tmp_path / "fuzz.csv"
    path.write_text(body, encoding="utf-8", newline="")
    _read_or_refuse(path)


@FUZZ
@given(data=st.data())
def test_mangled_xlsx_never_crashes(tmp_path: Path, data: st.DataObject) -> None:
    good = tmp_path / "good.xlsx"
    if not good.exists():
        write_xlsx(good, {"S": [["nik", "nama", "tgl lahir", "jk"], [NIK1, "A", 1, "L"]]})
    raw = bytearray(good.read_bytes())
    for _ in range(data.draw(st.integers(1, 8))):
        raw[data.draw(st.integers(0, len(raw) - 1))] = data.draw(st.integers(0, 255))
    path = tmp_path / "mangled.xlsx"
    path.write_bytes(bytes(raw))
    _read_or_refuse(path)


_cell_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from(["\n", ";", '"']),
    max_size=20,
)


@FUZZ
@given(
    delimiter=st.sampled_from([";", ",", "\t"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig"]),
    rows=st.lists(st.lists(_cell_text, min_size=5, max_size=5), max_size=15),
)
def test_csv_round_trip(
    tmp_path: Path, delimiter: str, encoding: str, rows: list[list[str]]
) -> None:
    header = ["NIK", "Nama", "Tanggal Lahir", "JK", "Catatan"]
    path = write_csv(tmp_path / "rt.csv", [header, *rows], delimiter=delimiter, encoding=encoding)
    reg = read_register(path)
    expected = [(n, r) for n, r in enumerate(rows, start=2) if any(c.strip() for c in r)]
    assert [row.original for row in reg.rows] == [
        dict(zip(header, r, strict=True)) for _, r in expected
    ]
    for row, (_, cells) in zip(reg.rows, expected, strict=True):
        assert row.values["nik"] == (cells[0].strip() or None)
        assert row.values["sex"] == (cells[3].strip() or None)


@FUZZ
@given(
    names=st.lists(
        st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=12), max_size=6
    ),
    values=st.lists(
        st.one_of(
            st.none(),
            st.integers(-(10**17), 10**17),
            st.floats(allow_nan=False, allow_infinity=False),
            st.dates(min_value=date(1900, 3, 1)),
            st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=12),
        ),
        min_size=10,
        max_size=10,
    ),
)
def test_xlsx_arbitrary_cells(tmp_path: Path, names: list[str], values: list[object]) -> None:
    header = ["nik", "nama", "tgl lahir", "jk", *names]
    path = write_xlsx(tmp_path / "c.xlsx", {"S": [header, values]})
    reg = _read_or_refuse(path)
    if reg is None:  # only a duplicate canonical column may stop it
        assert any(canonical_field(n) for n in names)
        return
    for row in reg.rows:
        assert row.row_number == 2
        assert all(isinstance(v, str | float | date) or v is None for v in row.values.values())
        assert all(isinstance(t, str) for t in row.original.values())
