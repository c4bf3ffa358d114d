<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="id_ID">
<context>
    <name>Banner</name>
    <message>
        <source>{first} dan {second}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sambungan ke {destinations} terputus sejak {duration} lalu.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lanjutkan pekerjaan seperti biasa: semua tersimpan di kantor dan {n} kiriman akan terkirim sendiri saat sambungan kembali.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lanjutkan pekerjaan seperti biasa: semua tersimpan di kantor dan akan terkirim sendiri saat sambungan kembali.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Periksa internet kantor bila berlangsung lama.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pengiriman ke {destination} ditunda: server menolak kredensial kantor. Pekerjaan tetap tersimpan ({n} kiriman menunggu). Hubungi teknisi untuk memperbarui kredensial.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} kiriman ditolak oleh {destination} dan perlu tindakan. Buka Sinkronisasi untuk melihat alasannya, lalu perbaiki data CPMI.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Buka Sinkronisasi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lihat apa yang menunggu dan apa yang perlu diperbaiki</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Perlu tindakan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sambungan terputus - pekerjaan tetap tersimpan</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CredentialsForm</name>
    <message>
        <source>Nama pengguna</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kata sandi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nama pengguna wajib diisi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kata sandi wajib diisi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Memeriksa...</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DestinationCard</name>
    <message>
        <source>Offline sejak</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Menunggu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sedang dikirim</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Perlu tindakan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Terkirim</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kiriman tertua menunggu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pengiriman terakhir</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{when} ({duration})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>belum ada</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server menolak kredensial kantor; kiriman disimpan dan menunggu. Teknisi: perbarui dengan &apos;ltsa-desk credentials set {destination} --token-stdin&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alamat server belum diatur; kiriman disimpan dan menunggu. Teknisi: atur dengan &apos;ltsa-desk config set {destination}.url ALAMAT&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <source>LTSA Desk - Pengaturan awal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loket ini belum diatur. Isi kode kantor (kode kabupaten/kota Kemendagri, misalnya 52.03) dan kode loket (misalnya LOTIM-01).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kode kantor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kode loket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Simpan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batal</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>IntakePage</name>
    <message>
        <source>Peringatan NIK sudah saya periksa; CPMI tetap didaftarkan di sini</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kosongkan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mulai CPMI baru (Ctrl+N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Simpan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Simpan (Ctrl+S)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pendaftaran CPMI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mulai dari NIK: tanggal lahir, jenis kelamin dan wilayah terisi dari NIK. Enter: kolom berikutnya - Ctrl+S: simpan - Ctrl+N: CPMI baru - * wajib diisi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data diri (sesuai KTP)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pendidikan, status dan penempatan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NIK ini sudah terdaftar: {name}, kode {code}. Buka data CPMI ini; jangan didaftarkan dua kali.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Buka data CPMI (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Belum tersimpan: perbaiki {count} kolom yang bertanda merah.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NIK sudah terdaftar dengan kode {code}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Menyimpan...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Belum tersimpan: baca peringatan di bawah NIK, lalu centang konfirmasi.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tersimpan: {name} - kode pelacakan {code}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Belum tersimpan: perbaiki kolom yang bertanda merah.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Belum tersimpan: basis data tidak dapat ditulis. Data di layar masih ada; coba simpan lagi, jika tetap gagal hubungi teknisi.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LineStatus</name>
    <message>
        <source>Registri pusat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imigrasi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} menit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} jam</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} hari</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>belum diatur</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alamat server {destination} belum diatur. Hubungi teknisi.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ditunda - hubungi teknisi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server tujuan menolak kredensial (token).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data tetap tersimpan; teknisi perlu memperbarui kredensial.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} kiriman menunggu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline sejak {duration}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sambungan terputus. Kiriman akan berangkat sendiri saat tersambung.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tidak ada kiriman menunggu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>semua terkirim</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Memeriksa sambungan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Perlu tindakan: {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ada kiriman yang ditolak. Buka Sinkronisasi untuk memperbaikinya.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kiriman tertua menunggu {duration}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Klik untuk membuka Sinkronisasi</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LockDialog</name>
    <message>
        <source>LTSA Desk - Terkunci</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ganti petugas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Petugas lain masuk dengan nama pengguna dan kata sandinya sendiri.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Masuk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kembali</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layar dikunci</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loket ini dikunci karena tidak dipakai. Petugas {name} membuka kunci dengan kata sandinya.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Buka kunci</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>LTSA Desk - Kantor {office} - Loket {counter}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pendaftaran</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pencarian</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sinkronisasi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Laporan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pengaturan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Basis data: {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Selamat datang di LTSA Desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kantor {office} - Loket {counter}
{count} CPMI terdaftar di basis data ini.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SearchPage</name>
    <message>
        <source>Pencarian CPMI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ketik nama, awal NIK atau kode pelacakan (F2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cari CPMI (F2). Enter: ke tabel hasil - Esc: kosongkan. Di tabel, Enter atau klik dua kali membuka data CPMI.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mencari...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tidak ada CPMI yang cocok dengan &quot;{text}&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Belum ada CPMI terdaftar.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} CPMI ditemukan.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} CPMI terbaru ditampilkan; gulir ke bawah untuk berikutnya.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} CPMI pertama ditampilkan; gulir ke bawah untuk berikutnya.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>LTSA Desk - Masuk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Masuk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kantor {office} - Loket {counter}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Masuk (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batal (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lupa kata sandi? Teknisi dapat mengaturnya ulang.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncBridge</name>
    <message>
        <source>Pendaftaran</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Perbaikan data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Permohonan paspor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NIK ini sudah terdaftar di Registri pusat (nomor {number}) dengan nama atau tanggal lahir yang berbeda. Periksa KTP CPMI, lalu perbaiki datanya.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Menunggu nomor Registri pusat CPMI ini. Pastikan pendaftarannya ke Registri pusat sudah terkirim, lalu kirim ulang.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data ditolak. Periksa dan perbaiki: {fields}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ditolak oleh server tujuan: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ditolak oleh server tujuan tanpa alasan. Hubungi teknisi.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <source>Sinkronisasi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kiriman ke Registri pusat dan Imigrasi berangkat sendiri saat sambungan ada. Semua pekerjaan sudah tersimpan di kantor.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kirim sekarang</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coba kirim semua kiriman sekarang (F5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Perlu tindakan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kiriman di bawah ditolak oleh server tujuan. Buka data CPMI, perbaiki sesuai alasannya, lalu Simpan: kiriman yang sudah diperbaiki otomatis menggantikan yang ditolak. Kirim ulang hanya bila masalahnya sudah dibereskan di server tujuan.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tidak ada kiriman yang perlu tindakan.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CPMI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tujuan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kiriman</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alasan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sejak</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Buka data CPMI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Buka data CPMI ini untuk diperbaiki (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kirim ulang</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kirim lagi tanpa perubahan, bila masalahnya sudah dibereskan di server tujuan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Diperbarui {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data sinkronisasi tidak bisa dibaca. Coba lagi sebentar.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Perlu tindakan ({n})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Jawaban server: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kiriman dikirim ulang.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kiriman sudah tidak menunggu.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Training</name>
    <message>
        <source>MODE LATIHAN - data tidak nyata</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LATIHAN - TIDAK SAH</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Semua yang dibuat di sini hanya latihan: tidak dikirim ke Registri pusat atau Imigrasi dan tidak tercampur dengan data kantor.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Masuk Mode latihan?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Aplikasi akan memakai basis data latihan dan server tiruan. Data kantor tidak tersentuh. Pekerjaan yang belum disimpan di layar ini akan ditutup.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keluar dari Mode latihan?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Aplikasi kembali ke data kantor yang sebenarnya. Data latihan tetap tersimpan untuk latihan berikutnya.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hanya Teknisi atau Admin yang dapat mengubah Mode latihan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mode latihan tidak bisa dimulai: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mode latihan tidak berhenti dengan rapi: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
