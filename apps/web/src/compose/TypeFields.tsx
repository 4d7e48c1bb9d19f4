import { Button, Card, Col, DatePicker, Form, Input, Row, TimePicker, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { FormListFieldData } from 'antd';
import { dayjs } from '../lib/format';
import { BodyEditor } from './BodyEditor';
import { emptyDoc } from './content';

/**
 * The letter type's own fields (contract: letter-content.ts, TypeFieldsByCode), under the form's
 * `typeFields`. Dates are kept as 'YYYY-MM-DD' and times as 'HH:mm' in the form state, as the
 * contract has them; the pickers show them in the Indonesian format.
 * content.ts turns them into the API's `typeFields` and back.
 */
const TF = 'typeFields';
const required = (what: string) => ({ required: true, whitespace: true, message: `${what} wajib diisi` });

const dateProps = {
  getValueProps: (v?: string) => ({ value: v ? dayjs(v) : undefined }),
  normalize: (d?: dayjs.Dayjs | null) => (d ? d.format('YYYY-MM-DD') : undefined),
};
const timeProps = {
  getValueProps: (v?: string) => ({ value: v ? dayjs(`2000-01-01T${v}`) : undefined }),
  normalize: (d?: dayjs.Dayjs | null) => (d ? d.format('HH:mm') : undefined),
};
const rangeProps = {
  getValueProps: (v?: { start?: string; end?: string }) => ({ value: v?.start && v?.end ? [dayjs(v.start), dayjs(v.end)] : undefined }),
  normalize: (d?: [dayjs.Dayjs, dayjs.Dayjs] | null) => (d ? { start: d[0].format('YYYY-MM-DD'), end: d[1].format('YYYY-MM-DD') } : undefined),
};

/** Shown as the first; the others are accepted when typed (14/12/2026). */
const DATE_FORMATS = ['dddd, D MMMM YYYY', 'D/M/YYYY', 'DD/MM/YYYY', 'D-M-YYYY'];
const ALPHA = 'abcdefghijklmnopqrstuvwxyz';
const ORDINAL = ['KESATU', 'KEDUA', 'KETIGA', 'KEEMPAT', 'KELIMA', 'KEENAM', 'KETUJUH', 'KEDELAPAN', 'KESEMBILAN', 'KESEPULUH'];

/** A list of texts (Dasar, Menimbang, Mengingat, …) with add/remove. */
function TextList({ name, label, marker, addText, min = 1, rows = 2 }: { name: (string | number)[]; label: string; marker: (i: number) => string; addText: string; min?: number; rows?: number }) {
  return (
    <Form.Item label={label} required={min > 0}>
      <Form.List name={name} rules={min > 0 ? [{ validator: async (_, v?: unknown[]) => ((v?.length ?? 0) >= min ? undefined : Promise.reject(new Error(`${label}: minimal ${min} butir`))) }] : []}>
        {(fields, { add, remove }, { errors }) => (
          <>
            {fields.map((f, i) => (
              <div key={f.key} className="naskah-list-row">
                <span className="naskah-list-marker" aria-hidden>{marker(i)}</span>
                <Form.Item name={f.name} rules={[required(`${label} ${marker(i)}`)]} style={{ flex: 1, marginBottom: 8 }}>
                  <Input.TextArea rows={rows} aria-label={`${label} ${marker(i)}`} />
                </Form.Item>
                <Button type="text" danger icon={<DeleteOutlined aria-hidden />} aria-label={`Hapus ${label} ${marker(i)}`} onClick={() => remove(f.name)} />
              </div>
            ))}
            <Button type="dashed" icon={<PlusOutlined aria-hidden />} onClick={() => add('')}>
              {addText}
            </Button>
            <Form.ErrorList errors={errors} />
          </>
        )}
      </Form.List>
    </Form.Item>
  );
}

/** A person (name, NIP of 18 digits, pangkat/golongan, jabatan): Surat Tugas, Berita Acara, Surat Keterangan. */
function PersonFields({ field, prefix, who }: { field?: FormListFieldData; prefix: (string | number)[]; who: string }) {
  const n = (k: string) => (field ? [field.name, k] : [...prefix, k]);
  return (
    <Row gutter={12}>
      <Col xs={24} md={7}>
        <Form.Item name={n('name')} label="Nama" rules={[required(`Nama ${who}`)]}>
          <Input aria-label={`Nama ${who}`} maxLength={200} />
        </Form.Item>
      </Col>
      <Col xs={24} md={6}>
        <Form.Item
          name={n('nip')}
          label="NIP"
          rules={[{ pattern: /^\d{18}$/, message: 'NIP terdiri atas 18 angka' }]}
          normalize={(v?: string) => (v ? v.replace(/\s+/g, '') : undefined)}
          tooltip="Kosongkan untuk pegawai non-ASN"
        >
          <Input aria-label={`NIP ${who}`} inputMode="numeric" maxLength={21} placeholder="18 angka" />
        </Form.Item>
      </Col>
      <Col xs={24} md={5}>
        <Form.Item name={n('rank')} label="Pangkat/golongan">
          <Input aria-label={`Pangkat/golongan ${who}`} placeholder="mis. Penata (III/c)" maxLength={100} />
        </Form.Item>
      </Col>
      <Col xs={24} md={6}>
        <Form.Item name={n('position')} label="Jabatan" rules={[required(`Jabatan ${who}`)]}>
          <Input aria-label={`Jabatan ${who}`} maxLength={200} />
        </Form.Item>
      </Col>
    </Row>
  );
}

function PeopleList({ name, label, addText, min }: { name: string[]; label: string; addText: string; min: number }) {
  return (
    <Form.Item label={label} required={min > 0}>
      <Form.List name={name} rules={[{ validator: async (_, v?: unknown[]) => ((v?.length ?? 0) >= min ? undefined : Promise.reject(new Error(`${label}: minimal ${min} orang`))) }]}>
        {(fields, { add, remove }, { errors }) => (
          <>
            {fields.map((f, i) => (
              <Card key={f.key} size="small" className="naskah-row-card" title={`${i + 1}.`} extra={<Button type="text" danger size="small" icon={<DeleteOutlined aria-hidden />} aria-label={`Hapus ${label.toLowerCase()} ${i + 1}`} onClick={() => remove(f.name)} />}>
                <PersonFields field={f} prefix={[]} who={`${label.toLowerCase()} ${i + 1}`} />
              </Card>
            ))}
            <Button type="dashed" icon={<PlusOutlined aria-hidden />} onClick={() => add({})}>
              {addText}
            </Button>
            <Form.ErrorList errors={errors} />
          </>
        )}
      </Form.List>
    </Form.Item>
  );
}

function Invitation() {
  return (
    <>
      <Form.Item label="Acara" required>
        <Form.List name={[TF, 'events']} rules={[{ validator: async (_, v?: unknown[]) => ((v?.length ?? 0) >= 1 ? undefined : Promise.reject(new Error('Tambahkan minimal satu acara'))) }]}>
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.map((f, i) => (
                <Card key={f.key} size="small" className="naskah-row-card" title={`Acara ${i + 1}`} extra={<Button type="text" danger size="small" icon={<DeleteOutlined aria-hidden />} aria-label={`Hapus acara ${i + 1}`} onClick={() => remove(f.name)} />}>
                  <Row gutter={12}>
                    <Col xs={24} md={10}>
                      <Form.Item name={[f.name, 'date']} label="Hari/tanggal" rules={[{ required: true, message: 'Tanggal wajib diisi' }]} {...dateProps}>
                        <DatePicker format={DATE_FORMATS} style={{ width: '100%' }} aria-label={`Tanggal acara ${i + 1}`} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={7}>
                      <Form.Item name={[f.name, 'startTime']} label="Mulai" rules={[{ required: true, message: 'Jam mulai wajib diisi' }]} {...timeProps}>
                        <TimePicker format="HH.mm" minuteStep={5} needConfirm={false} style={{ width: '100%' }} aria-label={`Jam mulai acara ${i + 1}`} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={7}>
                      <Form.Item name={[f.name, 'endTime']} label="Selesai" tooltip="Kosong: dicetak “s.d. selesai”" {...timeProps}>
                        <TimePicker format="HH.mm" minuteStep={5} needConfirm={false} style={{ width: '100%' }} aria-label={`Jam selesai acara ${i + 1}`} placeholder="s.d. selesai" />
                      </Form.Item>
                    </Col>
                    <Col xs={24}>
                      <Form.Item name={[f.name, 'place']} label="Tempat" rules={[required('Tempat')]}>
                        <Input aria-label={`Tempat acara ${i + 1}`} maxLength={300} />
                      </Form.Item>
                    </Col>
                    <Col xs={24}>
                      <Form.Item name={[f.name, 'agenda']} label="Acara" rules={[required('Acara')]}>
                        <Input.TextArea rows={2} aria-label={`Agenda acara ${i + 1}`} maxLength={1000} />
                      </Form.Item>
                    </Col>
                  </Row>
                </Card>
              ))}
              <Button type="dashed" icon={<PlusOutlined aria-hidden />} onClick={() => add({})}>
                Tambah acara
              </Button>
              <Form.ErrorList errors={errors} />
            </>
          )}
        </Form.List>
      </Form.Item>
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <Form.Item name={[TF, 'attire']} label="Pakaian (opsional)">
            <Input maxLength={200} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name={[TF, 'contact']} label="Narahubung (opsional)">
            <Input maxLength={200} placeholder="nama dan nomor telepon" />
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}

