// views/disposition-form.js — the disposition form (recipients below the author, instructions, note, priority, deadline)
// shared by: issue from a received letter, re-dispose further down, prepare for the leader (TU), edit/confirm a prepared one.
import { api } from '../api.js';
import { h, URGENCY, fmtDate, showErrors, clearErrors, busy } from '../ui.js';
import { loadInstructions, positionsBelow } from '../state.js';
import { field } from './parts.js';

/** Domain rule codes → the form field they are about (so the reason shows next to it). */
export const DISPOSITION_CODE_FIELDS = {
  RECIPIENT_OTHER_OFFICE: 'recipientPositionIds', RECIPIENT_NOT_BELOW: 'recipientPositionIds', RECIPIENT_NOT_FOUND: 'recipientPositionIds',
  DEADLINE_AFTER_PARENT: 'deadline', DEADLINE_IN_PAST: 'deadline', DEADLINE_PAST: 'deadline', DEADLINE_TOO_FAR: 'deadline', DEADLINE_BEFORE_CHILD: 'deadline',
  INSTRUCTION_UNKNOWN: 'instructionCodes', INSTRUCTION_NOT_FOUND: 'instructionCodes', INSTRUCTION_INACTIVE: 'instructionCodes',
};

/**
 * Builds the form. `author` = { officeId, positionId } (recipients are positions strictly below it);
 * `initial` = an existing input to edit; `parentDeadline` caps the date; `onSubmit(input)` sends it and
 * returns nothing or throws an ApiError (shown next to the fields).
 */
