; *** Inno Setup version 6.4.0+ Indonesian messages (Bahasa Indonesia) ***
;
; Written for LTSA Desk from the message names of Inno Setup's English Default.isl
; (Inno Setup 6.4.x; Inno Setup ships no Indonesian file). Above each entry, the English
; original follows "; en:" so a later Inno Setup version's new or changed messages are easy to
; spot; tests/packaging checks that every entry keeps the placeholders of its English original
; (%1, %2, %n, [name], [mb] ...).
;
; Terms: Setup = Instalasi, install = menginstal, Uninstall = Hapus Instalasi, folder = folder,
; file = berkas, shortcut = pintasan, Browse = Telusuri, Next = Lanjut, Back = Kembali.
; As in the English file, no period is added to messages that have none (Inno Setup adds it).

[LangOptions]
; The following three entries are very important. Be sure to read and
; understand the '[LangOptions] section' topic in the help file.
LanguageName=Bahasa Indonesia
LanguageID=$0421
LanguageCodePage=0
; If the language you are translating to requires special font faces or
; sizes, uncomment any of the following entries and change them accordingly.
;DialogFontName=
;DialogFontSize=8
;WelcomeFontName=Verdana
;WelcomeFontSize=12
;TitleFontName=Arial
;TitleFontSize=29
;CopyrightFontName=Arial
;CopyrightFontSize=8

[Messages]

; *** Application titles
; en: Setup
SetupAppTitle=Instalasi
; en: Setup - %1
SetupWindowTitle=Instalasi - %1
; en: Uninstall
UninstallAppTitle=Hapus Instalasi
; en: %1 Uninstall
UninstallAppFullTitle=Hapus Instalasi %1

; *** Misc. common
; en: Information
InformationTitle=Informasi
; en: Confirm
ConfirmTitle=Konfirmasi
; en: Error
ErrorTitle=Kesalahan

; *** SetupLdr messages
; en: This will install %1. Do you wish to continue?
SetupLdrStartupMessage=Program ini akan menginstal %1. Apakah Anda ingin melanjutkan?
; en: Unable to create a temporary file. Setup aborted
LdrCannotCreateTemp=Tidak dapat membuat berkas sementara. Instalasi dibatalkan
; en: Unable to execute file in the temporary directory. Setup aborted
LdrCannotExecTemp=Tidak dapat menjalankan berkas di folder sementara. Instalasi dibatalkan
; en: (empty)
HelpTextNote=

; *** Startup error messages
; en: %1.%n%nError %2: %3
LastErrorMessage=%1.%n%nKesalahan %2: %3
; en: The file %1 is missing from the installation directory. Please correct the problem or obtain a new copy of the program.
SetupFileMissing=Berkas %1 tidak ada di folder instalasi. Perbaiki masalah ini atau dapatkan salinan program yang baru.
; en: The setup files are corrupted. Please obtain a new copy of the program.
SetupFileCorrupt=Berkas instalasi rusak. Dapatkan salinan program yang baru.
; en: The setup files are corrupted, or are incompatible with this version of Setup. Please correct the problem or obtain a new copy of the program.
SetupFileCorruptOrWrongVer=Berkas instalasi rusak atau tidak cocok dengan versi program instalasi ini. Perbaiki masalah ini atau dapatkan salinan program yang baru.
; en: An invalid parameter was passed on the command line:%n%n%1
InvalidParameter=Parameter yang tidak sah diberikan pada baris perintah:%n%n%1
; en: Setup is already running.
SetupAlreadyRunning=Program instalasi sudah berjalan.
; en: This program does not support the version of Windows your computer is running.
WindowsVersionNotSupported=Program ini tidak mendukung versi Windows yang berjalan di komputer Anda.
; en: This program requires %1 Service Pack %2 or later.
WindowsServicePackRequired=Program ini memerlukan %1 Service Pack %2 atau yang lebih baru.
; en: This program will not run on %1.
NotOnThisPlatform=Program ini tidak dapat berjalan di %1.
; en: This program must be run on %1.
OnlyOnThisPlatform=Program ini harus dijalankan di %1.
; en: This program can only be installed on versions of Windows designed for the following processor architectures:%n%n%1
OnlyOnTheseArchitectures=Program ini hanya dapat diinstal pada versi Windows yang dirancang untuk arsitektur prosesor berikut:%n%n%1
; en: This program requires %1 version %2 or later.
WinVersionTooLowError=Program ini memerlukan %1 versi %2 atau yang lebih baru.
; en: This program cannot be installed on %1 version %2 or later.
WinVersionTooHighError=Program ini tidak dapat diinstal pada %1 versi %2 atau yang lebih baru.
; en: You must be logged in as an administrator when installing this program.
AdminPrivilegesRequired=Anda harus masuk sebagai administrator untuk menginstal program ini.
; en: You must be logged in as an administrator or as a member of the Power Users group when installing this program.
PowerUserPrivilegesRequired=Anda harus masuk sebagai administrator atau anggota grup Power Users untuk menginstal program ini.
; en: Setup has detected that %1 is currently running.%n%nPlease close all instances of it now, then click OK to continue, or Cancel to exit.
SetupAppRunningError=Program instalasi mendeteksi bahwa %1 sedang berjalan.%n%nTutup semua jendela program tersebut sekarang, lalu klik OK untuk melanjutkan, atau Batal untuk keluar.
; en: Uninstall has detected that %1 is currently running.%n%nPlease close all instances of it now, then click OK to continue, or Cancel to exit.
UninstallAppRunningError=Penghapus instalasi mendeteksi bahwa %1 sedang berjalan.%n%nTutup semua jendela program tersebut sekarang, lalu klik OK untuk melanjutkan, atau Batal untuk keluar.

