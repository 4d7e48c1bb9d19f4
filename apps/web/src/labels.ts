/**
 * Every label users read for a value of the API: enum values and error codes. ONE module, so a
 * renamed value is fixed in one place; test/web/web-labels.spec.ts checks each enum map here
 * against the enums of the OpenAPI document (every value labelled, no label for a value the API
 * does not have) and each error code against the codes the server's source can send.
 */

/** Enum maps checked against the OpenAPI document: [label map, a JSON pointer-ish location in openapi.json]. */
export const URGENCY = { BIASA: 'Biasa', SEGERA: 'Segera', AMAT_SEGERA: 'Amat segera' } as const;
export const SECURITY_CLASS = { B: 'Biasa', T: 'Terbatas', R: 'Rahasia', SR: 'Sangat rahasia' } as const;
export const RECIPIENT_KIND = { TO: 'Kepada', CC: 'Tembusan' } as const;
export const OUTBOX_BOX = {
  drafts: 'Konsep',
  'in-review': 'Dalam pemeriksaan',
  'awaiting-review': 'Perlu paraf',
  'awaiting-signature': 'Perlu tanda tangan',
  sent: 'Terkirim',
} as const;
export const DISPOSITION_STATUS = { UNREAD: 'Belum dibaca', READ: 'Dibaca', IN_PROGRESS: 'Dikerjakan', DONE: 'Selesai', CANCELLED: 'Dibatalkan' } as const;
export const DELEGATION_KIND = { PLT: 'Plt.', PLH: 'Plh.' } as const;
export const ROLE = {
  DRAFTER: 'Konseptor',
  REVIEWER: 'Pemeriksa',
  SIGNER: 'Penandatangan',
  LEADER: 'Pimpinan',
  REGISTRAR: 'Pencatat (TU)',
  ARCHIVIST: 'Arsiparis',
  ADMIN: 'Administrator',
} as const;
export const OFFICE_LEVEL = { RI: 'KPU RI', PROVINSI: 'KPU Provinsi', KABKOTA: 'KPU Kabupaten/Kota' } as const;
export const REVIEW_DECISION = { APPROVE: 'Setujui', RETURN: 'Kembalikan' } as const;
export const RECIPIENT_GROUP = { ALL_PROVINCES: 'Semua KPU Provinsi', ALL_KABKOTA: 'Semua KPU Kabupaten/Kota', KABKOTA_OF_PROVINCE: 'Semua KPU Kabupaten/Kota se-provinsi' } as const;
export const ROUTE_MODE = { DIRECT: 'Langsung', VIA_PARENT: 'Melalui satker induk', FORBIDDEN: 'Tidak diizinkan' } as const;
/** A sent letter's delivery, as its sender tracks it (GET /api/letters/{id}/tracking). */
export const TRACKING_STATUS = {
  UNREAD: 'Belum dibaca',
  READ: 'Dibaca',
  FORWARDED: 'Diteruskan',
  DISPOSED: 'Didisposisikan',
  ACTED: 'Ditindaklanjuti',
  RETURNED: 'Dikembalikan',
} as const;

/** Which OpenAPI enum each map labels (the test reads these). */
export const ENUM_SOURCES: { name: string; map: Record<string, string>; openapi: string }[] = [
  { name: 'URGENCY', map: URGENCY, openapi: 'paths./api/inbox.get.parameters[urgency]' },
  { name: 'SECURITY_CLASS', map: SECURITY_CLASS, openapi: 'components.schemas.CreateLetterDto.properties.securityClass' },
  { name: 'RECIPIENT_KIND', map: RECIPIENT_KIND, openapi: 'paths./api/inbox.get.parameters[kind]' },
  { name: 'OUTBOX_BOX', map: OUTBOX_BOX, openapi: 'paths./api/outbox.get.parameters[box]' },
  { name: 'DISPOSITION_STATUS', map: DISPOSITION_STATUS, openapi: 'paths./api/dispositions/received.get.parameters[status]' },
  { name: 'DELEGATION_KIND', map: DELEGATION_KIND, openapi: 'components.schemas.CreateDelegationDto.properties.kind' },
  { name: 'ROLE', map: ROLE, openapi: 'components.schemas.CreateUserDto.properties.grants.items' },
  { name: 'OFFICE_LEVEL', map: OFFICE_LEVEL, openapi: 'paths./api/offices.get.parameters[level]' },
  { name: 'REVIEW_DECISION', map: REVIEW_DECISION, openapi: 'components.schemas.ReviewDto.properties.decision' },
  { name: 'RECIPIENT_GROUP', map: RECIPIENT_GROUP, openapi: 'components.schemas.RecipientGroup' },
  { name: 'ROUTE_MODE', map: ROUTE_MODE, openapi: 'components.schemas.RoutePreviewItemDto.properties.mode' },
  { name: 'TRACKING_STATUS', map: TRACKING_STATUS, openapi: 'components.schemas.TrackingStatus' },
];

