<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="id_ID">
<context>
    <name>ApplicantPage</name>
    <message>
        <source>Batal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dilewati</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status: {state}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sejak {when}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dokumen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Surat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Riwayat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data CPMI (Ctrl+1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kelengkapan dokumen (Ctrl+2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Surat, tanda terima, hand-carry (Ctrl+3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Riwayat (Ctrl+4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>‹ Kembali</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kembali ke layar sebelumnya</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kiriman:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Peringatan NIK sudah saya periksa; simpan tetap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Simpan perubahan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Simpan perubahan data CPMI (Ctrl+S)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Ajukan paspor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Catat pengajuan paspor dan kirim permohonannya ke Imigrasi (Alt+A)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batalkan C&amp;PMI...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batalkan kasus CPMI ini dengan alasan; kiriman yang belum terkirim ditarik</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waktu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Petugas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kejadian</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keterangan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Memuat...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CPMI tidak dapat dibuka</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NIK {nik}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kode {code}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID registri {id}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No. permohonan paspor {no}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rencana keberangkatan {day}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>belum ada kiriman</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pastikan data sampai sebelum CPMI berangkat: periksa Sinkronisasi, atau cetak permohonan paspor untuk dibawa ke Imigrasi.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cetak permohonan paspor (hand-carry)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CPMI ini sudah {state}; data hanya dapat dilihat.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paspor sudah diajukan.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CPMI ini tidak dapat diubah lagi.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tidak ada perubahan untuk disimpan.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Belum tersimpan: perbaiki {count} kolom yang bertanda merah.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Menyimpan...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Perubahan tersimpan; perbaikan data akan dikirim ke Registri pusat.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Belum tersimpan: perbaiki kolom yang bertanda merah.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NIK sudah terdaftar dengan kode {code}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Belum tersimpan: NIK milik CPMI lain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Belum tersimpan: baca peringatan di bawah NIK, lalu centang konfirmasi.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ajukan paspor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ajukan paspor untuk {name}? Permohonan dikirim ke Imigrasi; bila sambungan terputus, permohonan menunggu dan terkirim sendiri.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paspor diajukan; permohonan menunggu dikirim ke Imigrasi.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batalkan CPMI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batalkan kasus {name} ({code})? Kasus yang dibatalkan tidak dapat dilanjutkan; tulis alasannya.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kasus CPMI dibatalkan.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ApplicantTable</name>
    <message>
        <source>Terdaftar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dokumen lengkap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Direkomendasikan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paspor diajukan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paspor terbit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Berangkat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dibatalkan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>hari ini</source>
        <extracomment>Decides which rows of a page get a flag; runs on the worker thread with the page&apos;s session.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{days} hari</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ApplicantTableModel</name>
    <message>
        <source>Perhatian</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kode pelacakan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NIK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nama</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tanggal lahir</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Negara tujuan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Terdaftar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pencarian gagal: basis data tidak dapat dibaca. Coba lagi; jika tetap gagal, hubungi teknisi.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Berangkat dalam 7 hari dengan kiriman yang belum terkirim</source>
        <translation type="unfinished"></translation>
    </message>
</context>
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
    <name>DatesDialog</name>
    <message>
        <source>Verifikasi {document}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bandingkan dengan aslinya dan isi tanggal seperti tertulis (DD-MM-YYYY).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tanggal terbit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Berlaku sampai</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verifikasi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{what} tidak sah: {text} (tulis DD-MM-YYYY)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tanggal berlaku</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tanggal terbit wajib diisi</source>
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
    <name>DocumentsPanel</name>
    <message>
        <source>Tidak berhasil: data tidak dapat dibaca atau ditulis. Coba lagi; jika tetap gagal, hubungi teknisi.</source>
        <extracomment>Kinds whose &quot;berlaku sampai&quot; date matters (an expired passport or visa does not count).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pilih berkas dokumen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dokumen (*.pdf *.jpg *.jpeg *.png);;Semua berkas (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dokumen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Untuk tahap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keterangan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kelengkapan dokumen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Lampirkan berkas...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lampirkan berkas PDF, JPEG atau PNG dari komputer ini (Alt+L)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lampirkan &amp;scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lampirkan scan yang dipilih di daftar pemindai (Alt+S)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Verifikasi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dokumen sudah dibandingkan dengan aslinya dan sesuai (Alt+V)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Tolak...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tolak dokumen dengan alasan (Alt+T)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dokumen lengkap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Semua dokumen pendaftaran ada: ubah status menjadi Dokumen lengkap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pesan dokumen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cukup salah satu: {group}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tambahan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tidak perlu: {other} sudah ada</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alasan: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Diverifikasi {when} oleh {who}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Diterima {when} oleh {who}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>terbit {day}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>berlaku s.d. {day}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{document}: belum ada berkas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pilih scan di daftar pemindai dulu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pilih dokumen di daftar dulu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Melampirkan {file} sebagai {document}...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{document} dilampirkan (status: {status}). Bandingkan dengan aslinya, lalu Verifikasi.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{document} terverifikasi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tolak {document}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tulis alasan penolakan {document}. Alasan ini disampaikan kepada CPMI dan dicatat di riwayat.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tolak dokumen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{document} ditolak: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status CPMI sekarang: Dokumen lengkap. Surat dapat diterbitkan.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FirstAccountDialog</name>
    <message>
        <source>LTSA Desk - Akun pertama</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loket ini belum punya akun. Buat akun Admin pertama; Admin kemudian menambahkan akun petugas.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nama pengguna</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nama lengkap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kata sandi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ulangi kata sandi</source>
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
    <message>
        <source>Kata sandi dan ulangannya tidak sama</source>
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
        <source>Tidak sekolah</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tidak tamat SD</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NIK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nama lengkap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tempat lahir</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tanggal lahir</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Jenis kelamin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nomor KK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alamat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nomor HP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pendidikan terakhir</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status perkawinan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Negara tujuan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Jabatan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sektor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P3MI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rencana keberangkatan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Laki-laki</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Perempuan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Belum kawin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kawin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cerai hidup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cerai mati</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Formal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Informal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>16 angka, dari KTP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sesuai KTP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DD-MM-YYYY</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>16 angka (boleh kosong)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>08xx-xxxx-xxxx</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ketik nama negara</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ketik nama P3MI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{place} - lahir {born} - {sex}</source>
        <translation type="unfinished"></translation>
    </message>
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
    <name>LettersPanel</name>
    <message>
        <source>Cetak</source>
        <extracomment>How long a written PDF is kept in the temp folder before the next start removes it.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Surat yang dibatalkan tidak dicetak</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tanda terima</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tidak ada permohonan paspor yang menunggu dikirim; hand-carry tidak diperlukan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Permohonan paspor (hand-carry)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Terbitkan SPR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Terbitkan Rekomendasi Paspor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Surat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nomor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tanggal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dicetak ulang</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Belum ada surat untuk CPMI ini.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Buka PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Buka surat terpilih sebagai PDF; surat lama dibuka sebagai SALINAN (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cetak...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cetak surat terpilih lewat dialog cetak (Ctrl+P)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batalkan &amp;surat...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batalkan surat dengan alasan; nomornya tidak dipakai lagi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cetak &amp;tanda terima</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tanda terima untuk CPMI: kode pelacakan, yang dikerjakan hari ini dan kiriman yang masih menunggu (Ctrl+P bila tidak ada surat terpilih)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Permohonan paspor (&amp;hand-carry)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Terbitkan surat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Untuk dibawa CPMI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Surat yang sudah terbit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dibatalkan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Berlaku</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Siap diterbitkan untuk {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Siap diterbitkan; status menjadi Direkomendasikan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Permohonan paspor belum terkirim dan tanggal berangkat sudah lewat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Permohonan paspor belum terkirim dan CPMI berangkat hari ini</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Permohonan paspor belum terkirim dan CPMI berangkat {days} hari lagi: cetak agar dibawa ke Imigrasi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tidak ada permohonan paspor yang menunggu dikirim</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Permohonan paspor masih menunggu dikirim; keberangkatan lebih dari {days} hari lagi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Menerbitkan {title}...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{title} terbit dengan nomor {number}. Ctrl+P untuk mencetak.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF dibuat tetapi tidak ada penampil PDF yang membukanya: {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SALINAN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{what} dibuka</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{what} dikirim ke printer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batalkan surat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batalkan {title} nomor {number}? Surat tetap tercatat sebagai dibatalkan dan nomornya tidak dipakai lagi. Tulis alasannya.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{title} nomor {number} dibatalkan</source>
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
        <source>Kunci</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kunci layar (Ctrl+L)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LTSA Desk - Kantor {office} - Loket {counter}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{title} - MODE LATIHAN</source>
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
        <source>Petugas: {name} ({role})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{label} ({keys})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mode latihan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tutup LTSA Desk?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Formulir pendaftaran belum disimpan. Tutup dan buang isinya?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pengaturan</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Preview</name>
    <message>
        <source>PDF ini tidak dapat ditampilkan</source>
        <extracomment>Longest side of the decoded image. Big enough to read a KTP number on a 1366x768 screen, small enough that scaling it on every resize costs nothing.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{kind}, {size} - halaman 1 dari {pages}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gambar ini tidak dapat ditampilkan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{kind}, {size}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Berkas tidak dapat dibaca: {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Berkas terlalu besar: {size} (batas {limit})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lampiran tidak dapat dibaca dari penyimpanan; hubungi teknisi</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PreviewPane</name>
    <message>
        <source>Pilih dokumen untuk melihat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Memuat pratinjau...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pratinjau tidak dapat dibuat</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <source>Batal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batal (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{action} (Ctrl+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alasan wajib diisi</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecoveryKeyDialog</name>
    <message>
        <source>LTSA Desk - Kunci pemulihan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ini kunci pemulihan basis data loket ini. Tulis atau cetak, lalu simpan di tempat aman di luar komputer ini. Kunci ini hanya ditampilkan sekali. Tanpa kunci ini, data CPMI tidak bisa dibuka lagi bila komputer atau akun Windows berganti.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kunci pemulihan sudah saya catat dan simpan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Selesai</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ScanInbox</name>
    <message>
        <source>Scan baru di folder pemindai</source>
        <extracomment>A file touched more recently than this is taken to be still written by the scanner. Debounce of watcher events: a scanner writing one file fires many of them. The backstop poll for shares where the watcher stays silent.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter atau klik dua kali: lampirkan scan ini ke dokumen yang dipilih</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder pemindai belum diatur. Admin dapat mengaturnya di Pengaturan (scan.inbox); sementara itu lampirkan dari berkas.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder pemindai tidak ditemukan: {folder}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder pemindai tidak dapat dibaca: {folder}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder pemindai tidak dapat dibaca</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}  -  {kind}, {size}  -  {when}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}  -  sedang disimpan pemindai...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} scan menunggu di {folder}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Belum ada scan baru di {folder}</source>
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
    <name>SettingsPage</name>
    <message>
        <source>Loket ini</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kantor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nama kantor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Versi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bahasa</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bahasa tampilan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mode latihan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mode latihan memakai basis data terpisah dan server tiruan, sehingga petugas baru dapat berlatih tanpa menyentuh data CPMI yang nyata.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keluar dari mode latihan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Masuk mode latihan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tersimpan; berlaku saat LTSA Desk dibuka lagi.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SignIn</name>
    <message>
        <source>Tidak bisa memeriksa akun: basis data tidak dapat dibuka. Coba lagi; jika tetap gagal, hubungi teknisi.</source>
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