; *** Startup questions
; en: Select Setup Install Mode
PrivilegesRequiredOverrideTitle=Pilih Mode Instalasi
; en: Select install mode
PrivilegesRequiredOverrideInstruction=Pilih mode instalasi
; en: %1 can be installed for all users (requires administrative privileges), or for you only.
PrivilegesRequiredOverrideText1=%1 dapat diinstal untuk semua pengguna (memerlukan hak administrator), atau hanya untuk Anda.
; en: %1 can be installed for you only, or for all users (requires administrative privileges).
PrivilegesRequiredOverrideText2=%1 dapat diinstal hanya untuk Anda, atau untuk semua pengguna (memerlukan hak administrator).
; en: Install for &all users
PrivilegesRequiredOverrideAllUsers=Instal untuk &semua pengguna
; en: Install for &all users (recommended)
PrivilegesRequiredOverrideAllUsersRecommended=Instal untuk &semua pengguna (disarankan)
; en: Install for &me only
PrivilegesRequiredOverrideCurrentUser=Instal hanya untuk s&aya
; en: Install for &me only (recommended)
PrivilegesRequiredOverrideCurrentUserRecommended=Instal hanya untuk s&aya (disarankan)

; *** Misc. errors
; en: Setup was unable to create the directory "%1"
ErrorCreatingDir=Program instalasi tidak dapat membuat folder "%1"
; en: Unable to create a file in the directory "%1" because it contains too many files
ErrorTooManyFilesInDir=Tidak dapat membuat berkas di folder "%1" karena folder tersebut berisi terlalu banyak berkas

; *** Setup common messages
; en: Exit Setup
ExitSetupTitle=Keluar dari Instalasi
; en: Setup is not complete. If you exit now, the program will not be installed.%n%nYou may run Setup again at another time to complete the installation.%n%nExit Setup?
ExitSetupMessage=Instalasi belum selesai. Jika Anda keluar sekarang, program tidak akan terinstal.%n%nAnda dapat menjalankan program instalasi lagi di lain waktu untuk menyelesaikannya.%n%nKeluar dari instalasi?
; en: &About Setup...
AboutSetupMenuItem=&Tentang Instalasi...
; en: About Setup
AboutSetupTitle=Tentang Instalasi
; en: %1 version %2%n%3%n%n%1 home page:%n%4
AboutSetupMessage=%1 versi %2%n%3%n%nSitus web %1:%n%4
; en: (empty)
AboutSetupNote=
; en: (empty)
TranslatorNote=Terjemahan bahasa Indonesia untuk LTSA Desk.

; *** Buttons
; en: < &Back
ButtonBack=< &Kembali
; en: &Next >
ButtonNext=&Lanjut >
; en: &Install
ButtonInstall=&Instal
; en: OK
ButtonOK=OK
; en: Cancel
ButtonCancel=Batal
; en: &Yes
ButtonYes=&Ya
; en: Yes to &All
ButtonYesToAll=Ya untuk &Semua
; en: &No
ButtonNo=&Tidak
; en: N&o to All
ButtonNoToAll=T&idak untuk Semua
; en: &Finish
ButtonFinish=&Selesai
; en: &Browse...
ButtonBrowse=&Telusuri...
; en: B&rowse...
ButtonWizardBrowse=T&elusuri...
; en: &Make New Folder
ButtonNewFolder=&Buat Folder Baru

; *** "Select Language" dialog messages
; en: Select Setup Language
SelectLanguageTitle=Pilih Bahasa Instalasi
; en: Select the language to use during the installation.
SelectLanguageLabel=Pilih bahasa yang digunakan selama instalasi.

; *** Common wizard text
; en: Click Next to continue, or Cancel to exit Setup.
ClickNext=Klik Lanjut untuk meneruskan, atau Batal untuk keluar dari instalasi.
; en: (empty)
BeveledLabel=
; en: Browse For Folder
BrowseDialogTitle=Telusuri Folder
; en: Select a folder in the list below, then click OK.
BrowseDialogLabel=Pilih folder dari daftar di bawah, lalu klik OK.
; en: New Folder
NewFolderName=Folder Baru

