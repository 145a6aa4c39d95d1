import { api } from '../api.js';
import { html, useLoad, ErrorBox, Loading } from '../ui.js';
import { parseSchema } from '../schema.js';

function TypeTable({ t }) {
  return html`<section class="type" aria-label=${`${t.kind} ${t.name}`}>
    <h4><span class="badge">${t.kind}</span> ${t.name}${t.kind === 'edge' ? html` <span class="muted">${t.from} → ${t.to}</span>` : ''}
      ${t.annotations ? html` <code class="small">${t.annotations}</code>` : ''}</h4>
    ${t.properties.length === 0 ? html`<p class="muted small">No properties.</p>` : html`<table>
      <thead><tr><th scope="col">Property</th><th scope="col">Type</th><th scope="col">Optional</th><th scope="col">Annotations</th></tr></thead>
      <tbody>${t.properties.map((p) => html`<tr><th scope="row">${p.name}</th><td><code>${p.type}</code></td><td>${p.optional ? 'yes' : ''}</td><td><code>${p.annotations}</code></td></tr>`)}</tbody>
    </table>`}
  </section>`;
}

/** Schema view: node types, edge types and their properties (from GET /schema), plus the source. */
export function SchemaView({ graphId, branch }) {
  const schema = useLoad(() => Promise.all([api.schema(graphId), api.snapshot(graphId, branch).catch(() => null)]), [graphId, branch]);
  if (schema.loading && !schema.data) return html`<${Loading} what="schema" />`;
  if (schema.error) return html`<${ErrorBox} error=${schema.error} title="Cannot read the schema" />`;
  const [s, snap] = schema.data;
  const parsed = parseSchema(s.schema_source ?? '');
  const counts = new Map((snap?.datasets ?? []).map((d) => [d.type_name, d.entity_count]));
  return html`<section aria-labelledby="schema-h">
    <h3 id="schema-h">Schema</h3>
    <p class="muted">${parsed.nodes.length} node type(s), ${parsed.edges.length} edge type(s).${snap ? ` Row counts on ${branch}: ${[...counts.entries()].map(([k, v]) => `${k} ${v}`).join(', ')}.` : ''}</p>
    <div class="types">${parsed.nodes.map((t) => html`<${TypeTable} t=${t} />`)}</div>
    <div class="types">${parsed.edges.map((t) => html`<${TypeTable} t=${t} />`)}</div>
    <details><summary>Schema source (.pg)</summary><pre class="code">${s.schema_source}</pre></details>
  </section>`;
}