/** Values the API answers with but does not (yet) declare as enums in OpenAPI (no response schemas). */
export const LETTER_STATUS = {
  DRAFT: 'Konsep',
  IN_REVIEW: 'Dalam pemeriksaan',
  RETURNED: 'Dikembalikan',
  APPROVED: 'Disetujui',
  SIGNED: 'Ditandatangani',
  SENT: 'Terkirim',
  CANCELLED: 'Dibatalkan',
} as const;
/** A reviewer's step (LetterReview.decision). */
export const REVIEW_STEP = { PENDING: 'Menunggu', APPROVED: 'Diparaf', RETURNED: 'Dikembalikan' } as const;
export const DELIVERY_STATUS = { DELIVERED: 'Belum dibaca', READ: 'Dibaca', FORWARDED: 'Diteruskan', RETURNED: 'Dikembalikan' } as const;
export const ARRIVED_BY = { SEND: 'Dikirim', FORWARD: 'Diteruskan', RETURN: 'Dikembalikan', REGISTER: 'Diregistrasi', RECEIVED: 'Diterima' } as const;
export const CAPACITY = { SENDIRI: '', PLT: 'Plt.', PLH: 'Plh.', AN: 'a.n.', SYSTEM: 'Sistem' } as const;
export const HISTORY_ACTION = {
  LETTER_DRAFTED: 'Konsep dibuat',
  LETTER_REVISED: 'Konsep diubah',
  LETTER_SUBMITTED: 'Diajukan untuk diperiksa',
  LETTER_REVIEW_APPROVED: 'Disetujui pemeriksa',
  LETTER_RETURNED: 'Dikembalikan pemeriksa',
  LETTER_SIGNED: 'Ditandatangani',
  LETTER_RENDERED: 'PDF dibuat',
  LETTER_SENT: 'Dikirim',
  LETTER_DELIVERED: 'Diterima',
  LETTER_READ: 'Dibaca',
  LETTER_CANCELLED: 'Dibatalkan',
  LETTER_REGISTERED: 'Surat masuk diregistrasi',
  LETTER_FORWARDED: 'Diteruskan',
  LETTER_RETURNED_TO_SENDER: 'Dikembalikan ke pengirim',
  LETTER_FILED: 'Diberkaskan',
  LETTER_UNREAD_REMINDED: 'Pengingat dikirim kepada yang belum membaca',
  LETTER_CONTENT_DESTROYED: 'Isi dimusnahkan',
  LETTER_COPY_DESTROYED: 'Salinan dimusnahkan',
  ATTACHMENT_ADDED: 'Lampiran ditambahkan',
  ATTACHMENT_REMOVED: 'Lampiran dihapus',
  DISPOSITION_ISSUED: 'Didisposisikan',
  DISPOSITION_PREPARED: 'Disposisi disiapkan',
} as const;