; *** "Welcome" wizard page
; en: Welcome to the [name] Setup Wizard
WelcomeLabel1=Selamat Datang di Panduan Instalasi [name]
; en: This will install [name/ver] on your computer.%n%nIt is recommended that you close all other applications before continuing.
WelcomeLabel2=Panduan ini akan menginstal [name/ver] di komputer Anda.%n%nSebaiknya tutup semua aplikasi lain sebelum melanjutkan.

; *** "Password" wizard page
; en: Password
WizardPassword=Kata Sandi
; en: This installation is password protected.
PasswordLabel1=Instalasi ini dilindungi kata sandi.
; en: Please provide the password, then click Next to continue. Passwords are case-sensitive.
PasswordLabel3=Masukkan kata sandi, lalu klik Lanjut untuk meneruskan. Huruf besar dan kecil pada kata sandi dibedakan.
; en: &Password:
PasswordEditLabel=&Kata sandi:
; en: The password you entered is not correct. Please try again.
IncorrectPassword=Kata sandi yang Anda masukkan salah. Silakan coba lagi.

; *** "License Agreement" wizard page
; en: License Agreement
WizardLicense=Perjanjian Lisensi
; en: Please read the following important information before continuing.
LicenseLabel=Bacalah informasi penting berikut sebelum melanjutkan.
; en: Please read the following License Agreement. You must accept the terms of this agreement before continuing with the installation.
LicenseLabel3=Bacalah Perjanjian Lisensi berikut. Anda harus menerima ketentuan perjanjian ini sebelum melanjutkan instalasi.
; en: I &accept the agreement
LicenseAccepted=Saya &menerima perjanjian ini
; en: I &do not accept the agreement
LicenseNotAccepted=Saya &tidak menerima perjanjian ini

; *** "Information" wizard pages
; en: Information
WizardInfoBefore=Informasi
; en: Please read the following important information before continuing.
InfoBeforeLabel=Bacalah informasi penting berikut sebelum melanjutkan.
; en: When you are ready to continue with Setup, click Next.
InfoBeforeClickLabel=Jika Anda siap melanjutkan instalasi, klik Lanjut.
; en: Information
WizardInfoAfter=Informasi
; en: Please read the following important information before continuing.
InfoAfterLabel=Bacalah informasi penting berikut sebelum melanjutkan.
; en: When you are ready to continue with Setup, click Next.
InfoAfterClickLabel=Jika Anda siap melanjutkan instalasi, klik Lanjut.

; *** "User Information" wizard page
; en: User Information
WizardUserInfo=Informasi Pengguna
; en: Please enter your information.
UserInfoDesc=Masukkan informasi Anda.
; en: &User Name:
UserInfoName=&Nama Pengguna:
; en: &Organization:
UserInfoOrg=&Organisasi:
; en: &Serial Number:
UserInfoSerial=Nomor &Seri:
; en: You must enter a name.
UserInfoNameRequired=Anda harus memasukkan nama.

; *** "Select Destination Location" wizard page
; en: Select Destination Location
WizardSelectDir=Pilih Lokasi Tujuan
; en: Where should [name] be installed?
SelectDirDesc=Di mana [name] akan diinstal?
; en: Setup will install [name] into the following folder.
SelectDirLabel3=[name] akan diinstal ke folder berikut.
; en: To continue, click Next. If you would like to select a different folder, click Browse.
SelectDirBrowseLabel=Untuk melanjutkan, klik Lanjut. Jika Anda ingin memilih folder lain, klik Telusuri.
; en: At least [gb] GB of free disk space is required.
DiskSpaceGBLabel=Diperlukan ruang disk kosong sedikitnya [gb] GB.
; en: At least [mb] MB of free disk space is required.
DiskSpaceMBLabel=Diperlukan ruang disk kosong sedikitnya [mb] MB.
; en: Setup cannot install to a network drive.
CannotInstallToNetworkDrive=Program tidak dapat diinstal ke drive jaringan.
; en: Setup cannot install to a UNC path.
CannotInstallToUNCPath=Program tidak dapat diinstal ke jalur UNC.
; en: You must enter a full path with drive letter; for example:%n%nC:\APP%n%nor a UNC path in the form:%n%n\\server\share
InvalidPath=Anda harus memasukkan jalur lengkap beserta huruf drive-nya, misalnya:%n%nC:\APP%n%natau jalur UNC dengan bentuk:%n%n\\server\share
; en: The drive or UNC share you selected does not exist or is not accessible. Please select another.
InvalidDrive=Drive atau berbagi UNC yang Anda pilih tidak ada atau tidak dapat diakses. Pilih yang lain.
; en: Not Enough Disk Space
DiskSpaceWarningTitle=Ruang Disk Tidak Cukup
; en: Setup requires at least %1 KB of free space to install, but the selected drive only has %2 KB available.%n%nDo you want to continue anyway?
DiskSpaceWarning=Instalasi memerlukan ruang kosong sedikitnya %1 KB, tetapi drive yang dipilih hanya memiliki %2 KB.%n%nApakah Anda tetap ingin melanjutkan?
; en: The folder name or path is too long.
DirNameTooLong=Nama folder atau jalurnya terlalu panjang.
; en: The folder name is not valid.
InvalidDirName=Nama folder tidak sah.
; en: Folder names cannot include any of the following characters:%n%n%1
BadDirName32=Nama folder tidak boleh mengandung karakter berikut:%n%n%1
; en: Folder Exists
DirExistsTitle=Folder Sudah Ada
; en: The folder:%n%n%1%n%nalready exists. Would you like to install to that folder anyway?
DirExists=Folder:%n%n%1%n%nsudah ada. Apakah Anda tetap ingin menginstal ke folder tersebut?
; en: Folder Does Not Exist
DirDoesntExistTitle=Folder Tidak Ada
; en: The folder:%n%n%1%n%ndoes not exist. Would you like the folder to be created?
DirDoesntExist=Folder:%n%n%1%n%ntidak ada. Apakah Anda ingin membuat folder tersebut?

