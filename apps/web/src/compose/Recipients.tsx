import { useEffect, useMemo, useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Button, Input, List, Radio, Select, Space, Spin, Tag, Typography } from 'antd';
import { DeleteOutlined, UserAddOutlined } from '@ant-design/icons';
import { api, unwrap } from '../api/client';
import { RECIPIENT_KIND } from '../labels';
import type { Recipient } from './content';
import { positionLabel, recipientKey, recipientLabel, useDistributionLists, type Office, type Position } from './directory';

type Kind = Recipient['kind'];

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

const norm = (s: string) => s.toLowerCase().normalize('NFKD').replace(/[^a-z0-9 ]/g, ' ').replace(/\s+/g, ' ').trim();
const GROUP_WORDS: Record<'ALL_PROVINCES' | 'ALL_KABKOTA', string> = {
  ALL_PROVINCES: 'semua kpu provinsi seluruh se indonesia kelompok',
  ALL_KABKOTA: 'semua kpu kabupaten kota kab seluruh se indonesia kelompok',
};

interface Props {
  value?: Recipient[];
  onChange?: (v: Recipient[]) => void;
  offices?: Map<number, Office>;
  positions: Map<number, Position>;
  /** positions met in search results, so a chosen one is named at once */
  onPositionsSeen: (p: Position[]) => void;
  invalid?: boolean;
}

/**
 * Addressees (Kepada) and copies (Tembusan): one search over the 553 offices (name or code, GET
 * /api/offices?q=), positions (GET /api/positions?q=), the groups (semua KPU Provinsi, semua KPU
 * Kab/Kota, se-Provinsi X: RecipientDto.group) and the office's saved distribution lists (GET
 * /api/distribution-lists); and an external addressee by name.
 */
