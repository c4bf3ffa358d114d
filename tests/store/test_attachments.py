"""Attachment store: real files in tmp_path, real threads, a real crashed process."""

from __future__ import annotations

import builtins
import contextlib
import hashlib
import os
import struct
import subprocess
import sys
import tempfile
import threading
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ltsa_desk.store.attachments import (
    DEFAULT_MAX_BYTES,
    MEDIA_JPEG,
    MEDIA_PDF,
    MEDIA_PNG,
    AttachmentNotFound,
    AttachmentRejected,
    AttachmentStore,
    BlobStore,
    StoredAttachment,
    atomic_write,
    blob_relpath,
    check_sha256,
    format_size,
    inspect_bytes,
    sniff_media_type,
)

REPO_ROOT = Path(__file__).resolve().parents[2]

# ---------------------------------------------------------------------------------------------
# Sample files: small but structurally real
# ---------------------------------------------------------------------------------------------


def make_pdf(body_size: int = 200) -> bytes:
    body = b"1 0 obj << /Type /Catalog >> endobj\n" + b"%" + b"x" * body_size + b"\n"
    return b"%PDF-1.7\n" + body + b"trailer << /Root 1 0 R >>\nstartxref\n9\n%%EOF\n"


def make_jpeg(body_size: int = 200) -> bytes:
    app0 = b"\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    scan = bytes((i * 7) % 0xFE for i in range(body_size))  # no 0xFF: no stray markers
    return b"\xff\xd8" + app0 + b"\xff\xda\x00\x08\x01\x01\x00\x00\x3f\x00" + scan + b"\xff\xd9"


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def make_png(width: int = 4, height: int = 3) -> bytes:
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    raw = b"".join(b"\x00" + bytes(range(width * 3)) for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", ihdr)
        + _png_chunk(b"IDAT", zlib.compress(raw))
        + _png_chunk(b"IEND", b"")
    )


SAMPLES = {MEDIA_PDF: make_pdf(), MEDIA_JPEG: make_jpeg(), MEDIA_PNG: make_png()}
SIGNATURES = (b"%PDF-", b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n")


@pytest.fixture
def store(tmp_path: Path) -> AttachmentStore:
    return AttachmentStore(tmp_path / "attachments")


def temp_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob(".*.tmp"))


# ---------------------------------------------------------------------------------------------
# Storing and reading
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("media_type", sorted(SAMPLES))
def test_put_bytes_stores_under_fanout_path(store: AttachmentStore, media_type: str) -> None:
    data = SAMPLES[media_type]
    sha = hashlib.sha256(data).hexdigest()

    stored = store.put(data)

    assert stored == StoredAttachment(sha, len(data), media_type)
    assert store.path(sha) == store.root / sha[:2] / sha[2:4] / sha
    assert store.path(sha).read_bytes() == data
    assert store.exists(sha)
    assert store.get(sha) == data
    with store.open(sha) as handle:
        assert handle.read() == data
    assert store.verify(sha)
    assert store.info(sha) == stored
    assert temp_files(store.root) == []


@pytest.mark.parametrize("media_type", sorted(SAMPLES))
def test_put_path_matches_put_bytes(
    store: AttachmentStore, tmp_path: Path, media_type: str
) -> None:
    source = tmp_path / "scan.bin"
    source.write_bytes(SAMPLES[media_type])

    assert store.put(source) == inspect_bytes(SAMPLES[media_type])
    assert store.put(str(source)) == inspect_bytes(SAMPLES[media_type])
    assert list(store.iter_all()) == [hashlib.sha256(SAMPLES[media_type]).hexdigest()]


def test_put_path_streams_a_multi_chunk_file(store: AttachmentStore, tmp_path: Path) -> None:
    data = make_pdf(body_size=3 * 1024 * 1024 + 17)  # spans several 1 MiB read chunks
    source = tmp_path / "big.pdf"
    source.write_bytes(data)

    stored = store.put(source)

    assert stored.sha256 == hashlib.sha256(data).hexdigest()
    assert store.get(stored.sha256) == data


