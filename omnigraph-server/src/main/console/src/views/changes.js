import { html, cell } from '../ui.js';

const OPS = { insert: 'added', update: 'updated', delete: 'deleted' };

function changedProps(c) {
  const before = c.before?.properties ?? {};
  const after = c.after?.properties ?? {};
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  if (c.op === 'update') return keys.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
  return keys;
}

/** Entity changes grouped by type: counts added/updated/deleted, then property-level before → after. */
export function ChangeList({ changes, empty }) {
  if (!changes || changes.length === 0) return html`<p class="muted" role="status">${empty ?? 'No entity changes.'}</p>`;
  const byType = new Map();
  for (const c of changes) {
    const key = `${c.kind} ${c.type.name}`;
    if (!byType.has(key)) byType.set(key, []);
    byType.get(key).push(c);
  }
  return html`<div class="changes" data-testid="changes">
    <table class="summary">
      <caption>Changes per type</caption>
      <thead><tr><th scope="col">Type</th><th scope="col">Added</th><th scope="col">Updated</th><th scope="col">Deleted</th></tr></thead>
      <tbody>${[...byType.entries()].map(([key, list]) => html`<tr><th scope="row">${key}</th>
        ${['insert', 'update', 'delete'].map((op) => html`<td>${list.filter((c) => c.op === op).length}</td>`)}</tr>`)}</tbody>
    </table>
    ${[...byType.entries()].map(([key, list]) => html`<section class="type-changes" aria-label=${`Changes to ${key}`}>
      <h4>${key}</h4>
      ${list.map((c) => {
        const props = changedProps(c);
        const ends = c.after?.endpoints ?? c.before?.endpoints;
        return html`<details class=${`change op-${c.op}`} open=${list.length <= 20}>
          <summary><span class=${`op op-${c.op}`}>${OPS[c.op] ?? c.op}</span> <code>${c.id}</code>${ends ? html` <span class="muted">${ends.from} → ${ends.to}</span>` : ''}</summary>
          <table class="props">
            <thead><tr><th scope="col">Property</th><th scope="col">Before</th><th scope="col">After</th></tr></thead>
            <tbody>${props.map((k) => html`<tr><th scope="row">${k}</th>
              <td class="before">${c.before ? cell(c.before.properties?.[k]) : '—'}</td>
              <td class="after">${c.after ? cell(c.after.properties?.[k]) : '—'}</td></tr>`)}</tbody>
          </table>
        </details>`;
      })}
    </section>`)}
  </div>`;
}