export function Recipients({ value = [], onChange, offices, positions, onPositionsSeen, invalid }: Props) {
  const [kind, setKind] = useState<Kind>('TO');
  const [q, setQ] = useState('');
  const [external, setExternal] = useState('');
  const [externalError, setExternalError] = useState<string | null>(null);
  const term = useDebounced(q.trim(), 250);
  const lists = useDistributionLists();
  const byValue = useRef(new Map<string, Recipient>());

  const officeSearch = useQuery({
    queryKey: ['offices', 'search', term],
    enabled: term.length >= 2,
    queryFn: () => unwrap<{ items: Office[]; total: number }>(api.GET('/api/offices', { params: { query: { q: term, limit: 15 } } })),
    staleTime: 60_000,
  });
  const positionSearch = useQuery({
    queryKey: ['positions', 'search', term],
    enabled: term.length >= 3,
    queryFn: () => unwrap<Position[]>(api.GET('/api/positions', { params: { query: { q: term, limit: 15 } } })),
    staleTime: 60_000,
  });
  useEffect(() => {
    if (positionSearch.data) onPositionsSeen(positionSearch.data);
  }, [positionSearch.data, onPositionsSeen]);

  const ctx = { offices, positions, lists: lists.data };
  const chosen = new Set(value.map(recipientKey));

  const options = useMemo(() => {
    const t = norm(term);
    const words = t.split(' ').filter(Boolean);
    const matches = (hay: string) => words.length > 0 && words.every((w) => norm(hay).includes(w));
    // the value is what a screen reader announces for the option: the readable label, unique per search
    byValue.current.clear();
    const opt = (r: Recipient, label: string, sub?: string) => {
      let value = label;
      for (let n = 2; byValue.current.has(value); n++) value = `${label} (${n})`;
      byValue.current.set(value, r);
      return {
      value,
      label: (
        <span>
          {label}
          {sub && <Typography.Text type="secondary"> · {sub}</Typography.Text>}
        </span>
      ),
      text: label,
      disabled: chosen.has(recipientKey({ ...r, kind })),
      };
    };
    const groups: ReturnType<typeof opt>[] = [];
    (['ALL_PROVINCES', 'ALL_KABKOTA'] as const).forEach((g) => {
      if (matches(GROUP_WORDS[g])) groups.push(opt({ kind, group: g }, recipientLabel({ kind, group: g }, ctx), 'kelompok, diperluas saat dikirim'));
    });
    for (const o of officeSearch.data?.items ?? []) {
      if (o.level === 'PROVINSI') groups.push(opt({ kind, group: 'KABKOTA_OF_PROVINCE', provinceOfficeId: o.id }, `Semua KPU Kabupaten/Kota se-Provinsi ${o.regionName}`, 'kelompok'));
    }
    const out = [];
    const officeOpts = (officeSearch.data?.items ?? []).map((o) => opt({ kind, officeId: o.id }, `Ketua ${o.name}`, `kode ${o.code}`));
    if (officeOpts.length) out.push({ label: 'Satker (diterima pimpinannya)', title: 'Satker', options: officeOpts });
    const posOpts = (positionSearch.data ?? []).map((p) => opt({ kind, positionId: p.id }, positionLabel(p, offices), p.holder?.fullName));
    if (posOpts.length) out.push({ label: 'Jabatan', title: 'Jabatan', options: posOpts });
    if (groups.length) out.push({ label: 'Kelompok satker', title: 'Kelompok', options: groups });
    const listOpts = (lists.data ?? []).filter((l) => !t || matches(`${l.name} daftar distribusi`)).map((l) => opt({ kind, distributionListId: l.id }, `Daftar distribusi: ${l.name}`, `${l.memberCount} anggota`));
    if (listOpts.length) out.push({ label: 'Daftar distribusi satker Anda', title: 'Daftar distribusi', options: listOpts });
    return out;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [term, kind, officeSearch.data, positionSearch.data, lists.data, offices, value]);

  const add = (r: Recipient) => {
    if (chosen.has(recipientKey(r))) return;
    onChange?.([...value, r]);
  };
  const addExternal = () => {
    const name = external.trim();
    if (name.length < 2) {
      setExternalError('Nama pihak luar minimal 2 karakter');
      return;
    }
    setExternalError(null);
    add({ kind, externalName: name });
    setExternal('');
  };
  const searching = officeSearch.isFetching || positionSearch.isFetching;

  return (
    <div className="naskah-recipients">
      <Space wrap style={{ marginBottom: 8 }}>
        <span id="sebagai-label">Tambahkan sebagai</span>
        <Radio.Group value={kind} onChange={(e) => setKind(e.target.value)} optionType="button" buttonStyle="solid" aria-labelledby="sebagai-label">
          <Radio.Button value="TO">{RECIPIENT_KIND.TO}</Radio.Button>
          <Radio.Button value="CC">{RECIPIENT_KIND.CC}</Radio.Button>
        </Radio.Group>
      </Space>
      <Select
        id="cari-tujuan"
        showSearch={{ filterOption: false, onSearch: setQ, searchValue: q, autoClearSearchValue: true }}
        value={null}
        placeholder="Cari satker (nama/kode), jabatan, kelompok atau daftar distribusi"
        aria-label="Cari tujuan atau tembusan"
        style={{ width: '100%' }}
        options={options}
        notFoundContent={searching ? <Spin size="small" /> : term.length < 2 ? 'Ketik minimal 2 huruf, mis. "Sumbawa", "5204", "Sekretaris Jenderal", "semua provinsi"' : 'Tidak ditemukan'}
        onSelect={(v: string | null) => {
          const r = v ? byValue.current.get(v) : undefined;
          if (r) add(r);
          setQ('');
        }}
        status={invalid ? 'error' : undefined}
        popupMatchSelectWidth
      />
      <div className="naskah-add-row" style={{ marginTop: 8 }}>
        <Input
          value={external}
          onChange={(e) => setExternal(e.target.value)}
          onPressEnter={(e) => {
            e.preventDefault();
            addExternal();
          }}
          maxLength={300}
          placeholder="Pihak luar KPU, mis. Bupati Sumbawa"
          aria-label="Nama pihak luar KPU"
          status={externalError ? 'error' : undefined}
          style={{ flex: '1 1 200px', minWidth: 0 }}
          aria-describedby={externalError ? 'pihak-luar-galat' : undefined}
        />
        <Button icon={<UserAddOutlined aria-hidden />} onClick={addExternal}>
          Tambah pihak luar
        </Button>
      </div>
      {externalError && (
        <div id="pihak-luar-galat" className="ant-form-item-explain-error" role="alert">
          {externalError}
        </div>
      )}
      <section aria-label="Tujuan dan tembusan terpilih">
      <List
        size="small"
        className="naskah-recipient-list"
        locale={{ emptyText: <Typography.Text type="secondary">Belum ada tujuan. Cari lalu pilih di atas, atau tambahkan pihak luar.</Typography.Text> }}
        dataSource={[...value.filter((r) => r.kind === 'TO'), ...value.filter((r) => r.kind === 'CC')]}
        renderItem={(r) => {
          const label = recipientLabel(r, ctx);
          return (
            <List.Item>
              <div className="naskah-item-row">
                <Tag color={r.kind === 'TO' ? 'blue' : 'default'}>{RECIPIENT_KIND[r.kind]}</Tag>
                <span className="naskah-item-text">{label}</span>
                <Button type="text" danger size="small" icon={<DeleteOutlined aria-hidden />} aria-label={`Hapus ${label}`} onClick={() => onChange?.(value.filter((x) => x !== r))} />
              </div>
            </List.Item>
          );
        }}
      />
      </section>
    </div>
  );
}