function Assignment() {
  return (
    <>
      <TextList name={[TF, 'basis']} label="Dasar" marker={(i) => `${i + 1}.`} addText="Tambah dasar" />
      <PeopleList name={[TF, 'assignees']} label="Yang ditugaskan" addText="Tambah pegawai" min={1} />
      <Form.Item name={[TF, 'task']} label="Untuk" rules={[required('Tugas (untuk)')]}>
        <Input.TextArea rows={2} maxLength={5000} />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <Form.Item name={[TF, 'period']} label="Masa tugas" rules={[{ required: true, message: 'Masa tugas wajib diisi' }]} {...rangeProps}>
            <DatePicker.RangePicker format={['D MMMM YYYY', ...DATE_FORMATS.slice(1)]} style={{ width: '100%' }} aria-label="Masa tugas" placeholder={['Mulai', 'Selesai']} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name={[TF, 'place']} label="Tempat (opsional)">
            <Input maxLength={300} />
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}

function Decree() {
  return (
    <>
      <Form.Item name={[TF, 'about']} label="Tentang" rules={[required('Tentang')]}>
        <Input.TextArea rows={2} maxLength={1000} placeholder="mis. Penetapan Daftar Pemilih Tetap …" />
      </Form.Item>
      <TextList name={[TF, 'considering']} label="Menimbang" marker={(i) => `${ALPHA[i % 26]}.`} addText="Tambah pertimbangan" />
      <TextList name={[TF, 'observing']} label="Mengingat" marker={(i) => `${i + 1}.`} addText="Tambah dasar hukum" />
      <TextList name={[TF, 'noting']} label="Memperhatikan (opsional)" marker={(i) => `${i + 1}.`} addText="Tambah butir" min={0} />
      <TextList name={[TF, 'decrees']} label="Diktum" marker={(i) => ORDINAL[i] ?? `${i + 1}.`} addText="Tambah diktum" rows={4} />
    </>
  );
}

function Minutes() {
  return (
    <>
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <Form.Item name={[TF, 'eventDate']} label="Tanggal kejadian" rules={[{ required: true, message: 'Tanggal wajib diisi' }]} {...dateProps}>
            <DatePicker format={DATE_FORMATS} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name={[TF, 'place']} label="Tempat" rules={[required('Tempat')]}>
            <Input maxLength={300} />
          </Form.Item>
        </Col>
      </Row>
      <PeopleList name={[TF, 'parties']} label="Para pihak/saksi" addText="Tambah pihak" min={0} />
    </>
  );
}

function Statement() {
  return (
    <Form.Item label="Yang diterangkan" required>
      <PersonFields prefix={[TF, 'subject']} who="yang diterangkan" />
    </Form.Item>
  );
}

/** Lampiran: pages after the letter, each a title and its own body (any type). */
export function Appendices() {
  return (
    <Form.List name={[TF, 'appendices']}>
      {(fields, { add, remove }) => (
        <>
          {fields.map((f, i) => (
            <Card key={f.key} size="small" className="naskah-row-card" title={`Lampiran ${['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'][i] ?? i + 1}`} extra={<Button type="text" danger size="small" icon={<DeleteOutlined aria-hidden />} aria-label={`Hapus halaman lampiran ${i + 1}`} onClick={() => remove(f.name)} />}>
              <Form.Item name={[f.name, 'title']} label="Judul lampiran" rules={[required('Judul lampiran')]}>
                <Input maxLength={300} />
              </Form.Item>
              <Form.Item name={[f.name, 'content']} label="Isi lampiran">
                <BodyEditor id={`lampiran-${f.key}`} />
              </Form.Item>
            </Card>
          ))}
          <Button type="dashed" icon={<PlusOutlined aria-hidden />} onClick={() => add({ title: '', content: emptyDoc() })}>
            Tambah halaman lampiran
          </Button>
        </>
      )}
    </Form.List>
  );
}

export function TypeFields({ typeCode, typeName }: { typeCode?: string; typeName: string }) {
  const form =
    typeCode === 'Und' ? <Invitation /> : typeCode === 'ST' ? <Assignment /> : typeCode === 'Kpt' ? <Decree /> : typeCode === 'BA' ? <Minutes /> : typeCode === 'SKet' ? <Statement /> : null;
  if (!form) return null;
  return (
    <section aria-labelledby="isian-jenis" className="naskah-section">
      <Typography.Title level={2} id="isian-jenis" className="naskah-section-title">
        Isian {typeName}
      </Typography.Title>
      {form}
    </section>
  );
}
