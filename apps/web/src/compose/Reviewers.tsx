import { useState } from 'react';
import { Button, List, Select, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { Position } from './directory';

/** Structural officials first (who usually paraf), then the rest of the office in its own order. */
const ORDER = ['SEKRETARIS_JENDERAL', 'SEKRETARIS', 'KEPALA_BIRO', 'KABAG', 'KASUBBAG'];
const rank = (p: Position) => (ORDER.includes(p.kind) ? ORDER.indexOf(p.kind) : ORDER.length);

const named = (p: Position) => `${p.title}${p.holder ? ` — ${p.holder.fullName}` : ' (kosong)'}`;

/** Reviewers in order (paraf one after another), chosen among the positions of the drafter's office. */
export function Reviewers({ value = [], onChange, candidates, invalid }: { value?: number[]; onChange?: (v: number[]) => void; candidates: Position[]; invalid?: boolean }) {
  const [pick, setPick] = useState<number | null>(null);
  const byId = new Map(candidates.map((p) => [p.id, p]));
  const move = (i: number, d: -1 | 1) => {
    const next = [...value];
    [next[i], next[i + d]] = [next[i + d], next[i]];
    onChange?.(next);
  };
  const add = () => {
    if (pick && !value.includes(pick) && value.length < 10) onChange?.([...value, pick]);
    setPick(null);
  };
  return (
    <div>
      <section aria-label="Urutan pemeriksa">
      <List
        size="small"
        locale={{ emptyText: <Typography.Text type="secondary">Tanpa pemeriksa: langsung ke penandatangan.</Typography.Text> }}
        dataSource={value}
        renderItem={(id, i) => {
          const p = byId.get(id);
          return (
            <List.Item>
              <div className="naskah-item-row">
                <span className="naskah-item-text">
                  {i + 1}. {p?.title ?? 'Jabatan …'}
                  {p && (
                    <Typography.Text type="secondary" className="naskah-item-sub">
                      {p.holder?.fullName ?? 'belum ada pejabat'}
                    </Typography.Text>
                  )}
                </span>
                <span className="naskah-item-actions">
                  <Button type="text" size="small" icon={<ArrowUpOutlined aria-hidden />} aria-label={`Naikkan ${p?.title ?? ''}`} disabled={i === 0} onClick={() => move(i, -1)} />
                  <Button type="text" size="small" icon={<ArrowDownOutlined aria-hidden />} aria-label={`Turunkan ${p?.title ?? ''}`} disabled={i === value.length - 1} onClick={() => move(i, 1)} />
                  <Button type="text" size="small" danger icon={<DeleteOutlined aria-hidden />} aria-label={`Hapus pemeriksa ${p?.title ?? ''}`} onClick={() => onChange?.(value.filter((x) => x !== id))} />
                </span>
              </div>
            </List.Item>
          );
        }}
      />
      </section>
      <div className="naskah-add-row">
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          value={pick}
          onChange={setPick}
          placeholder="Pilih jabatan pemeriksa"
          aria-label="Jabatan pemeriksa"
          style={{ flex: '1 1 200px', minWidth: 0 }}
          popupMatchSelectWidth={false}
          status={invalid ? 'error' : undefined}
          options={candidates
            .filter((p) => !value.includes(p.id))
            .sort((a, b) => rank(a) - rank(b))
            .map((p) => ({ value: p.id, label: named(p) }))}
        />
        <Button icon={<PlusOutlined aria-hidden />} onClick={add} disabled={!pick || value.length >= 10}>
          Tambah pemeriksa
        </Button>
      </div>
    </div>
  );
}

export function SignerSelect({ value, onChange, candidates, id, invalid }: { value?: number; onChange?: (v: number) => void; candidates: Position[]; id?: string; invalid?: boolean }) {
  return (
    <Select
      id={id}
      value={value}
      onChange={onChange}
      placeholder="Pilih penandatangan"
      status={invalid ? 'error' : undefined}
      options={candidates.map((p) => ({ value: p.id, label: named(p) }))}
      notFoundContent="Tidak ada pejabat penandatangan di satker Anda"
    />
  );
}
