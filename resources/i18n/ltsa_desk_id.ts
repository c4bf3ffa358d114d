<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="id" sourcelanguage="id_ID">
    <context>
        <name>ApplicantPage</name>
        <message>
            <source>Batal</source>
            <translation>Batal</translation>
        </message>
        <message>
            <source>dilewati</source>
            <translation>dilewati</translation>
        </message>
        <message>
            <source>Status: {state}</source>
            <translation>Status: {state}</translation>
        </message>
        <message>
            <source>sejak {when}</source>
            <translation>sejak {when}</translation>
        </message>
        <message>
            <source>Data</source>
            <translation>Data</translation>
        </message>
        <message>
            <source>Dokumen</source>
            <translation>Dokumen</translation>
        </message>
        <message>
            <source>Surat</source>
            <translation>Surat</translation>
        </message>
        <message>
            <source>Riwayat</source>
            <translation>Riwayat</translation>
        </message>
        <message>
            <source>Data CPMI (Ctrl+1)</source>
            <translation>Data CPMI (Ctrl+1)</translation>
        </message>
        <message>
            <source>Kelengkapan dokumen (Ctrl+2)</source>
            <translation>Kelengkapan dokumen (Ctrl+2)</translation>
        </message>
        <message>
            <source>Surat, tanda terima, hand-carry (Ctrl+3)</source>
            <translation>Surat, tanda terima, hand-carry (Ctrl+3)</translation>
        </message>
        <message>
            <source>Riwayat (Ctrl+4)</source>
            <translation>Riwayat (Ctrl+4)</translation>
        </message>
        <message>
            <source>‹ Kembali</source>
            <translation>‹ Kembali</translation>
        </message>
        <message>
            <source>Kembali ke layar sebelumnya</source>
            <translation>Kembali ke layar sebelumnya</translation>
        </message>
        <message>
            <source>Kiriman:</source>
            <translation>Kiriman:</translation>
        </message>
        <message>
            <source>Peringatan NIK sudah saya periksa; simpan tetap</source>
            <extracomment>The height of the tab's buttons, the case buttons' too.</extracomment>
            <translation>Peringatan NIK sudah saya periksa; simpan tetap</translation>
        </message>
        <message>
            <source>Simpan perubahan</source>
            <translation>Simpan perubahan</translation>
        </message>
        <message>
            <source>Simpan perubahan data CPMI (Ctrl+S)</source>
            <translation>Simpan perubahan data CPMI (Ctrl+S)</translation>
        </message>
        <message>
            <source>&amp;Ajukan paspor</source>
            <translation>&amp;Ajukan paspor</translation>
        </message>
        <message>
            <source>Catat pengajuan paspor dan kirim permohonannya ke Imigrasi (Alt+A)</source>
            <translation>Catat pengajuan paspor dan kirim permohonannya ke Imigrasi (Alt+A)</translation>
        </message>
        <message>
            <source>Batalkan C&amp;PMI...</source>
            <translation>Batalkan C&amp;PMI...</translation>
        </message>
        <message>
            <source>Batalkan kasus CPMI ini dengan alasan; kiriman yang belum terkirim ditarik</source>
            <translation>Batalkan kasus CPMI ini dengan alasan; kiriman yang belum terkirim ditarik</translation>
        </message>
        <message>
            <source>Lewati &amp;urutan...</source>
            <translation>Lewati &amp;urutan...</translation>
        </message>
        <message>
            <source>Admin: pindahkan kasus ke langkah berikut tanpa dokumen atau surat sebelumnya, dengan alasan (tercatat di Riwayat)</source>
            <translation>Admin: pindahkan kasus ke langkah berikut tanpa dokumen atau surat sebelumnya, dengan alasan (tercatat di Riwayat)</translation>
        </message>
        <message>
            <source>Riwayat CPMI</source>
            <translation>Riwayat CPMI</translation>
        </message>
        <message>
            <source>Setiap perubahan kasus ini: kapan, siapa, apa.</source>
            <translation>Setiap perubahan kasus ini: kapan, siapa, apa.</translation>
        </message>
        <message>
            <source>Waktu</source>
            <translation>Waktu</translation>
        </message>
        <message>
            <source>Petugas</source>
            <translation>Petugas</translation>
        </message>
        <message>
            <source>Kejadian</source>
            <translation>Kejadian</translation>
        </message>
        <message>
            <source>Keterangan</source>
            <translation>Keterangan</translation>
        </message>
        <message>
            <source>Memuat...</source>
            <translation>Memuat...</translation>
        </message>
        <message>
            <source>CPMI tidak dapat dibuka</source>
            <translation>CPMI tidak dapat dibuka</translation>
        </message>
        <message>
            <source>NIK {nik}</source>
            <translation>NIK {nik}</translation>
        </message>
        <message>
            <source>Kode {code}</source>
            <translation>Kode {code}</translation>
        </message>
        <message>
            <source>ID registri {id}</source>
            <translation>ID registri {id}</translation>
        </message>
        <message>
            <source>No. permohonan paspor {no}</source>
            <translation>No. permohonan paspor {no}</translation>
        </message>
        <message>
            <source>Rencana keberangkatan {day}</source>
            <translation>Rencana keberangkatan {day}</translation>
        </message>
        <message>
            <source>belum ada kiriman</source>
            <translation>belum ada kiriman</translation>
        </message>
        <message>
            <source>Pastikan data sampai sebelum CPMI berangkat: periksa Sinkronisasi, atau cetak permohonan paspor untuk dibawa ke Imigrasi.</source>
            <translation>Pastikan data sampai sebelum CPMI berangkat: periksa Sinkronisasi, atau cetak permohonan paspor untuk dibawa ke Imigrasi.</translation>
        </message>
        <message>
            <source>Cetak permohonan paspor (hand-carry)</source>
            <translation>Cetak permohonan paspor (hand-carry)</translation>
        </message>
        <message>
            <source>CPMI ini sudah {state}; data hanya dapat dilihat.</source>
            <translation>CPMI ini sudah {state}; data hanya dapat dilihat.</translation>
        </message>
        <message>
            <source>Paspor sudah diajukan.</source>
            <translation>Paspor sudah diajukan.</translation>
        </message>
        <message>
            <source>Ajukan paspor: dokumen pendaftaran belum lengkap dan terverifikasi</source>
            <translation>Ajukan paspor: dokumen pendaftaran belum lengkap dan terverifikasi</translation>
        </message>
        <message>
            <source>Ajukan paspor: Surat Rekomendasi Paspor belum terbit</source>
            <translation>Ajukan paspor: Surat Rekomendasi Paspor belum terbit</translation>
        </message>
        <message>
            <source>CPMI ini tidak dapat diubah lagi.</source>
            <translation>CPMI ini tidak dapat diubah lagi.</translation>
        </message>
        <message>
            <source>Tidak ada perubahan untuk disimpan.</source>
            <translation>Tidak ada perubahan untuk disimpan.</translation>
        </message>
        <message>
            <source>Belum tersimpan: perbaiki {count} kolom yang bertanda merah.</source>
            <translation>Belum tersimpan: perbaiki {count} kolom yang bertanda merah.</translation>
        </message>
        <message>
            <source>Menyimpan...</source>
            <translation>Menyimpan...</translation>
        </message>
        <message>
            <source>Perubahan tersimpan; perbaikan data akan dikirim ke Registri pusat.</source>
            <translation>Perubahan tersimpan; perbaikan data akan dikirim ke Registri pusat.</translation>
        </message>
        <message>
            <source>Belum tersimpan: perbaiki kolom yang bertanda merah.</source>
            <translation>Belum tersimpan: perbaiki kolom yang bertanda merah.</translation>
        </message>
        <message>
            <source>NIK sudah terdaftar dengan kode {code}</source>
            <translation>NIK sudah terdaftar dengan kode {code}</translation>
        </message>
        <message>
            <source>Belum tersimpan: NIK milik CPMI lain.</source>
            <translation>Belum tersimpan: NIK milik CPMI lain.</translation>
        </message>
        <message>
            <source>Belum tersimpan: baca peringatan di bawah NIK, lalu centang konfirmasi.</source>
            <translation>Belum tersimpan: baca peringatan di bawah NIK, lalu centang konfirmasi.</translation>
        </message>
        <message>
            <source>Ajukan paspor</source>
            <translation>Ajukan paspor</translation>
        </message>
        <message>
            <source>Ajukan paspor untuk {name}? Permohonan dikirim ke Imigrasi; bila sambungan terputus, permohonan menunggu dan terkirim sendiri.</source>
            <translation>Ajukan paspor untuk {name}? Permohonan dikirim ke Imigrasi; bila sambungan terputus, permohonan menunggu dan terkirim sendiri.</translation>
        </message>
        <message>
            <source>Paspor diajukan; permohonan menunggu dikirim ke Imigrasi.</source>
            <translation>Paspor diajukan; permohonan menunggu dikirim ke Imigrasi.</translation>
        </message>
        <message>
            <source>Urutan dilewati: status {state}; alasan tercatat di Riwayat.</source>
            <translation>Urutan dilewati: status {state}; alasan tercatat di Riwayat.</translation>
        </message>
        <message>
            <source>Batalkan CPMI</source>
            <translation>Batalkan CPMI</translation>
        </message>
        <message>
            <source>Batalkan kasus {name} ({code})? Kasus yang dibatalkan tidak dapat dilanjutkan; tulis alasannya.</source>
            <translation>Batalkan kasus {name} ({code})? Kasus yang dibatalkan tidak dapat dilanjutkan; tulis alasannya.</translation>
        </message>
        <message>
            <source>Kasus CPMI dibatalkan.</source>
            <translation>Kasus CPMI dibatalkan.</translation>
        </message>
    </context>
    <context>
        <name>ApplicantTable</name>
        <message>
            <source>hari ini</source>
            <extracomment>Decides which rows of a page get a flag; runs on the worker thread with the page's session.</extracomment>
            <translation>hari ini</translation>
        </message>
        <message>
            <source>{days} hari</source>
            <translation>{days} hari</translation>
        </message>
    </context>
    <context>
        <name>ApplicantTableModel</name>
        <message>
            <source>Perhatian</source>
            <translation>Perhatian</translation>
        </message>
        <message>
            <source>Kode pelacakan</source>
            <translation>Kode pelacakan</translation>
        </message>
        <message>
            <source>NIK</source>
            <translation>NIK</translation>
        </message>
        <message>
            <source>Nama</source>
            <translation>Nama</translation>
        </message>
        <message>
            <source>Tanggal lahir</source>
            <translation>Tanggal lahir</translation>
        </message>
        <message>
            <source>Negara tujuan</source>
            <translation>Negara tujuan</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Status</translation>
        </message>
        <message>
            <source>Terdaftar</source>
            <translation>Terdaftar</translation>
        </message>
        <message>
            <source>Pencarian gagal: basis data tidak dapat dibaca. Coba lagi; jika tetap gagal, hubungi teknisi.</source>
            <translation>Pencarian gagal: basis data tidak dapat dibaca. Coba lagi; jika tetap gagal, hubungi teknisi.</translation>
        </message>
        <message>
            <source>Berangkat dalam 7 hari dengan kiriman yang belum terkirim</source>
            <translation>Berangkat dalam 7 hari dengan kiriman yang belum terkirim</translation>
        </message>
    </context>
    <context>
        <name>AuditPage</name>
        <message>
            <source>Pengguna ditambahkan</source>
            <translation>Pengguna ditambahkan</translation>
        </message>
        <message>
            <source>Kata sandi diganti</source>
            <translation>Kata sandi diganti</translation>
        </message>
        <message>
            <source>Masuk</source>
            <translation>Masuk</translation>
        </message>
        <message>
            <source>Gagal masuk</source>
            <translation>Gagal masuk</translation>
        </message>
        <message>
            <source>Akun dikunci sementara</source>
            <translation>Akun dikunci sementara</translation>
        </message>
        <message>
            <source>Layar dikunci</source>
            <translation>Layar dikunci</translation>
        </message>
        <message>
            <source>Kunci layar dibuka</source>
            <translation>Kunci layar dibuka</translation>
        </message>
        <message>
            <source>Keluar</source>
            <translation>Keluar</translation>
        </message>
        <message>
            <source>Akun dinonaktifkan</source>
            <translation>Akun dinonaktifkan</translation>
        </message>
        <message>
            <source>Akun diaktifkan</source>
            <translation>Akun diaktifkan</translation>
        </message>
        <message>
            <source>CPMI didaftarkan</source>
            <translation>CPMI didaftarkan</translation>
        </message>
        <message>
            <source>CPMI diimpor dari register</source>
            <translation>CPMI diimpor dari register</translation>
        </message>
        <message>
            <source>Data CPMI diperbaiki</source>
            <translation>Data CPMI diperbaiki</translation>
        </message>
        <message>
            <source>Status kasus berubah</source>
            <translation>Status kasus berubah</translation>
        </message>
        <message>
            <source>Status dari Imigrasi</source>
            <translation>Status dari Imigrasi</translation>
        </message>
        <message>
            <source>Urutan kasus dilewati (admin)</source>
            <translation>Urutan kasus dilewati (admin)</translation>
        </message>
        <message>
            <source>Dokumen diterima</source>
            <translation>Dokumen diterima</translation>
        </message>
        <message>
            <source>Dokumen diperiksa</source>
            <translation>Dokumen diperiksa</translation>
        </message>
        <message>
            <source>Dokumen ditolak</source>
            <translation>Dokumen ditolak</translation>
        </message>
        <message>
            <source>Surat diterbitkan</source>
            <translation>Surat diterbitkan</translation>
        </message>
        <message>
            <source>Surat dicetak ulang</source>
            <translation>Surat dicetak ulang</translation>
        </message>
        <message>
            <source>Surat dibatalkan</source>
            <translation>Surat dibatalkan</translation>
        </message>
        <message>
            <source>Register diimpor</source>
            <translation>Register diimpor</translation>
        </message>
        <message>
            <source>P3MI ditambahkan</source>
            <translation>P3MI ditambahkan</translation>
        </message>
        <message>
            <source>Rahasia bundel diatur</source>
            <translation>Rahasia bundel diatur</translation>
        </message>
        <message>
            <source>Bundel USB diekspor</source>
            <translation>Bundel USB diekspor</translation>
        </message>
        <message>
            <source>Bundel USB diunggah</source>
            <translation>Bundel USB diunggah</translation>
        </message>
        <message>
            <source>Tanda terima bundel diimpor</source>
            <translation>Tanda terima bundel diimpor</translation>
        </message>
        <message>
            <source>Laporan diekspor</source>
            <translation>Laporan diekspor</translation>
        </message>
        <message>
            <source>Cadangan dipindah ke loket ini</source>
            <translation>Cadangan dipindah ke loket ini</translation>
        </message>
        <message>
            <source>Konfigurasi mulai disegel</source>
            <translation>Konfigurasi mulai disegel</translation>
        </message>
        <message>
            <source>Perubahan konfigurasi disetujui</source>
            <translation>Perubahan konfigurasi disetujui</translation>
        </message>
        <message>
            <source>Pengguna</source>
            <translation>Pengguna</translation>
        </message>
        <message>
            <source>CPMI</source>
            <translation>CPMI</translation>
        </message>
        <message>
            <source>Dokumen</source>
            <translation>Dokumen</translation>
        </message>
        <message>
            <source>Surat</source>
            <translation>Surat</translation>
        </message>
        <message>
            <source>Register</source>
            <translation>Register</translation>
        </message>
        <message>
            <source>P3MI</source>
            <translation>P3MI</translation>
        </message>
        <message>
            <source>Bundel USB</source>
            <translation>Bundel USB</translation>
        </message>
        <message>
            <source>Kredensial</source>
            <translation>Kredensial</translation>
        </message>
        <message>
            <source>Laporan</source>
            <translation>Laporan</translation>
        </message>
        <message>
            <source>Aktif</source>
            <translation>Aktif</translation>
        </message>
        <message>
            <source>ID CPMI</source>
            <translation>ID CPMI</translation>
        </message>
        <message>
            <source>ID bundel</source>
            <translation>ID bundel</translation>
        </message>
        <message>
            <source>Per tujuan</source>
            <translation>Per tujuan</translation>
        </message>
        <message>
            <source>Dibuat</source>
            <translation>Dibuat</translation>
        </message>
        <message>
            <source>Terkirim</source>
            <translation>Terkirim</translation>
        </message>
        <message>
            <source>Berkas</source>
            <translation>Berkas</translation>
        </message>
        <message>
            <source>Format</source>
            <translation>Format</translation>
        </message>
        <message>
            <source>Punya kata sandi</source>
            <translation>Punya kata sandi</translation>
        </message>
        <message>
            <source>Tanggal terbit</source>
            <translation>Tanggal terbit</translation>
        </message>
        <message>
            <source>Jumlah kiriman</source>
            <translation>Jumlah kiriman</translation>
        </message>
        <message>
            <source>Kunci konfigurasi</source>
            <translation>Kunci konfigurasi</translation>
        </message>
        <message>
            <source>Jenis</source>
            <translation>Jenis</translation>
        </message>
        <message>
            <source>Jenis berkas</source>
            <translation>Jenis berkas</translation>
        </message>
        <message>
            <source>Nama</source>
            <translation>Nama</translation>
        </message>
        <message>
            <source>Catatan</source>
            <translation>Catatan</translation>
        </message>
        <message>
            <source>Nomor</source>
            <translation>Nomor</translation>
        </message>
        <message>
            <source>Kode kantor</source>
            <translation>Kode kantor</translation>
        </message>
        <message>
            <source>Loket asal</source>
            <translation>Loket asal</translation>
        </message>
        <message>
            <source>Basis data asal</source>
            <translation>Basis data asal</translation>
        </message>
        <message>
            <source>Kantor asal</source>
            <translation>Kantor asal</translation>
        </message>
        <message>
            <source>Alasan</source>
            <translation>Alasan</translation>
        </message>
        <message>
            <source>Tanda terima</source>
            <translation>Tanda terima</translation>
        </message>
        <message>
            <source>Ditolak</source>
            <translation>Ditolak</translation>
        </message>
        <message>
            <source>Alasan penolakan</source>
            <translation>Alasan penolakan</translation>
        </message>
        <message>
            <source>Dicabut</source>
            <translation>Dicabut</translation>
        </message>
        <message>
            <source>Peran</source>
            <translation>Peran</translation>
        </message>
        <message>
            <source>Jumlah baris</source>
            <translation>Jumlah baris</translation>
        </message>
        <message>
            <source>Baris per bagian</source>
            <translation>Baris per bagian</translation>
        </message>
        <message>
            <source>Sidik berkas (SHA-256)</source>
            <translation>Sidik berkas (SHA-256)</translation>
        </message>
        <message>
            <source>Langkah yang dilewati</source>
            <translation>Langkah yang dilewati</translation>
        </message>
        <message>
            <source>Status kasus</source>
            <translation>Status kasus</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Status</translation>
        </message>
        <message>
            <source>Judul</source>
            <translation>Judul</translation>
        </message>
        <message>
            <source>Kode pelacakan</source>
            <translation>Kode pelacakan</translation>
        </message>
        <message>
            <source>Diunggah oleh</source>
            <translation>Diunggah oleh</translation>
        </message>
        <message>
            <source>Pengunggah</source>
            <translation>Pengunggah</translation>
        </message>
        <message>
            <source>Nama pengguna</source>
            <translation>Nama pengguna</translation>
        </message>
        <message>
            <source>Berlaku sampai</source>
            <translation>Berlaku sampai</translation>
        </message>
        <message>
            <source>Terverifikasi</source>
            <translation>Terverifikasi</translation>
        </message>
        <message>
            <source>Menunggu</source>
            <translation>Menunggu</translation>
        </message>
        <message>
            <source>Peringatan yang dikonfirmasi</source>
            <translation>Peringatan yang dikonfirmasi</translation>
        </message>
        <message>
            <source>ya</source>
            <translation>ya</translation>
        </message>
        <message>
            <source>tidak</source>
            <translation>tidak</translation>
        </message>
        <message>
            <source>Tidak ada rincian nilai untuk catatan ini.</source>
            <translation>Tidak ada rincian nilai untuk catatan ini.</translation>
        </message>
        <message>
            <source>{key}: {value} (dihapus)</source>
            <translation>{key}: {value} (dihapus)</translation>
        </message>
        <message>
            <source>Log audit</source>
            <translation>Log audit</translation>
        </message>
        <message>
            <source>Setiap perubahan tercatat dengan siapa, kapan dan nilai sebelum/sesudahnya. Catatan tidak bisa diubah atau dihapus.</source>
            <translation>Setiap perubahan tercatat dengan siapa, kapan dan nilai sebelum/sesudahnya. Catatan tidak bisa diubah atau dihapus.</translation>
        </message>
        <message>
            <source>Semua pengguna</source>
            <translation>Semua pengguna</translation>
        </message>
        <message>
            <source>Sebagian nama pengguna, mis. siti</source>
            <translation>Sebagian nama pengguna, mis. siti</translation>
        </message>
        <message>
            <source>Semua tindakan</source>
            <translation>Semua tindakan</translation>
        </message>
        <message>
            <source>Semua data</source>
            <translation>Semua data</translation>
        </message>
        <message>
            <source>Dari</source>
            <translation>Dari</translation>
        </message>
        <message>
            <source>Dari tanggal</source>
            <translation>Dari tanggal</translation>
        </message>
        <message>
            <source>Sampai</source>
            <translation>Sampai</translation>
        </message>
        <message>
            <source>Sampai tanggal</source>
            <translation>Sampai tanggal</translation>
        </message>
        <message>
            <source>Hapus filter</source>
            <translation>Hapus filter</translation>
        </message>
        <message>
            <source>Siapa</source>
            <translation>Siapa</translation>
        </message>
        <message>
            <source>Tindakan</source>
            <translation>Tindakan</translation>
        </message>
        <message>
            <source>Data</source>
            <translation>Data</translation>
        </message>
        <message>
            <source>Catatan log audit</source>
            <translation>Catatan log audit</translation>
        </message>
        <message>
            <source>Satu baris per perubahan; rinciannya tampil di bawah tabel.</source>
            <translation>Satu baris per perubahan; rinciannya tampil di bawah tabel.</translation>
        </message>
        <message>
            <source>Waktu</source>
            <translation>Waktu</translation>
        </message>
        <message>
            <source>Loket</source>
            <translation>Loket</translation>
        </message>
        <message>
            <source>Rincian catatan</source>
            <translation>Rincian catatan</translation>
        </message>
        <message>
            <source>Pilih satu catatan untuk melihat rinciannya.</source>
            <translation>Pilih satu catatan untuk melihat rinciannya.</translation>
        </message>
        <message>
            <source>Sebelumnya</source>
            <translation>Sebelumnya</translation>
        </message>
        <message>
            <source>Halaman sebelumnya (Ctrl+PgUp)</source>
            <translation>Halaman sebelumnya (Ctrl+PgUp)</translation>
        </message>
        <message>
            <source>Berikutnya</source>
            <translation>Berikutnya</translation>
        </message>
        <message>
            <source>Halaman berikutnya (Ctrl+PgDown)</source>
            <translation>Halaman berikutnya (Ctrl+PgDown)</translation>
        </message>
        <message>
            <source>{first}-{last} dari {total}</source>
            <translation>{first}-{last} dari {total}</translation>
        </message>
        <message>
            <source>Tidak ada catatan</source>
            <translation>Tidak ada catatan</translation>
        </message>
        <message>
            <source>Memuat...</source>
            <translation>Memuat...</translation>
        </message>
        <message>
            <source>Tidak ada catatan yang cocok dengan filter ini.</source>
            <translation>Tidak ada catatan yang cocok dengan filter ini.</translation>
        </message>
        <message>
            <source>Log audit tidak bisa dibaca. Coba lagi sebentar.</source>
            <translation>Log audit tidak bisa dibaca. Coba lagi sebentar.</translation>
        </message>
        <message>
            <source>{action} oleh {actor}, {time}</source>
            <translation>{action} oleh {actor}, {time}</translation>
        </message>
        <message>
            <source>{record} (id {id})</source>
            <translation>{record} (id {id})</translation>
        </message>
    </context>
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
            <source>Server basis data kantor ({server}) tidak menjawab sejak {time}. Data loket disimpan di server itu, jadi pendaftaran dan pencarian menunggu sampai server kembali; LTSA Desk menyambung lagi sendiri, tidak perlu ditutup. Periksa PC server dan jaringan kantor.</source>
            <translation>Server basis data kantor ({server}) tidak menjawab sejak {time}. Data loket disimpan di server itu, jadi pendaftaran dan pencarian menunggu sampai server kembali; LTSA Desk menyambung lagi sendiri, tidak perlu ditutup. Periksa PC server dan jaringan kantor.</translation>
        </message>
        <message>
            <source>Server kantor tidak menjawab</source>
            <translation>Server kantor tidak menjawab</translation>
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
        <name>DatesDialog</name>
        <message>
            <source>Verifikasi {document}</source>
            <translation>Verifikasi {document}</translation>
        </message>
        <message>
            <source>Bandingkan dengan aslinya dan isi tanggal seperti tertulis (DD-MM-YYYY).</source>
            <translation>Bandingkan dengan aslinya dan isi tanggal seperti tertulis (DD-MM-YYYY).</translation>
        </message>
        <message>
            <source>Tanggal terbit</source>
            <translation>Tanggal terbit</translation>
        </message>
        <message>
            <source>Berlaku sampai</source>
            <translation>Berlaku sampai</translation>
        </message>
        <message>
            <source>Verifikasi</source>
            <translation>Verifikasi</translation>
        </message>
        <message>
            <source>Batal</source>
            <translation>Batal</translation>
        </message>
        <message>
            <source>{what} tidak sah: {text} (tulis DD-MM-YYYY)</source>
            <translation>{what} tidak sah: {text} (tulis DD-MM-YYYY)</translation>
        </message>
        <message>
            <source>Tanggal berlaku</source>
            <translation>Tanggal berlaku</translation>
        </message>
        <message>
            <source>Tanggal terbit wajib diisi</source>
            <translation>Tanggal terbit wajib diisi</translation>
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
        <name>DocumentsPanel</name>
        <message>
            <source>Tidak berhasil: data tidak dapat dibaca atau ditulis. Coba lagi; jika tetap gagal, hubungi teknisi.</source>
            <translation>Tidak berhasil: data tidak dapat dibaca atau ditulis. Coba lagi; jika tetap gagal, hubungi teknisi.</translation>
        </message>
        <message>
            <source>Pilih berkas dokumen</source>
            <translation>Pilih berkas dokumen</translation>
        </message>
        <message>
            <source>Dokumen (*.pdf *.jpg *.jpeg *.png);;Semua berkas (*)</source>
            <translation>Dokumen (*.pdf *.jpg *.jpeg *.png);;Semua berkas (*)</translation>
        </message>
        <message>
            <source>Lihat di:</source>
            <translation>Lihat di:</translation>
        </message>
        <message>
            <source>Nama berkas:</source>
            <translation>Nama berkas:</translation>
        </message>
        <message>
            <source>Jenis berkas:</source>
            <translation>Jenis berkas:</translation>
        </message>
        <message>
            <source>Buka</source>
            <translation>Buka</translation>
        </message>
        <message>
            <source>Batal</source>
            <translation>Batal</translation>
        </message>
        <message>
            <source>Dokumen</source>
            <translation>Dokumen</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Status</translation>
        </message>
        <message>
            <source>Untuk tahap</source>
            <translation>Untuk tahap</translation>
        </message>
        <message>
            <source>Keterangan</source>
            <translation>Keterangan</translation>
        </message>
        <message>
            <source>Kelengkapan dokumen</source>
            <translation>Kelengkapan dokumen</translation>
        </message>
        <message>
            <source>Pilih dokumen untuk melihat berkasnya, lalu lampirkan, verifikasi atau tolak.</source>
            <translation>Pilih dokumen untuk melihat berkasnya, lalu lampirkan, verifikasi atau tolak.</translation>
        </message>
        <message>
            <source>&amp;Lampirkan berkas...</source>
            <translation>&amp;Lampirkan berkas...</translation>
        </message>
        <message>
            <source>Lampirkan berkas PDF, JPEG atau PNG dari komputer ini (Alt+L)</source>
            <translation>Lampirkan berkas PDF, JPEG atau PNG dari komputer ini (Alt+L)</translation>
        </message>
        <message>
            <source>Lampirkan &amp;scan</source>
            <translation>Lampirkan &amp;scan</translation>
        </message>
        <message>
            <source>Lampirkan scan yang dipilih di daftar pemindai (Alt+S)</source>
            <translation>Lampirkan scan yang dipilih di daftar pemindai (Alt+S)</translation>
        </message>
        <message>
            <source>&amp;Verifikasi</source>
            <translation>&amp;Verifikasi</translation>
        </message>
        <message>
            <source>Dokumen sudah dibandingkan dengan aslinya dan sesuai (Alt+V)</source>
            <translation>Dokumen sudah dibandingkan dengan aslinya dan sesuai (Alt+V)</translation>
        </message>
        <message>
            <source>&amp;Tolak...</source>
            <translation>&amp;Tolak...</translation>
        </message>
        <message>
            <source>Tolak dokumen dengan alasan (Alt+T)</source>
            <translation>Tolak dokumen dengan alasan (Alt+T)</translation>
        </message>
        <message>
            <source>Dokumen lengkap</source>
            <translation>Dokumen lengkap</translation>
        </message>
        <message>
            <source>Semua dokumen pendaftaran ada: ubah status menjadi Dokumen lengkap</source>
            <translation>Semua dokumen pendaftaran ada: ubah status menjadi Dokumen lengkap</translation>
        </message>
        <message>
            <source>Pesan dokumen</source>
            <extracomment>Kinds whose "berlaku sampai" date matters (an expired passport or visa does not count).</extracomment>
            <translation>Pesan dokumen</translation>
        </message>
        <message>
            <source>Cukup salah satu: {group}</source>
            <translation>Cukup salah satu: {group}</translation>
        </message>
        <message>
            <source>Tambahan</source>
            <translation>Tambahan</translation>
        </message>
        <message>
            <source>Tidak perlu: {other} sudah ada</source>
            <translation>Tidak perlu: {other} sudah ada</translation>
        </message>
        <message>
            <source>Alasan: {reason}</source>
            <translation>Alasan: {reason}</translation>
        </message>
        <message>
            <source>Diverifikasi {when} oleh {who}</source>
            <translation>Diverifikasi {when} oleh {who}</translation>
        </message>
        <message>
            <source>Diterima {when} oleh {who}</source>
            <translation>Diterima {when} oleh {who}</translation>
        </message>
        <message>
            <source>terbit {day}</source>
            <translation>terbit {day}</translation>
        </message>
        <message>
            <source>berlaku s.d. {day}</source>
            <translation>berlaku s.d. {day}</translation>
        </message>
        <message>
            <source>{document}: belum ada berkas</source>
            <translation>{document}: belum ada berkas</translation>
        </message>
        <message>
            <source>Pilih scan di daftar pemindai dulu</source>
            <translation>Pilih scan di daftar pemindai dulu</translation>
        </message>
        <message>
            <source>Pilih dokumen di daftar dulu</source>
            <translation>Pilih dokumen di daftar dulu</translation>
        </message>
        <message>
            <source>Melampirkan {file} sebagai {document}...</source>
            <translation>Melampirkan {file} sebagai {document}...</translation>
        </message>
        <message>
            <source>{document} dilampirkan (status: {status}). Bandingkan dengan aslinya, lalu Verifikasi.</source>
            <translation>{document} dilampirkan (status: {status}). Bandingkan dengan aslinya, lalu Verifikasi.</translation>
        </message>
        <message>
            <source>{document} terverifikasi</source>
            <translation>{document} terverifikasi</translation>
        </message>
        <message>
            <source>Tolak {document}</source>
            <translation>Tolak {document}</translation>
        </message>
        <message>
            <source>Tulis alasan penolakan {document}. Alasan ini disampaikan kepada CPMI dan dicatat di riwayat.</source>
            <translation>Tulis alasan penolakan {document}. Alasan ini disampaikan kepada CPMI dan dicatat di riwayat.</translation>
        </message>
        <message>
            <source>Tolak dokumen</source>
            <translation>Tolak dokumen</translation>
        </message>
        <message>
            <source>{document} ditolak: {reason}</source>
            <translation>{document} ditolak: {reason}</translation>
        </message>
        <message>
            <source>Status CPMI sekarang: Dokumen lengkap. Surat dapat diterbitkan.</source>
            <translation>Status CPMI sekarang: Dokumen lengkap. Surat dapat diterbitkan.</translation>
        </message>
    </context>
    <context>
        <name>FirstAccountDialog</name>
        <message>
            <source>LTSA Desk - Akun pertama</source>
            <translation>LTSA Desk - Akun pertama</translation>
        </message>
        <message>
            <source>Loket ini belum punya akun. Buat akun Admin pertama; Admin kemudian menambahkan akun petugas.</source>
            <translation>Loket ini belum punya akun. Buat akun Admin pertama; Admin kemudian menambahkan akun petugas.</translation>
        </message>
        <message>
            <source>Nama pengguna</source>
            <translation>Nama pengguna</translation>
        </message>
        <message>
            <source>Nama lengkap</source>
            <translation>Nama lengkap</translation>
        </message>
        <message>
            <source>Kata sandi</source>
            <translation>Kata sandi</translation>
        </message>
        <message>
            <source>Ulangi kata sandi</source>
            <translation>Ulangi kata sandi</translation>
        </message>
        <message>
            <source>Simpan</source>
            <translation>Simpan</translation>
        </message>
        <message>
            <source>Batal</source>
            <translation>Batal</translation>
        </message>
        <message>
            <source>Kata sandi dan ulangannya tidak sama</source>
            <translation>Kata sandi dan ulangannya tidak sama</translation>
        </message>
    </context>
    <context>
        <name>GroupActions</name>
        <message>
            <source>Ajukan paspor yang dipilih</source>
            <translation>Ajukan paspor yang dipilih</translation>
        </message>
        <message>
            <source>Pilih beberapa CPMI (Ctrl atau Shift + klik), lalu ajukan paspor mereka sekaligus.</source>
            <translation>Pilih beberapa CPMI (Ctrl atau Shift + klik), lalu ajukan paspor mereka sekaligus.</translation>
        </message>
        <message>
            <source>Verifikasi dokumen...</source>
            <translation>Verifikasi dokumen...</translation>
        </message>
        <message>
            <source>Verifikasi satu jenis dokumen untuk semua CPMI yang dipilih sekaligus.</source>
            <translation>Verifikasi satu jenis dokumen untuk semua CPMI yang dipilih sekaligus.</translation>
        </message>
        <message>
            <source>Pilih semua CPMI P3MI ini</source>
            <translation>Pilih semua CPMI P3MI ini</translation>
        </message>
        <message>
            <source>Pilih semua CPMI dari P3MI CPMI yang dipilih, juga yang tidak tampil di tabel (kecuali yang sudah berangkat atau batal).</source>
            <translation>Pilih semua CPMI dari P3MI CPMI yang dipilih, juga yang tidak tampil di tabel (kecuali yang sudah berangkat atau batal).</translation>
        </message>
        <message>
            <source>Batalkan pilihan</source>
            <translation>Batalkan pilihan</translation>
        </message>
        <message>
            <source>Hasil tindakan kelompok</source>
            <translation>Hasil tindakan kelompok</translation>
        </message>
        <message>
            <source> dan {count} lainnya</source>
            <translation> dan {count} lainnya</translation>
        </message>
        <message>
            <source>semua {count} CPMI P3MI {agency} ({names})</source>
            <translation>semua {count} CPMI P3MI {agency} ({names})</translation>
        </message>
        <message>
            <source>{count} CPMI ({names})</source>
            <translation>{count} CPMI ({names})</translation>
        </message>
        <message>
            <source>CPMI ini tidak tercatat dengan P3MI.</source>
            <translation>CPMI ini tidak tercatat dengan P3MI.</translation>
        </message>
        <message>
            <source>Dipilih: semua {count} CPMI P3MI {agency} yang belum berangkat atau batal, juga yang tidak tampil di tabel. Tombol di atas berlaku untuk semuanya.</source>
            <translation>Dipilih: semua {count} CPMI P3MI {agency} yang belum berangkat atau batal, juga yang tidak tampil di tabel. Tombol di atas berlaku untuk semuanya.</translation>
        </message>
        <message>
            <source>Ajukan paspor {count} CPMI</source>
            <translation>Ajukan paspor {count} CPMI</translation>
        </message>
        <message>
            <source>Verifikasi dokumen {count} CPMI...</source>
            <translation>Verifikasi dokumen {count} CPMI...</translation>
        </message>
        <message>
            <source>Ajukan paspor</source>
            <translation>Ajukan paspor</translation>
        </message>
        <message>
            <source>Ajukan paspor untuk {who}? Tiap CPMI diperiksa sendiri: yang ditolak disebut dengan alasannya, yang lain tetap diajukan dan menunggu dikirim ke Imigrasi.</source>
            <translation>Ajukan paspor untuk {who}? Tiap CPMI diperiksa sendiri: yang ditolak disebut dengan alasannya, yang lain tetap diajukan dan menunggu dikirim ke Imigrasi.</translation>
        </message>
        <message>
            <source>Verifikasi dokumen untuk {who}? Pilih jenis dokumen yang sudah Anda bandingkan dengan aslinya. Tiap CPMI diperiksa sendiri: yang tidak dapat diverifikasi disebut dengan alasannya, yang lain tetap diverifikasi.</source>
            <translation>Verifikasi dokumen untuk {who}? Pilih jenis dokumen yang sudah Anda bandingkan dengan aslinya. Tiap CPMI diperiksa sendiri: yang tidak dapat diverifikasi disebut dengan alasannya, yang lain tetap diverifikasi.</translation>
        </message>
        <message>
            <source>Sedang memproses {count} CPMI...</source>
            <translation>Sedang memproses {count} CPMI...</translation>
        </message>
        <message>
            <source>{requested} paspor diajukan; {refused} ditolak.</source>
            <translation>{requested} paspor diajukan; {refused} ditolak.</translation>
        </message>
        <message>
            <source>Ditolak: {name} ({code}): {reason}</source>
            <translation>Ditolak: {name} ({code}): {reason}</translation>
        </message>
        <message>
            <source>{document}: {verified} CPMI terverifikasi; {refused} tidak.</source>
            <translation>{document}: {verified} CPMI terverifikasi; {refused} tidak.</translation>
        </message>
        <message>
            <source>Tidak diverifikasi: {name} ({code}): {reason}</source>
            <translation>Tidak diverifikasi: {name} ({code}): {reason}</translation>
        </message>
        <message>
            <source>Tidak tersimpan: {error}</source>
            <translation>Tidak tersimpan: {error}</translation>
        </message>
    </context>
    <context>
        <name>IntakePage</name>
        <message>
            <source>Tidak sekolah</source>
            <translation>Tidak sekolah</translation>
        </message>
        <message>
            <source>Tidak tamat SD</source>
            <translation>Tidak tamat SD</translation>
        </message>
        <message>
            <source>NIK</source>
            <translation>NIK</translation>
        </message>
        <message>
            <source>Nama lengkap</source>
            <translation>Nama lengkap</translation>
        </message>
        <message>
            <source>Tempat lahir</source>
            <translation>Tempat lahir</translation>
        </message>
        <message>
            <source>Tanggal lahir</source>
            <translation>Tanggal lahir</translation>
        </message>
        <message>
            <source>Jenis kelamin</source>
            <translation>Jenis kelamin</translation>
        </message>
        <message>
            <source>Nomor KK</source>
            <translation>Nomor KK</translation>
        </message>
        <message>
            <source>Alamat</source>
            <translation>Alamat</translation>
        </message>
        <message>
            <source>Nomor HP</source>
            <translation>Nomor HP</translation>
        </message>
        <message>
            <source>Pendidikan terakhir</source>
            <translation>Pendidikan terakhir</translation>
        </message>
        <message>
            <source>Status perkawinan</source>
            <translation>Status perkawinan</translation>
        </message>
        <message>
            <source>Negara tujuan</source>
            <translation>Negara tujuan</translation>
        </message>
        <message>
            <source>Jabatan</source>
            <translation>Jabatan</translation>
        </message>
        <message>
            <source>Sektor</source>
            <translation>Sektor</translation>
        </message>
        <message>
            <source>P3MI</source>
            <translation>P3MI</translation>
        </message>
        <message>
            <source>Rencana keberangkatan</source>
            <translation>Rencana keberangkatan</translation>
        </message>
        <message>
            <source>16 angka, dari KTP</source>
            <translation>16 angka, dari KTP</translation>
        </message>
        <message>
            <source>sesuai KTP</source>
            <translation>sesuai KTP</translation>
        </message>
        <message>
            <source>DD-MM-YYYY</source>
            <translation>DD-MM-YYYY</translation>
        </message>
        <message>
            <source>16 angka (boleh kosong)</source>
            <translation>16 angka (boleh kosong)</translation>
        </message>
        <message>
            <source>08xx-xxxx-xxxx</source>
            <translation>08xx-xxxx-xxxx</translation>
        </message>
        <message>
            <source>ketik nama negara</source>
            <translation>ketik nama negara</translation>
        </message>
        <message>
            <source>ketik nama P3MI</source>
            <translation>ketik nama P3MI</translation>
        </message>
        <message>
            <source>{place} - lahir {born} - {sex}</source>
            <translation>{place} - lahir {born} - {sex}</translation>
        </message>
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
            <source>Data diri (sesuai KTP)</source>
            <translation>Data diri (sesuai KTP)</translation>
        </message>
        <message>
            <source>Pendidikan, status dan penempatan</source>
            <translation>Pendidikan, status dan penempatan</translation>
        </message>
        <message>
            <source>Negara tujuan, jabatan, sektor dan P3MI seperti CPMI sebelumnya: Enter memakainya, ketik untuk menggantinya.</source>
            <translation>Negara tujuan, jabatan, sektor dan P3MI seperti CPMI sebelumnya: Enter memakainya, ketik untuk menggantinya.</translation>
        </message>
        <message>
            <source>NIK ini sudah terdaftar: {name}, kode {code}. Buka data CPMI ini; jangan didaftarkan dua kali.</source>
            <translation>NIK ini sudah terdaftar: {name}, kode {code}. Buka data CPMI ini; jangan didaftarkan dua kali.</translation>
        </message>
        <message>
            <source>Buka data CPMI ini</source>
            <translation>Buka data CPMI ini</translation>
        </message>
        <message>
            <source>Belum tersimpan. Peringatan NIK: {warnings} Baca, lalu centang konfirmasi.</source>
            <translation>Belum tersimpan. Peringatan NIK: {warnings} Baca, lalu centang konfirmasi.</translation>
        </message>
        <message>
            <source>Buka data CPMI (Enter)</source>
            <translation>Buka data CPMI (Enter)</translation>
        </message>
        <message>
            <source>Dibuka dari Pendaftaran: NIK {nik} sudah terdaftar atas nama CPMI ini, jadi pendaftaran baru tidak disimpan.</source>
            <translation>Dibuka dari Pendaftaran: NIK {nik} sudah terdaftar atas nama CPMI ini, jadi pendaftaran baru tidak disimpan.</translation>
        </message>
        <message>
            <source>Belum tersimpan: perbaiki {count} kolom yang bertanda merah.</source>
            <translation>Belum tersimpan: perbaiki {count} kolom yang bertanda merah.</translation>
        </message>
        <message>
            <source>Mulai dari NIK: tanggal lahir, jenis kelamin dan tempat lahir terisi dari NIK (periksa dengan KTP). Negara, jabatan, P3MI: ketik beberapa huruf, Enter memilih saran teratas. Enter: kolom berikutnya - Ctrl+S: simpan - Ctrl+N: CPMI baru - * wajib diisi</source>
            <translation>Mulai dari NIK: tanggal lahir, jenis kelamin dan tempat lahir terisi dari NIK (periksa dengan KTP). Negara, jabatan, P3MI: ketik beberapa huruf, Enter memilih saran teratas. Enter: kolom berikutnya - Ctrl+S: simpan - Ctrl+N: CPMI baru - * wajib diisi</translation>
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
        <name>KindDialog</name>
        <message>
            <source>Verifikasi dokumen</source>
            <translation>Verifikasi dokumen</translation>
        </message>
        <message>
            <source>&amp;Jenis dokumen</source>
            <translation>&amp;Jenis dokumen</translation>
        </message>
        <message>
            <source>Jenis dokumen</source>
            <translation>Jenis dokumen</translation>
        </message>
        <message>
            <source>{documents} diverifikasi satu per satu di data CPMI: tanggalnya dibaca dari aslinya.</source>
            <translation>{documents} diverifikasi satu per satu di data CPMI: tanggalnya dibaca dari aslinya.</translation>
        </message>
        <message>
            <source>Verifikasi</source>
            <translation>Verifikasi</translation>
        </message>
        <message>
            <source>Batal</source>
            <translation>Batal</translation>
        </message>
    </context>
    <context>
        <name>LettersPanel</name>
        <message>
            <source>Cetak</source>
            <extracomment>How long a written PDF may stay in the temp folder. Receipts and letters carry a CPMI's name, NIK and address, and the counter's Windows account is shared by every officer (and readable by anyone at the PC): a paper is kept only while the viewer may still need it, and any copy can be written again from the database. Older ones go when a panel opens; all go when the window closes (a viewer still holding one open on Windows keeps it until the next start).</extracomment>
            <translation>Cetak</translation>
        </message>
        <message>
            <source>ditolak</source>
            <translation>ditolak</translation>
        </message>
        <message>
            <source>belum diperiksa</source>
            <translation>belum diperiksa</translation>
        </message>
        <message>
            <source>tanpa tanggal terbit</source>
            <translation>tanpa tanggal terbit</translation>
        </message>
        <message>
            <source>terlalu lama</source>
            <translation>terlalu lama</translation>
        </message>
        <message>
            <source>kedaluwarsa</source>
            <translation>kedaluwarsa</translation>
        </message>
        <message>
            <source>Dokumen belum lengkap: {documents}</source>
            <translation>Dokumen belum lengkap: {documents}</translation>
        </message>
        <message>
            <source>Baru dapat diterbitkan setelah dokumen lengkap (status sekarang: {state})</source>
            <translation>Baru dapat diterbitkan setelah dokumen lengkap (status sekarang: {state})</translation>
        </message>
        <message>
            <source>Sudah terbit dengan nomor {number}; cetak ulang surat itu, atau batalkan dulu bila harus diganti</source>
            <translation>Sudah terbit dengan nomor {number}; cetak ulang surat itu, atau batalkan dulu bila harus diganti</translation>
        </message>
        <message>
            <source>Surat ini ditujukan kepada P3MI; isi P3MI pada data CPMI dulu</source>
            <translation>Surat ini ditujukan kepada P3MI; isi P3MI pada data CPMI dulu</translation>
        </message>
        <message>
            <source>Surat ini menyebut negara tujuan; isi negara tujuan pada data CPMI dulu</source>
            <translation>Surat ini menyebut negara tujuan; isi negara tujuan pada data CPMI dulu</translation>
        </message>
        <message>
            <source>Surat yang dibatalkan tidak dicetak</source>
            <translation>Surat yang dibatalkan tidak dicetak</translation>
        </message>
        <message>
            <source>Tanda terima</source>
            <translation>Tanda terima</translation>
        </message>
        <message>
            <source>Tidak ada permohonan paspor yang menunggu dikirim; hand-carry tidak diperlukan</source>
            <translation>Tidak ada permohonan paspor yang menunggu dikirim; hand-carry tidak diperlukan</translation>
        </message>
        <message>
            <source>Permohonan paspor (hand-carry)</source>
            <translation>Permohonan paspor (hand-carry)</translation>
        </message>
        <message>
            <source>Terbitkan SPR</source>
            <translation>Terbitkan SPR</translation>
        </message>
        <message>
            <source>Terbitkan Rekomendasi Paspor</source>
            <translation>Terbitkan Rekomendasi Paspor</translation>
        </message>
        <message>
            <source>Pilih surat untuk melihat atau mencetaknya.</source>
            <translation>Pilih surat untuk melihat atau mencetaknya.</translation>
        </message>
        <message>
            <source>Surat</source>
            <translation>Surat</translation>
        </message>
        <message>
            <source>Nomor</source>
            <translation>Nomor</translation>
        </message>
        <message>
            <source>Tanggal</source>
            <translation>Tanggal</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Status</translation>
        </message>
        <message>
            <source>Dicetak ulang</source>
            <translation>Dicetak ulang</translation>
        </message>
        <message>
            <source>Belum ada surat untuk CPMI ini.</source>
            <translation>Belum ada surat untuk CPMI ini.</translation>
        </message>
        <message>
            <source>&amp;Buka PDF</source>
            <translation>&amp;Buka PDF</translation>
        </message>
        <message>
            <source>Buka surat terpilih sebagai PDF; surat lama dibuka sebagai SALINAN (Enter)</source>
            <translation>Buka surat terpilih sebagai PDF; surat lama dibuka sebagai SALINAN (Enter)</translation>
        </message>
        <message>
            <source>&amp;Cetak...</source>
            <translation>&amp;Cetak...</translation>
        </message>
        <message>
            <source>Cetak surat terpilih lewat dialog cetak (Ctrl+P)</source>
            <translation>Cetak surat terpilih lewat dialog cetak (Ctrl+P)</translation>
        </message>
        <message>
            <source>Batalkan &amp;surat...</source>
            <translation>Batalkan &amp;surat...</translation>
        </message>
        <message>
            <source>Batalkan surat dengan alasan; nomornya tidak dipakai lagi</source>
            <translation>Batalkan surat dengan alasan; nomornya tidak dipakai lagi</translation>
        </message>
        <message>
            <source>Cetak &amp;tanda terima</source>
            <translation>Cetak &amp;tanda terima</translation>
        </message>
        <message>
            <source>Tanda terima untuk CPMI: kode pelacakan, yang dikerjakan hari ini dan kiriman yang masih menunggu (Ctrl+P bila tidak ada surat terpilih)</source>
            <translation>Tanda terima untuk CPMI: kode pelacakan, yang dikerjakan hari ini dan kiriman yang masih menunggu (Ctrl+P bila tidak ada surat terpilih)</translation>
        </message>
        <message>
            <source>Permohonan paspor (&amp;hand-carry)</source>
            <translation>Permohonan paspor (&amp;hand-carry)</translation>
        </message>
        <message>
            <source>Terbitkan surat</source>
            <translation>Terbitkan surat</translation>
        </message>
        <message>
            <source>Untuk dibawa CPMI</source>
            <translation>Untuk dibawa CPMI</translation>
        </message>
        <message>
            <source>Surat yang sudah terbit</source>
            <translation>Surat yang sudah terbit</translation>
        </message>
        <message>
            <source>Dibatalkan</source>
            <translation>Dibatalkan</translation>
        </message>
        <message>
            <source>Berlaku</source>
            <translation>Berlaku</translation>
        </message>
        <message>
            <source>Siap diterbitkan untuk {name}</source>
            <translation>Siap diterbitkan untuk {name}</translation>
        </message>
        <message>
            <source>Siap diterbitkan; status menjadi Direkomendasikan</source>
            <translation>Siap diterbitkan; status menjadi Direkomendasikan</translation>
        </message>
        <message>
            <source>Permohonan paspor belum terkirim dan tanggal berangkat sudah lewat</source>
            <translation>Permohonan paspor belum terkirim dan tanggal berangkat sudah lewat</translation>
        </message>
        <message>
            <source>Permohonan paspor belum terkirim dan CPMI berangkat hari ini</source>
            <translation>Permohonan paspor belum terkirim dan CPMI berangkat hari ini</translation>
        </message>
        <message>
            <source>Permohonan paspor belum terkirim dan CPMI berangkat {days} hari lagi: cetak agar dibawa ke Imigrasi</source>
            <translation>Permohonan paspor belum terkirim dan CPMI berangkat {days} hari lagi: cetak agar dibawa ke Imigrasi</translation>
        </message>
        <message>
            <source>Tidak ada permohonan paspor yang menunggu dikirim</source>
            <translation>Tidak ada permohonan paspor yang menunggu dikirim</translation>
        </message>
        <message>
            <source>Permohonan paspor masih menunggu dikirim; keberangkatan lebih dari {days} hari lagi</source>
            <translation>Permohonan paspor masih menunggu dikirim; keberangkatan lebih dari {days} hari lagi</translation>
        </message>
        <message>
            <source>Menerbitkan {title}...</source>
            <translation>Menerbitkan {title}...</translation>
        </message>
        <message>
            <source>{title} terbit dengan nomor {number}. Ctrl+P untuk mencetak.</source>
            <translation>{title} terbit dengan nomor {number}. Ctrl+P untuk mencetak.</translation>
        </message>
        <message>
            <source>PDF dibuat tetapi tidak ada penampil PDF yang membukanya: {path}</source>
            <translation>PDF dibuat tetapi tidak ada penampil PDF yang membukanya: {path}</translation>
        </message>
        <message>
            <source>SALINAN</source>
            <translation>SALINAN</translation>
        </message>
        <message>
            <source>{what} dibuka</source>
            <translation>{what} dibuka</translation>
        </message>
        <message>
            <source>{what} dikirim ke printer</source>
            <translation>{what} dikirim ke printer</translation>
        </message>
        <message>
            <source>Batalkan surat</source>
            <translation>Batalkan surat</translation>
        </message>
        <message>
            <source>Batalkan {title} nomor {number}? Surat tetap tercatat sebagai dibatalkan dan nomornya tidak dipakai lagi. Tulis alasannya.</source>
            <translation>Batalkan {title} nomor {number}? Surat tetap tercatat sebagai dibatalkan dan nomornya tidak dipakai lagi. Tulis alasannya.</translation>
        </message>
        <message>
            <source>{title} nomor {number} dibatalkan</source>
            <translation>{title} nomor {number} dibatalkan</translation>
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
            <source>kurang dari 1 menit</source>
            <translation>kurang dari 1 menit</translation>
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
            <source>Keluar</source>
            <translation>Keluar</translation>
        </message>
        <message>
            <source>Keluar dan tutup LTSA Desk (akhir tugas)</source>
            <translation>Keluar dan tutup LTSA Desk (akhir tugas)</translation>
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
            <source>Loket ini dikunci oleh petugas {name}, yang membukanya lagi dengan kata sandinya.</source>
            <translation>Loket ini dikunci oleh petugas {name}, yang membukanya lagi dengan kata sandinya.</translation>
        </message>
        <message>
            <source>Buka kunci</source>
            <translation>Buka kunci</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>Navigasi</source>
            <translation>Navigasi</translation>
        </message>
        <message>
            <source>Pilih layar. Ctrl+N: Pendaftaran, F2: Pencarian.</source>
            <translation>Pilih layar. Ctrl+N: Pendaftaran, F2: Pencarian.</translation>
        </message>
        <message>
            <source>Kunci</source>
            <translation>Kunci</translation>
        </message>
        <message>
            <source>Kunci layar (Ctrl+L)</source>
            <translation>Kunci layar (Ctrl+L)</translation>
        </message>
        <message>
            <source>LTSA Desk - Kantor {office} - Loket {counter}</source>
            <translation>LTSA Desk - Kantor {office} - Loket {counter}</translation>
        </message>
        <message>
            <source>{title} - MODE LATIHAN</source>
            <translation>{title} - MODE LATIHAN</translation>
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
            <source>Pengguna</source>
            <translation>Pengguna</translation>
        </message>
        <message>
            <source>Log audit</source>
            <translation>Log audit</translation>
        </message>
        <message>
            <source>Petugas: {name} ({role})</source>
            <translation>Petugas: {name} ({role})</translation>
        </message>
        <message>
            <source>{label} ({keys})</source>
            <translation>{label} ({keys})</translation>
        </message>
        <message>
            <source>Mode latihan</source>
            <translation>Mode latihan</translation>
        </message>
        <message>
            <source>Tutup LTSA Desk?</source>
            <translation>Tutup LTSA Desk?</translation>
        </message>
        <message>
            <source>Formulir pendaftaran belum disimpan. Tutup dan buang isinya?</source>
            <translation>Formulir pendaftaran belum disimpan. Tutup dan buang isinya?</translation>
        </message>
        <message>
            <source>Pengaturan</source>
            <translation>Pengaturan</translation>
        </message>
    </context>
    <context>
        <name>PasswordDialog</name>
        <message>
            <source>Atur ulang kata sandi</source>
            <translation>Atur ulang kata sandi</translation>
        </message>
        <message>
            <source>Kata sandi baru</source>
            <translation>Kata sandi baru</translation>
        </message>
        <message>
            <source>Ulangi kata sandi</source>
            <translation>Ulangi kata sandi</translation>
        </message>
        <message>
            <source>Kata sandi baru untuk {username}. Sampaikan langsung kepada petugasnya.</source>
            <translation>Kata sandi baru untuk {username}. Sampaikan langsung kepada petugasnya.</translation>
        </message>
        <message>
            <source>Simpan</source>
            <translation>Simpan</translation>
        </message>
        <message>
            <source>Batal</source>
            <translation>Batal</translation>
        </message>
        <message>
            <source>Ulangi kata sandi: tidak sama dengan yang pertama</source>
            <translation>Ulangi kata sandi: tidak sama dengan yang pertama</translation>
        </message>
    </context>
    <context>
        <name>Preview</name>
        <message>
            <source>PDF ini tidak dapat ditampilkan</source>
            <extracomment>Longest side of the decoded image. Big enough to read a KTP number on a 1366x768 screen, small enough that scaling it on every resize costs nothing.</extracomment>
            <translation>PDF ini tidak dapat ditampilkan</translation>
        </message>
        <message>
            <source>{kind}, {size} - halaman 1 dari {pages}</source>
            <translation>{kind}, {size} - halaman 1 dari {pages}</translation>
        </message>
        <message>
            <source>Gambar ini tidak dapat ditampilkan</source>
            <translation>Gambar ini tidak dapat ditampilkan</translation>
        </message>
        <message>
            <source>{kind}, {size}</source>
            <translation>{kind}, {size}</translation>
        </message>
        <message>
            <source>Berkas tidak dapat dibaca: {name}</source>
            <translation>Berkas tidak dapat dibaca: {name}</translation>
        </message>
        <message>
            <source>Berkas terlalu besar: {size} (batas {limit})</source>
            <translation>Berkas terlalu besar: {size} (batas {limit})</translation>
        </message>
        <message>
            <source>Lampiran tidak dapat dibaca dari penyimpanan; hubungi teknisi</source>
            <translation>Lampiran tidak dapat dibaca dari penyimpanan; hubungi teknisi</translation>
        </message>
    </context>
    <context>
        <name>PreviewPane</name>
        <message>
            <source>Pilih dokumen untuk melihat</source>
            <translation>Pilih dokumen untuk melihat</translation>
        </message>
        <message>
            <source>Memuat pratinjau...</source>
            <translation>Memuat pratinjau...</translation>
        </message>
        <message>
            <source>Pratinjau tidak dapat dibuat</source>
            <translation>Pratinjau tidak dapat dibuat</translation>
        </message>
    </context>
    <context>
        <name>ReasonDialog</name>
        <message>
            <source>Batal</source>
            <translation>Batal</translation>
        </message>
        <message>
            <source>Batal (Esc)</source>
            <translation>Batal (Esc)</translation>
        </message>
        <message>
            <source>{action} (Ctrl+Enter)</source>
            <translation>{action} (Ctrl+Enter)</translation>
        </message>
        <message>
            <source>Alasan wajib diisi</source>
            <translation>Alasan wajib diisi</translation>
        </message>
    </context>
    <context>
        <name>RecoveryKeyDialog</name>
        <message>
            <source>LTSA Desk - Kunci pemulihan</source>
            <translation>LTSA Desk - Kunci pemulihan</translation>
        </message>
        <message>
            <source>Ini kunci pemulihan basis data loket ini. Tulis atau cetak, lalu simpan di tempat aman di luar komputer ini. Kunci ini hanya ditampilkan sekali. Tanpa kunci ini, data CPMI tidak bisa dibuka lagi bila komputer atau akun Windows berganti.</source>
            <translation>Ini kunci pemulihan basis data loket ini. Tulis atau cetak, lalu simpan di tempat aman di luar komputer ini. Kunci ini hanya ditampilkan sekali. Tanpa kunci ini, data CPMI tidak bisa dibuka lagi bila komputer atau akun Windows berganti.</translation>
        </message>
        <message>
            <source>Salin</source>
            <translation>Salin</translation>
        </message>
        <message>
            <source>Salin kunci pemulihan ke papan klip</source>
            <translation>Salin kunci pemulihan ke papan klip</translation>
        </message>
        <message>
            <source>Cetak...</source>
            <translation>Cetak...</translation>
        </message>
        <message>
            <source>Cetak kunci pemulihan untuk disimpan di tempat aman</source>
            <translation>Cetak kunci pemulihan untuk disimpan di tempat aman</translation>
        </message>
        <message>
            <source>Kunci pemulihan sudah saya catat dan simpan</source>
            <translation>Kunci pemulihan sudah saya catat dan simpan</translation>
        </message>
        <message>
            <source>Selesai</source>
            <translation>Selesai</translation>
        </message>
        <message>
            <source>Tersalin.</source>
            <translation>Tersalin.</translation>
        </message>
        <message>
            <source>LTSA Desk - Kunci pemulihan basis data</source>
            <translation>LTSA Desk - Kunci pemulihan basis data</translation>
        </message>
        <message>
            <source>Dengan kunci ini teknisi membuka kembali basis data loket bila komputer atau akun Windows berganti (ltsa-desk recover). Simpan kertas ini di tempat terkunci, jauh dari komputer loket.</source>
            <translation>Dengan kunci ini teknisi membuka kembali basis data loket bila komputer atau akun Windows berganti (ltsa-desk recover). Simpan kertas ini di tempat terkunci, jauh dari komputer loket.</translation>
        </message>
        <message>
            <source>Dicetak.</source>
            <translation>Dicetak.</translation>
        </message>
    </context>
    <context>
        <name>ReportsPage</name>
        <message>
            <source>Pendaftaran dan penempatan CPMI</source>
            <extracomment>(path suggested, file filter) -&gt; the chosen path, or None when the admin cancelled.</extracomment>
            <translation>Pendaftaran dan penempatan CPMI</translation>
        </message>
        <message>
            <source>Surat dan dokumen</source>
            <translation>Surat dan dokumen</translation>
        </message>
        <message>
            <source>Pengiriman data (sinkronisasi)</source>
            <translation>Pengiriman data (sinkronisasi)</translation>
        </message>
        <message>
            <source>Gangguan jaringan (offline)</source>
            <translation>Gangguan jaringan (offline)</translation>
        </message>
        <message>
            <source>Bulan ini</source>
            <translation>Bulan ini</translation>
        </message>
        <message>
            <source>Bulan lalu</source>
            <translation>Bulan lalu</translation>
        </message>
        <message>
            <source>Excel (XLSX)</source>
            <translation>Excel (XLSX)</translation>
        </message>
        <message>
            <source>PDF (cetak A4)</source>
            <translation>PDF (cetak A4)</translation>
        </message>
        <message>
            <source>CSV</source>
            <translation>CSV</translation>
        </message>
        <message>
            <source>Titik koma ( ; ) untuk Excel berbahasa Indonesia</source>
            <translation>Titik koma ( ; ) untuk Excel berbahasa Indonesia</translation>
        </message>
        <message>
            <source>Koma ( , )</source>
            <translation>Koma ( , )</translation>
        </message>
        <message>
            <source>Pratinjau</source>
            <translation>Pratinjau</translation>
        </message>
        <message>
            <source>Tampilkan grafik sebelum menyimpan</source>
            <translation>Tampilkan grafik sebelum menyimpan</translation>
        </message>
        <message>
            <source>Ekspor...</source>
            <translation>Ekspor...</translation>
        </message>
        <message>
            <source>Simpan laporan ke berkas (Ctrl+S)</source>
            <translation>Simpan laporan ke berkas (Ctrl+S)</translation>
        </message>
        <message>
            <source>Batal</source>
            <translation>Batal</translation>
        </message>
        <message>
            <source>Hentikan ekspor (Esc)</source>
            <translation>Hentikan ekspor (Esc)</translation>
        </message>
        <message>
            <source>Laporan</source>
            <translation>Laporan</translation>
        </message>
        <message>
            <source>Jenis laporan</source>
            <translation>Jenis laporan</translation>
        </message>
        <message>
            <source>Dari tanggal</source>
            <translation>Dari tanggal</translation>
        </message>
        <message>
            <source>Sampai tanggal</source>
            <translation>Sampai tanggal</translation>
        </message>
        <message>
            <source>Format</source>
            <translation>Format</translation>
        </message>
        <message>
            <source>Pemisah CSV</source>
            <translation>Pemisah CSV</translation>
        </message>
        <message>
            <source>Pilih jenis laporan dan periode, lalu tekan Pratinjau untuk melihat grafik.</source>
            <translation>Pilih jenis laporan dan periode, lalu tekan Pratinjau untuk melihat grafik.</translation>
        </message>
        <message>
            <source>CPMI terdaftar per negara tujuan, sektor, jenis kelamin, pendidikan, status perkawinan, P3MI dan bulan, dengan data per CPMI.</source>
            <translation>CPMI terdaftar per negara tujuan, sektor, jenis kelamin, pendidikan, status perkawinan, P3MI dan bulan, dengan data per CPMI.</translation>
        </message>
        <message>
            <source>Surat (SPR, rekomendasi paspor) per bulan dan petugas; dokumen yang ditolak dan alasannya.</source>
            <translation>Surat (SPR, rekomendasi paspor) per bulan dan petugas; dokumen yang ditolak dan alasannya.</translation>
        </message>
        <message>
            <source>Kiriman terkirim per tujuan, lama sampai terkirim (median, p90, maks), dan kiriman yang perlu tindakan.</source>
            <translation>Kiriman terkirim per tujuan, lama sampai terkirim (median, p90, maks), dan kiriman yang perlu tindakan.</translation>
        </message>
        <message>
            <source>Setiap masa offline per tujuan, hari offline per bulan, antrean terbesar dan umur kiriman tertuanya.</source>
            <translation>Setiap masa offline per tujuan, hari offline per bulan, antrean terbesar dan umur kiriman tertuanya.</translation>
        </message>
        <message>
            <source>Tanggal 'Sampai' lebih awal dari tanggal 'Dari'; perbaiki periodenya.</source>
            <translation>Tanggal 'Sampai' lebih awal dari tanggal 'Dari'; perbaiki periodenya.</translation>
        </message>
        <message>
            <source>Menghitung pratinjau...</source>
            <translation>Menghitung pratinjau...</translation>
        </message>
        <message>
            <source>Kantor: {office}</source>
            <translation>Kantor: {office}</translation>
        </message>
        <message>
            <source>Loket: {counters}</source>
            <translation>Loket: {counters}</translation>
        </message>
        <message>
            <source>Periode: {period}</source>
            <translation>Periode: {period}</translation>
        </message>
        <message>
            <source>Pratinjau siap: {rows} baris rincian. Tekan Ekspor untuk menyimpan.</source>
            <translation>Pratinjau siap: {rows} baris rincian. Tekan Ekspor untuk menyimpan.</translation>
        </message>
        <message>
            <source>Buku kerja Excel (*.xlsx)</source>
            <translation>Buku kerja Excel (*.xlsx)</translation>
        </message>
        <message>
            <source>Dokumen PDF (*.pdf)</source>
            <translation>Dokumen PDF (*.pdf)</translation>
        </message>
        <message>
            <source>CSV (*.csv)</source>
            <translation>CSV (*.csv)</translation>
        </message>
        <message>
            <source>Mengekspor laporan...</source>
            <translation>Mengekspor laporan...</translation>
        </message>
        <message>
            <source>{done} dari {total} baris</source>
            <translation>{done} dari {total} baris</translation>
        </message>
        <message>
            <source>Tersimpan: {path} ({rows} baris rincian).</source>
            <translation>Tersimpan: {path} ({rows} baris rincian).</translation>
        </message>
        <message>
            <source>Membatalkan...</source>
            <translation>Membatalkan...</translation>
        </message>
        <message>
            <source>Dibatalkan. Tidak ada berkas yang disimpan.</source>
            <translation>Dibatalkan. Tidak ada berkas yang disimpan.</translation>
        </message>
        <message>
            <source>Berkas tidak bisa ditulis ({reason}). Pilih folder lain, atau tutup berkas itu jika sedang dibuka di Excel.</source>
            <translation>Berkas tidak bisa ditulis ({reason}). Pilih folder lain, atau tutup berkas itu jika sedang dibuka di Excel.</translation>
        </message>
        <message>
            <source>Laporan gagal dibuat. Coba lagi; jika tetap gagal, hubungi teknisi.</source>
            <translation>Laporan gagal dibuat. Coba lagi; jika tetap gagal, hubungi teknisi.</translation>
        </message>
        <message>
            <source>Simpan laporan</source>
            <translation>Simpan laporan</translation>
        </message>
    </context>
    <context>
        <name>ScanInbox</name>
        <message>
            <source>Scan baru di folder pemindai</source>
            <extracomment>A file touched more recently than this is taken to be still written by the scanner. Debounce of watcher events: a scanner writing one file fires many of them. The backstop poll for shares where the watcher stays silent.</extracomment>
            <translation>Scan baru di folder pemindai</translation>
        </message>
        <message>
            <source>Enter atau klik dua kali: lampirkan scan ini ke dokumen yang dipilih</source>
            <translation>Enter atau klik dua kali: lampirkan scan ini ke dokumen yang dipilih</translation>
        </message>
        <message>
            <source>Folder pemindai belum diatur. Admin dapat mengaturnya di Pengaturan (scan.inbox); sementara itu lampirkan dari berkas.</source>
            <translation>Folder pemindai belum diatur. Admin dapat mengaturnya di Pengaturan (scan.inbox); sementara itu lampirkan dari berkas.</translation>
        </message>
        <message>
            <source>Folder pemindai tidak ditemukan: {folder}</source>
            <translation>Folder pemindai tidak ditemukan: {folder}</translation>
        </message>
        <message>
            <source>Folder pemindai tidak dapat dibaca: {folder}</source>
            <translation>Folder pemindai tidak dapat dibaca: {folder}</translation>
        </message>
        <message>
            <source>Folder pemindai tidak dapat dibaca</source>
            <translation>Folder pemindai tidak dapat dibaca</translation>
        </message>
        <message>
            <source>{name}  -  {kind}, {size}  -  {when}</source>
            <translation>{name}  -  {kind}, {size}  -  {when}</translation>
        </message>
        <message>
            <source>{name}  -  sedang disimpan pemindai...</source>
            <translation>{name}  -  sedang disimpan pemindai...</translation>
        </message>
        <message>
            <source>{count} scan menunggu di {folder}</source>
            <translation>{count} scan menunggu di {folder}</translation>
        </message>
        <message>
            <source>Belum ada scan baru di {folder}</source>
            <translation>Belum ada scan baru di {folder}</translation>
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
            <source>Cari CPMI</source>
            <translation>Cari CPMI</translation>
        </message>
        <message>
            <source>Nama, awal NIK atau kode pelacakan. Enter: buka bila hanya satu hasil.</source>
            <translation>Nama, awal NIK atau kode pelacakan. Enter: buka bila hanya satu hasil.</translation>
        </message>
        <message>
            <source>Hasil pencarian CPMI</source>
            <translation>Hasil pencarian CPMI</translation>
        </message>
        <message>
            <source>Enter atau klik dua kali membuka data CPMI.</source>
            <translation>Enter atau klik dua kali membuka data CPMI.</translation>
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
        <name>ServerWaitDialog</name>
        <message>
            <source>Menunggu server kantor</source>
            <translation>Menunggu server kantor</translation>
        </message>
        <message>
            <source>Server basis data kantor belum menjawab. LTSA Desk mencoba lagi sendiri dan terbuka begitu server kembali; tidak perlu menutup atau memasang ulang apa pun.</source>
            <translation>Server basis data kantor belum menjawab. LTSA Desk mencoba lagi sendiri dan terbuka begitu server kembali; tidak perlu menutup atau memasang ulang apa pun.</translation>
        </message>
        <message>
            <source>Percobaan ke-{n}...</source>
            <translation>Percobaan ke-{n}...</translation>
        </message>
        <message>
            <source>LTSA Desk tidak bisa dibuka:</source>
            <translation>LTSA Desk tidak bisa dibuka:</translation>
        </message>
    </context>
    <context>
        <name>SettingsPage</name>
        <message>
            <source>Loket ini</source>
            <translation>Loket ini</translation>
        </message>
        <message>
            <source>Kantor</source>
            <translation>Kantor</translation>
        </message>
        <message>
            <source>Nama kantor</source>
            <translation>Nama kantor</translation>
        </message>
        <message>
            <source>Loket</source>
            <translation>Loket</translation>
        </message>
        <message>
            <source>Folder data</source>
            <translation>Folder data</translation>
        </message>
        <message>
            <source>Versi</source>
            <translation>Versi</translation>
        </message>
        <message>
            <source>Bahasa</source>
            <translation>Bahasa</translation>
        </message>
        <message>
            <source>Bahasa tampilan</source>
            <translation>Bahasa tampilan</translation>
        </message>
        <message>
            <source>Mode latihan</source>
            <translation>Mode latihan</translation>
        </message>
        <message>
            <source>Mode latihan memakai basis data terpisah dan server tiruan, sehingga petugas baru dapat berlatih tanpa menyentuh data CPMI yang nyata.</source>
            <translation>Mode latihan memakai basis data terpisah dan server tiruan, sehingga petugas baru dapat berlatih tanpa menyentuh data CPMI yang nyata.</translation>
        </message>
        <message>
            <source>Keluar dari mode latihan</source>
            <translation>Keluar dari mode latihan</translation>
        </message>
        <message>
            <source>Masuk mode latihan</source>
            <translation>Masuk mode latihan</translation>
        </message>
        <message>
            <source>Tersimpan; berlaku saat LTSA Desk dibuka lagi.</source>
            <translation>Tersimpan; berlaku saat LTSA Desk dibuka lagi.</translation>
        </message>
    </context>
    <context>
        <name>SetupWizard</name>
        <message>
            <source>LTSA Desk - Pengaturan awal loket</source>
            <translation>LTSA Desk - Pengaturan awal loket</translation>
        </message>
        <message>
            <source>Batal</source>
            <translation>Batal</translation>
        </message>
        <message>
            <source>Batal tanpa menyimpan apa pun (Esc)</source>
            <translation>Batal tanpa menyimpan apa pun (Esc)</translation>
        </message>
        <message>
            <source>&amp;Kembali</source>
            <translation>&amp;Kembali</translation>
        </message>
        <message>
            <source>Langkah sebelumnya (Alt+K)</source>
            <translation>Langkah sebelumnya (Alt+K)</translation>
        </message>
        <message>
            <source>&amp;Lanjut</source>
            <translation>&amp;Lanjut</translation>
        </message>
        <message>
            <source>Langkah berikutnya (Enter di isian terakhir, Alt+L)</source>
            <translation>Langkah berikutnya (Enter di isian terakhir, Alt+L)</translation>
        </message>
        <message>
            <source>Isi kode kantor (kode kabupaten/kota Kemendagri, misalnya 52.03 untuk Lombok Timur) dan kode loket PC ini (misalnya LOTIM-01). Kode loket menjadi bagian setiap kode pelacakan, jadi harus berbeda di setiap PC.</source>
            <translation>Isi kode kantor (kode kabupaten/kota Kemendagri, misalnya 52.03 untuk Lombok Timur) dan kode loket PC ini (misalnya LOTIM-01). Kode loket menjadi bagian setiap kode pelacakan, jadi harus berbeda di setiap PC.</translation>
        </message>
        <message>
            <source>misalnya LTSA Kabupaten Lombok Timur</source>
            <translation>misalnya LTSA Kabupaten Lombok Timur</translation>
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
            <source>Nama kantor (di surat)</source>
            <translation>Nama kantor (di surat)</translation>
        </message>
        <message>
            <source>Alamat dan token kedua sistem tujuan. Token hanya disimpan di keyring Windows (Credential Manager), tidak pernah di berkas atau basis data. Alamat boleh dikosongkan dan diatur nanti: kiriman menunggu sampai alamatnya diatur.</source>
            <translation>Alamat dan token kedua sistem tujuan. Token hanya disimpan di keyring Windows (Credential Manager), tidak pernah di berkas atau basis data. Alamat boleh dikosongkan dan diatur nanti: kiriman menunggu sampai alamatnya diatur.</translation>
        </message>
        <message>
            <source>Alamat dan token kedua sistem tujuan. Token hanya disimpan di keyring sistem operasi, tidak pernah di berkas atau basis data. Alamat boleh dikosongkan dan diatur nanti: kiriman menunggu sampai alamatnya diatur.</source>
            <translation>Alamat dan token kedua sistem tujuan. Token hanya disimpan di keyring sistem operasi, tidak pernah di berkas atau basis data. Alamat boleh dikosongkan dan diatur nanti: kiriman menunggu sampai alamatnya diatur.</translation>
        </message>
        <message>
            <source>Registri pusat</source>
            <translation>Registri pusat</translation>
        </message>
        <message>
            <source>Imigrasi</source>
            <translation>Imigrasi</translation>
        </message>
        <message>
            <source>token dari pengelola sistem</source>
            <translation>token dari pengelola sistem</translation>
        </message>
        <message>
            <source>Alamat (URL)</source>
            <translation>Alamat (URL)</translation>
        </message>
        <message>
            <source>Token</source>
            <translation>Token</translation>
        </message>
        <message>
            <source>Uji koneksi ke setiap tujuan: nama server (DNS), sambungan, TLS, alamat dan token. Bila gagal, keterangannya menyebut bagian yang gagal.</source>
            <translation>Uji koneksi ke setiap tujuan: nama server (DNS), sambungan, TLS, alamat dan token. Bila gagal, keterangannya menyebut bagian yang gagal.</translation>
        </message>
        <message>
            <source>&amp;Uji ulang</source>
            <translation>&amp;Uji ulang</translation>
        </message>
        <message>
            <source>Uji koneksi sekali lagi (Alt+U)</source>
            <translation>Uji koneksi sekali lagi (Alt+U)</translation>
        </message>
        <message>
            <source>Perbaiki &amp;token</source>
            <translation>Perbaiki &amp;token</translation>
        </message>
        <message>
            <source>Kembali ke langkah alamat dan token untuk mengetik ulang token (Alt+T)</source>
            <translation>Kembali ke langkah alamat dan token untuk mengetik ulang token (Alt+T)</translation>
        </message>
        <message>
            <source>Buat akun Admin pertama. Admin kemudian menambahkan akun petugas. Kata sandi minimal {n} karakter.</source>
            <translation>Buat akun Admin pertama. Admin kemudian menambahkan akun petugas. Kata sandi minimal {n} karakter.</translation>
        </message>
        <message>
            <source>Nama pengguna</source>
            <translation>Nama pengguna</translation>
        </message>
        <message>
            <source>Nama lengkap</source>
            <translation>Nama lengkap</translation>
        </message>
        <message>
            <source>Kata sandi</source>
            <translation>Kata sandi</translation>
        </message>
        <message>
            <source>Ulangi kata sandi</source>
            <translation>Ulangi kata sandi</translation>
        </message>
        <message>
            <source>Periksa lalu tekan Simpan. Konfigurasi, kunci dan basis data terenkripsi dibuat, token disimpan di keyring, dan akun Admin dibuat. Setelah itu kunci pemulihan ditampilkan sekali: siapkan kertas untuk mencatatnya.</source>
            <translation>Periksa lalu tekan Simpan. Konfigurasi, kunci dan basis data terenkripsi dibuat, token disimpan di keyring, dan akun Admin dibuat. Setelah itu kunci pemulihan ditampilkan sekali: siapkan kertas untuk mencatatnya.</translation>
        </message>
        <message>
            <source>Kantor dan loket</source>
            <translation>Kantor dan loket</translation>
        </message>
        <message>
            <source>Alamat tujuan dan token</source>
            <translation>Alamat tujuan dan token</translation>
        </message>
        <message>
            <source>Uji koneksi</source>
            <translation>Uji koneksi</translation>
        </message>
        <message>
            <source>Akun Admin pertama</source>
            <translation>Akun Admin pertama</translation>
        </message>
        <message>
            <source>Ringkasan</source>
            <translation>Ringkasan</translation>
        </message>
        <message>
            <source>Langkah {n} dari {total}: {title}</source>
            <translation>Langkah {n} dari {total}: {title}</translation>
        </message>
        <message>
            <source>&amp;Simpan</source>
            <translation>&amp;Simpan</translation>
        </message>
        <message>
            <source>Batalkan pengaturan awal?</source>
            <translation>Batalkan pengaturan awal?</translation>
        </message>
        <message>
            <source>Yang sudah diketik akan dibuang dan loket ini belum diatur. Batalkan?</source>
            <translation>Yang sudah diketik akan dibuang dan loket ini belum diatur. Batalkan?</translation>
        </message>
        <message>
            <source>Credential Manager Windows tidak bisa dipakai oleh akun ini. Masuk Windows dengan akun pengguna loket (bukan akun tamu atau layanan), lalu buka LTSA Desk lagi.</source>
            <translation>Credential Manager Windows tidak bisa dipakai oleh akun ini. Masuk Windows dengan akun pengguna loket (bukan akun tamu atau layanan), lalu buka LTSA Desk lagi.</translation>
        </message>
        <message>
            <source>Di desktop Linux jalankan GNOME Keyring atau KWallet (Secret Service), lalu buka LTSA Desk lagi. Untuk mencoba tanpa keyring (jangan di loket sungguhan: berkasnya tidak terenkripsi): pasang dengan 'python -m pip install keyrings.alt', lalu mulai dengan PYTHON_KEYRING_BACKEND=keyrings.alt.file.PlaintextKeyring.</source>
            <translation>Di desktop Linux jalankan GNOME Keyring atau KWallet (Secret Service), lalu buka LTSA Desk lagi. Untuk mencoba tanpa keyring (jangan di loket sungguhan: berkasnya tidak terenkripsi): pasang dengan 'python -m pip install keyrings.alt', lalu mulai dengan PYTHON_KEYRING_BACKEND=keyrings.alt.file.PlaintextKeyring.</translation>
        </message>
        <message>
            <source>PC ini tidak punya keyring untuk menyimpan kunci basis data dan token, jadi pengaturan tidak bisa disimpan. Tutup dengan Batal, lalu:</source>
            <translation>PC ini tidak punya keyring untuk menyimpan kunci basis data dan token, jadi pengaturan tidak bisa disimpan. Tutup dengan Batal, lalu:</translation>
        </message>
        <message>
            <source>LTSA {regency}</source>
            <translation>LTSA {regency}</translation>
        </message>
        <message>
            <source>Isi alamatnya juga, atau kosongkan tokennya</source>
            <translation>Isi alamatnya juga, atau kosongkan tokennya</translation>
        </message>
        <message>
            <source>Kosong: kiriman ke tujuan ini menunggu</source>
            <translation>Kosong: kiriman ke tujuan ini menunggu</translation>
        </message>
        <message>
            <source>Alamat {problem}, misalnya https://server:8765/{name}</source>
            <translation>Alamat {problem}, misalnya https://server:8765/{name}</translation>
        </message>
        <message>
            <source>Kata sandi dan ulangannya tidak sama</source>
            <translation>Kata sandi dan ulangannya tidak sama</translation>
        </message>
        <message>
            <source>Menguji</source>
            <translation>Menguji</translation>
        </message>
        <message>
            <source>Menghubungi server...</source>
            <translation>Menghubungi server...</translation>
        </message>
        <message>
            <source>Gagal: DNS</source>
            <translation>Gagal: DNS</translation>
        </message>
        <message>
            <source>Gagal: TLS</source>
            <translation>Gagal: TLS</translation>
        </message>
        <message>
            <source>Gagal: ditolak</source>
            <translation>Gagal: ditolak</translation>
        </message>
        <message>
            <source>Gagal: tak terjangkau</source>
            <translation>Gagal: tak terjangkau</translation>
        </message>
        <message>
            <source>Gagal: batas waktu</source>
            <translation>Gagal: batas waktu</translation>
        </message>
        <message>
            <source>Gagal: terputus</source>
            <translation>Gagal: terputus</translation>
        </message>
        <message>
            <source>Gagal: alamat salah (404)</source>
            <translation>Gagal: alamat salah (404)</translation>
        </message>
        <message>
            <source>Gagal: gangguan server</source>
            <translation>Gagal: gangguan server</translation>
        </message>
        <message>
            <source>Gagal: token ditolak (401)</source>
            <translation>Gagal: token ditolak (401)</translation>
        </message>
        <message>
            <source>Token kosong</source>
            <translation>Token kosong</translation>
        </message>
        <message>
            <source>Belum diatur</source>
            <translation>Belum diatur</translation>
        </message>
        <message>
            <source>Alamat tidak sah</source>
            <translation>Alamat tidak sah</translation>
        </message>
        <message>
            <source>Gagal: keyring</source>
            <translation>Gagal: keyring</translation>
        </message>
        <message>
            <source>Berhasil</source>
            <translation>Berhasil</translation>
        </message>
        <message>
            <source>Alamat kosong: kiriman ke tujuan ini menunggu sampai diatur.</source>
            <translation>Alamat kosong: kiriman ke tujuan ini menunggu sampai diatur.</translation>
        </message>
        <message>
            <source>Token ditolak server (HTTP 401): salah ketik, kedaluwarsa atau dicabut.</source>
            <translation>Token ditolak server (HTTP 401): salah ketik, kedaluwarsa atau dicabut.</translation>
        </message>
        <message>
            <source>Gagal</source>
            <translation>Gagal</translation>
        </message>
        <message>
            <source>Kedua tujuan siap.</source>
            <translation>Kedua tujuan siap.</translation>
        </message>
        <message>
            <source>Token ditolak server (401). Tekan 'Perbaiki token' untuk kembali dan mengetik ulang token dari pengelola sistem. Anda tetap bisa melanjutkan: kiriman menunggu sampai token diperbaiki.</source>
            <translation>Token ditolak server (401). Tekan 'Perbaiki token' untuk kembali dan mengetik ulang token dari pengelola sistem. Anda tetap bisa melanjutkan: kiriman menunggu sampai token diperbaiki.</translation>
        </message>
        <message>
            <source>Anda tetap bisa melanjutkan: pendaftaran berjalan tanpa koneksi dan kiriman menunggu sampai koneksi pulih. Perbaiki dengan 'Kembali', atau uji lagi nanti dengan 'ltsa-desk credentials test'.</source>
            <translation>Anda tetap bisa melanjutkan: pendaftaran berjalan tanpa koneksi dan kiriman menunggu sampai koneksi pulih. Perbaiki dengan 'Kembali', atau uji lagi nanti dengan 'ltsa-desk credentials test'.</translation>
        </message>
        <message>
            <source>Token ini ditolak server (401): ketik ulang token dari pengelola sistem</source>
            <translation>Token ini ditolak server (401): ketik ulang token dari pengelola sistem</translation>
        </message>
        <message>
            <source>Uji koneksi tidak bisa dijalankan: {error}</source>
            <translation>Uji koneksi tidak bisa dijalankan: {error}</translation>
        </message>
        <message>
            <source>Folder data: {path}</source>
            <translation>Folder data: {path}</translation>
        </message>
        <message>
            <source>Kantor: {code} ({name})</source>
            <translation>Kantor: {code} ({name})</translation>
        </message>
        <message>
            <source>Nama kantor di surat: {name}</source>
            <translation>Nama kantor di surat: {name}</translation>
        </message>
        <message>
            <source>Loket: {counter}</source>
            <translation>Loket: {counter}</translation>
        </message>
        <message>
            <source>(belum diatur)</source>
            <translation>(belum diatur)</translation>
        </message>
        <message>
            <source>token akan disimpan di keyring</source>
            <translation>token akan disimpan di keyring</translation>
        </message>
        <message>
            <source>tanpa token</source>
            <translation>tanpa token</translation>
        </message>
        <message>
            <source>uji koneksi berhasil</source>
            <translation>uji koneksi berhasil</translation>
        </message>
        <message>
            <source>uji koneksi gagal</source>
            <translation>uji koneksi gagal</translation>
        </message>
        <message>
            <source>Akun Admin: {username}</source>
            <translation>Akun Admin: {username}</translation>
        </message>
        <message>
            <source>Menyimpan... (beberapa detik)</source>
            <translation>Menyimpan... (beberapa detik)</translation>
        </message>
        <message>
            <source>Tidak bisa menyimpan: {error}</source>
            <translation>Tidak bisa menyimpan: {error}</translation>
        </message>
        <message>
            <source>kesalahan tak terduga; lihat log</source>
            <translation>kesalahan tak terduga; lihat log</translation>
        </message>
        <message>
            <source>Loket siap. Catat kunci pemulihan yang ditampilkan.</source>
            <translation>Loket siap. Catat kunci pemulihan yang ditampilkan.</translation>
        </message>
    </context>
    <context>
        <name>SignIn</name>
        <message>
            <source>Tidak bisa memeriksa akun: basis data tidak dapat dibuka. Coba lagi; jika tetap gagal, hubungi teknisi.</source>
            <translation>Tidak bisa memeriksa akun: basis data tidak dapat dibuka. Coba lagi; jika tetap gagal, hubungi teknisi.</translation>
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
        <name>SkipOrderDialog</name>
        <message>
            <source>Lewati urutan kasus</source>
            <translation>Lewati urutan kasus</translation>
        </message>
        <message>
            <source>Pindahkan kasus {name} ke langkah berikut tanpa menunggu dokumen atau surat sebelumnya. Ini keputusan admin: tulis alasannya (mis. CPMI sudah memegang paspor, atau pindahan dari register lama); alasan tercatat di Riwayat.</source>
            <translation>Pindahkan kasus {name} ke langkah berikut tanpa menunggu dokumen atau surat sebelumnya. Ini keputusan admin: tulis alasannya (mis. CPMI sudah memegang paspor, atau pindahan dari register lama); alasan tercatat di Riwayat.</translation>
        </message>
        <message>
            <source>Lewati urutan</source>
            <translation>Lewati urutan</translation>
        </message>
        <message>
            <source>Langkah tujuan</source>
            <translation>Langkah tujuan</translation>
        </message>
        <message>
            <source>Langkah tujuan:</source>
            <translation>Langkah tujuan:</translation>
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
            <source>Sedang dikirim</source>
            <translation>Sedang dikirim</translation>
        </message>
        <message>
            <source>Ditunda: kredensial tujuan ditolak - hubungi teknisi</source>
            <translation>Ditunda: kredensial tujuan ditolak - hubungi teknisi</translation>
        </message>
        <message>
            <source>Sambungan ke tujuan terputus; terkirim sendiri saat tersambung</source>
            <translation>Sambungan ke tujuan terputus; terkirim sendiri saat tersambung</translation>
        </message>
        <message>
            <source>Menunggu kiriman sebelumnya untuk CPMI ini terkirim</source>
            <translation>Menunggu kiriman sebelumnya untuk CPMI ini terkirim</translation>
        </message>
        <message>
            <source>Percobaan terakhir gagal; dicoba lagi otomatis</source>
            <translation>Percobaan terakhir gagal; dicoba lagi otomatis</translation>
        </message>
        <message>
            <source>Dalam antrean</source>
            <translation>Dalam antrean</translation>
        </message>
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
            <source>Kiriman yang perlu tindakan</source>
            <translation>Kiriman yang perlu tindakan</translation>
        </message>
        <message>
            <source>Enter: buka data CPMI untuk diperbaiki sesuai alasannya.</source>
            <translation>Enter: buka data CPMI untuk diperbaiki sesuai alasannya.</translation>
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
            <source>Menunggu dikirim</source>
            <translation>Menunggu dikirim</translation>
        </message>
        <message>
            <source>Tidak ada kiriman yang menunggu.</source>
            <translation>Tidak ada kiriman yang menunggu.</translation>
        </message>
        <message>
            <source>Kiriman yang menunggu dikirim</source>
            <translation>Kiriman yang menunggu dikirim</translation>
        </message>
        <message>
            <source>CPMI yang kirimannya belum terkirim, dengan alasannya. Enter: buka data CPMI.</source>
            <translation>CPMI yang kirimannya belum terkirim, dengan alasannya. Enter: buka data CPMI.</translation>
        </message>
        <message>
            <source>Menunggu sejak</source>
            <translation>Menunggu sejak</translation>
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
            <source>Ekspor bundel USB</source>
            <translation>Ekspor bundel USB</translation>
        </message>
        <message>
            <source>Saat sambungan mati berhari-hari: tulis semua kiriman yang menunggu ke flashdisk (terenkripsi), untuk diunggah dari kantor yang punya sambungan</source>
            <translation>Saat sambungan mati berhari-hari: tulis semua kiriman yang menunggu ke flashdisk (terenkripsi), untuk diunggah dari kantor yang punya sambungan</translation>
        </message>
        <message>
            <source>Impor tanda terima</source>
            <translation>Impor tanda terima</translation>
        </message>
        <message>
            <source>Tandai kiriman bundel sebagai terkirim, dari berkas tanda terima unggahan</source>
            <translation>Tandai kiriman bundel sebagai terkirim, dari berkas tanda terima unggahan</translation>
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
            <source>Menunggu dikirim ({n})</source>
            <translation>Menunggu dikirim ({n})</translation>
        </message>
        <message>
            <source>Kiriman dikirim ulang.</source>
            <translation>Kiriman dikirim ulang.</translation>
        </message>
        <message>
            <source>Kiriman sudah tidak menunggu.</source>
            <translation>Kiriman sudah tidak menunggu.</translation>
        </message>
        <message>
            <source>Menulis bundel...</source>
            <translation>Menulis bundel...</translation>
        </message>
        <message>
            <source>Tidak ada kiriman yang bisa diekspor: semua terkirim atau perlu tindakan.</source>
            <translation>Tidak ada kiriman yang bisa diekspor: semua terkirim atau perlu tindakan.</translation>
        </message>
        <message>
            <source>{n} kiriman ditulis ke {file}. Kiriman tetap menunggu di sini dan tidak akan terkirim dua kali. Setelah diunggah, impor tanda terimanya.</source>
            <translation>{n} kiriman ditulis ke {file}. Kiriman tetap menunggu di sini dan tidak akan terkirim dua kali. Setelah diunggah, impor tanda terimanya.</translation>
        </message>
        <message>
            <source>Memeriksa tanda terima...</source>
            <translation>Memeriksa tanda terima...</translation>
        </message>
        <message>
            <source>Tanda terima diimpor: {delivered} kiriman kini terkirim, {already} sudah terkirim sebelumnya, {refused} ditolak (perlu tindakan), {waiting} masih menunggu.</source>
            <translation>Tanda terima diimpor: {delivered} kiriman kini terkirim, {already} sudah terkirim sebelumnya, {refused} ditolak (perlu tindakan), {waiting} masih menunggu.</translation>
        </message>
        <message>
            <source>Bundel tidak bisa diproses. Coba lagi; jika tetap gagal, hubungi teknisi.</source>
            <translation>Bundel tidak bisa diproses. Coba lagi; jika tetap gagal, hubungi teknisi.</translation>
        </message>
        <message>
            <source>Bundel LTSA (*.ltsab)</source>
            <translation>Bundel LTSA (*.ltsab)</translation>
        </message>
        <message>
            <source>Tanda terima bundel (*.ltsar);;Semua berkas (*)</source>
            <translation>Tanda terima bundel (*.ltsar);;Semua berkas (*)</translation>
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
    <context>
        <name>UsersPage</name>
        <message>
            <source>Pengguna</source>
            <translation>Pengguna</translation>
        </message>
        <message>
            <source>Akun tidak pernah dihapus, agar log audit tetap menyebut siapa berbuat apa. Akun yang dinonaktifkan tidak bisa masuk dan dapat diaktifkan lagi.</source>
            <translation>Akun tidak pernah dihapus, agar log audit tetap menyebut siapa berbuat apa. Akun yang dinonaktifkan tidak bisa masuk dan dapat diaktifkan lagi.</translation>
        </message>
        <message>
            <source>Daftar pengguna</source>
            <translation>Daftar pengguna</translation>
        </message>
        <message>
            <source>Pilih pengguna, lalu atur ulang kata sandi atau nonaktifkan.</source>
            <translation>Pilih pengguna, lalu atur ulang kata sandi atau nonaktifkan.</translation>
        </message>
        <message>
            <source>Nama pengguna</source>
            <translation>Nama pengguna</translation>
        </message>
        <message>
            <source>Nama lengkap</source>
            <translation>Nama lengkap</translation>
        </message>
        <message>
            <source>Peran</source>
            <translation>Peran</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Status</translation>
        </message>
        <message>
            <source>Kata sandi</source>
            <translation>Kata sandi</translation>
        </message>
        <message>
            <source>Dibuat</source>
            <translation>Dibuat</translation>
        </message>
        <message>
            <source>Atur ulang kata sandi</source>
            <translation>Atur ulang kata sandi</translation>
        </message>
        <message>
            <source>Beri kata sandi baru kepada pengguna yang lupa kata sandinya</source>
            <translation>Beri kata sandi baru kepada pengguna yang lupa kata sandinya</translation>
        </message>
        <message>
            <source>Nonaktifkan</source>
            <translation>Nonaktifkan</translation>
        </message>
        <message>
            <source>Tambah pengguna</source>
            <translation>Tambah pengguna</translation>
        </message>
        <message>
            <source>mis. siti.rahma</source>
            <translation>mis. siti.rahma</translation>
        </message>
        <message>
            <source>Petugas</source>
            <translation>Petugas</translation>
        </message>
        <message>
            <source>Admin</source>
            <translation>Admin</translation>
        </message>
        <message>
            <source>Teknisi</source>
            <translation>Teknisi</translation>
        </message>
        <message>
            <source>Ulangi kata sandi</source>
            <translation>Ulangi kata sandi</translation>
        </message>
        <message>
            <source>Simpan pengguna baru (Ctrl+S)</source>
            <translation>Simpan pengguna baru (Ctrl+S)</translation>
        </message>
        <message>
            <source>Kata sandi minimal {n} karakter. Sampaikan langsung kepada petugasnya.</source>
            <translation>Kata sandi minimal {n} karakter. Sampaikan langsung kepada petugasnya.</translation>
        </message>
        <message>
            <source>✓ Aktif</source>
            <translation>✓ Aktif</translation>
        </message>
        <message>
            <source>✕ Nonaktif</source>
            <translation>✕ Nonaktif</translation>
        </message>
        <message>
            <source>Ada</source>
            <translation>Ada</translation>
        </message>
        <message>
            <source>Belum diatur</source>
            <translation>Belum diatur</translation>
        </message>
        <message>
            <source>Daftar pengguna tidak bisa dibaca. Coba lagi sebentar.</source>
            <translation>Daftar pengguna tidak bisa dibaca. Coba lagi sebentar.</translation>
        </message>
        <message>
            <source>Aktifkan</source>
            <translation>Aktifkan</translation>
        </message>
        <message>
            <source>Akun tidak bisa masuk lagi; tidak dihapus</source>
            <translation>Akun tidak bisa masuk lagi; tidak dihapus</translation>
        </message>
        <message>
            <source>Akun bisa masuk lagi dengan kata sandinya</source>
            <translation>Akun bisa masuk lagi dengan kata sandinya</translation>
        </message>
        <message>
            <source>Kata sandi {username} diganti.</source>
            <translation>Kata sandi {username} diganti.</translation>
        </message>
        <message>
            <source>Aktifkan lagi akun {username}?</source>
            <translation>Aktifkan lagi akun {username}?</translation>
        </message>
        <message>
            <source>Nonaktifkan akun {username}? Akun tidak bisa masuk lagi, tetapi tidak dihapus.</source>
            <translation>Nonaktifkan akun {username}? Akun tidak bisa masuk lagi, tetapi tidak dihapus.</translation>
        </message>
        <message>
            <source>Akun {username} diaktifkan.</source>
            <translation>Akun {username} diaktifkan.</translation>
        </message>
        <message>
            <source>Akun {username} dinonaktifkan.</source>
            <translation>Akun {username} dinonaktifkan.</translation>
        </message>
        <message>
            <source>Nama pengguna wajib diisi</source>
            <translation>Nama pengguna wajib diisi</translation>
        </message>
        <message>
            <source>Ulangi kata sandi: tidak sama dengan yang pertama</source>
            <translation>Ulangi kata sandi: tidak sama dengan yang pertama</translation>
        </message>
        <message>
            <source>Pengguna {username} ditambahkan.</source>
            <translation>Pengguna {username} ditambahkan.</translation>
        </message>
        <message>
            <source>Menyimpan...</source>
            <translation>Menyimpan...</translation>
        </message>
        <message>
            <source>Tidak bisa disimpan: basis data tidak dapat dibuka. Coba lagi.</source>
            <translation>Tidak bisa disimpan: basis data tidak dapat dibuka. Coba lagi.</translation>
        </message>
    </context>
    <context>
        <name>Words</name>
        <message>
            <source>Laki-laki</source>
            <translation>Laki-laki</translation>
        </message>
        <message>
            <source>Perempuan</source>
            <translation>Perempuan</translation>
        </message>
        <message>
            <source>Belum kawin</source>
            <translation>Belum kawin</translation>
        </message>
        <message>
            <source>Kawin</source>
            <translation>Kawin</translation>
        </message>
        <message>
            <source>Cerai hidup</source>
            <translation>Cerai hidup</translation>
        </message>
        <message>
            <source>Cerai mati</source>
            <translation>Cerai mati</translation>
        </message>
        <message>
            <source>Formal</source>
            <translation>Formal</translation>
        </message>
        <message>
            <source>Informal</source>
            <translation>Informal</translation>
        </message>
        <message>
            <source>Petugas</source>
            <translation>Petugas</translation>
        </message>
        <message>
            <source>Admin</source>
            <translation>Admin</translation>
        </message>
        <message>
            <source>Teknisi</source>
            <translation>Teknisi</translation>
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
            <source>Terkirim</source>
            <translation>Terkirim</translation>
        </message>
        <message>
            <source>Perlu tindakan</source>
            <translation>Perlu tindakan</translation>
        </message>
        <message>
            <source>Ditunda - hubungi teknisi</source>
            <translation>Ditunda - hubungi teknisi</translation>
        </message>
        <message>
            <source>Diganti</source>
            <translation>Diganti</translation>
        </message>
        <message>
            <source>Ditarik</source>
            <translation>Ditarik</translation>
        </message>
        <message>
            <source>atau</source>
            <translation>atau</translation>
        </message>
    </context>
</TS>
