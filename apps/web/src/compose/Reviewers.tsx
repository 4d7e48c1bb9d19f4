import { useState } from 'react';
import { Button, List, Select, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
/** A position as the pickers show it (an eligible one, or one already chosen that is no longer listed). */
type Position = { id: number; title: string; kind: string; holder?: { fullName: string } | null };

/** Structural officials first (who usually paraf), then the rest of the office in its own order. */
const ORDER = ['SEKRETARIS_JENDERAL', 'SEKRETARIS', 'KEPALA_BIRO', 'KABAG', 'KASUBBAG'];
const rank = (p: Position) => (ORDER.includes(p.kind) ? ORDER.indexOf(p.kind) : ORDER.length);

const named = (p: Position) => `${p.title}${p.holder ? ` — ${p.holder.fullName}` : ' (kosong)'}`;

/**
 * Reviewers in order (paraf one after another), chosen among `candidates` — those the API lists as
 * eligible. `known` names a chosen position that is no longer among them (the save then says why).
 */
export function Reviewers({ value = [], onChange, candidates, known, invalid, loading }: { value?: number[]; onChange?: (v: number[]) => void; candidates: Position[]; known?: Map<number, Position>; invalid?: boolean; loading?: boolean }) {
  const [pick, setPick] = useState<number | null>(null);
  const byId = new Map([...(known ?? []), ...candidates.map((p) => [p.id, p] as const)]);
  const eligible = new Set(candidates.map((p) => p.id));
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
                  {!loading && !eligible.has(id) && (
                    <Typography.Text type="danger" className="naskah-item-sub">
                      Tidak dapat menjadi pemeriksa naskah ini; hapus dari urutan.
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
          virtual={false}
          style={{ flex: '1 1 200px', minWidth: 0 }}
          popupMatchSelectWidth={false}
          status={invalid ? 'error' : undefined}
          loading={loading}
          notFoundContent={loading ? 'Memuat…' : 'Tidak ada jabatan lain yang dapat memeriksa'}
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

export function SignerSelect({ value, onChange, candidates, known, id, invalid, loading }: { value?: number; onChange?: (v: number) => void; candidates: Position[]; known?: Map<number, Position>; id?: string; invalid?: boolean; loading?: boolean }) {
  // a signer chosen earlier that the rule no longer allows stays shown, marked (the save then names it)
  const stale = value !== undefined && !loading && !candidates.some((p) => p.id === value) ? known?.get(value) : undefined;
  return (
    <Select
      id={id}
      value={value}
      onChange={onChange}
      loading={loading}
      placeholder="Pilih penandatangan"
      status={invalid ? 'error' : undefined}
      options={[...candidates.map((p) => ({ value: p.id, label: named(p) })), ...(stale ? [{ value: stale.id, label: `${stale.title} (tidak dapat menandatangani)`, disabled: true }] : [])]}
      notFoundContent="Tidak ada pejabat penandatangan di satker Anda"
    />
  );
}
