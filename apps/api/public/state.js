// state.js — signed-in user, master data and cached names of offices/positions, with their loaders.
import { api } from './api.js';
import { SECURITY, URGENCY } from './ui.js';
import { renderDemoBanner } from './shell.js';

export const state = { me: null, master: null, positions: new Map(), officePositions: new Map(), offices: new Map() };

export async function loadMe() {
  state.me = await api.get('/api/me');
  return state.me;
}
export function myPositionIds() {
  const me = state.me;
  if (!me) return [];
  const ids = [me.position?.id];
  for (const d of me.delegations || []) ids.push(d.positionId, d.fromPositionId, d.delegatorPositionId);
  return ids.filter((x) => typeof x === 'number');
}
export async function loadMaster() {
  if (state.master) return state.master;
  const [types, cls, security, urgencies] = await Promise.all([
    api.get('/api/master/letter-types'),
    api.get('/api/master/classifications', { leavesOnly: true }),
    api.get('/api/master/security-classes').catch(() => Object.entries(SECURITY).map(([code, name]) => ({ code, name }))),
    api.get('/api/master/urgencies').catch(() => Object.entries(URGENCY).map(([code, name]) => ({ code, name }))),
  ]);
  state.master = { types, classifications: cls.items || [], demoSchedule: Boolean(cls.demoSchedule), security, urgencies };
  renderDemoBanner(state.master);
  return state.master;
}
export async function positionsOf(officeId) {
  if (!state.officePositions.has(officeId)) {
    const list = await api.get(`/api/offices/${officeId}/positions`);
    state.officePositions.set(officeId, list);
    for (const p of list) state.positions.set(p.id, p);
  }
  return state.officePositions.get(officeId);
}
export const positionName = (id) => {
  const p = state.positions.get(id);
  return p ? `${p.title}${p.holder ? ` — ${p.holder.fullName}` : ''}` : `Jabatan #${id}`;
};
export const typeName = (code) => state.master?.types.find((t) => t.code === code)?.name || code;

/** Fetches the names of the offices and positions a recipient list refers to (cached). */
export async function resolveNames(recipients) {
  const posIds = recipients.filter((r) => r.positionId && !state.positions.has(r.positionId)).map((r) => r.positionId);
  await Promise.all(posIds.map((id) => api.get(`/api/positions/${id}`).then((p) => state.positions.set(p.id, p)).catch(() => null)));
  const officeIds = new Set(recipients.map((r) => r.officeId || state.positions.get(r.positionId)?.officeId).filter(Boolean));
  if (state.me?.office) state.offices.set(state.me.office.id, state.me.office.name);
  await Promise.all([...officeIds].filter((id) => !state.offices.has(id)).map((id) => api.get(`/api/offices/${id}`).then((o) => state.offices.set(o.id, o.name)).catch(() => null)));
}

/** True when the signed-in user holds at least one of these roles (from /api/me). */
export const hasRole = (...roles) => roles.some((r) => (state.me?.roles || []).includes(r));

let instructions = null;
/** The standard disposition instructions (Tindak lanjuti, Pelajari, …), loaded once. */
export async function loadInstructions() {
  if (!instructions) instructions = await api.get('/api/disposition-instructions');
  return instructions;
}
export const instructionLabel = (code) => instructions?.find((i) => i.code === code)?.label || code;

/** Positions strictly below `authorPositionId` in its office (the only allowed disposition recipients). */
export async function positionsBelow(officeId, authorPositionId) {
  const list = await positionsOf(officeId);
  const author = list.find((p) => p.id === authorPositionId);
  if (!author) return [];
  return list.filter((p) => p.id !== author.id && p.path.startsWith(author.path));
}