; *** "Select Components" wizard page
; en: Select Components
WizardSelectComponents=Pilih Komponen
; en: Which components should be installed?
SelectComponentsDesc=Komponen mana yang akan diinstal?
; en: Select the components you want to install; clear the components you do not want to install. Click Next when you are ready to continue.
SelectComponentsLabel2=Pilih komponen yang ingin diinstal dan hilangkan centang pada komponen yang tidak ingin diinstal. Klik Lanjut jika Anda siap melanjutkan.
; en: Full installation
FullInstallation=Instalasi lengkap
; en: Compact installation
CompactInstallation=Instalasi ringkas
; en: Custom installation
CustomInstallation=Instalasi pilihan
; en: Components Exist
NoUninstallWarningTitle=Komponen Sudah Ada
; en: Setup has detected that the following components are already installed on your computer:%n%n%1%n%nDeselecting these components will not uninstall them.%n%nWould you like to continue anyway?
NoUninstallWarning=Program instalasi mendeteksi bahwa komponen berikut sudah terinstal di komputer Anda:%n%n%1%n%nMenghilangkan centang pada komponen ini tidak akan menghapusnya.%n%nApakah Anda tetap ingin melanjutkan?
; en: %1 KB
ComponentSize1=%1 KB
; en: %1 MB
ComponentSize2=%1 MB
; en: Current selection requires at least [gb] GB of disk space.
ComponentsDiskSpaceGBLabel=Pilihan saat ini memerlukan ruang disk sedikitnya [gb] GB.
; en: Current selection requires at least [mb] MB of disk space.
ComponentsDiskSpaceMBLabel=Pilihan saat ini memerlukan ruang disk sedikitnya [mb] MB.

; *** "Select Additional Tasks" wizard page
; en: Select Additional Tasks
WizardSelectTasks=Pilih Tugas Tambahan
; en: Which additional tasks should be performed?
SelectTasksDesc=Tugas tambahan apa saja yang akan dijalankan?
; en: Select the additional tasks you would like Setup to perform while installing [name], then click Next.
SelectTasksLabel2=Pilih tugas tambahan yang ingin dijalankan selama instalasi [name], lalu klik Lanjut.

; *** "Select Start Menu Folder" wizard page
; en: Select Start Menu Folder
WizardSelectProgramGroup=Pilih Folder Menu Start
; en: Where should Setup place the program's shortcuts?
SelectStartMenuFolderDesc=Di mana pintasan program akan dibuat?
; en: Setup will create the program's shortcuts in the following Start Menu folder.
SelectStartMenuFolderLabel3=Pintasan program akan dibuat di folder Menu Start berikut.
; en: To continue, click Next. If you would like to select a different folder, click Browse.
SelectStartMenuFolderBrowseLabel=Untuk melanjutkan, klik Lanjut. Jika Anda ingin memilih folder lain, klik Telusuri.
; en: You must enter a folder name.
MustEnterGroupName=Anda harus memasukkan nama folder.
; en: The folder name or path is too long.
GroupNameTooLong=Nama folder atau jalurnya terlalu panjang.
; en: The folder name is not valid.
InvalidGroupName=Nama folder tidak sah.
; en: The folder name cannot include any of the following characters:%n%n%1
BadGroupName=Nama folder tidak boleh mengandung karakter berikut:%n%n%1
; en: &Don't create a Start Menu folder
NoProgramGroupCheck2=&Jangan buat folder Menu Start

; *** "Ready to Install" wizard page
; en: Ready to Install
WizardReady=Siap Menginstal
; en: Setup is now ready to begin installing [name] on your computer.
ReadyLabel1=Program instalasi siap mulai menginstal [name] di komputer Anda.
; en: Click Install to continue with the installation, or click Back if you want to review or change any settings.
ReadyLabel2a=Klik Instal untuk melanjutkan instalasi, atau klik Kembali jika Anda ingin meninjau atau mengubah pengaturan.
; en: Click Install to continue with the installation.
ReadyLabel2b=Klik Instal untuk melanjutkan instalasi.
; en: User information:
ReadyMemoUserInfo=Informasi pengguna:
; en: Destination location:
ReadyMemoDir=Lokasi tujuan:
; en: Setup type:
ReadyMemoType=Jenis instalasi:
; en: Selected components:
ReadyMemoComponents=Komponen yang dipilih:
; en: Start Menu folder:
ReadyMemoGroup=Folder Menu Start:
; en: Additional tasks:
ReadyMemoTasks=Tugas tambahan:

