// Shared bits: htm bound to Preact, small accessible components, formatting.
import { h } from 'preact';
import { useEffect, useState, useCallback } from 'preact/hooks';
import htm from 'htm';
import { ApiError } from './api.js';

export const html = htm.bind(h);

/** Loads `fn()` on mount and whenever `deps` change: {data, error, loading, reload}. */
export function useLoad(fn, deps) {
  const [state, setState] = useState({ loading: true });
  const run = useCallback(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    fn().then((data) => live && setState({ data }), (error) => live && setState({ error }));
    return () => { live = false; };
  }, deps);
  useEffect(run, [run]);
  return { ...state, reload: run };
}

export function ErrorBox({ error, title }) {
  if (!error) return null;
  const status = error instanceof ApiError ? error.status : undefined;
  const hint = status === 401 ? ' Your token was refused: sign in again.'
    : status === 403 ? ' The policy bound to this scope does not allow it for your actor.' : '';
  return html`<div class="error" role="alert">
    <strong>${title ?? 'Error'}${status ? ` (${status})` : ''}:</strong> ${error.message}${hint}
  </div>`;
}

export function Loading({ what }) {
  return html`<p class="muted" role="status">Loading ${what ?? ''}…</p>`;
}

export function formatMicros(us) {
  if (us === undefined || us === null) return '';
  return new Date(Number(us) / 1000).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
}

export function short(id) {
  return id ? String(id).slice(-10) : '';
}

export function cell(v) {
  if (v === null || v === undefined) return html`<span class="muted">null</span>`;
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** A results table of ReadOutput-like {columns, rows}. */
export function ResultTable({ columns, rows, caption }) {
  const list = Array.isArray(rows) ? rows : [];
  const cols = columns?.length ? columns : Object.keys(list[0] ?? {});
  if (list.length === 0) return html`<p class="muted" role="status">No rows.</p>`;
  return html`<div class="table-wrap"><table class="results">
    <caption>${caption ?? `${list.length} row${list.length === 1 ? '' : 's'}`}</caption>
    <thead><tr>${cols.map((c) => html`<th scope="col">${c}</th>`)}</tr></thead>
    <tbody>${list.map((r) => html`<tr>${cols.map((c, i) => html`<td>${cell(Array.isArray(r) ? r[i] : r?.[c])}</td>`)}</tr>`)}</tbody>
  </table></div>`;
}

export function navigate(hash) {
  window.location.hash = hash;
}
