"""Indonesian words a password guesser tries first: refused inside passwords.

zxcvbn (Dropbox's estimator, maintained on PyPI as ``zxcvbn``) knows the world's most common
passwords, English words, names and keyboard patterns, but no Indonesian. This list adds what
Indonesian users reach for: everyday words of affection and faith, the country, cities and
football clubs, and the words of this office's own work (a guesser at the counter tries those
first). It was compiled by hand for LTSA Desk from those categories; it is not taken from a
leaked-password file. Add a word when an audit or a technician finds one in use.

zxcvbn treats each entry as a dictionary word: a password made of one of them plus digits or a
year (``rahasia123``, ``bismillah2024``) is still refused; several unrelated words are not.
"""

from __future__ import annotations

from typing import Final

WORDS: Final[tuple[str, ...]] = (
    # affection, everyday words, greetings
    "sayang", "sayangku", "cinta", "cintaku", "kasih", "kekasih", "rindu", "kangen", "manis",
    "ganteng", "cantik", "imut", "lucu", "bahagia", "selamat", "senang", "sahabat", "teman",
    "keluarga", "mama", "papa", "ibu", "bapak", "ayah", "bunda", "adik", "kakak", "anak",
    "rahasia", "katasandi", "kata", "sandi", "kunci", "masuk", "buka", "pintu", "rumah",
    "kucing", "anjing", "harimau", "garuda", "elang", "bintang", "bulan", "matahari", "pelangi",
    "bunga", "mawar", "melati", "langit", "laut", "hujan", "angin", "api", "tanah", "air",
    "hitam", "putih", "merah", "biru", "hijau", "kuning", "emas", "perak", "berlian",
    "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan", "sepuluh",
    "sukses", "berhasil", "semangat", "jaya", "makmur", "rejeki", "rezeki", "berkah",
    # faith
    "bismillah", "alhamdulillah", "assalamualaikum", "allahuakbar", "subhanallah",
    "insyaallah", "masyaallah", "allah", "muhammad", "islam", "muslim", "amin", "yesus",
    "tuhan", "haleluya", "surga", "doa",
    # country, cities, regions, football
    "indonesia", "merdeka", "pancasila", "nusantara", "jakarta", "bandung", "surabaya",
    "medan", "semarang", "yogyakarta", "jogja", "makassar", "bali", "lombok", "mataram",
    "selong", "praya", "sumbawa", "bima", "ntb", "ntt", "jawa", "sunda", "sasak", "batak",
    "persija", "persib", "persebaya", "arema", "aremania", "bonek", "jakmania", "viking",
    "timnas", "sepakbola", "bola",
    # common first names
    "ahmad", "agus", "budi", "dewi", "sri", "siti", "putri", "putra", "rina", "rini", "wati",
    "yanti", "fitri", "nur", "dian", "eka", "dwi", "tri", "lalu", "baiq", "made", "wayan",
    "ketut", "nyoman", "joko", "bambang", "slamet", "iwan", "andi", "ayu", "indah",
    # this office's own words
    "ltsa", "desk", "loket", "kantor", "disnaker", "dinas", "tenaga", "kerja", "naker",
    "bp2mi", "bp3mi", "pmi", "cpmi", "tki", "tkw", "p3mi", "imigrasi", "paspor", "visa",
    "petugas", "admin", "administrator", "teknisi", "pengguna", "operator", "pegawai",
    "pemerintah", "negara", "kabupaten", "provinsi", "pelayanan", "layanan",
)  # fmt: skip
