import type { BodyDoc, BodyParagraph } from '../letters/letter-content';
import type { LetterRenderInput } from './letter-render-input';

/** Realistic letters per type, for the rendering tests (and for looking at the pages). */

const p = (text: string): BodyParagraph => ({ type: 'paragraph', content: [{ type: 'text', text }] });
export const doc = (...content: BodyDoc['content']): BodyDoc => ({ type: 'doc', content });

export const office = {
  name: 'KOMISI PEMILIHAN UMUM KABUPATEN SUMBAWA',
  address: 'Jalan Garuda Nomor 1, Sumbawa Besar, Nusa Tenggara Barat 84312',
  phone: '(0371) 21234',
  email: 'kab-sumbawa@kpu.go.id',
  website: 'https://kab-sumbawa.kpu.go.id',
  city: 'Sumbawa',
};

export const baseLetter = (over: Partial<LetterRenderInput> = {}): LetterRenderInput => ({
  letterId: '01HQ3Z8K6T2V9XABCD',
  office,
  number: '1/PY.01.1-SD/5304/2024',
  date: new Date('2024-03-04T18:30:00.000Z'), // 5 Maret 2024, 01:30 WIB
  typeName: 'Surat Dinas',
  typeCode: 'SD',
  securityClass: 'B',
  urgency: 'SEGERA',
  attachmentsCount: 1,
  subject: 'Penyampaian Laporan Pemutakhiran Data Pemilih Berkelanjutan Triwulan I',
  addressees: ['Ketua Komisi Pemilihan Umum Provinsi Nusa Tenggara Barat di Mataram'],
  copies: ['Ketua KPU Republik Indonesia', 'Sekretaris KPU Kabupaten Sumbawa'],
  body: [
    'Dalam rangka pelaksanaan pemutakhiran data pemilih berkelanjutan, bersama ini kami sampaikan laporan hasil kegiatan triwulan I tahun 2024.',
    'Demikian disampaikan, atas perhatian dan kerja samanya diucapkan terima kasih.',
  ].join('\n\n'),
  signature: { capacityPrefix: '', positionTitle: 'KETUA', signerName: 'Dra. Siti Aminah, M.Si.' },
  verificationUrl: 'https://naskah.kpu.go.id/verifikasi.html?t=q7JcE2m9T0vXcP4aLbZk1w',
  ...over,
});

/** A Surat Dinas with a rich body: marks, nested lists, a table, and names in several scripts. */
export const richBody = doc(
  {
    type: 'paragraph',
    content: [
      { type: 'text', text: 'Menindaklanjuti surat Saudara, dengan ini kami sampaikan hal-hal ' },
      { type: 'text', text: 'penting', marks: [{ type: 'bold' }] },
      { type: 'text', text: ' berikut, yang ' },
      { type: 'text', text: 'wajib', marks: [{ type: 'italic' }] },
      { type: 'text', text: ' diperhatikan ' },
      { type: 'text', text: 'paling lambat 10 Maret 2024', marks: [{ type: 'underline' }] },
      { type: 'text', text: ':' },
    ],
  },
  {
    type: 'orderedList',
    content: [
      { type: 'listItem', content: [p('Pemutakhiran data pemilih dilaksanakan oleh petugas yang telah ditetapkan, dengan memperhatikan ketentuan peraturan perundang-undangan yang berlaku.')] },
      {
        type: 'listItem',
        content: [
          p('Data yang dilaporkan meliputi:'),
          {
            type: 'orderedList',
            content: [
              { type: 'listItem', content: [p('pemilih baru;')] },
              {
                type: 'listItem',
                content: [
                  p('pemilih yang tidak memenuhi syarat, yaitu:'),
                  { type: 'orderedList', content: [{ type: 'listItem', content: [p('meninggal dunia;')] }, { type: 'listItem', content: [p('pindah domisili.')] }] },
                ],
              },
            ],
          },
        ],
      },
      { type: 'listItem', content: [p('Laporan disampaikan dengan format terlampir.')] },
    ],
  },
  { type: 'bulletList', content: [{ type: 'listItem', content: [p('Narahubung: Ṣalāḥ ad-Dīn (0812 3456 7890).')] }, { type: 'listItem', content: [p('Petugas data: Nyoman Ayu Ketut, Nguyễn Văn An, Αλέξανδρος, Дмитрий.')] }] },
  {
    type: 'table',
    content: [
      { type: 'tableRow', content: ['No.', 'Kecamatan', 'Pemilih Baru', 'Tidak Memenuhi Syarat'].map((t) => ({ type: 'tableHeader' as const, content: [p(t)] })) },
      ...[['1', 'Sumbawa', '1.204', '312'], ['2', 'Moyo Hilir', '487', '95'], ['3', 'Alas', '655', '140']].map((r) => ({
        type: 'tableRow' as const,
        content: r.map((t) => ({ type: 'tableCell' as const, content: [p(t)] })),
      })),
    ],
  },
  { type: 'paragraph', content: [{ type: 'text', text: 'Demikian disampaikan, atas perhatian Saudara diucapkan terima kasih.' }] },
);