def test_accepts_bytearray_and_memoryview(store: AttachmentStore) -> None:
    data = SAMPLES[MEDIA_PNG]
    assert store.put(bytearray(data)) == store.put(memoryview(data)) == inspect_bytes(data)


def test_same_content_twice_is_a_noop(store: AttachmentStore, tmp_path: Path) -> None:
    data = SAMPLES[MEDIA_JPEG]
    first = store.put(data)
    before = store.path(first.sha256).stat()

    source = tmp_path / "again.jpg"
    source.write_bytes(data)
    assert store.put(data) == first
    assert store.put(source) == first

    after = store.path(first.sha256).stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def test_wrong_size_file_under_final_name_is_healed(store: AttachmentStore) -> None:
    data = SAMPLES[MEDIA_PDF]
    stored = store.put(data)
    store.path(stored.sha256).write_bytes(data[:10])  # damaged on disk
    assert not store.verify(stored.sha256)

    store.put(data)

    assert store.verify(stored.sha256)


def test_verify_detects_silent_corruption(store: AttachmentStore) -> None:
    data = SAMPLES[MEDIA_PDF]
    stored = store.put(data)
    damaged = bytearray(data)
    damaged[20] ^= 0xFF
    store.path(stored.sha256).write_bytes(bytes(damaged))

    assert not store.verify(stored.sha256)


def test_missing_blob(store: AttachmentStore) -> None:
    sha = "0" * 64
    assert not store.exists(sha)
    assert not store.verify(sha)
    with pytest.raises(AttachmentNotFound) as excinfo:
        store.get(sha)
    assert isinstance(excinfo.value, KeyError)
    assert sha in str(excinfo.value)
    with pytest.raises(AttachmentNotFound):
        store.open(sha)
    assert list(store.iter_all()) == []  # root does not even exist yet


def test_store_satisfies_blobstore_protocol(store: AttachmentStore) -> None:
    assert isinstance(store, BlobStore)


def test_iter_all_is_sorted_and_skips_strays(store: AttachmentStore) -> None:
    shas = sorted(store.put(data).sha256 for data in SAMPLES.values())
    first = store.path(shas[0])
    (first.parent / f".{shas[0]}.deadbeef.tmp").write_bytes(b"partial")
    (first.parent / "notes.txt").write_text("stray")
    (store.root / "zz").mkdir()
    (store.root / "README").write_text("stray")
    misplaced = store.root / "00" / "00" / ("f" * 64)  # right name shape, wrong bucket
    misplaced.parent.mkdir(parents=True)
    misplaced.write_bytes(b"x")

    assert list(store.iter_all()) == shas


# ---------------------------------------------------------------------------------------------
# Refusals
# ---------------------------------------------------------------------------------------------


def test_too_large_bytes_message_names_size_and_limit(store: AttachmentStore) -> None:
    data = b"%PDF-1.4" + b"\x00" * (13_002_342 - 8)  # 12,4 MB
    with pytest.raises(AttachmentRejected) as excinfo:
        store.put(data)
    err = excinfo.value
    assert err.reason == "too_large"
    assert str(err) == err.message == "Berkas terlalu besar: 12,4 MB (batas 10 MB)"
    assert (err.size, err.limit) == (13_002_342, DEFAULT_MAX_BYTES)
    assert isinstance(err, ValueError)
    assert not store.root.exists()