export async function dispositionForm({ author, initial = {}, parentDeadline = null, submitText = 'Kirim disposisi', onSubmit, extraActions = [] }) {
  const [instructions, below] = await Promise.all([loadInstructions(), positionsBelow(author.officeId, author.positionId)]);
  const uid = `df${Math.random().toString(36).slice(2, 7)}`;
  const chosen = new Set(initial.recipientPositionIds || initial.recipients?.map((r) => r.id) || []);
  const codes = new Set(initial.instructionCodes || []);

  const recipients = h('fieldset', { dataset: { field: 'recipientPositionIds' } }, h('legend', {}, 'Penerima disposisi'),
    h('p', { class: 'hint' }, 'Hanya jabatan di bawah jabatan pemberi disposisi dalam satker yang sama.'),
    below.length
      ? h('ul', { class: 'checks' }, below.map((p) => h('li', { class: `indent-${Math.min(6, Math.max(0, p.depth - 1))}` },
        h('input', { type: 'checkbox', id: `${uid}-r${p.id}`, value: String(p.id), checked: chosen.has(p.id) }),
        h('label', { for: `${uid}-r${p.id}` }, p.title, p.holder ? h('span', { class: 'muted' }, ` — ${p.holder.fullName}`) : h('span', { class: 'muted' }, ' — (kosong)')))))
      : h('p', { class: 'muted' }, 'Tidak ada jabatan di bawah jabatan ini.'));
  const instr = h('fieldset', { dataset: { field: 'instructionCodes' } }, h('legend', {}, 'Instruksi'),
    h('ul', { class: 'checks cols2' }, instructions.filter((i) => i.isActive || codes.has(i.code)).map((i) => h('li', {},
      h('input', { type: 'checkbox', id: `${uid}-i${i.code}`, value: i.code, checked: codes.has(i.code) }),
      h('label', { for: `${uid}-i${i.code}` }, i.label)))));
  const note = h('textarea', { id: `${uid}-note`, rows: 3, maxlength: 4000 }, initial.note || '');
  const priority = h('select', { id: `${uid}-prio` }, Object.entries(URGENCY).map(([k, v]) => h('option', { value: k, selected: (initial.priority || 'BIASA') === k }, v)));

  // deadline: none, a date, or N working days (previewed on the holiday calendar)
  const mode0 = initial.deadline ? 'date' : 'none';
  const radio = (v, t) => h('label', { class: 'inline' }, h('input', { type: 'radio', name: `${uid}-dm`, value: v, checked: mode0 === v }), ` ${t}`);
  const date = h('input', { id: `${uid}-date`, type: 'date', value: initial.deadline || '', max: parentDeadline || null });
  const days = h('input', { id: `${uid}-days`, type: 'number', min: 1, max: 260, value: '3', inputmode: 'numeric' });
  const daysOut = h('p', { class: 'hint', 'aria-live': 'polite' });
  const dateBox = h('div', { class: 'field', dataset: { field: 'deadline' } }, h('label', { for: date.id }, 'Tanggal batas waktu'), date);
  const daysBox = h('div', { class: 'field', dataset: { field: 'workingDays' } }, h('label', { for: days.id }, 'Jumlah hari kerja dari hari ini'), days, daysOut);
  const deadlineSet = h('fieldset', {}, h('legend', {}, 'Batas waktu'),
    h('div', { class: 'actions', role: 'radiogroup', 'aria-label': 'Jenis batas waktu' }, radio('none', parentDeadline ? `Ikut induk (${fmtDate(parentDeadline)})` : 'Tanpa batas waktu'), radio('date', 'Tanggal'), radio('days', 'N hari kerja')),
    parentDeadline ? h('p', { class: 'hint' }, `Tidak boleh melewati batas waktu disposisi induk: ${fmtDate(parentDeadline)}.`) : null,
    dateBox, daysBox);
  const mode = () => deadlineSet.querySelector(`input[name="${uid}-dm"]:checked`)?.value || 'none';
  const syncMode = () => { dateBox.hidden = mode() !== 'date'; daysBox.hidden = mode() !== 'days'; if (mode() === 'days') previewDays(); };
  let t;
  const previewDays = () => {
    clearTimeout(t);
    t = setTimeout(async () => {
      const n = Number(days.value);
      if (!Number.isInteger(n) || n < 1 || n > 260) { daysOut.textContent = 'Isi 1–260 hari kerja.'; return; }
      try {
        const r = await api.get('/api/holidays/deadline', { workingDays: n });
        const d = r.deadline || r.date || r;
        daysOut.textContent = `Batas waktu: ${fmtDate(d)}${r.skipped?.length ? ` (melewati ${r.skipped.length} hari libur)` : ''}${r.isEstimate || r.estimated ? ' — kalender libur tahun itu masih perkiraan' : ''}`;
      } catch (e) { daysOut.textContent = e.message; }
    }, 250);
  };
  deadlineSet.addEventListener('change', syncMode);
  days.addEventListener('input', previewDays);
  syncMode();

  const submit = h('button', { type: 'submit', class: 'primary' }, submitText);
  const form = h('form', { class: 'card', novalidate: true },
    h('p', { class: 'form-error', tabindex: '-1', role: 'alert', hidden: true }),
    recipients, instr,
    h('div', { class: 'grid2' }, field('note', 'Catatan / arahan (opsional)', note), field('priority', 'Prioritas', priority)),
    deadlineSet,
    h('div', { class: 'actions' }, submit, ...extraActions));
  const collect = () => {
    const input = {
      recipientPositionIds: [...recipients.querySelectorAll('input:checked')].map((x) => Number(x.value)),
      instructionCodes: [...instr.querySelectorAll('input:checked')].map((x) => x.value),
      priority: priority.value,
    };
    if (note.value.trim()) input.note = note.value.trim();
    if (mode() === 'date') input.deadline = date.value;
    if (mode() === 'days') input.workingDays = Number(days.value);
    return input;
  };
  form.collect = collect;
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form);
    const input = collect();
    // the same rules the API applies, said before the round trip
    const local = [];
    if (!input.recipientPositionIds.length) local.push({ field: 'recipientPositionIds', reason: 'pilih minimal satu penerima' });
    if (!input.instructionCodes.length) local.push({ field: 'instructionCodes', reason: 'pilih minimal satu instruksi' });
    if (mode() === 'date' && !input.deadline) local.push({ field: 'deadline', reason: 'isi tanggal batas waktu' });
    if (local.length) { showErrors(form, { message: 'Periksa isian.', fields: local }); return; }
    await busy(submit, async () => {
      try { await onSubmit(input); } catch (err) { showErrors(form, err, DISPOSITION_CODE_FIELDS); }
    });
  });
  return form;
}