const NAMES = ['Ṣalāḥ ad-Dīn', 'Nyoman Ayu Ketut', 'Nguyễn Văn An', 'I Gusti Ngurah Putu Wirawan', 'Baiq Nurul Hidayati', 'Lalu Muhammad Zainuddin', 'Ni Luh Putu Sriwahyuni', 'Andi Muhammad Ridwan'];
const RANKS = ['Penata (III/c)', 'Penata Muda Tingkat I (III/b)', 'Pengatur (II/c)', 'Pembina (IV/a)'];

export const assignees = Array.from({ length: 40 }, (_, i) => ({
  name: `${NAMES[i % NAMES.length]}${i >= NAMES.length ? ` ${Math.floor(i / NAMES.length) + 1}` : ''}`,
  nip: i % 5 === 4 ? undefined : `19${String(80 + (i % 20)).padStart(2, '0')}0${(i % 9) + 1}1${String(i).padStart(2, '0')}2010121${String(i % 10)}00${i % 2}`.slice(0, 18),
  rank: i % 5 === 4 ? undefined : RANKS[i % RANKS.length],
  position: i % 3 === 0 ? 'Pengelola Data Pemilih dan Informasi Pemilu' : 'Staf Subbagian Teknis Penyelenggaraan Pemilu dan Hukum',
}));

export const suratTugas = (): LetterRenderInput =>
  baseLetter({
    typeCode: 'ST',
    typeName: 'Surat Tugas',
    date: new Date('2026-12-01T02:00:00.000Z'), // 1 Desember 2026, 09:00 WIB
    number: '15/SDM.02-ST/5304/2026',
    urgency: 'BIASA',
    subject: 'Penugasan Pencocokan dan Penelitian Data Pemilih',
    addressees: [],
    body: '',
    attachmentsCount: 0,
    typeFields: {
      basis: [
        'Undang-Undang Nomor 7 Tahun 2017 tentang Pemilihan Umum;',
        'Peraturan Komisi Pemilihan Umum Nomor 7 Tahun 2023 tentang Penyusunan Daftar Pemilih dalam Negeri;',
        'Surat Ketua Komisi Pemilihan Umum Provinsi Nusa Tenggara Barat Nomor 321/PL.01.2-SD/52/2026 tanggal 20 November 2026.',
      ],
      assignees,
      task: 'Melaksanakan pencocokan dan penelitian data pemilih di wilayah Kabupaten Sumbawa',
      period: { start: '2026-12-07', end: '2026-12-09' },
      place: 'Kecamatan Sumbawa, Moyo Hilir dan Alas',
    },
    signature: { capacityPrefix: 'a.n. ', onBehalfOf: 'KETUA', positionTitle: 'SEKRETARIS', signerName: 'Ahmad Fauzi, S.H.', signerNip: '197801012005011002' },
  });

