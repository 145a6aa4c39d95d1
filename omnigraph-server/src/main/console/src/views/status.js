import { api } from '../api.js';
import { html, useLoad, ErrorBox, Loading } from '../ui.js';

function Reload({ r, label }) {
  if (!r) return null;
  return html`<div class=${r.outcome === 'failed' ? 'error' : 'ok'}><strong>${label}:</strong> ${r.outcome} at ${r.at} (${r.trigger}, ${r.duration_ms} ms)${r.error ? html` — ${r.error}` : ''}</div>`;
}

/** Cluster status: applied revision, graphs and health (quarantined with reason), policy bindings. */
export function StatusView() {
  const data = useLoad(() => Promise.all([api.health(), api.adminStatus().then((s) => ({ s }), (e) => ({ e }))]), []);
  if (data.loading && !data.data) return html`<${Loading} what="cluster status" />`;
  if (data.error) return html`<${ErrorBox} error=${data.error} title="Cannot read the server health" />`;
  const [health, { s, e }] = data.data;
  return html`<section aria-labelledby="status-h">
    <h2 id="status-h">Cluster status</h2>
    <p>Server ${health.version}${health.source_version ? ` (${health.source_version})` : ''}, storage format ${health.internal_schema_version}: <strong>${health.status}</strong>.</p>
    ${e ? html`<${ErrorBox} error=${e} title="Cannot read /admin/status" />
      ${e.status === 403 ? html`<p class="muted">The status page needs an actor granted <code>admin</code> by the policy bundle of at least one graph.</p>` : ''}` : html`
    <dl class="meta" data-testid="status">
      <dt>Storage root</dt><dd><code>${s.storage_root}</code></dd>
      <dt>Applied revision</dt><dd data-testid="revision">${s.served.state_revision} <span class="muted">(cas ${s.served.state_cas})</span></dd>
      <dt>Served since</dt><dd>${s.served_since}</dd>
      <dt>Authorization</dt><dd>${s.auth_mode}</dd>
      <dt>Ledger polling</dt><dd>${s.poll_interval_ms ? `every ${s.poll_interval_ms / 1000} s` : 'off'}</dd>
    </dl>
    <${Reload} r=${s.last_reload} label="Last reload" />
    <${Reload} r=${s.last_failure} label="Last failed reload" />
    <table data-testid="graph-health">
      <caption>Graphs</caption>
      <thead><tr><th scope="col">Graph</th><th scope="col">Health</th><th scope="col">Reason</th></tr></thead>
      <tbody>
        ${s.graphs.map((gid) => html`<tr><th scope="row"><a href=${`#/graphs/${gid}`}>${gid}</a></th><td><span class="badge ok-badge">serving</span></td><td></td></tr>`)}
        ${s.quarantined.map((q) => html`<tr><th scope="row">${q.graph_id}</th><td><span class="badge bad-badge">quarantined</span></td><td><code>${q.code}</code> ${q.reason}</td></tr>`)}
      </tbody>
    </table>
    <table data-testid="bindings">
      <caption>Policy bindings</caption>
      <thead><tr><th scope="col">Scope</th><th scope="col">Bundle</th><th scope="col">Digest</th></tr></thead>
      <tbody>${(s.policy_bindings ?? []).map((b) => html`<tr><th scope="row">${b.scope === 'cluster' ? 'cluster (server)' : `graph ${b.graph_id}`}</th>
        <td>${b.bundle ?? html`<span class="muted">none — read-only for authenticated actors</span>`}</td><td><code class="small">${b.digest ?? ''}</code></td></tr>`)}</tbody>
    </table>`}
  </section>`;
}