; *** TDownloadWizardPage wizard page and DownloadTemporaryFile
; en: Downloading additional files...
DownloadingLabel=Mengunduh berkas tambahan...
; en: &Stop download
ButtonStopDownload=&Hentikan unduhan
; en: Are you sure you want to stop the download?
StopDownload=Apakah Anda yakin ingin menghentikan unduhan?
; en: Download aborted
ErrorDownloadAborted=Unduhan dibatalkan
; en: Download failed: %1 %2
ErrorDownloadFailed=Unduhan gagal: %1 %2
; en: Getting size failed: %1 %2
ErrorDownloadSizeFailed=Gagal mendapatkan ukuran: %1 %2
; en: File hash failed: %1
ErrorFileHash1=Gagal menghitung hash berkas: %1
; en: Invalid file hash: expected %1, found %2
ErrorFileHash2=Hash berkas tidak sah: seharusnya %1, ternyata %2
; en: Invalid progress: %1 of %2
ErrorProgress=Kemajuan tidak sah: %1 dari %2
; en: Invalid file size: expected %1, found %2
ErrorFileSize=Ukuran berkas tidak sah: seharusnya %1, ternyata %2

; *** TExtractionWizardPage wizard page and Extract7ZipArchive
; en: Extracting additional files...
ExtractionLabel=Mengekstrak berkas tambahan...
; en: &Stop extraction
ButtonStopExtraction=&Hentikan ekstraksi
; en: Are you sure you want to stop the extraction?
StopExtraction=Apakah Anda yakin ingin menghentikan ekstraksi?
; en: Extraction aborted
ErrorExtractionAborted=Ekstraksi dibatalkan
; en: Extraction failed: %1
ErrorExtractionFailed=Ekstraksi gagal: %1

; *** "Preparing to Install" wizard page
; en: Preparing to Install
WizardPreparing=Bersiap Menginstal
; en: Setup is preparing to install [name] on your computer.
PreparingDesc=Program instalasi sedang bersiap menginstal [name] di komputer Anda.
; en: The installation/removal of a previous program was not completed. You will need to restart your computer to complete that installation.%n%nAfter restarting your computer, run Setup again to complete the installation of [name].
PreviousInstallNotCompleted=Instalasi atau penghapusan program sebelumnya belum selesai. Anda perlu menghidupkan ulang komputer untuk menyelesaikannya.%n%nSetelah komputer dihidupkan ulang, jalankan program instalasi lagi untuk menyelesaikan instalasi [name].
; en: Setup cannot continue. Please click Cancel to exit.
CannotContinue=Instalasi tidak dapat dilanjutkan. Klik Batal untuk keluar.
; en: The following applications are using files that need to be updated by Setup. It is recommended that you allow Setup to automatically close these applications.
ApplicationsFound=Aplikasi berikut sedang memakai berkas yang perlu diperbarui oleh program instalasi. Sebaiknya izinkan program instalasi menutup aplikasi tersebut secara otomatis.
; en: The following applications are using files that need to be updated by Setup. It is recommended that you allow Setup to automatically close these applications. After the installation has completed, Setup will attempt to restart the applications.
ApplicationsFound2=Aplikasi berikut sedang memakai berkas yang perlu diperbarui oleh program instalasi. Sebaiknya izinkan program instalasi menutup aplikasi tersebut secara otomatis. Setelah instalasi selesai, program instalasi akan mencoba menjalankan kembali aplikasi tersebut.
; en: &Automatically close the applications
CloseApplications=&Tutup aplikasi secara otomatis
; en: &Do not close the applications
DontCloseApplications=&Jangan tutup aplikasi
; en: Setup was unable to automatically close all applications. It is recommended that you close all applications using files that need to be updated by Setup before continuing.
ErrorCloseApplications=Program instalasi tidak dapat menutup semua aplikasi secara otomatis. Sebaiknya tutup semua aplikasi yang memakai berkas yang perlu diperbarui oleh program instalasi sebelum melanjutkan.
; en: Setup must restart your computer. After restarting your computer, run Setup again to complete the installation of [name].%n%nWould you like to restart now?
PrepareToInstallNeedsRestart=Komputer Anda harus dihidupkan ulang. Setelah itu, jalankan program instalasi lagi untuk menyelesaikan instalasi [name].%n%nApakah Anda ingin menghidupkan ulang sekarang?

; *** "Installing" wizard page
; en: Installing
WizardInstalling=Menginstal
; en: Please wait while Setup installs [name] on your computer.
InstallingLabel=Harap tunggu, [name] sedang diinstal di komputer Anda.