export const undangan = (): LetterRenderInput =>
  baseLetter({
    typeCode: 'Und',
    typeName: 'Undangan',
    date: new Date('2026-12-01T02:00:00.000Z'),
    number: '88/PL.01.2-Und/5304/2026',
    urgency: 'SEGERA',
    subject: 'Undangan Rapat Koordinasi Pemutakhiran Data Pemilih',
    addressees: ['Ketua PPK se-Kabupaten Sumbawa', 'Kepala Dinas Kependudukan dan Pencatatan Sipil Kabupaten Sumbawa'],
    attachmentsCount: 0,
    body: '',
    bodyDoc: doc(
      p('Dalam rangka persiapan pemutakhiran data pemilih berkelanjutan, dengan hormat kami mengundang Saudara untuk hadir pada:'),
      p('Mengingat pentingnya acara tersebut, kehadiran Saudara tepat pada waktunya sangat diharapkan. Atas perhatian dan kehadirannya diucapkan terima kasih.'),
    ),
    typeFields: {
      events: [
        { date: '2026-12-07', startTime: '09:00', place: 'Aula Kantor KPU Kabupaten Sumbawa, Jalan Garuda Nomor 1', agenda: 'Rapat Koordinasi Pemutakhiran Data Pemilih Berkelanjutan' },
        { date: '2026-12-08', startTime: '13:30', endTime: '16:00', place: 'Ruang Rapat Sekretariat', agenda: 'Bimbingan Teknis Aplikasi Sidalih bagi Operator PPK' },
      ],
      attire: 'Kemeja putih lengan panjang',
      contact: 'Nyoman Ayu Ketut (0812 3456 7890)',
      closing: 'HORMAT_KAMI',
    },
  });

