// Bahasa Indonesia (Indonesian).
import type { Messages } from './messages';

export const id: Messages = {
  languageName: 'Bahasa Indonesia',
  languageChoice: 'Pilih bahasa',
  waiting: {
    title: 'Mohon tunggu petunjuk dari petugas',
    body: 'Anda akan mengatur PIN di layar ini',
  },
  secret: {
    signing: 'Kata sandi sertifikat elektronik untuk tanda tangan',
    auth: 'PIN sertifikat elektronik untuk identifikasi pengguna',
    juki: 'PIN untuk Daftar Penduduk Dasar',
    text: 'PIN untuk membaca informasi pada muka kartu',
    shared: 'Satu PIN untuk ketiganya',
  },
  purpose: {
    signing: 'Digunakan untuk mengirim dokumen secara elektronik, misalnya ke e-Tax',
    auth: 'Digunakan untuk masuk ke Mynaportal dan mengambil surat keterangan di minimarket',
    juki: 'Digunakan untuk prosedur seperti pindah alamat',
    text: 'Digunakan saat nama dan alamat Anda dibaca dari kartu',
    shared: 'Nomor yang sama untuk PIN identifikasi pengguna, Daftar Penduduk dan muka kartu',
  },
  rule: {
    pin: '4 angka',
    password: '6 sampai 16 karakter, berisi huruf kapital (A–Z) dan angka (0–9)',
  },
  entry: {
    first: 'Silakan masukkan',
    confirm: 'Silakan masukkan sekali lagi untuk konfirmasi',
    again: 'Silakan ulangi dari awal',
    resume: 'Mohon maaf: silakan masukkan PIN Anda sekali lagi',
    checking: 'Sedang diperiksa…',
    typed: (count) => `${count} karakter dimasukkan`,
  },
  keys: {
    ok: 'OK',
    erase: 'Hapus satu',
    clear: 'Hapus semua',
    pad: 'Papan tombol',
  },
  same: {
    title: 'Gunakan nomor yang sama untuk tiga PIN?',
    body: 'PIN identifikasi pengguna, Daftar Penduduk dan muka kartu',
    yes: 'Nomor yang sama untuk ketiganya',
    no: 'Nomor yang berbeda',
  },
  review: {
    title: 'Semua sudah dimasukkan',
    body: 'Ini sekarang akan diatur pada kartu Anda. Apakah sudah benar?',
    shared: 'Ketiganya sama',
    submit: 'Atur',
    restart: 'Ulangi dari awal',
  },
  processing: 'Sedang diproses. Mohon jangan cabut kartunya.',
  progress: {
    label: 'Kemajuan',
    stages: {
      pins: 'Mengatur PIN Anda',
      keys: 'Membuat kunci',
      certificates: 'Menerbitkan sertifikat',
      write: 'Menulis sertifikat ke kartu',
      'read-back': 'Membaca ulang dari kartu',
      'test-sign': 'Memeriksa dengan tanda tangan uji',
    },
  },
  callStaff: {
    button: 'Panggil petugas',
    called: 'Petugas sudah dipanggil. Mohon tunggu sebentar.',
    failed: 'Panggilan tidak tersambung. Silakan bicara dengan petugas di loket.',
  },
  done: {
    title: 'Terima kasih',
    body: 'Silakan beri tahu petugas bahwa Anda sudah selesai',
  },
  failed: {
    title: 'PIN tidak dapat diatur',
    body: 'Silakan panggil petugas',
  },
  violation: {
    'pin-format': 'PIN terdiri dari 4 angka',
    'pin-same-digits': 'Empat angka yang sama (seperti 1111) tidak dapat digunakan',
    'pin-sequence': 'Angka berurutan seperti 1234 atau 9876 tidak dapat digunakan',
    'pin-birth-date':
      'Angka dari tanggal lahir Anda (bulan dan tanggal, tahun dan bulan, atau tahun) tidak dapat digunakan',
    'password-format':
      'Kata sandi terdiri dari 6 sampai 16 karakter huruf kapital (A–Z) dan angka (0–9)',
    'password-letter-digit': 'Silakan gunakan huruf dan angka sekaligus',
    'pin-confirmation-differs': 'Kedua masukan tidak sama',
  },
  error: {
    callClerk: 'Saat ini tidak dapat diterima. Silakan panggil petugas',
  },
  later: {
    title: {
      release: 'Mengakhiri penangguhan kartu Anda',
      'pin-reset': 'Mengatur ulang PIN Anda',
      renewal: 'Memperbarui sertifikat elektronik Anda',
    },
    why: {
      release:
        'Kartu Anda akan dapat digunakan lagi, dengan sertifikat elektronik baru. Untuk itu, silakan masukkan PIN Anda',
      'pin-reset': 'Untuk mengatur ulang PIN Anda, silakan masukkan PIN',
      renewal: 'Untuk memperbarui sertifikat elektronik Anda, silakan masukkan PIN Anda',
    },
    listTitle: 'Anda akan memasukkan, dengan urutan ini:',
    start: 'Mulai',
    plan: {
      current: 'Yang Anda gunakan sekarang (tetap sama)',
      change: 'Yang Anda gunakan sekarang, lalu yang baru',
      new: 'Yang baru, pilihan Anda',
    },
    outcome: {
      current: 'tetap sama',
      change: 'akan diganti dengan yang baru',
      new: 'akan diatur baru',
    },
    current: {
      pin: 'Silakan masukkan PIN yang Anda gunakan sekarang',
      password: 'Silakan masukkan kata sandi yang Anda gunakan sekarang',
    },
    newFirst: {
      pin: 'Silakan masukkan PIN baru Anda',
      password: 'Silakan masukkan kata sandi baru Anda',
    },
    newConfirm: {
      pin: 'Silakan masukkan PIN baru sekali lagi untuk konfirmasi',
      password: 'Silakan masukkan kata sandi baru sekali lagi untuk konfirmasi',
    },
    steps: { current: 'Yang sekarang', first: 'Yang baru', confirm: 'Konfirmasi' },
    triesLeft: (count) =>
      `Jika salah dimasukkan ${count} kali lagi, akan terkunci dan tidak dapat digunakan lagi`,
    lastTry: 'Jika salah dimasukkan sekali lagi, akan terkunci dan tidak dapat digunakan lagi',
    unsure: 'Jika Anda tidak yakin, jangan dimasukkan: silakan panggil petugas',
    reviewBody: 'Prosedur akan dilanjutkan dengan ini. Apakah sudah benar?',
    submit: 'Konfirmasi',
    wrong: {
      pin: 'PIN yang Anda gunakan sekarang tidak benar',
      password: 'Kata sandi yang Anda gunakan sekarang tidak benar',
    },
    locked: {
      pin: 'PIN ini terkunci dan tidak dapat digunakan',
      password: 'Kata sandi ini terkunci dan tidak dapat digunakan',
    },
    lockedHelp: 'Yang baru dapat diatur sebagai gantinya',
    askClerk: 'Silakan panggil petugas',
    again: 'Masukkan lagi',
    continue: 'Lanjutkan',
  },
  cardFace: {
    title: 'Silakan periksa data pada kartu Anda',
    body: 'Ini adalah data yang tercatat di kartu Anda. Silakan periksa bersama petugas.',
    name: 'Nama',
    address: 'Alamat',
    birthDate: 'Tanggal lahir',
    sex: 'Jenis kelamin',
    sexes: {
      male: 'laki-laki',
      female: 'perempuan',
      'not-applicable': 'tidak berlaku',
      unknown: 'tidak diketahui',
    },
    yes: 'Ya, ini benar',
    no: 'Tidak, ada yang salah',
    thanks: { title: 'Terima kasih sudah memeriksa', body: 'Mohon tunggu petunjuk dari petugas' },
    wrong: {
      title: 'Petugas akan menjelaskan',
      body: 'Mohon tunggu di sini dan beri tahu petugas apa yang salah',
    },
  },
};