; *** "Setup Completed" wizard page
; en: Completing the [name] Setup Wizard
FinishedHeadingLabel=Menyelesaikan Panduan Instalasi [name]
; en: Setup has finished installing [name] on your computer.
FinishedLabelNoIcons=Instalasi [name] di komputer Anda telah selesai.
; en: Setup has finished installing [name] on your computer. The application may be launched by selecting the installed shortcuts.
FinishedLabel=Instalasi [name] di komputer Anda telah selesai. Aplikasi dapat dijalankan melalui pintasan yang telah dibuat.
; en: Click Finish to exit Setup.
ClickFinish=Klik Selesai untuk keluar dari program instalasi.
; en: To complete the installation of [name], Setup must restart your computer. Would you like to restart now?
FinishedRestartLabel=Untuk menyelesaikan instalasi [name], komputer Anda harus dihidupkan ulang. Apakah Anda ingin menghidupkan ulang sekarang?
; en: To complete the installation of [name], Setup must restart your computer.%n%nWould you like to restart now?
FinishedRestartMessage=Untuk menyelesaikan instalasi [name], komputer Anda harus dihidupkan ulang.%n%nApakah Anda ingin menghidupkan ulang sekarang?
; en: Yes, I would like to view the README file
ShowReadmeCheck=Ya, saya ingin membaca berkas README
; en: &Yes, restart the computer now
YesRadio=&Ya, hidupkan ulang komputer sekarang
; en: &No, I will restart the computer later
NoRadio=&Tidak, saya akan menghidupkan ulang komputer nanti
; en: Run %1
RunEntryExec=Jalankan %1
; en: View %1
RunEntryShellExec=Lihat %1

; *** "Setup Needs the Next Disk" stuff
; en: Setup Needs the Next Disk
ChangeDiskTitle=Instalasi Memerlukan Disk Berikutnya
; en: Please insert Disk %1 and click OK.%n%nIf the files on this disk can be found in a folder other than the one displayed below, enter the correct path or click Browse.
SelectDiskLabel2=Masukkan Disk %1 lalu klik OK.%n%nJika berkas pada disk ini ada di folder selain yang ditampilkan di bawah, masukkan jalur yang benar atau klik Telusuri.
; en: &Path:
PathLabel=&Jalur:
; en: The file "%1" could not be located in "%2". Please insert the correct disk or select another folder.
FileNotInDir2=Berkas "%1" tidak ditemukan di "%2". Masukkan disk yang benar atau pilih folder lain.
; en: Please specify the location of the next disk.
SelectDirectoryLabel=Tentukan lokasi disk berikutnya.

; *** Installation phase messages
; en: Setup was not completed.%n%nPlease correct the problem and run Setup again.
SetupAborted=Instalasi tidak selesai.%n%nPerbaiki masalahnya lalu jalankan program instalasi lagi.
; en: Select action
AbortRetryIgnoreSelectAction=Pilih tindakan
; en: &Try again
AbortRetryIgnoreRetry=&Coba lagi
; en: &Ignore the error and continue
AbortRetryIgnoreIgnore=&Abaikan kesalahan dan lanjutkan
; en: Cancel installation
AbortRetryIgnoreCancel=Batalkan instalasi

; *** Installation status messages
; en: Closing applications...
StatusClosingApplications=Menutup aplikasi...
; en: Creating directories...
StatusCreateDirs=Membuat folder...
; en: Extracting files...
StatusExtractFiles=Mengekstrak berkas...
; en: Creating shortcuts...
StatusCreateIcons=Membuat pintasan...
; en: Creating INI entries...
StatusCreateIniEntries=Membuat entri INI...
; en: Creating registry entries...
StatusCreateRegistryEntries=Membuat entri registri...
; en: Registering files...
StatusRegisterFiles=Mendaftarkan berkas...
; en: Saving uninstall information...
StatusSavingUninstall=Menyimpan informasi penghapusan instalasi...
; en: Finishing installation...
StatusRunProgram=Menyelesaikan instalasi...
; en: Restarting applications...
StatusRestartingApplications=Menjalankan kembali aplikasi...
; en: Rolling back changes...
StatusRollback=Membatalkan perubahan...

; *** Misc. errors
; en: Internal error: %1
ErrorInternal2=Kesalahan internal: %1
; en: %1 failed
ErrorFunctionFailedNoCode=%1 gagal
; en: %1 failed; code %2
ErrorFunctionFailed=%1 gagal; kode %2
; en: %1 failed; code %2.%n%3
ErrorFunctionFailedWithMessage=%1 gagal; kode %2.%n%3
; en: Unable to execute file:%n%1
ErrorExecutingProgram=Tidak dapat menjalankan berkas:%n%1

; *** Registry errors
; en: Error opening registry key:%n%1\%2
ErrorRegOpenKey=Kesalahan saat membuka kunci registri:%n%1\%2
; en: Error creating registry key:%n%1\%2
ErrorRegCreateKey=Kesalahan saat membuat kunci registri:%n%1\%2
; en: Error writing to registry key:%n%1\%2
ErrorRegWriteKey=Kesalahan saat menulis ke kunci registri:%n%1\%2