def test_too_large_path_is_refused_without_being_read(
    store: AttachmentStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "huge.pdf"
    with open(source, "wb") as handle:
        handle.truncate(13_002_342)  # sparse: costs no disk

    def no_open(*args: object, **kwargs: object) -> None:
        raise AssertionError("the file must not be opened")

    with monkeypatch.context() as patch:
        patch.setattr(builtins, "open", no_open)
        with pytest.raises(AttachmentRejected) as excinfo:
            store.put(source)
    assert excinfo.value.reason == "too_large"
    assert excinfo.value.message == "Berkas terlalu besar: 12,4 MB (batas 10 MB)"


def test_limit_is_inclusive_and_one_byte_over_never_reads_as_the_limit(tmp_path: Path) -> None:
    limit = 10 * 1024 * 1024
    store = AttachmentStore(tmp_path / "a", max_bytes=limit)
    exact = make_pdf(body_size=limit - len(make_pdf(0)))
    assert len(exact) == limit
    assert store.put(exact).size == limit

    with pytest.raises(AttachmentRejected) as excinfo:
        store.put(exact + b"\n")
    assert excinfo.value.message == "Berkas terlalu besar: 10,1 MB (batas 10 MB)"


def test_small_custom_limit_message(tmp_path: Path) -> None:
    store = AttachmentStore(tmp_path / "a", max_bytes=100)
    with pytest.raises(AttachmentRejected) as excinfo:
        store.put(make_pdf())
    assert excinfo.value.message == f"Berkas terlalu besar: {len(make_pdf())} bita (batas 100 bita)"


@pytest.mark.parametrize("as_path", [False, True])
def test_empty_is_refused(store: AttachmentStore, tmp_path: Path, as_path: bool) -> None:
    source = tmp_path / "empty.pdf"
    source.write_bytes(b"")
    with pytest.raises(AttachmentRejected) as excinfo:
        store.put(source if as_path else b"")
    assert excinfo.value.reason == "empty"
    assert "kosong" in excinfo.value.message


@pytest.mark.parametrize(
    "data",
    [
        b"Hello, this is a text file\n",
        b"GIF89a" + b"\x00" * 100,
        b"PK\x03\x04" + b"\x00" * 100,  # docx/zip
        b"\x00%PDF-1.7\n%%EOF",  # signature not at the start
    ],
)
def test_other_types_are_refused(store: AttachmentStore, data: bytes) -> None:
    with pytest.raises(AttachmentRejected) as excinfo:
        store.put(data)
    assert excinfo.value.reason == "unsupported_type"
    assert excinfo.value.message == "Berkas bukan PDF, JPEG atau PNG"


@pytest.mark.parametrize(
    ("data", "media_type"),
    [
        (make_pdf()[:-20], MEDIA_PDF),  # truncated copy: no %%EOF
        (b"%PDF-x\n%%EOF", MEDIA_PDF),  # no version digit
        (make_pdf() + b" " * 2000, MEDIA_PDF),  # %%EOF further than 1 KiB from the end
        (make_jpeg()[:-30], MEDIA_JPEG),  # truncated scan
        (b"\xff\xd8\xff\xd9", MEDIA_JPEG),  # end marker overlapping the start marker
        (make_png()[:-5], MEDIA_PNG),  # truncated: IEND cut
        (make_png()[:8] + b"\x00" * 40, MEDIA_PNG),  # no IHDR
        (make_png(width=0), MEDIA_PNG),  # zero width
    ],
)
def test_corrupt_files_are_refused(store: AttachmentStore, data: bytes, media_type: str) -> None:
    with pytest.raises(AttachmentRejected) as excinfo:
        store.put(data)
    assert excinfo.value.reason == "corrupt"
    assert excinfo.value.media_type == media_type
    assert "rusak atau tidak lengkap" in excinfo.value.message


def test_png_with_bad_ihdr_crc_is_refused(store: AttachmentStore) -> None:
    data = bytearray(make_png())
    data[29] ^= 0x01
    with pytest.raises(AttachmentRejected, match="CRC"):
        store.put(bytes(data))


def test_tolerated_variants_are_accepted(store: AttachmentStore) -> None:
    assert store.put(make_pdf() + b"\r\n\n  ").media_type == MEDIA_PDF  # trailing whitespace
    assert store.put(make_pdf() + b"%%EOF\n").media_type == MEDIA_PDF  # incremental update
    assert store.put(make_jpeg() + b"\x00" * 64).media_type == MEDIA_JPEG  # scanner padding


def test_directory_is_refused(store: AttachmentStore, tmp_path: Path) -> None:
    with pytest.raises(AttachmentRejected) as excinfo:
        store.put(tmp_path)
    assert excinfo.value.reason == "not_a_file"


def test_missing_source_path_raises_oserror(store: AttachmentStore, tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        store.put(tmp_path / "gone.pdf")


def test_source_changing_between_passes_is_refused_and_leaves_nothing(
    store: AttachmentStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "scan.pdf"
    source.write_bytes(make_pdf())
    real_scan = AttachmentStore._scan

    def scan_then_modify(self: AttachmentStore, path: Path) -> StoredAttachment:
        info = real_scan(self, path)
        path.write_bytes(make_pdf(body_size=300))  # the USB copy is still being written
        return info

    monkeypatch.setattr(AttachmentStore, "_scan", scan_then_modify)
    with pytest.raises(AttachmentRejected) as excinfo:
        store.put(source)

    assert excinfo.value.reason == "source_changed"
    assert list(store.iter_all()) == []
    assert temp_files(store.root) == []


# ---------------------------------------------------------------------------------------------
# Digest validation (path traversal)
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "bad",
    [
        "../../../etc/passwd",
        "ab/cd/" + "0" * 58,
        "A" * 64,
        "0" * 63,
        "0" * 65,
        "0" * 63 + "\n",
        "g" * 64,
        "",
        None,
        b"0" * 64,
    ],
)
def test_bad_digests_never_reach_the_filesystem(store: AttachmentStore, bad: object) -> None:
    for call in (store.path, store.exists, store.get, store.open, store.verify, store.info):
        with pytest.raises(ValueError):
            call(bad)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        check_sha256(bad)


def test_blob_relpath() -> None:
    sha = "ab" + "cd" + "0" * 60
    assert blob_relpath(sha) == Path("ab", "cd", sha)


def test_format_size() -> None:
    assert format_size(0) == "0 bita"
    assert format_size(1023) == "1023 bita"
    assert format_size(1536) == "1,5 KB"
    assert format_size(10 * 1024 * 1024) == "10 MB"
    assert format_size(13_002_342) == "12,4 MB"


# ---------------------------------------------------------------------------------------------
# Atomicity, concurrency, crashes
# ---------------------------------------------------------------------------------------------


def test_atomic_write_failure_leaves_no_temp(tmp_path: Path) -> None:
    final = tmp_path / "ab" / "cd" / "target"

    def chunks() -> Iterator[bytes]:
        yield b"first half"
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        atomic_write(final, chunks())

    assert not final.exists()
    assert list(final.parent.iterdir()) == []


def test_threads_putting_the_same_content(store: AttachmentStore, tmp_path: Path) -> None:
    data = make_pdf(body_size=512 * 1024)
    source = tmp_path / "same.pdf"
    source.write_bytes(data)
    workers = 8
    barrier = threading.Barrier(workers)
    results: list[StoredAttachment] = []
    errors: list[BaseException] = []

    def worker(index: int) -> None:
        try:
            barrier.wait()
            results.append(store.put(data if index % 2 else source))
        except BaseException as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert len(results) == workers and len(set(results)) == 1
    assert list(store.iter_all()) == [results[0].sha256]
    assert store.verify(results[0].sha256)
    assert temp_files(store.root) == []


def test_threads_putting_different_content_into_fresh_buckets(store: AttachmentStore) -> None:
    blobs = [make_pdf(body_size=100 + i) for i in range(16)]
    barrier = threading.Barrier(len(blobs))
    errors: list[BaseException] = []

    def worker(data: bytes) -> None:
        try:
            barrier.wait()
            store.put(data)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(data,)) for data in blobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert sorted(store.iter_all()) == sorted(hashlib.sha256(b).hexdigest() for b in blobs)


CRASH_CHILD = """
import os, sys
from pathlib import Path
from ltsa_desk.store.attachments import AttachmentStore

def die(*args, **kwargs):
    os._exit(37)  # the power goes out between writing the temp file and renaming it

os.replace = die
AttachmentStore(Path(sys.argv[1])).put(Path(sys.argv[2]))
"""


def test_crash_before_rename_leaves_only_a_harmless_temp(
    store: AttachmentStore, tmp_path: Path
) -> None:
    data = SAMPLES[MEDIA_PNG]
    sha = hashlib.sha256(data).hexdigest()
    source = tmp_path / "photo.png"
    source.write_bytes(data)

    child = subprocess.run(
        [sys.executable, "-c", CRASH_CHILD, str(store.root), str(source)],
        cwd=REPO_ROOT,
        capture_output=True,
        timeout=60,
    )
    assert child.returncode == 37, child.stderr.decode()

    leftovers = temp_files(store.root)
    assert len(leftovers) == 1 and leftovers[0].read_bytes() == data
    assert leftovers[0].parent == store.path(sha).parent
    assert list(store.iter_all()) == []
    assert not store.exists(sha)

    # Recent temps are spared by default (a concurrent put may own them) ...
    assert store.cleanup_temp() == []
    # ... the store works regardless ...
    assert store.put(source).sha256 == sha
    assert list(store.iter_all()) == [sha]
    # ... and cleanup with no grace period removes the crash debris only.
    assert store.cleanup_temp(min_age=0) == leftovers
    assert temp_files(store.root) == []
    assert store.verify(sha)


def test_cleanup_temp_on_missing_root(tmp_path: Path) -> None:
    assert AttachmentStore(tmp_path / "nothing").cleanup_temp(min_age=0) == []


# ---------------------------------------------------------------------------------------------
# Property tests for the sniffer
# ---------------------------------------------------------------------------------------------

_prefixed = st.builds(
    lambda sig, body, end: sig + body + end,
    st.sampled_from((*SIGNATURES, b"%PDF-1.", b"\x89PNG", b"\xff\xd8")),
    st.binary(max_size=300),
    st.sampled_from((b"", b"%%EOF", b"%%EOF\n", b"\xff\xd9", b"\xff\xd9\x00", make_png()[-12:])),
)
# Real PNGs of random size, whole or cut anywhere: exercises the IHDR/IEND checks both ways.
_png_cuts = st.builds(
    lambda png, cut: png[: max(1, len(png) - cut)],
    st.builds(make_png, st.integers(1, 40), st.integers(1, 40)),
    st.sampled_from((0, 0, 1, 5, 12, 40)),
)
_any_bytes = st.one_of(st.binary(max_size=2048), _prefixed, _png_cuts)


@given(_any_bytes)
@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
def test_sniffer_accepts_only_real_signatures(data: bytes) -> None:
    try:
        info = inspect_bytes(data, max_bytes=1024)
    except AttachmentRejected as err:
        assert err.reason in {"empty", "too_large", "unsupported_type", "corrupt"}
        assert err.message
        return
    assert 0 < info.size <= 1024
    expected = {b"%PDF-": MEDIA_PDF, b"\xff\xd8\xff": MEDIA_JPEG, b"\x89PNG\r\n\x1a\n": MEDIA_PNG}
    assert any(data.startswith(sig) and expected[sig] == info.media_type for sig in expected)


@given(st.binary(max_size=200), st.binary(max_size=2000), st.integers(-5, 5000))
def test_sniff_never_raises_anything_else(head: bytes, tail: bytes, size: int) -> None:
    with contextlib.suppress(AttachmentRejected):
        sniff_media_type(head, tail, size)


_STORE_DIR = tempfile.TemporaryDirectory(prefix="ltsa-attach-prop-")


@given(_any_bytes)
@settings(max_examples=150, deadline=None)
def test_put_roundtrips_or_rejects(data: bytes) -> None:
    prop_store = AttachmentStore(Path(_STORE_DIR.name), max_bytes=4096)
    try:
        stored = prop_store.put(data)
    except AttachmentRejected:
        return
    assert prop_store.get(stored.sha256) == data
    assert prop_store.verify(stored.sha256)


@pytest.fixture(scope="module", autouse=True)
def _cleanup_property_store() -> Iterator[None]:
    yield
    _STORE_DIR.cleanup()


def test_os_fsync_is_called_for_durability(
    store: AttachmentStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    synced: list[int] = []
    real_fsync = os.fsync

    def spy(fd: int) -> None:
        synced.append(fd)
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", spy)
    store.put(SAMPLES[MEDIA_PDF])
    # file + new fan-out dirs' parents + final directory (POSIX); file only on Windows
    assert len(synced) >= (1 if sys.platform == "win32" else 4)
