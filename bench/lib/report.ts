import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchGoal, BenchKind } from '../harness';
import type { MachineInfo } from './machine';

export interface BenchRow {
  name: string;
  kind: BenchKind;
  description?: string;
  value: number | null;
  unit: string;
  rawOf?: string;
  rawValue: number | null;
  rawUnit?: string;
  ratio: number | null;
  goal?: BenchGoal;
  /** true / false, or null when there is no goal or the figure is missing. */
  met: boolean | null;
  seconds: number;
  extra?: object;
  error?: string;
}

export interface RunReport {
  mode: string;
  flags: string[];
  startedAt: string;
  totalSeconds: number;
  setupSeconds: number;
  machine: MachineInfo;
  rows: BenchRow[];
}

/** Evaluates every bound of a goal; null when a bound cannot be checked. */
export function goalMet(goal: BenchGoal | undefined, value: number | null, ratio: number | null): boolean | null {
  if (!goal || value === null) return null;
  let ok = true;
  if (goal.ratio !== undefined) {
    if (ratio === null) return null;
    ok &&= ratio >= goal.ratio;
  }
  if (goal.max !== undefined) ok &&= value <= goal.max;
  if (goal.min !== undefined) ok &&= value >= goal.min;
  return ok;
}

export function fmt(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  const a = Math.abs(n);
  if (a >= 1000) return Math.round(n).toLocaleString('en-US');
  if (a >= 100) return n.toFixed(0);
  if (a >= 10) return n.toFixed(1);
  return n.toFixed(2);
}

export function goalText(g: BenchGoal | undefined): string {
  if (!g) return '—';
  const parts: string[] = [];
  if (g.ratio !== undefined) parts.push(`ratio ≥ ${g.ratio}`);
  if (g.max !== undefined) parts.push(`≤ ${g.max}`);
  if (g.min !== undefined) parts.push(`≥ ${g.min}`);
  return parts.join(', ');
}

const metText = (m: boolean | null) => (m === null ? '—' : m ? 'yes' : 'NO');

const HEAD = ['name', 'figure', 'unit', 'raw limit', 'raw figure', 'ratio', 'goal', 'met?'];

function cells(r: BenchRow): string[] {
  return [
    r.name,
    r.error ? 'ERROR' : fmt(r.value),
    r.unit,
    r.rawOf ?? '—',
    fmt(r.rawValue),
    r.ratio === null ? '—' : r.ratio.toFixed(2),
    goalText(r.goal),
    metText(r.met),
  ];
}

/** The plain-text table printed at the end of a run. */
export function textTable(rows: BenchRow[]): string {
  const body = rows.map(cells);
  const widths = HEAD.map((h, i) => Math.max(h.length, ...body.map((c) => c[i].length)));
  const line = (c: string[]) => c.map((x, i) => (i === 1 || i === 4 || i === 5 ? x.padStart(widths[i]) : x.padEnd(widths[i]))).join('  ');
  const out = [line(HEAD), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)];
  for (const r of rows) if (r.error) out.push(`! ${r.name}: ${r.error}`);
  return out.join('\n');
}

export function markdown(rep: RunReport): string {
  const m = rep.machine;
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  const lines = [
    `# Benchmark results (${rep.mode})`,
    '',
    `Run ${rep.startedAt} · ${rep.totalSeconds.toFixed(0)} s in all (setup ${rep.setupSeconds.toFixed(0)} s)${rep.flags.length ? ` · flags: \`${rep.flags.join(' ')}\`` : ''}`,
    '',
    `| ${HEAD.join(' | ')} |`,
    `|${HEAD.map((_, i) => (i === 1 || i === 4 || i === 5 ? '---:' : '---')).join('|')}|`,
    ...rep.rows.map((r) => `| ${cells(r).map(esc).join(' | ')} |`),
    '',
    'Ratios divide a figure by a raw limit measured **in the same run**; the machine drifts 7–46 % within an hour, so figures from different runs are not comparable.',
    '',
  ];
  const errors = rep.rows.filter((r) => r.error);
  if (errors.length) lines.push('## Errors', '', ...errors.map((r) => `- \`${r.name}\`: ${esc(r.error ?? '')}`), '');
  lines.push(
    '## Details',
    '',
    ...rep.rows.map((r) => `- \`${r.name}\` (${r.kind}, ${r.seconds.toFixed(1)} s)${r.description ? ` — ${r.description}` : ''}${r.extra ? `  \n  \`${JSON.stringify(r.extra)}\`` : ''}`),
    '',
    '## Machine',
    '',
    `- CPU: ${m.cpuModel}, ${m.cores} cores, ${m.memoryGiB} GiB RAM`,
    `- Node ${m.node}`,
    `- MariaDB ${m.mariadb} (innodb_buffer_pool_size ${m.innodbBufferPoolMiB} MiB, innodb_flush_log_at_trx_commit ${m.innodbFlushLogAtTrxCommit})`,
    `- Redis ${m.redis}`,
    `- Commit ${m.gitCommit}`,
    `- Date ${m.date}`,
    `- Load average (1 min) ${m.loadAverage.start} at the start, ${m.loadAverage.end} at the end (${m.cores} cores; above that at the start, other work shared the machine; the bench itself raises it by the end)`,
    '',
  );
  return lines.join('\n');
}

/** Writes <stem>.json and <stem>.md under bench/results; returns their paths. */
export function writeReport(rep: RunReport, stem: string): string[] {
  const dir = join(__dirname, '..', 'results');
  mkdirSync(dir, { recursive: true });
  const json = join(dir, `${stem}.json`);
  const md = join(dir, `${stem}.md`);
  writeFileSync(json, `${JSON.stringify(rep, null, 2)}\n`);
  writeFileSync(md, markdown(rep));
  return [json, md];
}