/** Indonesian messages for the error codes a user meets in these screens (others: the server's own message). */
export const ERROR_MESSAGES: Record<string, string> = {
  INVALID_CREDENTIALS: 'Nama pengguna atau kata sandi salah.',
  TOO_MANY_LOGIN_ATTEMPTS: 'Terlalu banyak percobaan masuk. Tunggu sebentar lalu coba lagi.',
  USER_INACTIVE: 'Akun ini tidak aktif. Hubungi administrator.',
  INVALID_REFRESH_TOKEN: 'Sesi Anda telah berakhir. Silakan masuk kembali.',
  SESSION_REVOKED: 'Sesi Anda telah berakhir. Silakan masuk kembali.',
  UNAUTHENTICATED: 'Silakan masuk terlebih dahulu.',
  INVALID_ACCESS_TOKEN: 'Sesi Anda telah berakhir. Silakan masuk kembali.',
  NOT_FOUND: 'Data tidak ditemukan atau Anda tidak berhak melihatnya.',
  LETTER_NOT_FOUND: 'Naskah tidak ditemukan atau Anda tidak berhak melihatnya.',
  DOCUMENT_NOT_READY: 'PDF naskah sedang dibuat. Coba lagi sebentar lagi.',
  NOT_THE_RECIPIENT: 'Naskah ini tidak ditujukan kepada jabatan Anda.',
  ROLE_REQUIRED: 'Anda tidak memiliki peran untuk tindakan ini.',
  ROUTING_FORBIDDEN: 'Tujuan ini tidak diizinkan oleh aturan rute naskah.',
  VERSION_CONFLICT: 'Data sudah diubah orang lain. Muat ulang lalu ulangi.',
  STALE_VERSION: 'Data sudah diubah orang lain. Muat ulang lalu ulangi.',
  INVALID_SIGNER: 'Penandatangan harus pejabat penandatangan di satker yang sama.',
  INVALID_REVIEWER: 'Pemeriksa harus jabatan di satker yang sama.',
  TYPE_FIELDS_INCOMPLETE: 'Isian jenis naskah belum lengkap: lengkapi isian yang ditandai sebelum mengajukan.',
  TYPE_FIELDS_OF_OTHER_TYPE: 'Isian naskah masih memuat isian jenis naskah lain. Pilih ulang jenis naskah lalu simpan kembali.',
  INVALID_ON_BEHALF_OF: 'Jabatan a.n. (atas nama) harus atasan penandatangan di satker penyusun naskah.',
  INVALID_THROUGH: 'Jabatan u.b. (untuk beliau) harus di antara penandatangan dan jabatan a.n. di satker penyusun naskah.',
  UNKNOWN_CLASSIFICATION: 'Kode klasifikasi tidak ada.',
  FILE_TYPE_NOT_ALLOWED: 'Jenis berkas tidak didukung: unggah PDF, PNG, JPEG, DOCX atau XLSX.',
  TOO_MANY_ATTACHMENTS: 'Lampiran paling banyak 20 berkas.',
  NOT_A_PDF: 'Berkas yang diunggah bukan PDF.',
  FILE_TOO_LARGE: 'Berkas terlalu besar.',
  FILE_EMPTY: 'Berkas kosong.',
  SERVICE_UNAVAILABLE: 'Layanan sedang tidak tersedia. Coba lagi sebentar lagi.',
  PASSWORD_CONFIRMATION_FAILED: 'Kata sandi salah, atau Anda bukan penandatangan naskah ini (atau Plt/Plh-nya). Naskah belum ditandatangani.',
  NOTE_REQUIRED: 'Isi catatan perbaikan untuk konseptor.',
  OUT_OF_REVIEW_ORDER: 'Belum giliran Anda: naskah menunggu pemeriksa sebelumnya.',
  NOT_THE_REVIEWER: 'Anda bukan pemeriksa naskah ini.',
  SELF_REVIEW: 'Konseptor tidak dapat menyetujui naskah yang disusunnya sendiri; kembalikan naskah untuk mengganti pemeriksa.',
  LETTER_NOT_IN_REVIEW: 'Naskah tidak sedang dalam pemeriksaan (mungkin sudah diperiksa orang lain). Muat ulang halaman.',
  LETTER_NOT_APPROVED: 'Naskah belum disetujui semua pemeriksa, belum dapat ditandatangani.',
  ALREADY_SIGNED: 'Naskah sudah ditandatangani.',
  LETTER_ALREADY_SENT: 'Naskah sudah dikirim.',
  NOT_ALLOWED_TO_SEND: 'Hanya konseptor, penandatangan (atau Plt/Plh-nya) atau pencatat surat satker pengirim yang dapat mengirim naskah ini.',
  NOT_TRACKING_PARTY: 'Pelacakan pengiriman hanya untuk konseptor, penandatangan, atasannya, atau pencatat surat satker pengirim.',
  INTERNAL_ERROR: 'Terjadi kesalahan pada server. Coba lagi; bila berulang, hubungi administrator.',
};

const BY_STATUS: Record<number, string> = {
  0: 'Tidak dapat menghubungi server. Periksa koneksi Anda.',
  401: 'Sesi Anda telah berakhir. Silakan masuk kembali.',
  403: 'Anda tidak berhak melakukan tindakan ini.',
  404: 'Data tidak ditemukan.',
  429: 'Terlalu banyak permintaan. Tunggu sebentar lalu coba lagi.',
};

/** Words that make a bracket Indonesian (kept), e.g. "(atau surat masuk satker ini)", "(contoh: PL, PL.01)". */
const INDONESIAN = /\b(yang|atau|dan|di|ke|dari|untuk|tidak|harus|sudah|belum|butuh|contoh|bawaan|ada|dengan|ini|itu|satker|surat|naskah|jabatan|berkas|detik|hari|tanggal|dicatat)\b/i;

/**
 * The server's message without its English tail: API messages read "Indonesian text (english words)"
 * for developers; users read only the Indonesian (UI.md). A bracket that ends the message, starts in
 * lower case and has no Indonesian word in it is that tail.
 */
export function withoutEnglishTail(message: string): string {
  const m = /\s*\(([a-z][^()]*)\)\s*$/.exec(message);
  if (!m || INDONESIAN.test(m[1]) || !message.slice(0, m.index).trim()) return message;
  return message.slice(0, m.index);
}

/** What to tell the user about an API error: our text for known codes, else the server's (Indonesian) message. */
export function errorMessage(code: string | undefined, serverMessage: string | undefined, status: number): string {
  if (code && ERROR_MESSAGES[code]) return ERROR_MESSAGES[code];
  serverMessage = serverMessage && withoutEnglishTail(serverMessage);
  if (code === 'VALIDATION_FAILED' && serverMessage) return `Isian belum benar: ${serverMessage}`;
  if (serverMessage) return serverMessage;
  return BY_STATUS[status] ?? (status >= 500 ? ERROR_MESSAGES.INTERNAL_ERROR : `Permintaan gagal (HTTP ${status}).`);
}

/** The label of a value, or the value itself (never "null"/"undefined"). */
export function label(map: Record<string, string>, value: string | null | undefined, empty = '—'): string {
  if (value === null || value === undefined || value === '') return empty;
  return value in map ? map[value] : value;
}