export const keputusan = (): LetterRenderInput =>
  baseLetter({
    typeCode: 'Kpt',
    typeName: 'Keputusan',
    date: new Date('2026-12-04T03:00:00.000Z'),
    number: '12 Tahun 2026',
    urgency: 'BIASA',
    subject: 'Penetapan Rekapitulasi Daftar Pemilih Berkelanjutan',
    addressees: [],
    copies: ['Ketua KPU Provinsi Nusa Tenggara Barat', 'Bupati Sumbawa'],
    attachmentsCount: 1,
    body: '',
    typeFields: {
      about: 'Penetapan Rekapitulasi Daftar Pemilih Berkelanjutan Semester II Tahun 2026 di Kabupaten Sumbawa',
      considering: [
        'bahwa berdasarkan ketentuan Pasal 14 huruf l Undang-Undang Nomor 7 Tahun 2017 tentang Pemilihan Umum, Komisi Pemilihan Umum Kabupaten/Kota berkewajiban melakukan pemutakhiran dan memelihara data pemilih secara berkelanjutan dengan memperhatikan data kependudukan sesuai dengan ketentuan peraturan perundang-undangan;',
        'bahwa hasil pemutakhiran data pemilih berkelanjutan semester II tahun 2026 telah direkapitulasi dalam rapat pleno terbuka pada tanggal 3 Desember 2026;',
        'bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a dan huruf b, perlu menetapkan Keputusan Komisi Pemilihan Umum Kabupaten Sumbawa tentang Penetapan Rekapitulasi Daftar Pemilih Berkelanjutan Semester II Tahun 2026 di Kabupaten Sumbawa;',
      ],
      observing: Array.from({ length: 5 }, (_, i) =>
        [
          'Undang-Undang Nomor 7 Tahun 2017 tentang Pemilihan Umum (Lembaran Negara Republik Indonesia Tahun 2017 Nomor 182, Tambahan Lembaran Negara Republik Indonesia Nomor 6109) sebagaimana telah beberapa kali diubah, terakhir dengan Undang-Undang Nomor 7 Tahun 2023;',
          'Undang-Undang Nomor 23 Tahun 2006 tentang Administrasi Kependudukan (Lembaran Negara Republik Indonesia Tahun 2006 Nomor 124) sebagaimana telah diubah dengan Undang-Undang Nomor 24 Tahun 2013;',
          'Peraturan Komisi Pemilihan Umum Nomor 2 Tahun 2021 tentang Tata Naskah Dinas Komisi Pemilihan Umum, Komisi Pemilihan Umum Provinsi, dan Komisi Pemilihan Umum Kabupaten/Kota sebagaimana telah diubah dengan Peraturan Komisi Pemilihan Umum Nomor 8 Tahun 2021;',
          'Peraturan Komisi Pemilihan Umum Nomor 8 Tahun 2019 tentang Tata Kerja Komisi Pemilihan Umum, Komisi Pemilihan Umum Provinsi, dan Komisi Pemilihan Umum Kabupaten/Kota sebagaimana telah beberapa kali diubah, terakhir dengan Peraturan Komisi Pemilihan Umum Nomor 5 Tahun 2022;',
          'Peraturan Komisi Pemilihan Umum Nomor 7 Tahun 2023 tentang Penyusunan Daftar Pemilih di Dalam Negeri dan Sistem Informasi Data Pemilih;',
          'Keputusan Komisi Pemilihan Umum Nomor 1 Tahun 2025 tentang Pedoman Teknis Pemutakhiran Data Pemilih Berkelanjutan;',
          'Keputusan Komisi Pemilihan Umum Kabupaten Sumbawa Nomor 3 Tahun 2026 tentang Jadwal Pemutakhiran Data Pemilih Berkelanjutan Tahun 2026;',
        ][i],
      ),
      noting: ['Berita Acara Rapat Pleno Terbuka Komisi Pemilihan Umum Kabupaten Sumbawa Nomor 41/PL.01.2-BA/5304/2026 tanggal 3 Desember 2026.'],
      decrees: [
        { text: 'Menetapkan Rekapitulasi Daftar Pemilih Berkelanjutan Semester II Tahun 2026 di Kabupaten Sumbawa sebagaimana tercantum dalam Lampiran yang merupakan bagian tidak terpisahkan dari Keputusan ini.' },
        { text: 'Rekapitulasi sebagaimana dimaksud dalam Diktum KESATU menjadi bahan pemutakhiran data pemilih berkelanjutan semester berikutnya.' },
        { text: 'Komisi Pemilihan Umum Kabupaten Sumbawa menyampaikan Keputusan ini kepada Komisi Pemilihan Umum Provinsi Nusa Tenggara Barat dan mengumumkannya melalui laman resmi.' },
        { text: 'Keputusan ini mulai berlaku pada tanggal ditetapkan.' },
      ],
      appendices: [
        {
          title: 'Rekapitulasi Daftar Pemilih Berkelanjutan Semester II Tahun 2026',
          content: doc(
            {
              type: 'table',
              content: [
                { type: 'tableRow', content: ['No.', 'Kecamatan', 'Laki-laki', 'Perempuan', 'Jumlah'].map((t) => ({ type: 'tableHeader' as const, content: [p(t)] })) },
                ...['Sumbawa', 'Moyo Hilir', 'Moyo Utara', 'Alas', 'Alas Barat', 'Utan', 'Rhee', 'Empang', 'Plampang', 'Lunyuk', 'Labuhan Badas', 'Unter Iwes'].map((k, i) => ({
                  type: 'tableRow' as const,
                  content: [String(i + 1), k, String(10000 + i * 733), String(10500 + i * 611), String(20500 + i * 1344)].map((t) => ({ type: 'tableCell' as const, content: [p(t)] })),
                })),
              ],
            },
          ),
        },
      ],
    },
  });

export const notaDinas = (): LetterRenderInput =>
  baseLetter({
    typeCode: 'ND',
    typeName: 'Nota Dinas',
    number: '45/KU.01-ND/5304/2026',
    urgency: 'BIASA',
    subject: 'Permohonan Pencairan Anggaran Kegiatan Rapat Koordinasi',
    addressees: ['Sekretaris'],
    copies: ['Bendahara Pengeluaran'],
    attachmentsCount: 2,
    signature: { capacityPrefix: 'Plh. ', positionTitle: 'Kepala Subbagian Keuangan, Umum dan Logistik', signerName: 'Baiq Nurul Hidayati, S.E.' },
    bodyDoc: doc(p('Bersama ini kami mohon pencairan anggaran kegiatan rapat koordinasi pemutakhiran data pemilih sebesar Rp12.500.000,00 (dua belas juta lima ratus ribu rupiah) sesuai rincian terlampir.'), p('Demikian kami sampaikan, atas perhatian Bapak diucapkan terima kasih.')),
  });
