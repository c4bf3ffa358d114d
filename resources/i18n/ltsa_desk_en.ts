<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="id_ID">
    <context>
        <name>ApplicantPage</name>
        <message>
            <source>Batal</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <source>dilewati</source>
            <translation>skipped</translation>
        </message>
        <message>
            <source>Status: {state}</source>
            <translation>Status: {state}</translation>
        </message>
        <message>
            <source>sejak {when}</source>
            <translation>since {when}</translation>
        </message>
        <message>
            <source>Data</source>
            <translation>Details</translation>
        </message>
        <message>
            <source>Dokumen</source>
            <translation>Documents</translation>
        </message>
        <message>
            <source>Surat</source>
            <translation>Letters</translation>
        </message>
        <message>
            <source>Riwayat</source>
            <translation>History</translation>
        </message>
        <message>
            <source>Data CPMI (Ctrl+1)</source>
            <translation>Applicant details (Ctrl+1)</translation>
        </message>
        <message>
            <source>Kelengkapan dokumen (Ctrl+2)</source>
            <translation>Documents (Ctrl+2)</translation>
        </message>
        <message>
            <source>Surat, tanda terima, hand-carry (Ctrl+3)</source>
            <translation>Letters, receipts, hand-carry (Ctrl+3)</translation>
        </message>
        <message>
            <source>Riwayat (Ctrl+4)</source>
            <translation>History (Ctrl+4)</translation>
        </message>
        <message>
            <source>‹ Kembali</source>
            <translation>‹ Back</translation>
        </message>
        <message>
            <source>Kembali ke layar sebelumnya</source>
            <translation>Back to the previous screen</translation>
        </message>
        <message>
            <source>Kiriman:</source>
            <translation>Submissions:</translation>
        </message>
        <message>
            <source>Peringatan NIK sudah saya periksa; simpan tetap</source>
            <extracomment>The height of the tab's buttons, the case buttons' too.</extracomment>
            <translation>I have checked the NIK warning; save anyway</translation>
        </message>
        <message>
            <source>Simpan perubahan</source>
            <translation>Save changes</translation>
        </message>
        <message>
            <source>Simpan perubahan data CPMI (Ctrl+S)</source>
            <translation>Save the changes to the applicant's details (Ctrl+S)</translation>
        </message>
        <message>
            <source>&amp;Ajukan paspor</source>
            <translation>&amp;Apply for passport</translation>
        </message>
        <message>
            <source>Catat pengajuan paspor dan kirim permohonannya ke Imigrasi (Alt+A)</source>
            <translation>Record the passport application and send it to Immigration (Alt+A)</translation>
        </message>
        <message>
            <source>Batalkan C&amp;PMI...</source>
            <translation>Cancel a&amp;pplicant...</translation>
        </message>
        <message>
            <source>Batalkan kasus CPMI ini dengan alasan; kiriman yang belum terkirim ditarik</source>
            <translation>Cancel this applicant's case with a reason; submissions not yet delivered are withdrawn</translation>
        </message>
        <message>
            <source>Lewati &amp;urutan...</source>
            <translation>Skip the &amp;order...</translation>
        </message>
        <message>
            <source>Admin: pindahkan kasus ke langkah berikut tanpa dokumen atau surat sebelumnya, dengan alasan (tercatat di Riwayat)</source>
            <translation>Admin: move the case to a later step without the earlier documents or letters, with a reason (kept in the History)</translation>
        </message>
        <message>
            <source>Riwayat CPMI</source>
            <translation>Applicant history</translation>
        </message>
        <message>
            <source>Setiap perubahan kasus ini: kapan, siapa, apa.</source>
            <translation>Every change of this case: when, who, what.</translation>
        </message>
        <message>
            <source>Waktu</source>
            <translation>Time</translation>
        </message>
        <message>
            <source>Petugas</source>
            <translation>Officer</translation>
        </message>
        <message>
            <source>Kejadian</source>
            <translation>Event</translation>
        </message>
        <message>
            <source>Keterangan</source>
            <translation>Details</translation>
        </message>
        <message>
            <source>Memuat...</source>
            <translation>Loading...</translation>
        </message>
        <message>
            <source>CPMI tidak dapat dibuka</source>
            <translation>The applicant could not be opened</translation>
        </message>
        <message>
            <source>NIK {nik}</source>
            <translation>NIK {nik}</translation>
        </message>
        <message>
            <source>Kode {code}</source>
            <translation>Code {code}</translation>
        </message>
        <message>
            <source>ID registri {id}</source>
            <translation>Registry ID {id}</translation>
        </message>
        <message>
            <source>No. permohonan paspor {no}</source>
            <translation>Passport application no. {no}</translation>
        </message>
        <message>
            <source>Rencana keberangkatan {day}</source>
            <translation>Planned departure {day}</translation>
        </message>
        <message>
            <source>belum ada kiriman</source>
            <translation>no submissions yet</translation>
        </message>
        <message>
            <source>Pastikan data sampai sebelum CPMI berangkat: periksa Sinkronisasi, atau cetak permohonan paspor untuk dibawa ke Imigrasi.</source>
            <translation>Make sure the data arrives before the applicant departs: check Sync, or print the passport application for the applicant to take to Immigration.</translation>
        </message>
        <message>
            <source>Cetak permohonan paspor (hand-carry)</source>
            <translation>Print passport application (hand-carry)</translation>
        </message>
        <message>
            <source>CPMI ini sudah {state}; data hanya dapat dilihat.</source>
            <translation>This applicant's case is {state}; the details can only be viewed.</translation>
        </message>
        <message>
            <source>Paspor sudah diajukan.</source>
            <translation>The passport has already been applied for.</translation>
        </message>
        <message>
            <source>Ajukan paspor: dokumen pendaftaran belum lengkap dan terverifikasi</source>
            <translation>Apply for passport: the registration documents are not yet complete and verified</translation>
        </message>
        <message>
            <source>Ajukan paspor: Surat Rekomendasi Paspor belum terbit</source>
            <translation>Apply for passport: the passport recommendation letter has not been issued yet</translation>
        </message>
        <message>
            <source>CPMI ini tidak dapat diubah lagi.</source>
            <translation>This applicant can no longer be changed.</translation>
        </message>
        <message>
            <source>Tidak ada perubahan untuk disimpan.</source>
            <translation>There are no changes to save.</translation>
        </message>
        <message>
            <source>Belum tersimpan: perbaiki {count} kolom yang bertanda merah.</source>
            <translation>Not saved: correct the fields marked in red ({count}).</translation>
        </message>
        <message>
            <source>Menyimpan...</source>
            <translation>Saving...</translation>
        </message>
        <message>
            <source>Perubahan tersimpan; perbaikan data akan dikirim ke Registri pusat.</source>
            <translation>Changes saved; the data correction will be sent to the Central registry.</translation>
        </message>
        <message>
            <source>Belum tersimpan: perbaiki kolom yang bertanda merah.</source>
            <translation>Not saved: correct the fields marked in red.</translation>
        </message>
        <message>
            <source>NIK sudah terdaftar dengan kode {code}</source>
            <translation>This NIK is already registered under code {code}</translation>
        </message>
        <message>
            <source>Belum tersimpan: NIK milik CPMI lain.</source>
            <translation>Not saved: the NIK belongs to another applicant.</translation>
        </message>
        <message>
            <source>Belum tersimpan: baca peringatan di bawah NIK, lalu centang konfirmasi.</source>
            <translation>Not saved: read the warning under the NIK, then tick the confirmation.</translation>
        </message>
        <message>
            <source>Ajukan paspor</source>
            <translation>Apply for passport</translation>
        </message>
        <message>
            <source>Ajukan paspor untuk {name}? Permohonan dikirim ke Imigrasi; bila sambungan terputus, permohonan menunggu dan terkirim sendiri.</source>
            <translation>Apply for a passport for {name}? The application is sent to Immigration; if the connection is down, the application waits and is sent automatically.</translation>
        </message>
        <message>
            <source>Paspor diajukan; permohonan menunggu dikirim ke Imigrasi.</source>
            <translation>Passport applied for; the application is waiting to be sent to Immigration.</translation>
        </message>
        <message>
            <source>Urutan dilewati: status {state}; alasan tercatat di Riwayat.</source>
            <translation>Order skipped: status {state}; the reason is kept in the History.</translation>
        </message>
        <message>
            <source>Batalkan CPMI</source>
            <translation>Cancel applicant</translation>
        </message>
        <message>
            <source>Batalkan kasus {name} ({code})? Kasus yang dibatalkan tidak dapat dilanjutkan; tulis alasannya.</source>
            <translation>Cancel the case of {name} ({code})? A cancelled case cannot be continued; write the reason.</translation>
        </message>
        <message>
            <source>Kasus CPMI dibatalkan.</source>
            <translation>The applicant's case has been cancelled.</translation>
        </message>
    </context>
    <context>
        <name>ApplicantTable</name>
        <message>
            <source>hari ini</source>
            <extracomment>Decides which rows of a page get a flag; runs on the worker thread with the page's session.</extracomment>
            <translation>today</translation>
        </message>
        <message>
            <source>{days} hari</source>
            <translation>in {days} d</translation>
        </message>
    </context>
    <context>
        <name>ApplicantTableModel</name>
        <message>
            <source>Perhatian</source>
            <translation>Attention</translation>
        </message>
        <message>
            <source>Kode pelacakan</source>
            <translation>Tracking code</translation>
        </message>
        <message>
            <source>NIK</source>
            <translation>NIK</translation>
        </message>
        <message>
            <source>Nama</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>Tanggal lahir</source>
            <translation>Date of birth</translation>
        </message>
        <message>
            <source>Negara tujuan</source>
            <translation>Destination country</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Status</translation>
        </message>
        <message>
            <source>Terdaftar</source>
            <translation>Registered</translation>
        </message>
        <message>
            <source>Pencarian gagal: basis data tidak dapat dibaca. Coba lagi; jika tetap gagal, hubungi teknisi.</source>
            <translation>Search failed: the database could not be read. Try again; if it still fails, call the technician.</translation>
        </message>
        <message>
            <source>Berangkat dalam 7 hari dengan kiriman yang belum terkirim</source>
            <translation>Departs within 7 days with submissions not yet delivered</translation>
        </message>
    </context>
    <context>
        <name>AuditPage</name>
        <message>
            <source>Pengguna ditambahkan</source>
            <translation>User added</translation>
        </message>
        <message>
            <source>Kata sandi diganti</source>
            <translation>Password changed</translation>
        </message>
        <message>
            <source>Masuk</source>
            <translation>Signed in</translation>
        </message>
        <message>
            <source>Gagal masuk</source>
            <translation>Sign-in failed</translation>
        </message>
        <message>
            <source>Akun dikunci sementara</source>
            <translation>Account locked for a while</translation>
        </message>
        <message>
            <source>Layar dikunci</source>
            <translation>Screen locked</translation>
        </message>
        <message>
            <source>Kunci layar dibuka</source>
            <translation>Screen unlocked</translation>
        </message>
        <message>
            <source>Keluar</source>
            <translation>Signed out</translation>
        </message>
        <message>
            <source>Akun dinonaktifkan</source>
            <translation>Account disabled</translation>
        </message>
        <message>
            <source>Akun diaktifkan</source>
            <translation>Account enabled</translation>
        </message>
        <message>
            <source>CPMI didaftarkan</source>
            <translation>Applicant registered</translation>
        </message>
        <message>
            <source>CPMI diimpor dari register</source>
            <translation>Applicant imported from a register</translation>
        </message>
        <message>
            <source>Data CPMI diperbaiki</source>
            <translation>Applicant data corrected</translation>
        </message>
        <message>
            <source>Status kasus berubah</source>
            <translation>Case status changed</translation>
        </message>
        <message>
            <source>Status dari Imigrasi</source>
            <translation>Status from Immigration</translation>
        </message>
        <message>
            <source>Urutan kasus dilewati (admin)</source>
            <translation>Case order skipped (admin)</translation>
        </message>
        <message>
            <source>Dokumen diterima</source>
            <translation>Document received</translation>
        </message>
        <message>
            <source>Dokumen diperiksa</source>
            <translation>Document verified</translation>
        </message>
        <message>
            <source>Dokumen ditolak</source>
            <translation>Document rejected</translation>
        </message>
        <message>
            <source>Surat diterbitkan</source>
            <translation>Letter issued</translation>
        </message>
        <message>
            <source>Surat dicetak ulang</source>
            <translation>Letter reprinted</translation>
        </message>
        <message>
            <source>Surat dibatalkan</source>
            <translation>Letter voided</translation>
        </message>
        <message>
            <source>Register diimpor</source>
            <translation>Register imported</translation>
        </message>
        <message>
            <source>P3MI ditambahkan</source>
            <translation>Placement agency (P3MI) added</translation>
        </message>
        <message>
            <source>Rahasia bundel diatur</source>
            <translation>Bundle secret set</translation>
        </message>
        <message>
            <source>Bundel USB diekspor</source>
            <translation>USB bundle exported</translation>
        </message>
        <message>
            <source>Bundel USB diunggah</source>
            <translation>USB bundle uploaded</translation>
        </message>
        <message>
            <source>Tanda terima bundel diimpor</source>
            <translation>Bundle receipts imported</translation>
        </message>
        <message>
            <source>Laporan diekspor</source>
            <translation>Report exported</translation>
        </message>
        <message>
            <source>Cadangan dipindah ke loket ini</source>
            <translation>Backup moved to this counter</translation>
        </message>
        <message>
            <source>Konfigurasi mulai disegel</source>
            <translation>Configuration sealed for the first time</translation>
        </message>
        <message>
            <source>Perubahan konfigurasi disetujui</source>
            <translation>Configuration change accepted</translation>
        </message>
        <message>
            <source>Laporan</source>
            <translation>Report</translation>
        </message>
        <message>
            <source>Aktif</source>
            <translation>Active</translation>
        </message>
        <message>
            <source>ID CPMI</source>
            <translation>Applicant ID</translation>
        </message>
        <message>
            <source>ID bundel</source>
            <translation>Bundle ID</translation>
        </message>
        <message>
            <source>Per tujuan</source>
            <translation>By destination</translation>
        </message>
        <message>
            <source>Dibuat</source>
            <translation>Created</translation>
        </message>
        <message>
            <source>Terkirim</source>
            <translation>Delivered</translation>
        </message>
        <message>
            <source>Berkas</source>
            <translation>File</translation>
        </message>
        <message>
            <source>Format</source>
            <translation>Format</translation>
        </message>
        <message>
            <source>Punya kata sandi</source>
            <translation>Has a password</translation>
        </message>
        <message>
            <source>Tanggal terbit</source>
            <translation>Issued on</translation>
        </message>
        <message>
            <source>Jumlah kiriman</source>
            <translation>Submissions</translation>
        </message>
        <message>
            <source>Kunci konfigurasi</source>
            <translation>Configuration keys</translation>
        </message>
        <message>
            <source>Jenis</source>
            <translation>Kind</translation>
        </message>
        <message>
            <source>Jenis berkas</source>
            <translation>File type</translation>
        </message>
        <message>
            <source>Nama</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>Catatan</source>
            <translation>Note</translation>
        </message>
        <message>
            <source>Nomor</source>
            <translation>Number</translation>
        </message>
        <message>
            <source>Kode kantor</source>
            <translation>Office code</translation>
        </message>
        <message>
            <source>Loket asal</source>
            <translation>Origin counter</translation>
        </message>
        <message>
            <source>Basis data asal</source>
            <translation>Origin database</translation>
        </message>
        <message>
            <source>Kantor asal</source>
            <translation>Origin office</translation>
        </message>
        <message>
            <source>Alasan</source>
            <translation>Reason</translation>
        </message>
        <message>
            <source>Tanda terima</source>
            <translation>Receipts</translation>
        </message>
        <message>
            <source>Ditolak</source>
            <translation>Refused</translation>
        </message>
        <message>
            <source>Alasan penolakan</source>
            <translation>Rejection reason</translation>
        </message>
        <message>
            <source>Dicabut</source>
            <translation>Revoked</translation>
        </message>
        <message>
            <source>Peran</source>
            <translation>Role</translation>
        </message>
        <message>
            <source>Jumlah baris</source>
            <translation>Rows</translation>
        </message>
        <message>
            <source>Baris per bagian</source>
            <translation>Rows per section</translation>
        </message>
        <message>
            <source>Sidik berkas (SHA-256)</source>
            <translation>File fingerprint (SHA-256)</translation>
        </message>
        <message>
            <source>Langkah yang dilewati</source>
            <translation>Steps skipped</translation>
        </message>
        <message>
            <source>Status kasus</source>
            <translation>Case status</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Status</translation>
        </message>
        <message>
            <source>Judul</source>
            <translation>Title</translation>
        </message>
        <message>
            <source>Kode pelacakan</source>
            <translation>Tracking code</translation>
        </message>
        <message>
            <source>Diunggah oleh</source>
            <translation>Uploaded by</translation>
        </message>
        <message>
            <source>Pengunggah</source>
            <translation>Uploader</translation>
        </message>
        <message>
            <source>Nama pengguna</source>
            <translation>Username</translation>
        </message>
        <message>
            <source>Berlaku sampai</source>
            <translation>Valid until</translation>
        </message>
        <message>
            <source>Terverifikasi</source>
            <translation>Verified</translation>
        </message>
        <message>
            <source>Menunggu</source>
            <translation>Waiting</translation>
        </message>
        <message>
            <source>Peringatan yang dikonfirmasi</source>
            <translation>Warnings confirmed</translation>
        </message>
        <message>
            <source>ya</source>
            <translation>yes</translation>
        </message>
        <message>
            <source>tidak</source>
            <translation>no</translation>
        </message>
        <message>
            <source>Pengguna</source>
            <translation>User</translation>
        </message>
        <message>
            <source>CPMI</source>
            <translation>Applicant</translation>
        </message>
        <message>
            <source>Dokumen</source>
            <translation>Document</translation>
        </message>
        <message>
            <source>Surat</source>
            <translation>Letter</translation>
        </message>
        <message>
            <source>Register</source>
            <translation>Register</translation>
        </message>
        <message>
            <source>P3MI</source>
            <translation>Placement agency (P3MI)</translation>
        </message>
        <message>
            <source>Bundel USB</source>
            <translation>USB bundle</translation>
        </message>
        <message>
            <source>Kredensial</source>
            <translation>Credentials</translation>
        </message>
        <message>
            <source>Tidak ada rincian nilai untuk catatan ini.</source>
            <translation>This entry has no recorded values.</translation>
        </message>
        <message>
            <source>{key}: {value} (dihapus)</source>
            <translation>{key}: {value} (removed)</translation>
        </message>
        <message>
            <source>Log audit</source>
            <translation>Audit log</translation>
        </message>
        <message>
            <source>Setiap perubahan tercatat dengan siapa, kapan dan nilai sebelum/sesudahnya. Catatan tidak bisa diubah atau dihapus.</source>
            <translation>Every change is recorded with who made it, when, and the values before and after. Entries cannot be changed or deleted.</translation>
        </message>
        <message>
            <source>Semua pengguna</source>
            <translation>All users</translation>
        </message>
        <message>
            <source>Sebagian nama pengguna, mis. siti</source>
            <translation>Part of a username, e.g. siti</translation>
        </message>
        <message>
            <source>Semua tindakan</source>
            <translation>All actions</translation>
        </message>
        <message>
            <source>Semua data</source>
            <translation>All records</translation>
        </message>
        <message>
            <source>Dari</source>
            <translation>From</translation>
        </message>
        <message>
            <source>Dari tanggal</source>
            <translation>From date</translation>
        </message>
        <message>
            <source>Sampai</source>
            <translation>To</translation>
        </message>
        <message>
            <source>Sampai tanggal</source>
            <translation>To date</translation>
        </message>
        <message>
            <source>Hapus filter</source>
            <translation>Clear filters</translation>
        </message>
        <message>
            <source>Siapa</source>
            <translation>Who</translation>
        </message>
        <message>
            <source>Tindakan</source>
            <translation>Action</translation>
        </message>
        <message>
            <source>Data</source>
            <translation>Record</translation>
        </message>
        <message>
            <source>Catatan log audit</source>
            <translation>Audit log records</translation>
        </message>
        <message>
            <source>Satu baris per perubahan; rinciannya tampil di bawah tabel.</source>
            <translation>One row per change; its details show below the table.</translation>
        </message>
        <message>
            <source>Waktu</source>
            <translation>Time</translation>
        </message>
        <message>
            <source>Loket</source>
            <translation>Counter</translation>
        </message>
        <message>
            <source>Rincian catatan</source>
            <translation>Record details</translation>
        </message>
        <message>
            <source>Pilih satu catatan untuk melihat rinciannya.</source>
            <translation>Select an entry to see its details.</translation>
        </message>
        <message>
            <source>Sebelumnya</source>
            <translation>Previous</translation>
        </message>
        <message>
            <source>Halaman sebelumnya (Ctrl+PgUp)</source>
            <translation>Previous page (Ctrl+PgUp)</translation>
        </message>
        <message>
            <source>Berikutnya</source>
            <translation>Next</translation>
        </message>
        <message>
            <source>Halaman berikutnya (Ctrl+PgDown)</source>
            <translation>Next page (Ctrl+PgDown)</translation>
        </message>
        <message>
            <source>{first}-{last} dari {total}</source>
            <translation>{first}-{last} of {total}</translation>
        </message>
        <message>
            <source>Tidak ada catatan</source>
            <translation>No entries</translation>
        </message>
        <message>
            <source>Memuat...</source>
            <translation>Loading...</translation>
        </message>
        <message>
            <source>Tidak ada catatan yang cocok dengan filter ini.</source>
            <translation>No entries match these filters.</translation>
        </message>
        <message>
            <source>Log audit tidak bisa dibaca. Coba lagi sebentar.</source>
            <translation>The audit log could not be read. Try again in a moment.</translation>
        </message>
        <message>
            <source>{action} oleh {actor}, {time}</source>
            <translation>{action} by {actor}, {time}</translation>
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
            <translation>{first} and {second}</translation>
        </message>
        <message>
            <source>Sambungan ke {destinations} terputus sejak {duration} lalu.</source>
            <translation>The connection to {destinations} has been down for {duration}.</translation>
        </message>
        <message>
            <source>Lanjutkan pekerjaan seperti biasa: semua tersimpan di kantor dan {n} kiriman akan terkirim sendiri saat sambungan kembali.</source>
            <translation>Carry on working as usual: everything is saved in the office, and the waiting submissions ({n}) will be sent automatically when the connection returns.</translation>
        </message>
        <message>
            <source>Lanjutkan pekerjaan seperti biasa: semua tersimpan di kantor dan akan terkirim sendiri saat sambungan kembali.</source>
            <translation>Carry on working as usual: everything is saved in the office and will be sent automatically when the connection returns.</translation>
        </message>
        <message>
            <source>Periksa internet kantor bila berlangsung lama.</source>
            <translation>Check the office internet connection if this goes on for long.</translation>
        </message>
        <message>
            <source>Pengiriman ke {destination} ditunda: server menolak kredensial kantor. Pekerjaan tetap tersimpan ({n} kiriman menunggu). Hubungi teknisi untuk memperbarui kredensial.</source>
            <translation>Sending to {destination} is paused: the server refused the office credentials. Work stays saved (submissions waiting: {n}). Call the technician to renew the credentials.</translation>
        </message>
        <message>
            <source>{n} kiriman ditolak oleh {destination} dan perlu tindakan. Buka Sinkronisasi untuk melihat alasannya, lalu perbaiki data CPMI.</source>
            <translation>Submissions rejected by {destination} that need attention: {n}. Open Sync to see the reasons, then correct the applicant's details.</translation>
        </message>
        <message>
            <source>Buka Sinkronisasi</source>
            <translation>Open Sync</translation>
        </message>
        <message>
            <source>Lihat apa yang menunggu dan apa yang perlu diperbaiki</source>
            <translation>See what is waiting and what needs correcting</translation>
        </message>
        <message>
            <source>Server basis data kantor ({server}) tidak menjawab sejak {time}. Data loket disimpan di server itu, jadi pendaftaran dan pencarian menunggu sampai server kembali; LTSA Desk menyambung lagi sendiri, tidak perlu ditutup. Periksa PC server dan jaringan kantor.</source>
            <translation>The office database server ({server}) has not answered since {time}. This desk's data is kept on that server, so registration and search wait until the server is back; LTSA Desk reconnects by itself, there is no need to close it. Check the server PC and the office network.</translation>
        </message>
        <message>
            <source>Server kantor tidak menjawab</source>
            <translation>The office server does not answer</translation>
        </message>
        <message>
            <source>Perlu tindakan</source>
            <translation>Needs attention</translation>
        </message>
        <message>
            <source>Sambungan terputus - pekerjaan tetap tersimpan</source>
            <translation>Connection down - your work stays saved</translation>
        </message>
    </context>
    <context>
        <name>CredentialsForm</name>
        <message>
            <source>Nama pengguna</source>
            <translation>Username</translation>
        </message>
        <message>
            <source>Kata sandi</source>
            <translation>Password</translation>
        </message>
        <message>
            <source>Nama pengguna wajib diisi</source>
            <translation>Username is required</translation>
        </message>
        <message>
            <source>Kata sandi wajib diisi</source>
            <translation>Password is required</translation>
        </message>
        <message>
            <source>Memeriksa...</source>
            <translation>Checking...</translation>
        </message>
    </context>
    <context>
        <name>DatesDialog</name>
        <message>
            <source>Verifikasi {document}</source>
            <translation>Verify {document}</translation>
        </message>
        <message>
            <source>Bandingkan dengan aslinya dan isi tanggal seperti tertulis (DD-MM-YYYY).</source>
            <translation>Compare with the original and enter the dates exactly as written (DD-MM-YYYY).</translation>
        </message>
        <message>
            <source>Tanggal terbit</source>
            <translation>Date of issue</translation>
        </message>
        <message>
            <source>Berlaku sampai</source>
            <translation>Valid until</translation>
        </message>
        <message>
            <source>Verifikasi</source>
            <translation>Verify</translation>
        </message>
        <message>
            <source>Batal</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <source>{what} tidak sah: {text} (tulis DD-MM-YYYY)</source>
            <translation>{what} is not valid: {text} (write DD-MM-YYYY)</translation>
        </message>
        <message>
            <source>Tanggal berlaku</source>
            <translation>Expiry date</translation>
        </message>
        <message>
            <source>Tanggal terbit wajib diisi</source>
            <translation>Date of issue is required</translation>
        </message>
    </context>
    <context>
        <name>DestinationCard</name>
        <message>
            <source>Offline sejak</source>
            <translation>Offline since</translation>
        </message>
        <message>
            <source>Menunggu</source>
            <translation>Waiting</translation>
        </message>
        <message>
            <source>Sedang dikirim</source>
            <translation>Sending</translation>
        </message>
        <message>
            <source>Perlu tindakan</source>
            <translation>Needs attention</translation>
        </message>
        <message>
            <source>Terkirim</source>
            <translation>Delivered</translation>
        </message>
        <message>
            <source>Kiriman tertua menunggu</source>
            <translation>Oldest submission waiting</translation>
        </message>
        <message>
            <source>Pengiriman terakhir</source>
            <translation>Last delivery</translation>
        </message>
        <message>
            <source>{when} ({duration})</source>
            <translation>{when} ({duration})</translation>
        </message>
        <message>
            <source>belum ada</source>
            <translation>none yet</translation>
        </message>
        <message>
            <source>Server menolak kredensial kantor; kiriman disimpan dan menunggu. Teknisi: perbarui dengan 'ltsa-desk credentials set {destination} --token-stdin'.</source>
            <translation>The server refused the office credentials; submissions are saved and waiting. Technician: renew them with 'ltsa-desk credentials set {destination} --token-stdin'.</translation>
        </message>
        <message>
            <source>Alamat server belum diatur; kiriman disimpan dan menunggu. Teknisi: atur dengan 'ltsa-desk config set {destination}.url ALAMAT'.</source>
            <translation>The server address is not set; submissions are saved and waiting. Technician: set it with 'ltsa-desk config set {destination}.url ADDRESS'.</translation>
        </message>
    </context>
    <context>
        <name>DocumentsPanel</name>
        <message>
            <source>Tidak berhasil: data tidak dapat dibaca atau ditulis. Coba lagi; jika tetap gagal, hubungi teknisi.</source>
            <translation>That did not work: the data could not be read or written. Try again; if it still fails, call the technician.</translation>
        </message>
        <message>
            <source>Pilih berkas dokumen</source>
            <translation>Choose a document file</translation>
        </message>
        <message>
            <source>Dokumen (*.pdf *.jpg *.jpeg *.png);;Semua berkas (*)</source>
            <translation>Documents (*.pdf *.jpg *.jpeg *.png);;All files (*)</translation>
        </message>
        <message>
            <source>Lihat di:</source>
            <translation>Look in:</translation>
        </message>
        <message>
            <source>Nama berkas:</source>
            <translation>File name:</translation>
        </message>
        <message>
            <source>Jenis berkas:</source>
            <translation>Files of type:</translation>
        </message>
        <message>
            <source>Buka</source>
            <translation>Open</translation>
        </message>
        <message>
            <source>Batal</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <source>Dokumen</source>
            <translation>Document</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Status</translation>
        </message>
        <message>
            <source>Untuk tahap</source>
            <translation>Needed for</translation>
        </message>
        <message>
            <source>Keterangan</source>
            <translation>Notes</translation>
        </message>
        <message>
            <source>Kelengkapan dokumen</source>
            <translation>Documents</translation>
        </message>
        <message>
            <source>Pilih dokumen untuk melihat berkasnya, lalu lampirkan, verifikasi atau tolak.</source>
            <translation>Select a document to see its file, then attach, verify or reject it.</translation>
        </message>
        <message>
            <source>&amp;Lampirkan berkas...</source>
            <translation>Attach fi&amp;le...</translation>
        </message>
        <message>
            <source>Lampirkan berkas PDF, JPEG atau PNG dari komputer ini (Alt+L)</source>
            <translation>Attach a PDF, JPEG or PNG file from this computer (Alt+L)</translation>
        </message>
        <message>
            <source>Lampirkan &amp;scan</source>
            <translation>Attach &amp;scan</translation>
        </message>
        <message>
            <source>Lampirkan scan yang dipilih di daftar pemindai (Alt+S)</source>
            <translation>Attach the scan selected in the scanner list (Alt+S)</translation>
        </message>
        <message>
            <source>&amp;Verifikasi</source>
            <translation>&amp;Verify</translation>
        </message>
        <message>
            <source>Dokumen sudah dibandingkan dengan aslinya dan sesuai (Alt+V)</source>
            <translation>The document has been compared with the original and matches (Alt+V)</translation>
        </message>
        <message>
            <source>&amp;Tolak...</source>
            <translation>Rejec&amp;t...</translation>
        </message>
        <message>
            <source>Tolak dokumen dengan alasan (Alt+T)</source>
            <translation>Reject the document with a reason (Alt+T)</translation>
        </message>
        <message>
            <source>Dokumen lengkap</source>
            <translation>Documents complete</translation>
        </message>
        <message>
            <source>Semua dokumen pendaftaran ada: ubah status menjadi Dokumen lengkap</source>
            <translation>All registration documents are here: change the status to Documents complete</translation>
        </message>
        <message>
            <source>Pesan dokumen</source>
            <extracomment>Kinds whose "berlaku sampai" date matters (an expired passport or visa does not count).</extracomment>
            <translation>Document message</translation>
        </message>
        <message>
            <source>Cukup salah satu: {group}</source>
            <translation>Any one of these is enough: {group}</translation>
        </message>
        <message>
            <source>Tambahan</source>
            <translation>Additional</translation>
        </message>
        <message>
            <source>Tidak perlu: {other} sudah ada</source>
            <translation>Not needed: {other} is already here</translation>
        </message>
        <message>
            <source>Alasan: {reason}</source>
            <translation>Reason: {reason}</translation>
        </message>
        <message>
            <source>Diverifikasi {when} oleh {who}</source>
            <translation>Verified {when} by {who}</translation>
        </message>
        <message>
            <source>Diterima {when} oleh {who}</source>
            <translation>Received {when} by {who}</translation>
        </message>
        <message>
            <source>terbit {day}</source>
            <translation>issued {day}</translation>
        </message>
        <message>
            <source>berlaku s.d. {day}</source>
            <translation>valid until {day}</translation>
        </message>
        <message>
            <source>{document}: belum ada berkas</source>
            <translation>{document}: no file yet</translation>
        </message>
        <message>
            <source>Pilih scan di daftar pemindai dulu</source>
            <translation>Choose a scan in the scanner list first</translation>
        </message>
        <message>
            <source>Pilih dokumen di daftar dulu</source>
            <translation>Choose a document in the list first</translation>
        </message>
        <message>
            <source>Melampirkan {file} sebagai {document}...</source>
            <translation>Attaching {file} as {document}...</translation>
        </message>
        <message>
            <source>{document} dilampirkan (status: {status}). Bandingkan dengan aslinya, lalu Verifikasi.</source>
            <translation>{document} attached (status: {status}). Compare it with the original, then Verify.</translation>
        </message>
        <message>
            <source>{document} terverifikasi</source>
            <translation>{document} verified</translation>
        </message>
        <message>
            <source>Tolak {document}</source>
            <translation>Reject {document}</translation>
        </message>
        <message>
            <source>Tulis alasan penolakan {document}. Alasan ini disampaikan kepada CPMI dan dicatat di riwayat.</source>
            <translation>Write the reason for rejecting {document}. The reason is passed on to the applicant and recorded in the history.</translation>
        </message>
        <message>
            <source>Tolak dokumen</source>
            <translation>Reject document</translation>
        </message>
        <message>
            <source>{document} ditolak: {reason}</source>
            <translation>{document} rejected: {reason}</translation>
        </message>
        <message>
            <source>Status CPMI sekarang: Dokumen lengkap. Surat dapat diterbitkan.</source>
            <translation>Applicant status is now: Documents complete. Letters can be issued.</translation>
        </message>
    </context>
    <context>
        <name>FirstAccountDialog</name>
        <message>
            <source>LTSA Desk - Akun pertama</source>
            <translation>LTSA Desk - First account</translation>
        </message>
        <message>
            <source>Loket ini belum punya akun. Buat akun Admin pertama; Admin kemudian menambahkan akun petugas.</source>
            <translation>This counter has no accounts yet. Create the first Admin account; the Admin then adds the officer accounts.</translation>
        </message>
        <message>
            <source>Nama pengguna</source>
            <translation>Username</translation>
        </message>
        <message>
            <source>Nama lengkap</source>
            <translation>Full name</translation>
        </message>
        <message>
            <source>Kata sandi</source>
            <translation>Password</translation>
        </message>
        <message>
            <source>Ulangi kata sandi</source>
            <translation>Repeat password</translation>
        </message>
        <message>
            <source>Simpan</source>
            <translation>Save</translation>
        </message>
        <message>
            <source>Batal</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <source>Kata sandi dan ulangannya tidak sama</source>
            <translation>The password and its repetition do not match</translation>
        </message>
    </context>
    <context>
        <name>GroupActions</name>
        <message>
            <source>Ajukan paspor yang dipilih</source>
            <translation>Apply for passports of the selection</translation>
        </message>
        <message>
            <source>Pilih beberapa CPMI (Ctrl atau Shift + klik), lalu ajukan paspor mereka sekaligus.</source>
            <translation>Select several applicants (Ctrl or Shift + click), then apply for their passports at once.</translation>
        </message>
        <message>
            <source>Verifikasi dokumen...</source>
            <translation>Verify documents...</translation>
        </message>
        <message>
            <source>Verifikasi satu jenis dokumen untuk semua CPMI yang dipilih sekaligus.</source>
            <translation>Verify one kind of document for all selected applicants at once.</translation>
        </message>
        <message>
            <source>Pilih semua CPMI P3MI ini</source>
            <translation>Select all applicants of this P3MI</translation>
        </message>
        <message>
            <source>Pilih semua CPMI dari P3MI CPMI yang dipilih, juga yang tidak tampil di tabel (kecuali yang sudah berangkat atau batal).</source>
            <translation>Select every applicant of the selected applicant's placement agency (P3MI), also those not shown in the table (except those departed or cancelled).</translation>
        </message>
        <message>
            <source>Batalkan pilihan</source>
            <translation>Clear the choice</translation>
        </message>
        <message>
            <source>Hasil tindakan kelompok</source>
            <translation>Result of the group action</translation>
        </message>
        <message>
            <source> dan {count} lainnya</source>
            <translation> and {count} more</translation>
        </message>
        <message>
            <source>semua {count} CPMI P3MI {agency} ({names})</source>
            <translation>all {count} applicants of P3MI {agency} ({names})</translation>
        </message>
        <message>
            <source>{count} CPMI ({names})</source>
            <translation>{count} applicants ({names})</translation>
        </message>
        <message>
            <source>CPMI ini tidak tercatat dengan P3MI.</source>
            <translation>This applicant has no placement agency (P3MI) on record.</translation>
        </message>
        <message>
            <source>Dipilih: semua {count} CPMI P3MI {agency} yang belum berangkat atau batal, juga yang tidak tampil di tabel. Tombol di atas berlaku untuk semuanya.</source>
            <translation>Chosen: all {count} applicants of P3MI {agency} not departed or cancelled, also those not shown in the table. The buttons above apply to all of them.</translation>
        </message>
        <message>
            <source>Ajukan paspor {count} CPMI</source>
            <translation>Apply for {count} passports</translation>
        </message>
        <message>
            <source>Verifikasi dokumen {count} CPMI...</source>
            <translation>Verify documents of {count} applicants...</translation>
        </message>
        <message>
            <source>Ajukan paspor</source>
            <translation>Apply for passports</translation>
        </message>
        <message>
            <source>Ajukan paspor untuk {who}? Tiap CPMI diperiksa sendiri: yang ditolak disebut dengan alasannya, yang lain tetap diajukan dan menunggu dikirim ke Imigrasi.</source>
            <translation>Apply for the passports of {who}? Each applicant is checked on their own: a refusal is named with its reason, the others are still applied for and wait to be sent to Immigration.</translation>
        </message>
        <message>
            <source>Verifikasi dokumen untuk {who}? Pilih jenis dokumen yang sudah Anda bandingkan dengan aslinya. Tiap CPMI diperiksa sendiri: yang tidak dapat diverifikasi disebut dengan alasannya, yang lain tetap diverifikasi.</source>
            <translation>Verify a document of {who}? Choose the kind of document you have compared with the originals. Each applicant is checked on their own: one that cannot be verified is named with the reason, the others are still verified.</translation>
        </message>
        <message>
            <source>Sedang memproses {count} CPMI...</source>
            <translation>Working on {count} applicants...</translation>
        </message>
        <message>
            <source>{requested} paspor diajukan; {refused} ditolak.</source>
            <translation>{requested} passports applied for; {refused} refused.</translation>
        </message>
        <message>
            <source>Ditolak: {name} ({code}): {reason}</source>
            <translation>Refused: {name} ({code}): {reason}</translation>
        </message>
        <message>
            <source>{document}: {verified} CPMI terverifikasi; {refused} tidak.</source>
            <translation>{document}: {verified} applicants verified; {refused} not.</translation>
        </message>
        <message>
            <source>Tidak diverifikasi: {name} ({code}): {reason}</source>
            <translation>Not verified: {name} ({code}): {reason}</translation>
        </message>
        <message>
            <source>Tidak tersimpan: {error}</source>
            <translation>Not saved: {error}</translation>
        </message>
    </context>
    <context>
        <name>IntakePage</name>
        <message>
            <source>Tidak sekolah</source>
            <translation>No schooling</translation>
        </message>
        <message>
            <source>Tidak tamat SD</source>
            <translation>Did not finish primary school</translation>
        </message>
        <message>
            <source>NIK</source>
            <translation>NIK</translation>
        </message>
        <message>
            <source>Nama lengkap</source>
            <translation>Full name</translation>
        </message>
        <message>
            <source>Tempat lahir</source>
            <translation>Place of birth</translation>
        </message>
        <message>
            <source>Tanggal lahir</source>
            <translation>Date of birth</translation>
        </message>
        <message>
            <source>Jenis kelamin</source>
            <translation>Sex</translation>
        </message>
        <message>
            <source>Nomor KK</source>
            <translation>KK number (family card)</translation>
        </message>
        <message>
            <source>Alamat</source>
            <translation>Address</translation>
        </message>
        <message>
            <source>Nomor HP</source>
            <translation>Mobile number</translation>
        </message>
        <message>
            <source>Pendidikan terakhir</source>
            <translation>Highest education</translation>
        </message>
        <message>
            <source>Status perkawinan</source>
            <translation>Marital status</translation>
        </message>
        <message>
            <source>Negara tujuan</source>
            <translation>Destination country</translation>
        </message>
        <message>
            <source>Jabatan</source>
            <translation>Position</translation>
        </message>
        <message>
            <source>Sektor</source>
            <translation>Sector</translation>
        </message>
        <message>
            <source>P3MI</source>
            <translation>Placement agency (P3MI)</translation>
        </message>
        <message>
            <source>Rencana keberangkatan</source>
            <translation>Planned departure</translation>
        </message>
        <message>
            <source>16 angka, dari KTP</source>
            <translation>16 digits, from the KTP (ID card)</translation>
        </message>
        <message>
            <source>sesuai KTP</source>
            <translation>as on the KTP</translation>
        </message>
        <message>
            <source>DD-MM-YYYY</source>
            <translation>DD-MM-YYYY</translation>
        </message>
        <message>
            <source>16 angka (boleh kosong)</source>
            <translation>16 digits (may be left empty)</translation>
        </message>
        <message>
            <source>08xx-xxxx-xxxx</source>
            <translation>08xx-xxxx-xxxx</translation>
        </message>
        <message>
            <source>ketik nama negara</source>
            <translation>type the country name</translation>
        </message>
        <message>
            <source>ketik nama P3MI</source>
            <translation>type the P3MI name</translation>
        </message>
        <message>
            <source>{place} - lahir {born} - {sex}</source>
            <translation>{place} - born {born} - {sex}</translation>
        </message>
        <message>
            <source>Peringatan NIK sudah saya periksa; CPMI tetap didaftarkan di sini</source>
            <translation>I have checked the NIK warning; register the applicant here anyway</translation>
        </message>
        <message>
            <source>Kosongkan</source>
            <translation>Clear</translation>
        </message>
        <message>
            <source>Mulai CPMI baru (Ctrl+N)</source>
            <translation>Start a new applicant (Ctrl+N)</translation>
        </message>
        <message>
            <source>Simpan</source>
            <translation>Save</translation>
        </message>
        <message>
            <source>Simpan (Ctrl+S)</source>
            <translation>Save (Ctrl+S)</translation>
        </message>
        <message>
            <source>Pendaftaran CPMI</source>
            <translation>Applicant registration</translation>
        </message>
        <message>
            <source>Mulai dari NIK: tanggal lahir, jenis kelamin dan tempat lahir terisi dari NIK (periksa dengan KTP). Negara, jabatan, P3MI: ketik beberapa huruf, Enter memilih saran teratas. Enter: kolom berikutnya - Ctrl+S: simpan - Ctrl+N: CPMI baru - * wajib diisi</source>
            <translation>Start with the NIK: date of birth, sex and place of birth are filled in from the NIK (check them against the KTP). Country, job, P3MI: type a few letters, Enter takes the top suggestion. Enter: next field - Ctrl+S: save - Ctrl+N: new applicant - * required</translation>
        </message>
        <message>
            <source>Data diri (sesuai KTP)</source>
            <translation>Personal details (as on the KTP)</translation>
        </message>
        <message>
            <source>Pendidikan, status dan penempatan</source>
            <translation>Education, status and placement</translation>
        </message>
        <message>
            <source>Negara tujuan, jabatan, sektor dan P3MI seperti CPMI sebelumnya: Enter memakainya, ketik untuk menggantinya.</source>
            <translation>Destination country, job, sector and P3MI as for the previous applicant: Enter keeps them, typing replaces them.</translation>
        </message>
        <message>
            <source>NIK ini sudah terdaftar: {name}, kode {code}. Buka data CPMI ini; jangan didaftarkan dua kali.</source>
            <translation>This NIK is already registered: {name}, code {code}. Open this applicant's details; do not register them twice.</translation>
        </message>
        <message>
            <source>Buka data CPMI ini</source>
            <translation>Open this applicant</translation>
        </message>
        <message>
            <source>Belum tersimpan. Peringatan NIK: {warnings} Baca, lalu centang konfirmasi.</source>
            <translation>Not saved. NIK warnings: {warnings} Read them, then tick the confirmation.</translation>
        </message>
        <message>
            <source>Buka data CPMI (Enter)</source>
            <translation>Open applicant (Enter)</translation>
        </message>
        <message>
            <source>Dibuka dari Pendaftaran: NIK {nik} sudah terdaftar atas nama CPMI ini, jadi pendaftaran baru tidak disimpan.</source>
            <translation>Opened from Registration: NIK {nik} is already registered to this applicant, so the new registration was not saved.</translation>
        </message>
        <message>
            <source>Belum tersimpan: perbaiki {count} kolom yang bertanda merah.</source>
            <translation>Not saved: correct the fields marked in red ({count}).</translation>
        </message>
        <message>
            <source>NIK sudah terdaftar dengan kode {code}</source>
            <translation>This NIK is already registered under code {code}</translation>
        </message>
        <message>
            <source>Menyimpan...</source>
            <translation>Saving...</translation>
        </message>
        <message>
            <source>Tersimpan: {name} - kode pelacakan {code}</source>
            <translation>Saved: {name} - tracking code {code}</translation>
        </message>
        <message>
            <source>Belum tersimpan: perbaiki kolom yang bertanda merah.</source>
            <translation>Not saved: correct the fields marked in red.</translation>
        </message>
        <message>
            <source>Belum tersimpan: basis data tidak dapat ditulis. Data di layar masih ada; coba simpan lagi, jika tetap gagal hubungi teknisi.</source>
            <translation>Not saved: the database could not be written. The data on screen is still there; try saving again, and if it still fails call the technician.</translation>
        </message>
    </context>
    <context>
        <name>KindDialog</name>
        <message>
            <source>Verifikasi dokumen</source>
            <translation>Verify documents</translation>
        </message>
        <message>
            <source>&amp;Jenis dokumen</source>
            <translation>&amp;Document kind</translation>
        </message>
        <message>
            <source>Jenis dokumen</source>
            <translation>Document kind</translation>
        </message>
        <message>
            <source>{documents} diverifikasi satu per satu di data CPMI: tanggalnya dibaca dari aslinya.</source>
            <translation>{documents} are verified one applicant at a time: their dates are read off the original.</translation>
        </message>
        <message>
            <source>Verifikasi</source>
            <translation>Verify</translation>
        </message>
        <message>
            <source>Batal</source>
            <translation>Cancel</translation>
        </message>
    </context>
    <context>
        <name>LettersPanel</name>
        <message>
            <source>Cetak</source>
            <extracomment>How long a written PDF may stay in the temp folder. Receipts and letters carry a CPMI's name, NIK and address, and the counter's Windows account is shared by every officer (and readable by anyone at the PC): a paper is kept only while the viewer may still need it, and any copy can be written again from the database. Older ones go when a panel opens; all go when the window closes (a viewer still holding one open on Windows keeps it until the next start).</extracomment>
            <translation>Print</translation>
        </message>
        <message>
            <source>ditolak</source>
            <translation>rejected</translation>
        </message>
        <message>
            <source>belum diperiksa</source>
            <translation>not checked yet</translation>
        </message>
        <message>
            <source>tanpa tanggal terbit</source>
            <translation>no issue date</translation>
        </message>
        <message>
            <source>terlalu lama</source>
            <translation>too old</translation>
        </message>
        <message>
            <source>kedaluwarsa</source>
            <translation>expired</translation>
        </message>
        <message>
            <source>Dokumen belum lengkap: {documents}</source>
            <translation>Documents incomplete: {documents}</translation>
        </message>
        <message>
            <source>Baru dapat diterbitkan setelah dokumen lengkap (status sekarang: {state})</source>
            <translation>Can be issued once the documents are complete (status now: {state})</translation>
        </message>
        <message>
            <source>Sudah terbit dengan nomor {number}; cetak ulang surat itu, atau batalkan dulu bila harus diganti</source>
            <translation>Already issued as number {number}; reprint that letter, or void it first if it must be replaced</translation>
        </message>
        <message>
            <source>Surat ini ditujukan kepada P3MI; isi P3MI pada data CPMI dulu</source>
            <translation>This letter is addressed to the P3MI; fill in the P3MI in the applicant's details first</translation>
        </message>
        <message>
            <source>Surat ini menyebut negara tujuan; isi negara tujuan pada data CPMI dulu</source>
            <translation>This letter names the destination country; fill in the destination country in the applicant's details first</translation>
        </message>
        <message>
            <source>Surat yang dibatalkan tidak dicetak</source>
            <translation>Voided letters are not printed</translation>
        </message>
        <message>
            <source>Tanda terima</source>
            <translation>Receipt</translation>
        </message>
        <message>
            <source>Tidak ada permohonan paspor yang menunggu dikirim; hand-carry tidak diperlukan</source>
            <translation>No passport application is waiting to be sent; hand-carry is not needed</translation>
        </message>
        <message>
            <source>Permohonan paspor (hand-carry)</source>
            <translation>Passport application (hand-carry)</translation>
        </message>
        <message>
            <source>Terbitkan SPR</source>
            <translation>Issue Recruitment letter (SPR)</translation>
        </message>
        <message>
            <source>Terbitkan Rekomendasi Paspor</source>
            <translation>Issue Passport recommendation</translation>
        </message>
        <message>
            <source>Pilih surat untuk melihat atau mencetaknya.</source>
            <translation>Select a letter to view or print it.</translation>
        </message>
        <message>
            <source>Surat</source>
            <translation>Letter</translation>
        </message>
        <message>
            <source>Nomor</source>
            <translation>Number</translation>
        </message>
        <message>
            <source>Tanggal</source>
            <translation>Date</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Status</translation>
        </message>
        <message>
            <source>Dicetak ulang</source>
            <translation>Reprints</translation>
        </message>
        <message>
            <source>Belum ada surat untuk CPMI ini.</source>
            <translation>No letters for this applicant yet.</translation>
        </message>
        <message>
            <source>&amp;Buka PDF</source>
            <translation>&amp;Open PDF</translation>
        </message>
        <message>
            <source>Buka surat terpilih sebagai PDF; surat lama dibuka sebagai SALINAN (Enter)</source>
            <translation>Open the selected letter as a PDF; an earlier letter opens as a COPY (Enter)</translation>
        </message>
        <message>
            <source>&amp;Cetak...</source>
            <translation>&amp;Print...</translation>
        </message>
        <message>
            <source>Cetak surat terpilih lewat dialog cetak (Ctrl+P)</source>
            <translation>Print the selected letter through the print dialog (Ctrl+P)</translation>
        </message>
        <message>
            <source>Batalkan &amp;surat...</source>
            <translation>&amp;Void letter...</translation>
        </message>
        <message>
            <source>Batalkan surat dengan alasan; nomornya tidak dipakai lagi</source>
            <translation>Void the letter with a reason; its number is not used again</translation>
        </message>
        <message>
            <source>Cetak &amp;tanda terima</source>
            <translation>Print &amp;receipt</translation>
        </message>
        <message>
            <source>Tanda terima untuk CPMI: kode pelacakan, yang dikerjakan hari ini dan kiriman yang masih menunggu (Ctrl+P bila tidak ada surat terpilih)</source>
            <translation>Receipt for the applicant: tracking code, what was done today and submissions still waiting (Ctrl+P when no letter is selected)</translation>
        </message>
        <message>
            <source>Permohonan paspor (&amp;hand-carry)</source>
            <translation>Passport application (&amp;hand-carry)</translation>
        </message>
        <message>
            <source>Terbitkan surat</source>
            <translation>Issue a letter</translation>
        </message>
        <message>
            <source>Untuk dibawa CPMI</source>
            <translation>For the applicant to take</translation>
        </message>
        <message>
            <source>Surat yang sudah terbit</source>
            <translation>Letters issued</translation>
        </message>
        <message>
            <source>Dibatalkan</source>
            <translation>Voided</translation>
        </message>
        <message>
            <source>Berlaku</source>
            <translation>Valid</translation>
        </message>
        <message>
            <source>Siap diterbitkan untuk {name}</source>
            <translation>Ready to issue for {name}</translation>
        </message>
        <message>
            <source>Siap diterbitkan; status menjadi Direkomendasikan</source>
            <translation>Ready to issue; the status becomes Recommended</translation>
        </message>
        <message>
            <source>Permohonan paspor belum terkirim dan tanggal berangkat sudah lewat</source>
            <translation>The passport application has not been delivered and the departure date has passed</translation>
        </message>
        <message>
            <source>Permohonan paspor belum terkirim dan CPMI berangkat hari ini</source>
            <translation>The passport application has not been delivered and the applicant departs today</translation>
        </message>
        <message>
            <source>Permohonan paspor belum terkirim dan CPMI berangkat {days} hari lagi: cetak agar dibawa ke Imigrasi</source>
            <translation>The passport application has not been delivered and the applicant departs soon (days left: {days}): print it for the applicant to take to Immigration</translation>
        </message>
        <message>
            <source>Tidak ada permohonan paspor yang menunggu dikirim</source>
            <translation>No passport application is waiting to be sent</translation>
        </message>
        <message>
            <source>Permohonan paspor masih menunggu dikirim; keberangkatan lebih dari {days} hari lagi</source>
            <translation>The passport application is still waiting to be sent; departure is more than {days} days away</translation>
        </message>
        <message>
            <source>Menerbitkan {title}...</source>
            <translation>Issuing {title}...</translation>
        </message>
        <message>
            <source>{title} terbit dengan nomor {number}. Ctrl+P untuk mencetak.</source>
            <translation>{title} issued with number {number}. Ctrl+P to print.</translation>
        </message>
        <message>
            <source>PDF dibuat tetapi tidak ada penampil PDF yang membukanya: {path}</source>
            <translation>The PDF was created but no PDF viewer opened it: {path}</translation>
        </message>
        <message>
            <source>SALINAN</source>
            <translation>COPY</translation>
        </message>
        <message>
            <source>{what} dibuka</source>
            <translation>{what} opened</translation>
        </message>
        <message>
            <source>{what} dikirim ke printer</source>
            <translation>{what} sent to the printer</translation>
        </message>
        <message>
            <source>Batalkan surat</source>
            <translation>Void letter</translation>
        </message>
        <message>
            <source>Batalkan {title} nomor {number}? Surat tetap tercatat sebagai dibatalkan dan nomornya tidak dipakai lagi. Tulis alasannya.</source>
            <translation>Void {title} number {number}? The letter stays on record as void and its number is not used again. Write the reason.</translation>
        </message>
        <message>
            <source>{title} nomor {number} dibatalkan</source>
            <translation>{title} number {number} voided</translation>
        </message>
    </context>
    <context>
        <name>LineStatus</name>
        <message>
            <source>Registri pusat</source>
            <translation>Central registry</translation>
        </message>
        <message>
            <source>Imigrasi</source>
            <translation>Immigration</translation>
        </message>
        <message>
            <source>{n} menit</source>
            <translation>{n} min</translation>
        </message>
        <message>
            <source>kurang dari 1 menit</source>
            <translation>less than 1 min</translation>
        </message>
        <message>
            <source>{n} jam</source>
            <translation>{n} h</translation>
        </message>
        <message>
            <source>{n} hari</source>
            <translation>{n} d</translation>
        </message>
        <message>
            <source>belum diatur</source>
            <translation>not set up</translation>
        </message>
        <message>
            <source>Alamat server {destination} belum diatur. Hubungi teknisi.</source>
            <translation>The {destination} server address is not set. Call the technician.</translation>
        </message>
        <message>
            <source>Ditunda - hubungi teknisi</source>
            <translation>Paused - call the technician</translation>
        </message>
        <message>
            <source>Server tujuan menolak kredensial (token).</source>
            <translation>The destination server refused the credentials (token).</translation>
        </message>
        <message>
            <source>Data tetap tersimpan; teknisi perlu memperbarui kredensial.</source>
            <translation>The data stays saved; the technician needs to renew the credentials.</translation>
        </message>
        <message>
            <source>{n} kiriman menunggu</source>
            <translation>Waiting: {n}</translation>
        </message>
        <message>
            <source>Offline sejak {duration}</source>
            <translation>Offline for {duration}</translation>
        </message>
        <message>
            <source>Sambungan terputus. Kiriman akan berangkat sendiri saat tersambung.</source>
            <translation>The connection is down. Submissions will go out automatically once connected.</translation>
        </message>
        <message>
            <source>tidak ada kiriman menunggu</source>
            <translation>nothing waiting</translation>
        </message>
        <message>
            <source>Online</source>
            <translation>Online</translation>
        </message>
        <message>
            <source>semua terkirim</source>
            <translation>all delivered</translation>
        </message>
        <message>
            <source>Memeriksa sambungan</source>
            <translation>Checking the connection</translation>
        </message>
        <message>
            <source>Perlu tindakan: {n}</source>
            <translation>Needs attention: {n}</translation>
        </message>
        <message>
            <source>Ada kiriman yang ditolak. Buka Sinkronisasi untuk memperbaikinya.</source>
            <translation>Some submissions were rejected. Open Sync to correct them.</translation>
        </message>
        <message>
            <source>Kiriman tertua menunggu {duration}.</source>
            <translation>The oldest submission has been waiting {duration}.</translation>
        </message>
        <message>
            <source>Klik untuk membuka Sinkronisasi</source>
            <translation>Click to open Sync</translation>
        </message>
    </context>
    <context>
        <name>LockDialog</name>
        <message>
            <source>LTSA Desk - Terkunci</source>
            <translation>LTSA Desk - Locked</translation>
        </message>
        <message>
            <source>Ganti petugas</source>
            <translation>Switch officer</translation>
        </message>
        <message>
            <source>Petugas lain masuk dengan nama pengguna dan kata sandinya sendiri.</source>
            <translation>Another officer signs in with their own username and password.</translation>
        </message>
        <message>
            <source>Masuk</source>
            <translation>Sign in</translation>
        </message>
        <message>
            <source>Kembali</source>
            <translation>Back</translation>
        </message>
        <message>
            <source>Layar dikunci</source>
            <translation>Screen locked</translation>
        </message>
        <message>
            <source>Loket ini dikunci karena tidak dipakai. Petugas {name} membuka kunci dengan kata sandinya.</source>
            <translation>This counter was locked because it was not in use. Officer {name} unlocks it with their password.</translation>
        </message>
        <message>
            <source>Loket ini dikunci oleh petugas {name}, yang membukanya lagi dengan kata sandinya.</source>
            <translation>Officer {name} locked this counter and unlocks it with their password.</translation>
        </message>
        <message>
            <source>Keluar</source>
            <translation>Sign out</translation>
        </message>
        <message>
            <source>Keluar dan tutup LTSA Desk (akhir tugas)</source>
            <translation>Sign out and close LTSA Desk (end of shift)</translation>
        </message>
        <message>
            <source>Buka kunci</source>
            <translation>Unlock</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>Navigasi</source>
            <translation>Navigation</translation>
        </message>
        <message>
            <source>Pilih layar. Ctrl+N: Pendaftaran, F2: Pencarian.</source>
            <translation>Choose a screen. Ctrl+N: Registration, F2: Search.</translation>
        </message>
        <message>
            <source>Kunci</source>
            <translation>Lock</translation>
        </message>
        <message>
            <source>Kunci layar (Ctrl+L)</source>
            <translation>Lock the screen (Ctrl+L)</translation>
        </message>
        <message>
            <source>LTSA Desk - Kantor {office} - Loket {counter}</source>
            <translation>LTSA Desk - Office {office} - Counter {counter}</translation>
        </message>
        <message>
            <source>{title} - MODE LATIHAN</source>
            <translation>{title} - TRAINING MODE</translation>
        </message>
        <message>
            <source>Pendaftaran</source>
            <translation>Registration</translation>
        </message>
        <message>
            <source>Pencarian</source>
            <translation>Search</translation>
        </message>
        <message>
            <source>Sinkronisasi</source>
            <translation>Sync</translation>
        </message>
        <message>
            <source>Laporan</source>
            <translation>Reports</translation>
        </message>
        <message>
            <source>Pengguna</source>
            <translation>Users</translation>
        </message>
        <message>
            <source>Log audit</source>
            <translation>Audit log</translation>
        </message>
        <message>
            <source>Petugas: {name} ({role})</source>
            <translation>Officer: {name} ({role})</translation>
        </message>
        <message>
            <source>{label} ({keys})</source>
            <translation>{label} ({keys})</translation>
        </message>
        <message>
            <source>Mode latihan</source>
            <translation>Training mode</translation>
        </message>
        <message>
            <source>Tutup LTSA Desk?</source>
            <translation>Close LTSA Desk?</translation>
        </message>
        <message>
            <source>Formulir pendaftaran belum disimpan. Tutup dan buang isinya?</source>
            <translation>The registration form has not been saved. Close and discard its contents?</translation>
        </message>
        <message>
            <source>Pengaturan</source>
            <translation>Settings</translation>
        </message>
    </context>
    <context>
        <name>PasswordDialog</name>
        <message>
            <source>Atur ulang kata sandi</source>
            <translation>Reset password</translation>
        </message>
        <message>
            <source>Kata sandi baru</source>
            <translation>New password</translation>
        </message>
        <message>
            <source>Ulangi kata sandi</source>
            <translation>Repeat password</translation>
        </message>
        <message>
            <source>Kata sandi baru untuk {username}. Sampaikan langsung kepada petugasnya.</source>
            <translation>New password for {username}. Tell it to the officer in person.</translation>
        </message>
        <message>
            <source>Simpan</source>
            <translation>Save</translation>
        </message>
        <message>
            <source>Batal</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <source>Ulangi kata sandi: tidak sama dengan yang pertama</source>
            <translation>Repeat password: not the same as the first</translation>
        </message>
    </context>
    <context>
        <name>Preview</name>
        <message>
            <source>PDF ini tidak dapat ditampilkan</source>
            <extracomment>Longest side of the decoded image. Big enough to read a KTP number on a 1366x768 screen, small enough that scaling it on every resize costs nothing.</extracomment>
            <translation>This PDF cannot be displayed</translation>
        </message>
        <message>
            <source>{kind}, {size} - halaman 1 dari {pages}</source>
            <translation>{kind}, {size} - page 1 of {pages}</translation>
        </message>
        <message>
            <source>Gambar ini tidak dapat ditampilkan</source>
            <translation>This image cannot be displayed</translation>
        </message>
        <message>
            <source>{kind}, {size}</source>
            <translation>{kind}, {size}</translation>
        </message>
        <message>
            <source>Berkas tidak dapat dibaca: {name}</source>
            <translation>The file cannot be read: {name}</translation>
        </message>
        <message>
            <source>Berkas terlalu besar: {size} (batas {limit})</source>
            <translation>The file is too large: {size} (limit {limit})</translation>
        </message>
        <message>
            <source>Lampiran tidak dapat dibaca dari penyimpanan; hubungi teknisi</source>
            <translation>The attachment cannot be read from storage; call the technician</translation>
        </message>
    </context>
    <context>
        <name>PreviewPane</name>
        <message>
            <source>Pilih dokumen untuk melihat</source>
            <translation>Choose a document to view it</translation>
        </message>
        <message>
            <source>Memuat pratinjau...</source>
            <translation>Loading preview...</translation>
        </message>
        <message>
            <source>Pratinjau tidak dapat dibuat</source>
            <translation>The preview could not be made</translation>
        </message>
    </context>
    <context>
        <name>ReasonDialog</name>
        <message>
            <source>Batal</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <source>Batal (Esc)</source>
            <translation>Cancel (Esc)</translation>
        </message>
        <message>
            <source>{action} (Ctrl+Enter)</source>
            <translation>{action} (Ctrl+Enter)</translation>
        </message>
        <message>
            <source>Alasan wajib diisi</source>
            <translation>A reason is required</translation>
        </message>
    </context>
    <context>
        <name>RecoveryKeyDialog</name>
        <message>
            <source>LTSA Desk - Kunci pemulihan</source>
            <translation>LTSA Desk - Recovery key</translation>
        </message>
        <message>
            <source>Ini kunci pemulihan basis data loket ini. Tulis atau cetak, lalu simpan di tempat aman di luar komputer ini. Kunci ini hanya ditampilkan sekali. Tanpa kunci ini, data CPMI tidak bisa dibuka lagi bila komputer atau akun Windows berganti.</source>
            <translation>This is the recovery key for this counter's database. Write it down or print it, then keep it in a safe place away from this computer. The key is shown only once. Without it, the applicant data cannot be opened again if the computer or the Windows account changes.</translation>
        </message>
        <message>
            <source>Salin</source>
            <translation>Copy</translation>
        </message>
        <message>
            <source>Salin kunci pemulihan ke papan klip</source>
            <translation>Copy the recovery key to the clipboard</translation>
        </message>
        <message>
            <source>Cetak...</source>
            <translation>Print...</translation>
        </message>
        <message>
            <source>Cetak kunci pemulihan untuk disimpan di tempat aman</source>
            <translation>Print the recovery key to keep it in a safe place</translation>
        </message>
        <message>
            <source>Kunci pemulihan sudah saya catat dan simpan</source>
            <translation>I have written down the recovery key and stored it safely</translation>
        </message>
        <message>
            <source>Selesai</source>
            <translation>Done</translation>
        </message>
        <message>
            <source>Tersalin.</source>
            <translation>Copied.</translation>
        </message>
        <message>
            <source>LTSA Desk - Kunci pemulihan basis data</source>
            <translation>LTSA Desk - Database recovery key</translation>
        </message>
        <message>
            <source>Dengan kunci ini teknisi membuka kembali basis data loket bila komputer atau akun Windows berganti (ltsa-desk recover). Simpan kertas ini di tempat terkunci, jauh dari komputer loket.</source>
            <translation>With this key a technician opens the counter's database again when the PC or the Windows account changes (ltsa-desk recover). Keep this paper locked away, far from the counter PC.</translation>
        </message>
        <message>
            <source>Dicetak.</source>
            <translation>Printed.</translation>
        </message>
    </context>
    <context>
        <name>ReportsPage</name>
        <message>
            <source>Pendaftaran dan penempatan CPMI</source>
            <extracomment>(path suggested, file filter) -&gt; the chosen path, or None when the admin cancelled.</extracomment>
            <translation>Applicant registration and placement</translation>
        </message>
        <message>
            <source>Surat dan dokumen</source>
            <translation>Letters and documents</translation>
        </message>
        <message>
            <source>Pengiriman data (sinkronisasi)</source>
            <translation>Data submissions (sync)</translation>
        </message>
        <message>
            <source>Gangguan jaringan (offline)</source>
            <translation>Network outages (offline)</translation>
        </message>
        <message>
            <source>Bulan ini</source>
            <translation>This month</translation>
        </message>
        <message>
            <source>Bulan lalu</source>
            <translation>Last month</translation>
        </message>
        <message>
            <source>Excel (XLSX)</source>
            <translation>Excel (XLSX)</translation>
        </message>
        <message>
            <source>PDF (cetak A4)</source>
            <translation>PDF (A4 print)</translation>
        </message>
        <message>
            <source>CSV</source>
            <translation>CSV</translation>
        </message>
        <message>
            <source>Titik koma ( ; ) untuk Excel berbahasa Indonesia</source>
            <translation>Semicolon ( ; ) for Indonesian Excel</translation>
        </message>
        <message>
            <source>Koma ( , )</source>
            <translation>Comma ( , )</translation>
        </message>
        <message>
            <source>Pratinjau</source>
            <translation>Preview</translation>
        </message>
        <message>
            <source>Tampilkan grafik sebelum menyimpan</source>
            <translation>Show the charts before saving</translation>
        </message>
        <message>
            <source>Ekspor...</source>
            <translation>Export...</translation>
        </message>
        <message>
            <source>Simpan laporan ke berkas (Ctrl+S)</source>
            <translation>Save the report to a file (Ctrl+S)</translation>
        </message>
        <message>
            <source>Batal</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <source>Hentikan ekspor (Esc)</source>
            <translation>Stop the export (Esc)</translation>
        </message>
        <message>
            <source>Laporan</source>
            <translation>Reports</translation>
        </message>
        <message>
            <source>Jenis laporan</source>
            <translation>Report type</translation>
        </message>
        <message>
            <source>Dari tanggal</source>
            <translation>From date</translation>
        </message>
        <message>
            <source>Sampai tanggal</source>
            <translation>To date</translation>
        </message>
        <message>
            <source>Format</source>
            <translation>Format</translation>
        </message>
        <message>
            <source>Pemisah CSV</source>
            <translation>CSV separator</translation>
        </message>
        <message>
            <source>Pilih jenis laporan dan periode, lalu tekan Pratinjau untuk melihat grafik.</source>
            <translation>Choose the report type and period, then press Preview to see the charts.</translation>
        </message>
        <message>
            <source>CPMI terdaftar per negara tujuan, sektor, jenis kelamin, pendidikan, status perkawinan, P3MI dan bulan, dengan data per CPMI.</source>
            <translation>Applicants registered by destination country, sector, sex, education, marital status, placement agency (P3MI) and month, with one row per applicant.</translation>
        </message>
        <message>
            <source>Surat (SPR, rekomendasi paspor) per bulan dan petugas; dokumen yang ditolak dan alasannya.</source>
            <translation>Letters (SPR, passport recommendations) by month and officer; rejected documents and why.</translation>
        </message>
        <message>
            <source>Kiriman terkirim per tujuan, lama sampai terkirim (median, p90, maks), dan kiriman yang perlu tindakan.</source>
            <translation>Submissions delivered per destination, time to delivery (median, p90, max), and submissions that need attention.</translation>
        </message>
        <message>
            <source>Setiap masa offline per tujuan, hari offline per bulan, antrean terbesar dan umur kiriman tertuanya.</source>
            <translation>Every offline period per destination, days offline per month, the largest backlog and the age of its oldest submission.</translation>
        </message>
        <message>
            <source>Tanggal 'Sampai' lebih awal dari tanggal 'Dari'; perbaiki periodenya.</source>
            <translation>The 'To' date is before the 'From' date; correct the period.</translation>
        </message>
        <message>
            <source>Menghitung pratinjau...</source>
            <translation>Calculating the preview...</translation>
        </message>
        <message>
            <source>Kantor: {office}</source>
            <translation>Office: {office}</translation>
        </message>
        <message>
            <source>Loket: {counters}</source>
            <translation>Counter: {counters}</translation>
        </message>
        <message>
            <source>Periode: {period}</source>
            <translation>Period: {period}</translation>
        </message>
        <message>
            <source>Pratinjau siap: {rows} baris rincian. Tekan Ekspor untuk menyimpan.</source>
            <translation>Preview ready: {rows} detail rows. Press Export to save.</translation>
        </message>
        <message>
            <source>Buku kerja Excel (*.xlsx)</source>
            <translation>Excel workbook (*.xlsx)</translation>
        </message>
        <message>
            <source>Dokumen PDF (*.pdf)</source>
            <translation>PDF document (*.pdf)</translation>
        </message>
        <message>
            <source>CSV (*.csv)</source>
            <translation>CSV (*.csv)</translation>
        </message>
        <message>
            <source>Mengekspor laporan...</source>
            <translation>Exporting the report...</translation>
        </message>
        <message>
            <source>{done} dari {total} baris</source>
            <translation>{done} of {total} rows</translation>
        </message>
        <message>
            <source>Tersimpan: {path} ({rows} baris rincian).</source>
            <translation>Saved: {path} ({rows} detail rows).</translation>
        </message>
        <message>
            <source>Membatalkan...</source>
            <translation>Cancelling...</translation>
        </message>
        <message>
            <source>Dibatalkan. Tidak ada berkas yang disimpan.</source>
            <translation>Cancelled. No file was saved.</translation>
        </message>
        <message>
            <source>Berkas tidak bisa ditulis ({reason}). Pilih folder lain, atau tutup berkas itu jika sedang dibuka di Excel.</source>
            <translation>The file cannot be written ({reason}). Choose another folder, or close the file if it is open in Excel.</translation>
        </message>
        <message>
            <source>Laporan gagal dibuat. Coba lagi; jika tetap gagal, hubungi teknisi.</source>
            <translation>The report could not be made. Try again; if it still fails, call the technician.</translation>
        </message>
        <message>
            <source>Simpan laporan</source>
            <translation>Save report</translation>
        </message>
    </context>
    <context>
        <name>ScanInbox</name>
        <message>
            <source>Scan baru di folder pemindai</source>
            <extracomment>A file touched more recently than this is taken to be still written by the scanner. Debounce of watcher events: a scanner writing one file fires many of them. The backstop poll for shares where the watcher stays silent.</extracomment>
            <translation>New scans in the scanner folder</translation>
        </message>
        <message>
            <source>Enter atau klik dua kali: lampirkan scan ini ke dokumen yang dipilih</source>
            <translation>Enter or double-click: attach this scan to the selected document</translation>
        </message>
        <message>
            <source>Folder pemindai belum diatur. Admin dapat mengaturnya di Pengaturan (scan.inbox); sementara itu lampirkan dari berkas.</source>
            <translation>The scanner folder is not set. An Admin can set it in Settings (scan.inbox); meanwhile, attach from a file.</translation>
        </message>
        <message>
            <source>Folder pemindai tidak ditemukan: {folder}</source>
            <translation>Scanner folder not found: {folder}</translation>
        </message>
        <message>
            <source>Folder pemindai tidak dapat dibaca: {folder}</source>
            <translation>The scanner folder cannot be read: {folder}</translation>
        </message>
        <message>
            <source>Folder pemindai tidak dapat dibaca</source>
            <translation>The scanner folder cannot be read</translation>
        </message>
        <message>
            <source>{name}  -  {kind}, {size}  -  {when}</source>
            <translation>{name}  -  {kind}, {size}  -  {when}</translation>
        </message>
        <message>
            <source>{name}  -  sedang disimpan pemindai...</source>
            <translation>{name}  -  the scanner is still saving it...</translation>
        </message>
        <message>
            <source>{count} scan menunggu di {folder}</source>
            <translation>Scans waiting in {folder}: {count}</translation>
        </message>
        <message>
            <source>Belum ada scan baru di {folder}</source>
            <translation>No new scans in {folder} yet</translation>
        </message>
    </context>
    <context>
        <name>SearchPage</name>
        <message>
            <source>Pencarian CPMI</source>
            <translation>Applicant search</translation>
        </message>
        <message>
            <source>Ketik nama, awal NIK atau kode pelacakan (F2)</source>
            <translation>Type a name, the start of a NIK or a tracking code (F2)</translation>
        </message>
        <message>
            <source>Cari CPMI (F2). Enter: ke tabel hasil - Esc: kosongkan. Di tabel, Enter atau klik dua kali membuka data CPMI.</source>
            <translation>Search for applicants (F2). Enter: go to the results table - Esc: clear. In the table, Enter or double-click opens the applicant.</translation>
        </message>
        <message>
            <source>Cari CPMI</source>
            <translation>Search applicants</translation>
        </message>
        <message>
            <source>Nama, awal NIK atau kode pelacakan. Enter: buka bila hanya satu hasil.</source>
            <translation>Name, start of the NIK or tracking code. Enter: opens it when there is only one result.</translation>
        </message>
        <message>
            <source>Hasil pencarian CPMI</source>
            <translation>Applicant search results</translation>
        </message>
        <message>
            <source>Enter atau klik dua kali membuka data CPMI.</source>
            <translation>Enter or double-click opens the applicant.</translation>
        </message>
        <message>
            <source>Mencari...</source>
            <translation>Searching...</translation>
        </message>
        <message>
            <source>Tidak ada CPMI yang cocok dengan "{text}".</source>
            <translation>No applicant matches "{text}".</translation>
        </message>
        <message>
            <source>Belum ada CPMI terdaftar.</source>
            <translation>No applicants registered yet.</translation>
        </message>
        <message>
            <source>{count} CPMI ditemukan.</source>
            <translation>Applicants found: {count}.</translation>
        </message>
        <message>
            <source>{count} CPMI terbaru ditampilkan; gulir ke bawah untuk berikutnya.</source>
            <translation>Showing the {count} most recent applicants; scroll down for more.</translation>
        </message>
        <message>
            <source>{count} CPMI pertama ditampilkan; gulir ke bawah untuk berikutnya.</source>
            <translation>Showing the first {count} applicants; scroll down for more.</translation>
        </message>
    </context>
    <context>
        <name>ServerWaitDialog</name>
        <message>
            <source>Menunggu server kantor</source>
            <translation>Waiting for the office server</translation>
        </message>
        <message>
            <source>Server basis data kantor belum menjawab. LTSA Desk mencoba lagi sendiri dan terbuka begitu server kembali; tidak perlu menutup atau memasang ulang apa pun.</source>
            <translation>The office database server has not answered yet. LTSA Desk keeps trying by itself and opens as soon as the server is back; there is no need to close or reinstall anything.</translation>
        </message>
        <message>
            <source>Percobaan ke-{n}...</source>
            <translation>Attempt {n}...</translation>
        </message>
        <message>
            <source>LTSA Desk tidak bisa dibuka:</source>
            <translation>LTSA Desk cannot be opened:</translation>
        </message>
    </context>
    <context>
        <name>SettingsPage</name>
        <message>
            <source>Loket ini</source>
            <translation>This counter</translation>
        </message>
        <message>
            <source>Kantor</source>
            <translation>Office</translation>
        </message>
        <message>
            <source>Nama kantor</source>
            <translation>Office name</translation>
        </message>
        <message>
            <source>Loket</source>
            <translation>Counter</translation>
        </message>
        <message>
            <source>Folder data</source>
            <translation>Data folder</translation>
        </message>
        <message>
            <source>Versi</source>
            <translation>Version</translation>
        </message>
        <message>
            <source>Bahasa</source>
            <translation>Language</translation>
        </message>
        <message>
            <source>Bahasa tampilan</source>
            <translation>Display language</translation>
        </message>
        <message>
            <source>Mode latihan</source>
            <translation>Training mode</translation>
        </message>
        <message>
            <source>Mode latihan memakai basis data terpisah dan server tiruan, sehingga petugas baru dapat berlatih tanpa menyentuh data CPMI yang nyata.</source>
            <translation>Training mode uses a separate database and simulated servers, so new officers can practise without touching real applicant data.</translation>
        </message>
        <message>
            <source>Keluar dari mode latihan</source>
            <translation>Leave training mode</translation>
        </message>
        <message>
            <source>Masuk mode latihan</source>
            <translation>Start training mode</translation>
        </message>
        <message>
            <source>Tersimpan; berlaku saat LTSA Desk dibuka lagi.</source>
            <translation>Saved; takes effect the next time LTSA Desk is opened.</translation>
        </message>
    </context>
    <context>
        <name>SetupWizard</name>
        <message>
            <source>LTSA Desk - Pengaturan awal loket</source>
            <translation>LTSA Desk - Counter set-up</translation>
        </message>
        <message>
            <source>Batal</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <source>Batal tanpa menyimpan apa pun (Esc)</source>
            <translation>Cancel without saving anything (Esc)</translation>
        </message>
        <message>
            <source>&amp;Kembali</source>
            <translation>&amp;Back</translation>
        </message>
        <message>
            <source>Langkah sebelumnya (Alt+K)</source>
            <translation>Previous step (Alt+B)</translation>
        </message>
        <message>
            <source>&amp;Lanjut</source>
            <translation>&amp;Next</translation>
        </message>
        <message>
            <source>Langkah berikutnya (Enter di isian terakhir, Alt+L)</source>
            <translation>Next step (Enter in the last field, Alt+N)</translation>
        </message>
        <message>
            <source>Isi kode kantor (kode kabupaten/kota Kemendagri, misalnya 52.03 untuk Lombok Timur) dan kode loket PC ini (misalnya LOTIM-01). Kode loket menjadi bagian setiap kode pelacakan, jadi harus berbeda di setiap PC.</source>
            <translation>Enter the office code (the Kemendagri regency code, for example 52.03 for Lombok Timur) and the counter id of this PC (for example LOTIM-01). The counter id is part of every tracking code, so it must differ on every PC.</translation>
        </message>
        <message>
            <source>misalnya LTSA Kabupaten Lombok Timur</source>
            <translation>for example LTSA Kabupaten Lombok Timur</translation>
        </message>
        <message>
            <source>Kode kantor</source>
            <translation>Office code</translation>
        </message>
        <message>
            <source>Kode loket</source>
            <translation>Counter id</translation>
        </message>
        <message>
            <source>Nama kantor (di surat)</source>
            <translation>Office name (on letters)</translation>
        </message>
        <message>
            <source>Alamat dan token kedua sistem tujuan. Token hanya disimpan di keyring Windows (Credential Manager), tidak pernah di berkas atau basis data. Alamat boleh dikosongkan dan diatur nanti: kiriman menunggu sampai alamatnya diatur.</source>
            <translation>Addresses and tokens of the two remote systems. Tokens are kept only in the Windows keyring (Credential Manager), never in a file or the database. An address may be left empty and set later: submissions wait until it is set.</translation>
        </message>
        <message>
            <source>Alamat dan token kedua sistem tujuan. Token hanya disimpan di keyring sistem operasi, tidak pernah di berkas atau basis data. Alamat boleh dikosongkan dan diatur nanti: kiriman menunggu sampai alamatnya diatur.</source>
            <translation>Addresses and tokens of both destination systems. Tokens are kept only in the operating system's keyring, never in a file or the database. An address may stay empty and be set later: submissions wait until it is set.</translation>
        </message>
        <message>
            <source>Registri pusat</source>
            <translation>Central registry</translation>
        </message>
        <message>
            <source>Imigrasi</source>
            <translation>Immigration</translation>
        </message>
        <message>
            <source>token dari pengelola sistem</source>
            <translation>token from the system operator</translation>
        </message>
        <message>
            <source>Alamat (URL)</source>
            <translation>Address (URL)</translation>
        </message>
        <message>
            <source>Token</source>
            <translation>Token</translation>
        </message>
        <message>
            <source>Uji koneksi ke setiap tujuan: nama server (DNS), sambungan, TLS, alamat dan token. Bila gagal, keterangannya menyebut bagian yang gagal.</source>
            <translation>Connection test of each destination: server name (DNS), connection, TLS, address and token. When it fails, the detail names the part that failed.</translation>
        </message>
        <message>
            <source>&amp;Uji ulang</source>
            <translation>&amp;Retest</translation>
        </message>
        <message>
            <source>Uji koneksi sekali lagi (Alt+U)</source>
            <translation>Test the connection again (Alt+R)</translation>
        </message>
        <message>
            <source>Perbaiki &amp;token</source>
            <translation>Fix the &amp;token</translation>
        </message>
        <message>
            <source>Kembali ke langkah alamat dan token untuk mengetik ulang token (Alt+T)</source>
            <translation>Back to the addresses and tokens step to type the token again (Alt+T)</translation>
        </message>
        <message>
            <source>Buat akun Admin pertama. Admin kemudian menambahkan akun petugas. Kata sandi minimal {n} karakter.</source>
            <translation>Create the first Admin account. The Admin then adds the officers' accounts. Passwords have at least {n} characters.</translation>
        </message>
        <message>
            <source>Nama pengguna</source>
            <translation>Username</translation>
        </message>
        <message>
            <source>Nama lengkap</source>
            <translation>Full name</translation>
        </message>
        <message>
            <source>Kata sandi</source>
            <translation>Password</translation>
        </message>
        <message>
            <source>Ulangi kata sandi</source>
            <translation>Repeat password</translation>
        </message>
        <message>
            <source>Periksa lalu tekan Simpan. Konfigurasi, kunci dan basis data terenkripsi dibuat, token disimpan di keyring, dan akun Admin dibuat. Setelah itu kunci pemulihan ditampilkan sekali: siapkan kertas untuk mencatatnya.</source>
            <translation>Check, then press Save. The configuration, keys and encrypted database are created, the tokens are stored in the keyring, and the Admin account is created. Then the recovery key is shown once: have paper ready to write it down.</translation>
        </message>
        <message>
            <source>Kantor dan loket</source>
            <translation>Office and counter</translation>
        </message>
        <message>
            <source>Alamat tujuan dan token</source>
            <translation>Destination addresses and tokens</translation>
        </message>
        <message>
            <source>Uji koneksi</source>
            <translation>Connection test</translation>
        </message>
        <message>
            <source>Akun Admin pertama</source>
            <translation>First Admin account</translation>
        </message>
        <message>
            <source>Ringkasan</source>
            <translation>Summary</translation>
        </message>
        <message>
            <source>Langkah {n} dari {total}: {title}</source>
            <translation>Step {n} of {total}: {title}</translation>
        </message>
        <message>
            <source>&amp;Simpan</source>
            <translation>&amp;Save</translation>
        </message>
        <message>
            <source>Batalkan pengaturan awal?</source>
            <translation>Cancel the first set-up?</translation>
        </message>
        <message>
            <source>Yang sudah diketik akan dibuang dan loket ini belum diatur. Batalkan?</source>
            <translation>What you typed will be thrown away and this counter stays unset. Cancel?</translation>
        </message>
        <message>
            <source>Credential Manager Windows tidak bisa dipakai oleh akun ini. Masuk Windows dengan akun pengguna loket (bukan akun tamu atau layanan), lalu buka LTSA Desk lagi.</source>
            <translation>Windows Credential Manager cannot be used by this account. Sign in to Windows with the counter's user account (not a guest or service account), then open LTSA Desk again.</translation>
        </message>
        <message>
            <source>Di desktop Linux jalankan GNOME Keyring atau KWallet (Secret Service), lalu buka LTSA Desk lagi. Untuk mencoba tanpa keyring (jangan di loket sungguhan: berkasnya tidak terenkripsi): pasang dengan 'python -m pip install keyrings.alt', lalu mulai dengan PYTHON_KEYRING_BACKEND=keyrings.alt.file.PlaintextKeyring.</source>
            <translation>On a Linux desktop start GNOME Keyring or KWallet (Secret Service), then open LTSA Desk again. To try it without a keyring (never on a real counter: the file is not encrypted): install it with 'python -m pip install keyrings.alt', then start with PYTHON_KEYRING_BACKEND=keyrings.alt.file.PlaintextKeyring.</translation>
        </message>
        <message>
            <source>PC ini tidak punya keyring untuk menyimpan kunci basis data dan token, jadi pengaturan tidak bisa disimpan. Tutup dengan Batal, lalu:</source>
            <translation>This PC has no keyring to keep the database key and the tokens in, so the set-up cannot be saved. Close with Cancel, then:</translation>
        </message>
        <message>
            <source>LTSA {regency}</source>
            <translation>LTSA {regency}</translation>
        </message>
        <message>
            <source>Isi alamatnya juga, atau kosongkan tokennya</source>
            <translation>Enter the address too, or clear the token</translation>
        </message>
        <message>
            <source>Kosong: kiriman ke tujuan ini menunggu</source>
            <translation>Empty: submissions to this destination wait</translation>
        </message>
        <message>
            <source>Alamat {problem}, misalnya https://server:8765/{name}</source>
            <translation>Address {problem}, for example https://server:8765/{name}</translation>
        </message>
        <message>
            <source>Kata sandi dan ulangannya tidak sama</source>
            <translation>The password and its repetition differ</translation>
        </message>
        <message>
            <source>Menguji</source>
            <translation>Testing</translation>
        </message>
        <message>
            <source>Menghubungi server...</source>
            <translation>Contacting the server...</translation>
        </message>
        <message>
            <source>Gagal: DNS</source>
            <translation>Failed: DNS</translation>
        </message>
        <message>
            <source>Gagal: TLS</source>
            <translation>Failed: TLS</translation>
        </message>
        <message>
            <source>Gagal: ditolak</source>
            <translation>Failed: refused</translation>
        </message>
        <message>
            <source>Gagal: tak terjangkau</source>
            <translation>Failed: unreachable</translation>
        </message>
        <message>
            <source>Gagal: batas waktu</source>
            <translation>Failed: timeout</translation>
        </message>
        <message>
            <source>Gagal: terputus</source>
            <translation>Failed: cut off</translation>
        </message>
        <message>
            <source>Gagal: alamat salah (404)</source>
            <translation>Failed: wrong address (404)</translation>
        </message>
        <message>
            <source>Gagal: gangguan server</source>
            <translation>Failed: server error</translation>
        </message>
        <message>
            <source>Gagal: token ditolak (401)</source>
            <translation>Failed: token refused (401)</translation>
        </message>
        <message>
            <source>Token kosong</source>
            <translation>No token</translation>
        </message>
        <message>
            <source>Belum diatur</source>
            <translation>Not set</translation>
        </message>
        <message>
            <source>Alamat tidak sah</source>
            <translation>Invalid address</translation>
        </message>
        <message>
            <source>Gagal: keyring</source>
            <translation>Failed: keyring</translation>
        </message>
        <message>
            <source>Berhasil</source>
            <translation>Succeeded</translation>
        </message>
        <message>
            <source>Alamat kosong: kiriman ke tujuan ini menunggu sampai diatur.</source>
            <translation>No address: submissions to this destination wait until it is set.</translation>
        </message>
        <message>
            <source>Token ditolak server (HTTP 401): salah ketik, kedaluwarsa atau dicabut.</source>
            <translation>The server refused the token (HTTP 401): mistyped, expired or revoked.</translation>
        </message>
        <message>
            <source>Gagal</source>
            <translation>Failed</translation>
        </message>
        <message>
            <source>Kedua tujuan siap.</source>
            <translation>Both destinations are ready.</translation>
        </message>
        <message>
            <source>Token ditolak server (401). Tekan 'Perbaiki token' untuk kembali dan mengetik ulang token dari pengelola sistem. Anda tetap bisa melanjutkan: kiriman menunggu sampai token diperbaiki.</source>
            <translation>The server refused the token (401). Press 'Fix the token' to go back and type the token from the system administrator again. You can still go on: submissions wait until the token is fixed.</translation>
        </message>
        <message>
            <source>Anda tetap bisa melanjutkan: pendaftaran berjalan tanpa koneksi dan kiriman menunggu sampai koneksi pulih. Perbaiki dengan 'Kembali', atau uji lagi nanti dengan 'ltsa-desk credentials test'.</source>
            <translation>You can still continue: registration works without a connection and submissions wait until it is back. Fix it with 'Back', or test again later with 'ltsa-desk credentials test'.</translation>
        </message>
        <message>
            <source>Token ini ditolak server (401): ketik ulang token dari pengelola sistem</source>
            <translation>The server refused this token (401): type the token from the system administrator again</translation>
        </message>
        <message>
            <source>Uji koneksi tidak bisa dijalankan: {error}</source>
            <translation>The connection test could not run: {error}</translation>
        </message>
        <message>
            <source>Folder data: {path}</source>
            <translation>Data folder: {path}</translation>
        </message>
        <message>
            <source>Kantor: {code} ({name})</source>
            <translation>Office: {code} ({name})</translation>
        </message>
        <message>
            <source>Nama kantor di surat: {name}</source>
            <translation>Office name on letters: {name}</translation>
        </message>
        <message>
            <source>Loket: {counter}</source>
            <translation>Counter: {counter}</translation>
        </message>
        <message>
            <source>(belum diatur)</source>
            <translation>(not set)</translation>
        </message>
        <message>
            <source>token akan disimpan di keyring</source>
            <translation>token will be stored in the keyring</translation>
        </message>
        <message>
            <source>tanpa token</source>
            <translation>no token</translation>
        </message>
        <message>
            <source>uji koneksi berhasil</source>
            <translation>connection test succeeded</translation>
        </message>
        <message>
            <source>uji koneksi gagal</source>
            <translation>connection test failed</translation>
        </message>
        <message>
            <source>Akun Admin: {username}</source>
            <translation>Admin account: {username}</translation>
        </message>
        <message>
            <source>Menyimpan... (beberapa detik)</source>
            <translation>Saving... (a few seconds)</translation>
        </message>
        <message>
            <source>Tidak bisa menyimpan: {error}</source>
            <translation>Could not save: {error}</translation>
        </message>
        <message>
            <source>kesalahan tak terduga; lihat log</source>
            <translation>unexpected error; see the log</translation>
        </message>
        <message>
            <source>Loket siap. Catat kunci pemulihan yang ditampilkan.</source>
            <translation>The counter is ready. Write down the recovery key shown.</translation>
        </message>
    </context>
    <context>
        <name>SignIn</name>
        <message>
            <source>Tidak bisa memeriksa akun: basis data tidak dapat dibuka. Coba lagi; jika tetap gagal, hubungi teknisi.</source>
            <translation>The account could not be checked: the database could not be opened. Try again; if it still fails, call the technician.</translation>
        </message>
    </context>
    <context>
        <name>SignInDialog</name>
        <message>
            <source>LTSA Desk - Masuk</source>
            <translation>LTSA Desk - Sign in</translation>
        </message>
        <message>
            <source>Masuk</source>
            <translation>Sign in</translation>
        </message>
        <message>
            <source>Kantor {office} - Loket {counter}</source>
            <translation>Office {office} - Counter {counter}</translation>
        </message>
        <message>
            <source>Masuk (Enter)</source>
            <translation>Sign in (Enter)</translation>
        </message>
        <message>
            <source>Batal</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <source>Batal (Esc)</source>
            <translation>Cancel (Esc)</translation>
        </message>
        <message>
            <source>Lupa kata sandi? Teknisi dapat mengaturnya ulang.</source>
            <translation>Forgot the password? Ask the technician.</translation>
        </message>
    </context>
    <context>
        <name>SkipOrderDialog</name>
        <message>
            <source>Lewati urutan kasus</source>
            <translation>Skip the case order</translation>
        </message>
        <message>
            <source>Pindahkan kasus {name} ke langkah berikut tanpa menunggu dokumen atau surat sebelumnya. Ini keputusan admin: tulis alasannya (mis. CPMI sudah memegang paspor, atau pindahan dari register lama); alasan tercatat di Riwayat.</source>
            <translation>Move the case of {name} to a later step without waiting for the earlier documents or letters. This is an admin's decision: write the reason (e.g. the CPMI already holds a passport, or the case moved in from an old register); the reason is kept in the History.</translation>
        </message>
        <message>
            <source>Lewati urutan</source>
            <translation>Skip the order</translation>
        </message>
        <message>
            <source>Langkah tujuan</source>
            <translation>Target step</translation>
        </message>
        <message>
            <source>Langkah tujuan:</source>
            <translation>Target step:</translation>
        </message>
    </context>
    <context>
        <name>SyncBridge</name>
        <message>
            <source>Pendaftaran</source>
            <translation>Registration</translation>
        </message>
        <message>
            <source>Perbaikan data</source>
            <translation>Data correction</translation>
        </message>
        <message>
            <source>Permohonan paspor</source>
            <translation>Passport application</translation>
        </message>
        <message>
            <source>NIK ini sudah terdaftar di Registri pusat (nomor {number}) dengan nama atau tanggal lahir yang berbeda. Periksa KTP CPMI, lalu perbaiki datanya.</source>
            <translation>This NIK is already registered in the Central registry (number {number}) with a different name or date of birth. Check the applicant's KTP, then correct the details.</translation>
        </message>
        <message>
            <source>Menunggu nomor Registri pusat CPMI ini. Pastikan pendaftarannya ke Registri pusat sudah terkirim, lalu kirim ulang.</source>
            <translation>Waiting for this applicant's Central registry number. Make sure the registration to the Central registry has been delivered, then resend.</translation>
        </message>
        <message>
            <source>Data ditolak. Periksa dan perbaiki: {fields}.</source>
            <translation>Data rejected. Check and correct: {fields}.</translation>
        </message>
        <message>
            <source>Ditolak oleh server tujuan: {reason}</source>
            <translation>Rejected by the destination server: {reason}</translation>
        </message>
        <message>
            <source>Ditolak oleh server tujuan tanpa alasan. Hubungi teknisi.</source>
            <translation>Rejected by the destination server without a reason. Call the technician.</translation>
        </message>
    </context>
    <context>
        <name>SyncPage</name>
        <message>
            <source>Sedang dikirim</source>
            <translation>Being sent</translation>
        </message>
        <message>
            <source>Ditunda: kredensial tujuan ditolak - hubungi teknisi</source>
            <translation>Paused: the destination refused the credentials - call the technician</translation>
        </message>
        <message>
            <source>Sambungan ke tujuan terputus; terkirim sendiri saat tersambung</source>
            <translation>The line to the destination is down; sent by itself once connected</translation>
        </message>
        <message>
            <source>Menunggu kiriman sebelumnya untuk CPMI ini terkirim</source>
            <translation>Waiting for this applicant's earlier submission to arrive</translation>
        </message>
        <message>
            <source>Percobaan terakhir gagal; dicoba lagi otomatis</source>
            <translation>The last try failed; tried again automatically</translation>
        </message>
        <message>
            <source>Dalam antrean</source>
            <translation>In the queue</translation>
        </message>
        <message>
            <source>Menunggu dikirim</source>
            <translation>Waiting to be sent</translation>
        </message>
        <message>
            <source>Tidak ada kiriman yang menunggu.</source>
            <translation>Nothing is waiting to be sent.</translation>
        </message>
        <message>
            <source>Kiriman yang menunggu dikirim</source>
            <translation>Submissions waiting to be sent</translation>
        </message>
        <message>
            <source>CPMI yang kirimannya belum terkirim, dengan alasannya. Enter: buka data CPMI.</source>
            <translation>Applicants whose submissions have not been sent yet, with the reason. Enter: open the applicant.</translation>
        </message>
        <message>
            <source>Menunggu sejak</source>
            <translation>Waiting since</translation>
        </message>
        <message>
            <source>Menunggu dikirim ({n})</source>
            <translation>Waiting to be sent ({n})</translation>
        </message>
        <message>
            <source>Sinkronisasi</source>
            <translation>Sync</translation>
        </message>
        <message>
            <source>Kiriman ke Registri pusat dan Imigrasi berangkat sendiri saat sambungan ada. Semua pekerjaan sudah tersimpan di kantor.</source>
            <translation>Submissions to the Central registry and Immigration go out automatically whenever there is a connection. All work is already saved in the office.</translation>
        </message>
        <message>
            <source>Kirim sekarang</source>
            <translation>Send now</translation>
        </message>
        <message>
            <source>Coba kirim semua kiriman sekarang (F5)</source>
            <translation>Try to send all submissions now (F5)</translation>
        </message>
        <message>
            <source>Perlu tindakan</source>
            <translation>Needs attention</translation>
        </message>
        <message>
            <source>Kiriman di bawah ditolak oleh server tujuan. Buka data CPMI, perbaiki sesuai alasannya, lalu Simpan: kiriman yang sudah diperbaiki otomatis menggantikan yang ditolak. Kirim ulang hanya bila masalahnya sudah dibereskan di server tujuan.</source>
            <translation>The submissions below were rejected by the destination server. Open the applicant, correct the details as the reason says, then Save: the corrected submission automatically replaces the rejected one. Use Resend only when the problem has been fixed on the destination server.</translation>
        </message>
        <message>
            <source>Tidak ada kiriman yang perlu tindakan.</source>
            <translation>No submissions need attention.</translation>
        </message>
        <message>
            <source>Kiriman yang perlu tindakan</source>
            <translation>Submissions that need attention</translation>
        </message>
        <message>
            <source>Enter: buka data CPMI untuk diperbaiki sesuai alasannya.</source>
            <translation>Enter: open the applicant to correct it as the reason says.</translation>
        </message>
        <message>
            <source>CPMI</source>
            <translation>Applicant</translation>
        </message>
        <message>
            <source>Kode</source>
            <translation>Code</translation>
        </message>
        <message>
            <source>Tujuan</source>
            <translation>Destination</translation>
        </message>
        <message>
            <source>Kiriman</source>
            <translation>Submission</translation>
        </message>
        <message>
            <source>Alasan</source>
            <translation>Reason</translation>
        </message>
        <message>
            <source>Sejak</source>
            <translation>Since</translation>
        </message>
        <message>
            <source>Buka data CPMI</source>
            <translation>Open applicant</translation>
        </message>
        <message>
            <source>Buka data CPMI ini untuk diperbaiki (Enter)</source>
            <translation>Open this applicant to correct the details (Enter)</translation>
        </message>
        <message>
            <source>Kirim ulang</source>
            <translation>Resend</translation>
        </message>
        <message>
            <source>Kirim lagi tanpa perubahan, bila masalahnya sudah dibereskan di server tujuan</source>
            <translation>Send again without changes, when the problem has been fixed on the destination server</translation>
        </message>
        <message>
            <source>Ekspor bundel USB</source>
            <translation>Export USB bundle</translation>
        </message>
        <message>
            <source>Saat sambungan mati berhari-hari: tulis semua kiriman yang menunggu ke flashdisk (terenkripsi), untuk diunggah dari kantor yang punya sambungan</source>
            <translation>When the line is down for days: write every waiting submission to a USB stick (encrypted), to be uploaded from an office that has a line</translation>
        </message>
        <message>
            <source>Impor tanda terima</source>
            <translation>Import receipts</translation>
        </message>
        <message>
            <source>Tandai kiriman bundel sebagai terkirim, dari berkas tanda terima unggahan</source>
            <translation>Mark the bundle's submissions delivered, from the receipts file of the upload</translation>
        </message>
        <message>
            <source>Diperbarui {time}</source>
            <translation>Updated {time}</translation>
        </message>
        <message>
            <source>Data sinkronisasi tidak bisa dibaca. Coba lagi sebentar.</source>
            <translation>The sync data could not be read. Try again in a moment.</translation>
        </message>
        <message>
            <source>Perlu tindakan ({n})</source>
            <translation>Needs attention ({n})</translation>
        </message>
        <message>
            <source>Jawaban server: {reason}</source>
            <translation>Server response: {reason}</translation>
        </message>
        <message>
            <source>Kiriman dikirim ulang.</source>
            <translation>Submission resent.</translation>
        </message>
        <message>
            <source>Kiriman sudah tidak menunggu.</source>
            <translation>The submission is no longer waiting.</translation>
        </message>
        <message>
            <source>Menulis bundel...</source>
            <translation>Writing the bundle...</translation>
        </message>
        <message>
            <source>Tidak ada kiriman yang bisa diekspor: semua terkirim atau perlu tindakan.</source>
            <translation>No submission can be exported: all are delivered or need attention.</translation>
        </message>
        <message>
            <source>{n} kiriman ditulis ke {file}. Kiriman tetap menunggu di sini dan tidak akan terkirim dua kali. Setelah diunggah, impor tanda terimanya.</source>
            <translation>{n} submissions written to {file}. They keep waiting here and will never be delivered twice. After the upload, import its receipts.</translation>
        </message>
        <message>
            <source>Memeriksa tanda terima...</source>
            <translation>Checking the receipts...</translation>
        </message>
        <message>
            <source>Tanda terima diimpor: {delivered} kiriman kini terkirim, {already} sudah terkirim sebelumnya, {refused} ditolak (perlu tindakan), {waiting} masih menunggu.</source>
            <translation>Receipts imported: {delivered} submissions now delivered, {already} already delivered before, {refused} refused (need attention), {waiting} still waiting.</translation>
        </message>
        <message>
            <source>Bundel tidak bisa diproses. Coba lagi; jika tetap gagal, hubungi teknisi.</source>
            <translation>The bundle could not be processed. Try again; if it still fails, call the technician.</translation>
        </message>
        <message>
            <source>Bundel LTSA (*.ltsab)</source>
            <translation>LTSA bundle (*.ltsab)</translation>
        </message>
        <message>
            <source>Tanda terima bundel (*.ltsar);;Semua berkas (*)</source>
            <translation>Bundle receipts (*.ltsar);;All files (*)</translation>
        </message>
    </context>
    <context>
        <name>Training</name>
        <message>
            <source>MODE LATIHAN - data tidak nyata</source>
            <translation>TRAINING MODE - not real data</translation>
        </message>
        <message>
            <source>LATIHAN - TIDAK SAH</source>
            <translation>TRAINING - NOT VALID</translation>
        </message>
        <message>
            <source>Semua yang dibuat di sini hanya latihan: tidak dikirim ke Registri pusat atau Imigrasi dan tidak tercampur dengan data kantor.</source>
            <translation>Everything made here is practice only: it is not sent to the Central registry or Immigration and does not mix with the office data.</translation>
        </message>
        <message>
            <source>Masuk Mode latihan?</source>
            <translation>Start Training mode?</translation>
        </message>
        <message>
            <source>Aplikasi akan memakai basis data latihan dan server tiruan. Data kantor tidak tersentuh. Pekerjaan yang belum disimpan di layar ini akan ditutup.</source>
            <translation>The application will use the training database and simulated servers. The office data is not touched. Unsaved work on this screen will be closed.</translation>
        </message>
        <message>
            <source>Keluar dari Mode latihan?</source>
            <translation>Leave Training mode?</translation>
        </message>
        <message>
            <source>Aplikasi kembali ke data kantor yang sebenarnya. Data latihan tetap tersimpan untuk latihan berikutnya.</source>
            <translation>The application goes back to the real office data. The training data stays saved for the next practice.</translation>
        </message>
        <message>
            <source>Hanya Teknisi atau Admin yang dapat mengubah Mode latihan</source>
            <translation>Only a Technician or Admin can change Training mode</translation>
        </message>
        <message>
            <source>Mode latihan tidak bisa dimulai: {reason}</source>
            <translation>Training mode could not be started: {reason}</translation>
        </message>
        <message>
            <source>Mode latihan tidak berhenti dengan rapi: {reason}</source>
            <translation>Training mode did not stop cleanly: {reason}</translation>
        </message>
    </context>
    <context>
        <name>UsersPage</name>
        <message>
            <source>Pengguna</source>
            <translation>Users</translation>
        </message>
        <message>
            <source>Akun tidak pernah dihapus, agar log audit tetap menyebut siapa berbuat apa. Akun yang dinonaktifkan tidak bisa masuk dan dapat diaktifkan lagi.</source>
            <translation>Accounts are never deleted, so the audit log keeps naming who did what. A disabled account cannot sign in and can be enabled again.</translation>
        </message>
        <message>
            <source>Daftar pengguna</source>
            <translation>User list</translation>
        </message>
        <message>
            <source>Pilih pengguna, lalu atur ulang kata sandi atau nonaktifkan.</source>
            <translation>Select a user, then reset the password or disable the account.</translation>
        </message>
        <message>
            <source>Nama pengguna</source>
            <translation>Username</translation>
        </message>
        <message>
            <source>Nama lengkap</source>
            <translation>Full name</translation>
        </message>
        <message>
            <source>Peran</source>
            <translation>Role</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Status</translation>
        </message>
        <message>
            <source>Kata sandi</source>
            <translation>Password</translation>
        </message>
        <message>
            <source>Dibuat</source>
            <translation>Created</translation>
        </message>
        <message>
            <source>Atur ulang kata sandi</source>
            <translation>Reset password</translation>
        </message>
        <message>
            <source>Beri kata sandi baru kepada pengguna yang lupa kata sandinya</source>
            <translation>Give a new password to a user who forgot theirs</translation>
        </message>
        <message>
            <source>Nonaktifkan</source>
            <translation>Disable</translation>
        </message>
        <message>
            <source>Tambah pengguna</source>
            <translation>Add user</translation>
        </message>
        <message>
            <source>mis. siti.rahma</source>
            <translation>e.g. siti.rahma</translation>
        </message>
        <message>
            <source>Petugas</source>
            <translation>Officer</translation>
        </message>
        <message>
            <source>Admin</source>
            <translation>Admin</translation>
        </message>
        <message>
            <source>Teknisi</source>
            <translation>Technician</translation>
        </message>
        <message>
            <source>Ulangi kata sandi</source>
            <translation>Repeat password</translation>
        </message>
        <message>
            <source>Simpan pengguna baru (Ctrl+S)</source>
            <translation>Save the new user (Ctrl+S)</translation>
        </message>
        <message>
            <source>Kata sandi minimal {n} karakter. Sampaikan langsung kepada petugasnya.</source>
            <translation>Passwords have at least {n} characters. Tell it to the officer in person.</translation>
        </message>
        <message>
            <source>✓ Aktif</source>
            <translation>✓ Active</translation>
        </message>
        <message>
            <source>✕ Nonaktif</source>
            <translation>✕ Disabled</translation>
        </message>
        <message>
            <source>Ada</source>
            <translation>Set</translation>
        </message>
        <message>
            <source>Belum diatur</source>
            <translation>Not set</translation>
        </message>
        <message>
            <source>Daftar pengguna tidak bisa dibaca. Coba lagi sebentar.</source>
            <translation>The user list could not be read. Try again in a moment.</translation>
        </message>
        <message>
            <source>Aktifkan</source>
            <translation>Enable</translation>
        </message>
        <message>
            <source>Akun tidak bisa masuk lagi; tidak dihapus</source>
            <translation>The account can no longer sign in; it is not deleted</translation>
        </message>
        <message>
            <source>Akun bisa masuk lagi dengan kata sandinya</source>
            <translation>The account can sign in again with its password</translation>
        </message>
        <message>
            <source>Kata sandi {username} diganti.</source>
            <translation>Password of {username} changed.</translation>
        </message>
        <message>
            <source>Aktifkan lagi akun {username}?</source>
            <translation>Enable the account {username} again?</translation>
        </message>
        <message>
            <source>Nonaktifkan akun {username}? Akun tidak bisa masuk lagi, tetapi tidak dihapus.</source>
            <translation>Disable the account {username}? It can no longer sign in, but it is not deleted.</translation>
        </message>
        <message>
            <source>Akun {username} diaktifkan.</source>
            <translation>Account {username} enabled.</translation>
        </message>
        <message>
            <source>Akun {username} dinonaktifkan.</source>
            <translation>Account {username} disabled.</translation>
        </message>
        <message>
            <source>Nama pengguna wajib diisi</source>
            <translation>Username is required</translation>
        </message>
        <message>
            <source>Ulangi kata sandi: tidak sama dengan yang pertama</source>
            <translation>Repeat password: not the same as the first</translation>
        </message>
        <message>
            <source>Pengguna {username} ditambahkan.</source>
            <translation>User {username} added.</translation>
        </message>
        <message>
            <source>Menyimpan...</source>
            <translation>Saving...</translation>
        </message>
        <message>
            <source>Tidak bisa disimpan: basis data tidak dapat dibuka. Coba lagi.</source>
            <translation>Could not save: the database cannot be opened. Try again.</translation>
        </message>
    </context>
    <context>
        <name>Words</name>
        <message>
            <source>Laki-laki</source>
            <translation>Male</translation>
        </message>
        <message>
            <source>Perempuan</source>
            <translation>Female</translation>
        </message>
        <message>
            <source>Belum kawin</source>
            <translation>Single</translation>
        </message>
        <message>
            <source>Kawin</source>
            <translation>Married</translation>
        </message>
        <message>
            <source>Cerai hidup</source>
            <translation>Divorced</translation>
        </message>
        <message>
            <source>Cerai mati</source>
            <translation>Widowed</translation>
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
            <translation>Officer</translation>
        </message>
        <message>
            <source>Admin</source>
            <translation>Admin</translation>
        </message>
        <message>
            <source>Teknisi</source>
            <translation>Technician</translation>
        </message>
        <message>
            <source>Menunggu</source>
            <translation>Waiting</translation>
        </message>
        <message>
            <source>Sedang dikirim</source>
            <translation>Sending</translation>
        </message>
        <message>
            <source>Terkirim</source>
            <translation>Delivered</translation>
        </message>
        <message>
            <source>Perlu tindakan</source>
            <translation>Needs attention</translation>
        </message>
        <message>
            <source>Ditunda - hubungi teknisi</source>
            <translation>Paused - call the technician</translation>
        </message>
        <message>
            <source>Diganti</source>
            <translation>Superseded</translation>
        </message>
        <message>
            <source>Ditarik</source>
            <translation>Withdrawn</translation>
        </message>
        <message>
            <source>atau</source>
            <translation>or</translation>
        </message>
    </context>
</TS>
