import { useState } from 'react';
import { Alert, App, Button, Card, Col, DatePicker, Form, Input, Result, Row, Select, Space, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { Link, useNavigate } from 'react-router';
import { api } from '../api/client';
import { formFieldErrors, messageOf } from '../api/errors';
import { useAuth } from '../auth/AuthContext';
import { useLetterTypes } from '../components/master';
import { SECURITY_CLASS, URGENCY } from '../labels';
import { fileSize } from '../lib/format';
import { ok, postMultipart, useOfficePositions, type IncomingRegistered } from '../letter/api';
import { cameFrom } from '../lib/back';

interface Values {
  senderName: string;
  externalNumber: string;
  externalDate: Dayjs;
  subject: string;
  summary?: string;
  typeCode: string;
  classificationCode?: string;
  securityClass: 'B' | 'T' | 'R' | 'SR';
  urgency: 'BIASA' | 'SEGERA' | 'AMAT_SEGERA';
  toPositionId: number;
  ccPositionIds?: number[];
}
const FIELDS = ['senderName', 'externalNumber', 'externalDate', 'subject', 'summary', 'typeCode', 'classificationCode', 'securityClass', 'urgency', 'toPositionId', 'ccPositionIds', 'file'];
const ACCEPT = '.pdf,.png,.jpg,.jpeg,.docx,.xlsx,application/pdf,image/png,image/jpeg';
const MAX_BYTES = 20 * 1024 * 1024;

/**
 * The registrar (pencatat surat) records a letter that came from outside — on paper or by e-mail —
 * with its scan, and hands it to a position of the office (and copies to others). Errors come back
 * at the field the API names; what was typed and the chosen file stay.
 */
export function RegisterIncomingPage() {
  const { me } = useAuth();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<IncomingRegistered | null>(null);
  const [classQ, setClassQ] = useState('');
  const types = useLetterTypes();
  const positions = useOfficePositions(me?.office?.id);
  const classes = useQuery({
    queryKey: ['master', 'classifications', classQ],
    queryFn: () => ok(api.GET('/api/master/classifications', { params: { query: { q: classQ || undefined, leavesOnly: true } } })),
    staleTime: 10 * 60_000,
  });
  const m = useMutation({
    mutationFn: (v: Values) => {
      const fd = new FormData();
      fd.set('senderName', v.senderName.trim());
      fd.set('externalNumber', v.externalNumber.trim());
      fd.set('externalDate', v.externalDate.format('YYYY-MM-DD'));
      fd.set('subject', v.subject.trim());
      if (v.summary?.trim()) fd.set('summary', v.summary.trim());
      fd.set('typeCode', v.typeCode);
      if (v.classificationCode) fd.set('classificationCode', v.classificationCode);
      fd.set('securityClass', v.securityClass);
      fd.set('urgency', v.urgency);
      fd.set('toPositionId', String(v.toPositionId));
      if (v.ccPositionIds?.length) fd.set('ccPositionIds', v.ccPositionIds.join(','));
      fd.set('file', file!, file!.name);
      return postMultipart<IncomingRegistered>('/api/incoming', fd);
    },
    onSuccess: (r) => {
      setDone(r);
      setError(null);
      message.success('Surat masuk dicatat dan disampaikan.');
    },
    onError: (err) => {
      const fields = formFieldErrors(err, FIELDS);
      form.setFields(fields.filter((f) => f.name[0] !== 'file') as never);
      const fe = fields.find((f) => f.name[0] === 'file');
      if (fe) setFileError(fe.errors[0]);
      setError(messageOf(err));
    },
  });

  if (!me?.roles.includes('REGISTRAR'))
    return (
      <>
        <Typography.Title level={1} style={{ fontSize: 24, marginTop: 0 }}>
          Registrasi surat masuk
        </Typography.Title>
        <Alert type="info" showIcon title="Hanya pencatat surat (TU) yang dapat mencatat surat masuk dari luar." />
      </>
    );

  if (done)
    return (
      <Result
        status="success"
        title="Surat masuk dicatat"
        subTitle={`${form.getFieldValue('subject') ?? ''} — disampaikan ke penerima di satker Anda.${done.file ? ` Pindaian tersimpan (${fileSize(done.file.sizeBytes)}).` : ''}`}
        extra={[
          <Button key="letter" type="primary" onClick={() => navigate(`/naskah/${done.letterId}`, { state: cameFrom('/naskah-masuk/registrasi', 'Registrasi surat') })}>
            Lihat naskah
          </Button>,
          <Button
            key="again"
            onClick={() => {
              form.resetFields();
              setFile(null);
              setDone(null);
            }}
          >
            Catat surat lain
          </Button>,
        ]}
      />
    );

  const officePositions = (positions.data ?? []).map((p) => ({ value: p.id, label: p.holder ? `${p.title} — ${p.holder.fullName}` : p.title }));
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24, marginTop: 0 }}>
        Registrasi surat masuk
      </Typography.Title>
      <Typography.Paragraph className="muted">Catat surat dari instansi luar (kertas atau e-mail) beserta pindaiannya, lalu sampaikan ke jabatan di {me.office?.name ?? 'satker Anda'}.</Typography.Paragraph>
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} />}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ typeCode: 'SD', securityClass: 'B', urgency: 'BIASA' }}
        onFinish={(v) => {
          if (!file) {
            setFileError('Unggah pindaian surat.');
            return;
          }
          setError(null);
          m.mutate(v);
        }}
        onFinishFailed={() => {
          if (!file) setFileError('Unggah pindaian surat.');
        }}
        scrollToFirstError
      >
        <Row gutter={16}>
          <Col xs={24} lg={14}>
            <Card size="small" title={<h2 className="card-h">Surat dari pengirim</h2>} style={{ marginBottom: 16 }}>
              <Form.Item name="senderName" label="Instansi pengirim" rules={[{ required: true, whitespace: true, message: 'Isi instansi pengirim.' }, { max: 255, message: 'Maksimal 255 karakter.' }]}>
                <Input autoComplete="organization" />
              </Form.Item>
              <Row gutter={12}>
                <Col xs={24} sm={14}>
                  <Form.Item name="externalNumber" label="Nomor surat" rules={[{ required: true, whitespace: true, message: 'Isi nomor surat pengirim.' }, { max: 120, message: 'Maksimal 120 karakter.' }]}>
                    <Input />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={10}>
                  <Form.Item name="externalDate" label="Tanggal surat" rules={[{ required: true, message: 'Isi tanggal surat.' }]}>
                    <DatePicker format="D MMMM YYYY" style={{ width: '100%' }} placeholder="Pilih tanggal" />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item name="subject" label="Hal" rules={[{ required: true, whitespace: true, message: 'Isi hal surat.' }, { max: 500, message: 'Maksimal 500 karakter.' }]}>
                <Input />
              </Form.Item>
              <Form.Item name="summary" label="Ringkasan (opsional)" rules={[{ max: 2000, message: 'Maksimal 2000 karakter.' }]}>
                <Input.TextArea rows={3} />
              </Form.Item>
              <Form.Item label="Pindaian surat" required validateStatus={fileError ? 'error' : undefined} help={fileError ?? 'PDF, PNG, JPEG, DOCX atau XLSX, paling besar 20 MB.'} htmlFor="scan">
                <Upload
                  accept={ACCEPT}
                  maxCount={1}
                  beforeUpload={(f) => {
                    if (f.size > MAX_BYTES) {
                      setFileError('Berkas terlalu besar (paling besar 20 MB).');
                      return Upload.LIST_IGNORE;
                    }
                    setFile(f);
                    setFileError(null);
                    return false; // sent with the form
                  }}
                  onRemove={() => setFile(null)}
                  fileList={file ? [{ uid: 'scan', name: `${file.name} (${fileSize(file.size)})`, status: 'done' }] : []}
                >
                  <Button id="scan" icon={<UploadOutlined aria-hidden />}>
                    Pilih berkas pindaian
                  </Button>
                </Upload>
              </Form.Item>
            </Card>
          </Col>
          <Col xs={24} lg={10}>
            <Card size="small" title={<h2 className="card-h">Pencatatan</h2>} style={{ marginBottom: 16 }}>
              <Form.Item name="typeCode" label="Jenis naskah" rules={[{ required: true, message: 'Pilih jenis naskah.' }]}>
                <Select showSearch={{ optionFilterProp: 'label' }} options={(types.data ?? []).map((t) => ({ value: t.code, label: `${t.name} (${t.code})` }))} loading={types.isPending} />
              </Form.Item>
              <Form.Item name="classificationCode" label="Kode klasifikasi arsip (opsional)">
                <Select
                  showSearch={{ filterOption: false, onSearch: setClassQ }}
                  allowClear
                  loading={classes.isFetching}
                  placeholder="Cari kode atau nama klasifikasi"
                  notFoundContent={classes.isFetching ? 'Memuat…' : 'Tidak ditemukan.'}
                  options={(classes.data?.items ?? []).slice(0, 50).map((c) => ({ value: c.code, label: `${c.code} — ${c.title}` }))}
                />
              </Form.Item>
              <Row gutter={12}>
                <Col xs={12}>
                  <Form.Item name="securityClass" label="Klasifikasi keamanan" rules={[{ required: true }]}>
                    <Select options={Object.entries(SECURITY_CLASS).map(([value, label]) => ({ value, label }))} />
                  </Form.Item>
                </Col>
                <Col xs={12}>
                  <Form.Item name="urgency" label="Sifat" rules={[{ required: true }]}>
                    <Select options={Object.entries(URGENCY).map(([value, label]) => ({ value, label }))} />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item name="toPositionId" label="Disampaikan kepada" rules={[{ required: true, message: 'Pilih jabatan penerima.' }]}>
                <Select showSearch={{ optionFilterProp: 'label' }} placeholder="Pilih jabatan" options={officePositions} loading={positions.isPending} />
              </Form.Item>
              <Form.Item name="ccPositionIds" label="Tembusan (opsional)">
                <Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} placeholder="Pilih jabatan" options={officePositions} loading={positions.isPending} />
              </Form.Item>
            </Card>
          </Col>
        </Row>
        <Space>
          <Button type="primary" htmlType="submit" loading={m.isPending}>
            Catat surat masuk
          </Button>
          <Link to="/naskah-masuk">Batal</Link>
        </Space>
      </Form>
    </>
  );
}
