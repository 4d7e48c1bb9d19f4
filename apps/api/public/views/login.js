// views/login.js — #/masuk: sign-in form.
import { login } from '../api.js';
import { h, showErrors, clearErrors, busy } from '../ui.js';
import { state, loadMe } from '../state.js';
import { clearHeader, page } from '../shell.js';
import { stopLive } from '../live.js';

export function viewLogin() {
  state.me = null;
  stopLive();
  clearHeader();
  document.getElementById('demo-banner').hidden = true;
  const form = h('form', { class: 'card narrow', novalidate: true },
    h('p', { class: 'form-error', tabindex: '-1', role: 'alert', hidden: true }),
    h('div', { class: 'field', dataset: { field: 'username' } }, h('label', { for: 'username' }, 'Nama pengguna'), h('input', { id: 'username', name: 'username', autocomplete: 'username', required: true })),
    h('div', { class: 'field', dataset: { field: 'password' } }, h('label', { for: 'password' }, 'Kata sandi'), h('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true })),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Masuk')));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form);
    const btn = form.querySelector('button[type=submit]');
    await busy(btn, async () => {
      try {
        await login(form.username.value.trim(), form.password.value);
        state.master = null;
        await loadMe();
        location.hash = '#/kotak-masuk';
      } catch (err) { showErrors(form, err); }
    });
  });
  page('Masuk ke Naskah', h('p', { class: 'muted' }, 'Sistem korespondensi dinas KPU. Masuk dengan akun Anda.'), form);
  form.username.focus();
}