; *** INI errors
; en: Error creating INI entry in file "%1".
ErrorIniEntry=Kesalahan saat membuat entri INI di berkas "%1".

; *** File copying errors
; en: &Skip this file (not recommended)
FileAbortRetryIgnoreSkipNotRecommended=&Lewati berkas ini (tidak disarankan)
; en: &Ignore the error and continue (not recommended)
FileAbortRetryIgnoreIgnoreNotRecommended=&Abaikan kesalahan dan lanjutkan (tidak disarankan)
; en: The source file is corrupted
SourceIsCorrupted=Berkas sumber rusak
; en: The source file "%1" does not exist
SourceDoesntExist=Berkas sumber "%1" tidak ada
; en: The existing file could not be replaced because it is marked read-only.
ExistingFileReadOnly2=Berkas yang ada tidak dapat diganti karena bertanda hanya-baca.
; en: &Remove the read-only attribute and try again
ExistingFileReadOnlyRetry=&Hapus atribut hanya-baca lalu coba lagi
; en: &Keep the existing file
ExistingFileReadOnlyKeepExisting=&Pertahankan berkas yang ada
; en: An error occurred while trying to read the existing file:
ErrorReadingExistingDest=Terjadi kesalahan saat membaca berkas yang ada:
; en: Select action
FileExistsSelectAction=Pilih tindakan
; en: The file already exists.
FileExists2=Berkas sudah ada.
; en: &Overwrite the existing file
FileExistsOverwriteExisting=&Timpa berkas yang ada
; en: &Keep the existing file
FileExistsKeepExisting=&Pertahankan berkas yang ada
; en: &Do this for the next conflicts
FileExistsOverwriteOrKeepAll=&Lakukan hal yang sama untuk konflik berikutnya
; en: Select action
ExistingFileNewerSelectAction=Pilih tindakan
; en: The existing file is newer than the one Setup is trying to install.
ExistingFileNewer2=Berkas yang ada lebih baru daripada berkas yang akan diinstal.
; en: &Overwrite the existing file
ExistingFileNewerOverwriteExisting=&Timpa berkas yang ada
; en: &Keep the existing file (recommended)
ExistingFileNewerKeepExisting=&Pertahankan berkas yang ada (disarankan)
; en: &Do this for the next conflicts
ExistingFileNewerOverwriteOrKeepAll=&Lakukan hal yang sama untuk konflik berikutnya
; en: An error occurred while trying to change the attributes of the existing file:
ErrorChangingAttr=Terjadi kesalahan saat mengubah atribut berkas yang ada:
; en: An error occurred while trying to create a file in the destination directory:
ErrorCreatingTemp=Terjadi kesalahan saat membuat berkas di folder tujuan:
; en: An error occurred while trying to read the source file:
ErrorReadingSource=Terjadi kesalahan saat membaca berkas sumber:
; en: An error occurred while trying to copy a file:
ErrorCopying=Terjadi kesalahan saat menyalin berkas:
; en: An error occurred while trying to replace the existing file:
ErrorReplacingExistingFile=Terjadi kesalahan saat mengganti berkas yang ada:
; en: RestartReplace failed:
ErrorRestartReplace=RestartReplace gagal:
; en: An error occurred while trying to rename a file in the destination directory:
ErrorRenamingTemp=Terjadi kesalahan saat mengganti nama berkas di folder tujuan:
; en: Unable to register the DLL/OCX: %1
ErrorRegisterServer=Tidak dapat mendaftarkan DLL/OCX: %1
; en: RegSvr32 failed with exit code %1
ErrorRegSvr32Failed=RegSvr32 gagal dengan kode keluar %1
; en: Unable to register the type library: %1
ErrorRegisterTypeLib=Tidak dapat mendaftarkan pustaka tipe: %1

; *** Uninstall display name markings
; en: %1 (%2)
UninstallDisplayNameMark=%1 (%2)
; en: %1 (%2, %3)
UninstallDisplayNameMarks=%1 (%2, %3)
; en: 32-bit
UninstallDisplayNameMark32Bit=32-bit
; en: 64-bit
UninstallDisplayNameMark64Bit=64-bit
; en: All users
UninstallDisplayNameMarkAllUsers=Semua pengguna
; en: Current user
UninstallDisplayNameMarkCurrentUser=Pengguna saat ini

; *** Post-installation errors
; en: An error occurred while trying to open the README file.
ErrorOpeningReadme=Terjadi kesalahan saat membuka berkas README.
; en: Setup was unable to restart the computer. Please do this manually.
ErrorRestartingComputer=Program instalasi tidak dapat menghidupkan ulang komputer. Lakukan secara manual.

