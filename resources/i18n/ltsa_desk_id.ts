<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="id" sourcelanguage="id_ID">
    <context>
        <name>Banner</name>
        <message>
            <source>{first} dan {second}</source>
            <translation>{first} dan {second}</translation>
        </message>
        <message>
            <source>Sambungan ke {destinations} terputus sejak {duration} lalu.</source>
            <translation>Sambungan ke {destinations} terputus sejak {duration} lalu.</translation>
        </message>
        <message>
            <source>Lanjutkan pekerjaan seperti biasa: semua tersimpan di kantor dan {n} kiriman akan terkirim sendiri saat sambungan kembali.</source>
            <translation>Lanjutkan pekerjaan seperti biasa: semua tersimpan di kantor dan {n} kiriman akan terkirim sendiri saat sambungan kembali.</translation>
        </message>
        <message>
            <source>Lanjutkan pekerjaan seperti biasa: semua tersimpan di kantor dan akan terkirim sendiri saat sambungan kembali.</source>
            <translation>Lanjutkan pekerjaan seperti biasa: semua tersimpan di kantor dan akan terkirim sendiri saat sambungan kembali.</translation>
        </message>
        <message>
            <source>Periksa internet kantor bila berlangsung lama.</source>
            <translation>Periksa internet kantor bila berlangsung lama.</translation>
        </message>
        <message>
            <source>Pengiriman ke {destination} ditunda: server menolak kredensial kantor. Pekerjaan tetap tersimpan ({n} kiriman menunggu). Hubungi teknisi untuk memperbarui kredensial.</source>
            <translation>Pengiriman ke {destination} ditunda: server menolak kredensial kantor. Pekerjaan tetap tersimpan ({n} kiriman menunggu). Hubungi teknisi untuk memperbarui kredensial.</translation>
        </message>
        <message>
            <source>{n} kiriman ditolak oleh {destination} dan perlu tindakan. Buka Sinkronisasi untuk melihat alasannya, lalu perbaiki data CPMI.</source>
            <translation>{n} kiriman ditolak oleh {destination} dan perlu tindakan. Buka Sinkronisasi untuk melihat alasannya, lalu perbaiki data CPMI.</translation>
        </message>
        <message>
            <source>Buka Sinkronisasi</source>
            <translation>Buka Sinkronisasi</translation>
        </message>
        <message>
            <source>Lihat apa yang menunggu dan apa yang perlu diperbaiki</source>
            <translation>Lihat apa yang menunggu dan apa yang perlu diperbaiki</translation>
        </message>
        <message>
            <source>Perlu tindakan</source>
            <translation>Perlu tindakan</translation>
        </message>
        <message>
            <source>Sambungan terputus - pekerjaan tetap tersimpan</source>
            <translation>Sambungan terputus - pekerjaan tetap tersimpan</translation>
        </message>
    </context>
    <context>
        <name>CredentialsForm</name>
        <message>
            <source>Nama pengguna</source>
            <translation>Nama pengguna</translation>
        </message>
        <message>
            <source>Kata sandi</source>
            <translation>Kata sandi</translation>
        </message>
        <message>
            <source>Nama pengguna wajib diisi</source>
            <translation>Nama pengguna wajib diisi</translation>
        </message>
        <message>
            <source>Kata sandi wajib diisi</source>
            <translation>Kata sandi wajib diisi</translation>
        </message>
        <message>
            <source>Memeriksa...</source>
            <translation>Memeriksa...</translation>
        </message>
    </context>
    <context>
        <name>DestinationCard</name>
        <message>
            <source>Offline sejak</source>
            <translation>Offline sejak</translation>
        </message>
        <message>
            <source>Menunggu</source>
            <translation>Menunggu</translation>
        </message>
        <message>
            <source>Sedang dikirim</source>
            <translation>Sedang dikirim</translation>
        </message>
        <message>
            <source>Perlu tindakan</source>
            <translation>Perlu tindakan</translation>
        </message>
        <message>
            <source>Terkirim</source>
            <translation>Terkirim</translation>
        </message>
        <message>
            <source>Kiriman tertua menunggu</source>
            <translation>Kiriman tertua menunggu</translation>
        </message>
        <message>
            <source>Pengiriman terakhir</source>
            <translation>Pengiriman terakhir</translation>
        </message>
        <message>
            <source>{when} ({duration})</source>
            <translation>{when} ({duration})</translation>
        </message>
        <message>
            <source>belum ada</source>
            <translation>belum ada</translation>
        </message>
        <message>
            <source>Server menolak kredensial kantor; kiriman disimpan dan menunggu. Teknisi: perbarui dengan 'ltsa-desk credentials set {destination} --token-stdin'.</source>
            <translation>Server menolak kredensial kantor; kiriman disimpan dan menunggu. Teknisi: perbarui dengan 'ltsa-desk credentials set {destination} --token-stdin'.</translation>
        </message>
        <message>
            <source>Alamat server belum diatur; kiriman disimpan dan menunggu. Teknisi: atur dengan 'ltsa-desk config set {destination}.url ALAMAT'.</source>
            <translation>Alamat server belum diatur; kiriman disimpan dan menunggu. Teknisi: atur dengan 'ltsa-desk config set {destination}.url ALAMAT'.</translation>
        </message>
    </context>
    <context>
        <name>FirstRunDialog</name>
        <message>
            <source>LTSA Desk - Pengaturan awal</source>
            <translation>LTSA Desk - Pengaturan awal</translation>
        </message>
        <message>
            <source>Loket ini belum diatur. Isi kode kantor (kode kabupaten/kota Kemendagri, misalnya 52.03) dan kode loket (misalnya LOTIM-01).</source>
            <translation>Loket ini belum diatur. Isi kode kantor (kode kabupaten/kota Kemendagri, misalnya 52.03) dan kode loket (misalnya LOTIM-01).</translation>
        </message>
        <message>
            <source>Kode kantor</source>
            <translation>Kode kantor</translation>
        </message>
        <message>
            <source>Kode loket</source>
            <translation>Kode loket</translation>
        </message>
        <message>
            <source>Simpan</source>
            <translation>Simpan</translation>
        </message>
        <message>
            <source>Batal</source>
            <translation>Batal</translation>
        </message>
    </context>
    <context>
        <name>IntakePage</name>
        <message>
            <source>Peringatan NIK sudah saya periksa; CPMI tetap didaftarkan di sini</source>
            <translation>Peringatan NIK sudah saya periksa; CPMI tetap didaftarkan di sini</translation>
        </message>
        <message>
            <source>Kosongkan</source>
            <translation>Kosongkan</translation>
        </message>
        <message>
            <source>Mulai CPMI baru (Ctrl+N)</source>
            <translation>Mulai CPMI baru (Ctrl+N)</translation>
        </message>
        <message>
            <source>Simpan</source>
            <translation>Simpan</translation>
        </message>
        <message>
            <source>Simpan (Ctrl+S)</source>
            <translation>Simpan (Ctrl+S)</translation>
        </message>
        <message>
            <source>Pendaftaran CPMI</source>
            <translation>Pendaftaran CPMI</translation>
        </message>
        <message>
            <source>Mulai dari NIK: tanggal lahir, jenis kelamin dan wilayah terisi dari NIK. Enter: kolom berikutnya - Ctrl+S: simpan - Ctrl+N: CPMI baru - * wajib diisi</source>
            <translation>Mulai dari NIK: tanggal lahir, jenis kelamin dan wilayah terisi dari NIK. Enter: kolom berikutnya - Ctrl+S: simpan - Ctrl+N: CPMI baru - * wajib diisi</translation>
        </message>
        <message>
            <source>Data diri (sesuai KTP)</source>
            <translation>Data diri (sesuai KTP)</translation>
        </message>
        <message>
            <source>Pendidikan, status dan penempatan</source>
            <translation>Pendidikan, status dan penempatan</translation>
        </message>
        <message>
            <source>NIK ini sudah terdaftar: {name}, kode {code}. Buka data CPMI ini; jangan didaftarkan dua kali.</source>
            <translation>NIK ini sudah terdaftar: {name}, kode {code}. Buka data CPMI ini; jangan didaftarkan dua kali.</translation>
        </message>
        <message>
            <source>Buka data CPMI (Enter)</source>
            <translation>Buka data CPMI (Enter)</translation>
        </message>
        <message>
            <source>Belum tersimpan: perbaiki {count} kolom yang bertanda merah.</source>
            <translation>Belum tersimpan: perbaiki {count} kolom yang bertanda merah.</translation>
        </message>
        <message>
            <source>NIK sudah terdaftar dengan kode {code}</source>
            <translation>NIK sudah terdaftar dengan kode {code}</translation>
        </message>
        <message>
            <source>Menyimpan...</source>
            <translation>Menyimpan...</translation>
        </message>
        <message>
            <source>Belum tersimpan: baca peringatan di bawah NIK, lalu centang konfirmasi.</source>
            <translation>Belum tersimpan: baca peringatan di bawah NIK, lalu centang konfirmasi.</translation>
        </message>
        <message>
            <source>Tersimpan: {name} - kode pelacakan {code}</source>
            <translation>Tersimpan: {name} - kode pelacakan {code}</translation>
        </message>
        <message>
            <source>Belum tersimpan: perbaiki kolom yang bertanda merah.</source>
            <translation>Belum tersimpan: perbaiki kolom yang bertanda merah.</translation>
        </message>
        <message>
            <source>Belum tersimpan: basis data tidak dapat ditulis. Data di layar masih ada; coba simpan lagi, jika tetap gagal hubungi teknisi.</source>
            <translation>Belum tersimpan: basis data tidak dapat ditulis. Data di layar masih ada; coba simpan lagi, jika tetap gagal hubungi teknisi.</translation>
        </message>
    </context>
    <context>
        <name>LineStatus</name>
        <message>
            <source>Registri pusat</source>
            <translation>Registri pusat</translation>
        </message>
        <message>
            <source>Imigrasi</source>
            <translation>Imigrasi</translation>
        </message>
        <message>
            <source>{n} menit</source>
            <translation>{n} menit</translation>
        </message>
        <message>
            <source>{n} jam</source>
            <translation>{n} jam</translation>
        </message>
        <message>
            <source>{n} hari</source>
            <translation>{n} hari</translation>
        </message>
        <message>
            <source>belum diatur</source>
            <translation>belum diatur</translation>
        </message>
        <message>
            <source>Alamat server {destination} belum diatur. Hubungi teknisi.</source>
            <translation>Alamat server {destination} belum diatur. Hubungi teknisi.</translation>
        </message>
        <message>
            <source>Ditunda - hubungi teknisi</source>
            <translation>Ditunda - hubungi teknisi</translation>
        </message>
        <message>
            <source>Server tujuan menolak kredensial (token).</source>
            <translation>Server tujuan menolak kredensial (token).</translation>
        </message>
        <message>
            <source>Data tetap tersimpan; teknisi perlu memperbarui kredensial.</source>
            <translation>Data tetap tersimpan; teknisi perlu memperbarui kredensial.</translation>
        </message>
        <message>
            <source>{n} kiriman menunggu</source>
            <translation>{n} kiriman menunggu</translation>
        </message>
        <message>
            <source>Offline sejak {duration}</source>
            <translation>Offline sejak {duration}</translation>
        </message>
        <message>
            <source>Sambungan terputus. Kiriman akan berangkat sendiri saat tersambung.</source>
            <translation>Sambungan terputus. Kiriman akan berangkat sendiri saat tersambung.</translation>
        </message>
        <message>
            <source>tidak ada kiriman menunggu</source>
            <translation>tidak ada kiriman menunggu</translation>
        </message>
        <message>
            <source>Online</source>
            <translation>Online</translation>
        </message>
        <message>
            <source>semua terkirim</source>
            <translation>semua terkirim</translation>
        </message>
        <message>
            <source>Memeriksa sambungan</source>
            <translation>Memeriksa sambungan</translation>
        </message>
        <message>
            <source>Perlu tindakan: {n}</source>
            <translation>Perlu tindakan: {n}</translation>
        </message>
        <message>
            <source>Ada kiriman yang ditolak. Buka Sinkronisasi untuk memperbaikinya.</source>
            <translation>Ada kiriman yang ditolak. Buka Sinkronisasi untuk memperbaikinya.</translation>
        </message>
        <message>
            <source>Kiriman tertua menunggu {duration}.</source>
            <translation>Kiriman tertua menunggu {duration}.</translation>
        </message>
        <message>
            <source>Klik untuk membuka Sinkronisasi</source>
            <translation>Klik untuk membuka Sinkronisasi</translation>
        </message>
    </context>
    <context>
        <name>LockDialog</name>
        <message>
            <source>LTSA Desk - Terkunci</source>
            <translation>LTSA Desk - Terkunci</translation>
        </message>
        <message>
            <source>Ganti petugas</source>
            <translation>Ganti petugas</translation>
        </message>
        <message>
            <source>Petugas lain masuk dengan nama pengguna dan kata sandinya sendiri.</source>
            <translation>Petugas lain masuk dengan nama pengguna dan kata sandinya sendiri.</translation>
        </message>
        <message>
            <source>Masuk</source>
            <translation>Masuk</translation>
        </message>
        <message>
            <source>Kembali</source>
            <translation>Kembali</translation>
        </message>
        <message>
            <source>Layar dikunci</source>
            <translation>Layar dikunci</translation>
        </message>
        <message>
            <source>Loket ini dikunci karena tidak dipakai. Petugas {name} membuka kunci dengan kata sandinya.</source>
            <translation>Loket ini dikunci karena tidak dipakai. Petugas {name} membuka kunci dengan kata sandinya.</translation>
        </message>
        <message>
            <source>Buka kunci</source>
            <translation>Buka kunci</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>LTSA Desk - Kantor {office} - Loket {counter}</source>
            <translation>LTSA Desk - Kantor {office} - Loket {counter}</translation>
        </message>
        <message>
            <source>Pendaftaran</source>
            <translation>Pendaftaran</translation>
        </message>
        <message>
            <source>Pencarian</source>
            <translation>Pencarian</translation>
        </message>
        <message>
            <source>Sinkronisasi</source>
            <translation>Sinkronisasi</translation>
        </message>
        <message>
            <source>Laporan</source>
            <translation>Laporan</translation>
        </message>
        <message>
            <source>Pengaturan</source>
            <translation>Pengaturan</translation>
        </message>
        <message>
            <source>Basis data: {path}</source>
            <translation>Basis data: {path}</translation>
        </message>
        <message>
            <source>Selamat datang di LTSA Desk</source>
            <translation>Selamat datang di LTSA Desk</translation>
        </message>
        <message>
            <source>Kantor {office} - Loket {counter}
{count} CPMI terdaftar di basis data ini.</source>
            <translation>Kantor {office} - Loket {counter}
{count} CPMI terdaftar di basis data ini.</translation>
        </message>
    </context>
    <context>
        <name>SearchPage</name>
        <message>
            <source>Pencarian CPMI</source>
            <translation>Pencarian CPMI</translation>
        </message>
        <message>
            <source>Ketik nama, awal NIK atau kode pelacakan (F2)</source>
            <translation>Ketik nama, awal NIK atau kode pelacakan (F2)</translation>
        </message>
        <message>
            <source>Cari CPMI (F2). Enter: ke tabel hasil - Esc: kosongkan. Di tabel, Enter atau klik dua kali membuka data CPMI.</source>
            <translation>Cari CPMI (F2). Enter: ke tabel hasil - Esc: kosongkan. Di tabel, Enter atau klik dua kali membuka data CPMI.</translation>
        </message>
        <message>
            <source>Mencari...</source>
            <translation>Mencari...</translation>
        </message>
        <message>
            <source>Tidak ada CPMI yang cocok dengan "{text}".</source>
            <translation>Tidak ada CPMI yang cocok dengan "{text}".</translation>
        </message>
        <message>
            <source>Belum ada CPMI terdaftar.</source>
            <translation>Belum ada CPMI terdaftar.</translation>
        </message>
        <message>
            <source>{count} CPMI ditemukan.</source>
            <translation>{count} CPMI ditemukan.</translation>
        </message>
        <message>
            <source>{count} CPMI terbaru ditampilkan; gulir ke bawah untuk berikutnya.</source>
            <translation>{count} CPMI terbaru ditampilkan; gulir ke bawah untuk berikutnya.</translation>
        </message>
        <message>
            <source>{count} CPMI pertama ditampilkan; gulir ke bawah untuk berikutnya.</source>
            <translation>{count} CPMI pertama ditampilkan; gulir ke bawah untuk berikutnya.</translation>
        </message>
    </context>
    <context>
        <name>SignInDialog</name>
        <message>
            <source>LTSA Desk - Masuk</source>
            <translation>LTSA Desk - Masuk</translation>
        </message>
        <message>
            <source>Masuk</source>
            <translation>Masuk</translation>
        </message>
        <message>
            <source>Kantor {office} - Loket {counter}</source>
            <translation>Kantor {office} - Loket {counter}</translation>
        </message>
        <message>
            <source>Masuk (Enter)</source>
            <translation>Masuk (Enter)</translation>
        </message>
        <message>
            <source>Batal</source>
            <translation>Batal</translation>
        </message>
        <message>
            <source>Batal (Esc)</source>
            <translation>Batal (Esc)</translation>
        </message>
        <message>
            <source>Lupa kata sandi? Teknisi dapat mengaturnya ulang.</source>
            <translation>Lupa kata sandi? Teknisi dapat mengaturnya ulang.</translation>
        </message>
    </context>
    <context>
        <name>SyncBridge</name>
        <message>
            <source>Pendaftaran</source>
            <translation>Pendaftaran</translation>
        </message>
        <message>
            <source>Perbaikan data</source>
            <translation>Perbaikan data</translation>
        </message>
        <message>
            <source>Permohonan paspor</source>
            <translation>Permohonan paspor</translation>
        </message>
        <message>
            <source>NIK ini sudah terdaftar di Registri pusat (nomor {number}) dengan nama atau tanggal lahir yang berbeda. Periksa KTP CPMI, lalu perbaiki datanya.</source>
            <translation>NIK ini sudah terdaftar di Registri pusat (nomor {number}) dengan nama atau tanggal lahir yang berbeda. Periksa KTP CPMI, lalu perbaiki datanya.</translation>
        </message>
        <message>
            <source>Menunggu nomor Registri pusat CPMI ini. Pastikan pendaftarannya ke Registri pusat sudah terkirim, lalu kirim ulang.</source>
            <translation>Menunggu nomor Registri pusat CPMI ini. Pastikan pendaftarannya ke Registri pusat sudah terkirim, lalu kirim ulang.</translation>
        </message>
        <message>
            <source>Data ditolak. Periksa dan perbaiki: {fields}.</source>
            <translation>Data ditolak. Periksa dan perbaiki: {fields}.</translation>
        </message>
        <message>
            <source>Ditolak oleh server tujuan: {reason}</source>
            <translation>Ditolak oleh server tujuan: {reason}</translation>
        </message>
        <message>
            <source>Ditolak oleh server tujuan tanpa alasan. Hubungi teknisi.</source>
            <translation>Ditolak oleh server tujuan tanpa alasan. Hubungi teknisi.</translation>
        </message>
    </context>
    <context>
        <name>SyncPage</name>
        <message>
            <source>Sinkronisasi</source>
            <translation>Sinkronisasi</translation>
        </message>
        <message>
            <source>Kiriman ke Registri pusat dan Imigrasi berangkat sendiri saat sambungan ada. Semua pekerjaan sudah tersimpan di kantor.</source>
            <translation>Kiriman ke Registri pusat dan Imigrasi berangkat sendiri saat sambungan ada. Semua pekerjaan sudah tersimpan di kantor.</translation>
        </message>
        <message>
            <source>Kirim sekarang</source>
            <translation>Kirim sekarang</translation>
        </message>
        <message>
            <source>Coba kirim semua kiriman sekarang (F5)</source>
            <translation>Coba kirim semua kiriman sekarang (F5)</translation>
        </message>
        <message>
            <source>Perlu tindakan</source>
            <translation>Perlu tindakan</translation>
        </message>
        <message>
            <source>Kiriman di bawah ditolak oleh server tujuan. Buka data CPMI, perbaiki sesuai alasannya, lalu Simpan: kiriman yang sudah diperbaiki otomatis menggantikan yang ditolak. Kirim ulang hanya bila masalahnya sudah dibereskan di server tujuan.</source>
            <translation>Kiriman di bawah ditolak oleh server tujuan. Buka data CPMI, perbaiki sesuai alasannya, lalu Simpan: kiriman yang sudah diperbaiki otomatis menggantikan yang ditolak. Kirim ulang hanya bila masalahnya sudah dibereskan di server tujuan.</translation>
        </message>
        <message>
            <source>Tidak ada kiriman yang perlu tindakan.</source>
            <translation>Tidak ada kiriman yang perlu tindakan.</translation>
        </message>
        <message>
            <source>CPMI</source>
            <translation>CPMI</translation>
        </message>
        <message>
            <source>Kode</source>
            <translation>Kode</translation>
        </message>
        <message>
            <source>Tujuan</source>
            <translation>Tujuan</translation>
        </message>
        <message>
            <source>Kiriman</source>
            <translation>Kiriman</translation>
        </message>
        <message>
            <source>Alasan</source>
            <translation>Alasan</translation>
        </message>
        <message>
            <source>Sejak</source>
            <translation>Sejak</translation>
        </message>
        <message>
            <source>Buka data CPMI</source>
            <translation>Buka data CPMI</translation>
        </message>
        <message>
            <source>Buka data CPMI ini untuk diperbaiki (Enter)</source>
            <translation>Buka data CPMI ini untuk diperbaiki (Enter)</translation>
        </message>
        <message>
            <source>Kirim ulang</source>
            <translation>Kirim ulang</translation>
        </message>
        <message>
            <source>Kirim lagi tanpa perubahan, bila masalahnya sudah dibereskan di server tujuan</source>
            <translation>Kirim lagi tanpa perubahan, bila masalahnya sudah dibereskan di server tujuan</translation>
        </message>
        <message>
            <source>Diperbarui {time}</source>
            <translation>Diperbarui {time}</translation>
        </message>
        <message>
            <source>Data sinkronisasi tidak bisa dibaca. Coba lagi sebentar.</source>
            <translation>Data sinkronisasi tidak bisa dibaca. Coba lagi sebentar.</translation>
        </message>
        <message>
            <source>Perlu tindakan ({n})</source>
            <translation>Perlu tindakan ({n})</translation>
        </message>
        <message>
            <source>Jawaban server: {reason}</source>
            <translation>Jawaban server: {reason}</translation>
        </message>
        <message>
            <source>Kiriman dikirim ulang.</source>
            <translation>Kiriman dikirim ulang.</translation>
        </message>
        <message>
            <source>Kiriman sudah tidak menunggu.</source>
            <translation>Kiriman sudah tidak menunggu.</translation>
        </message>
    </context>
    <context>
        <name>Training</name>
        <message>
            <source>MODE LATIHAN - data tidak nyata</source>
            <translation>MODE LATIHAN - data tidak nyata</translation>
        </message>
        <message>
            <source>LATIHAN - TIDAK SAH</source>
            <translation>LATIHAN - TIDAK SAH</translation>
        </message>
        <message>
            <source>Semua yang dibuat di sini hanya latihan: tidak dikirim ke Registri pusat atau Imigrasi dan tidak tercampur dengan data kantor.</source>
            <translation>Semua yang dibuat di sini hanya latihan: tidak dikirim ke Registri pusat atau Imigrasi dan tidak tercampur dengan data kantor.</translation>
        </message>
        <message>
            <source>Masuk Mode latihan?</source>
            <translation>Masuk Mode latihan?</translation>
        </message>
        <message>
            <source>Aplikasi akan memakai basis data latihan dan server tiruan. Data kantor tidak tersentuh. Pekerjaan yang belum disimpan di layar ini akan ditutup.</source>
            <translation>Aplikasi akan memakai basis data latihan dan server tiruan. Data kantor tidak tersentuh. Pekerjaan yang belum disimpan di layar ini akan ditutup.</translation>
        </message>
        <message>
            <source>Keluar dari Mode latihan?</source>
            <translation>Keluar dari Mode latihan?</translation>
        </message>
        <message>
            <source>Aplikasi kembali ke data kantor yang sebenarnya. Data latihan tetap tersimpan untuk latihan berikutnya.</source>
            <translation>Aplikasi kembali ke data kantor yang sebenarnya. Data latihan tetap tersimpan untuk latihan berikutnya.</translation>
        </message>
        <message>
            <source>Hanya Teknisi atau Admin yang dapat mengubah Mode latihan</source>
            <translation>Hanya Teknisi atau Admin yang dapat mengubah Mode latihan</translation>
        </message>
        <message>
            <source>Mode latihan tidak bisa dimulai: {reason}</source>
            <translation>Mode latihan tidak bisa dimulai: {reason}</translation>
        </message>
        <message>
            <source>Mode latihan tidak berhenti dengan rapi: {reason}</source>
            <translation>Mode latihan tidak berhenti dengan rapi: {reason}</translation>
        </message>
    </context>
</TS>