; *** Uninstaller messages
; en: File "%1" does not exist. Cannot uninstall.
UninstallNotFound=Berkas "%1" tidak ada. Instalasi tidak dapat dihapus.
; en: File "%1" could not be opened. Cannot uninstall
UninstallOpenError=Berkas "%1" tidak dapat dibuka. Instalasi tidak dapat dihapus
; en: The uninstall log file "%1" is in a format not recognized by this version of the uninstaller. Cannot uninstall
UninstallUnsupportedVer=Format berkas log penghapusan instalasi "%1" tidak dikenali oleh versi penghapus instalasi ini. Instalasi tidak dapat dihapus
; en: An unknown entry (%1) was encountered in the uninstall log
UninstallUnknownEntry=Ditemukan entri yang tidak dikenal (%1) di log penghapusan instalasi
; en: Are you sure you want to completely remove %1 and all of its components?
ConfirmUninstall=Apakah Anda yakin ingin menghapus %1 beserta semua komponennya?
; en: This installation can only be uninstalled on 64-bit Windows.
UninstallOnlyOnWin64=Instalasi ini hanya dapat dihapus di Windows 64-bit.
; en: This installation can only be uninstalled by a user with administrative privileges.
OnlyAdminCanUninstall=Instalasi ini hanya dapat dihapus oleh pengguna dengan hak administrator.
; en: Please wait while %1 is removed from your computer.
UninstallStatusLabel=Harap tunggu, %1 sedang dihapus dari komputer Anda.
; en: %1 was successfully removed from your computer.
UninstalledAll=%1 berhasil dihapus dari komputer Anda.
; en: %1 uninstall complete.%n%nSome elements could not be removed. These can be removed manually.
UninstalledMost=Penghapusan instalasi %1 selesai.%n%nBeberapa bagian tidak dapat dihapus. Bagian tersebut dapat dihapus secara manual.
; en: To complete the uninstallation of %1, your computer must be restarted.%n%nWould you like to restart now?
UninstalledAndNeedsRestart=Untuk menyelesaikan penghapusan instalasi %1, komputer Anda harus dihidupkan ulang.%n%nApakah Anda ingin menghidupkan ulang sekarang?
; en: "%1" file is corrupted. Cannot uninstall
UninstallDataCorrupted=Berkas "%1" rusak. Instalasi tidak dapat dihapus

; *** Uninstallation phase messages
; en: Remove Shared File?
ConfirmDeleteSharedFileTitle=Hapus Berkas Bersama?
; en: The system indicates that the following shared file is no longer in use by any programs. Would you like for Uninstall to remove this shared file?%n%nIf any programs are still using this file and it is removed, those programs may not function properly. If you are unsure, choose No. Leaving the file on your system will not cause any harm.
ConfirmDeleteSharedFile2=Sistem menunjukkan bahwa berkas bersama berikut tidak lagi dipakai oleh program mana pun. Apakah Anda ingin berkas bersama ini dihapus?%n%nJika masih ada program yang memakai berkas ini lalu berkas ini dihapus, program tersebut mungkin tidak berfungsi dengan benar. Jika Anda ragu, pilih Tidak. Membiarkan berkas ini tetap ada tidak akan menimbulkan masalah.
; en: File name:
SharedFileNameLabel=Nama berkas:
; en: Location:
SharedFileLocationLabel=Lokasi:
; en: Uninstall Status
WizardUninstalling=Status Penghapusan Instalasi
; en: Uninstalling %1...
StatusUninstalling=Menghapus %1...

; *** Shutdown block reasons
; en: Installing %1.
ShutdownBlockReasonInstallingApp=Menginstal %1.
; en: Uninstalling %1.
ShutdownBlockReasonUninstallingApp=Menghapus instalasi %1.

; The custom messages below aren't used by Setup itself, but if you make
; use of them in your scripts, you'll want to translate them.

[CustomMessages]

; en: %1 version %2
NameAndVersion=%1 versi %2
; en: Additional shortcuts:
AdditionalIcons=Pintasan tambahan:
; en: Create a &desktop shortcut
CreateDesktopIcon=Buat pintasan di &desktop
; en: Create a &Quick Launch shortcut
CreateQuickLaunchIcon=Buat pintasan &Quick Launch
; en: %1 on the Web
ProgramOnTheWeb=%1 di Web
; en: Uninstall %1
UninstallProgram=Hapus instalasi %1
; en: Launch %1
LaunchProgram=Jalankan %1
; en: &Associate %1 with the %2 file extension
AssocFileExtension=&Kaitkan %1 dengan ekstensi berkas %2
; en: Associating %1 with the %2 file extension...
AssocingFileExtension=Mengaitkan %1 dengan ekstensi berkas %2...
; en: Startup:
AutoStartProgramGroupDescription=Startup:
; en: Automatically start %1
AutoStartProgram=Jalankan %1 secara otomatis
; en: %1 could not be located in the folder you selected.%n%nDo you want to continue anyway?
AddonHostProgramNotFound=%1 tidak ditemukan di folder yang Anda pilih.%n%nApakah Anda tetap ingin melanjutkan?
