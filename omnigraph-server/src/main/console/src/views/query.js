import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { html, useLoad, ErrorBox, Loading, ResultTable } from '../ui.js';
import { diagnosticsOf, caret } from '../diagnostics.js';
import { ResultPicture } from './picture.js';

/** Where reads run: {branch} or {snapshot} (a commit id: read-only time travel). */
function targetBody(target) {
  return target.snapshot ? { snapshot: target.snapshot } : { branch: target.branch };
}

export function ReadResult({ result }) {
  if (!result) return null;
  if (result.affected_nodes !== undefined) {
    return html`<div class="ok" role="status" data-testid="mutation-result">
      Changed ${result.affected_nodes} node(s) and ${result.affected_edges} edge(s) on <code>${result.branch}</code>${result.commit ? html` — commit <code>${result.commit.graph_commit_id}</code>` : ''}.
    </div>`;
  }
  return html`<div data-testid="query-result">
    <p class="muted">${result.row_count} row(s) from ${result.graph_commit_id ? html`commit <code>${result.graph_commit_id}</code>` : 'the snapshot'}.</p>
    <${ResultTable} columns=${result.columns ?? []} rows=${result.rows} />
    <${ResultPicture} columns=${result.columns ?? []} rows=${result.rows} />
  </div>`;
}

function inputFor(p, value, onInput) {
  const id = `param-${p.name}`;
  const common = { id, name: p.name, 'aria-describedby': `${id}-hint` };
  const kind = p.kind;
  let field;
  if (kind === 'bool') {
    field = html`<select ...${common} value=${value ?? ''} onChange=${(e) => onInput(e.target.value)}>
      <option value="">${p.nullable ? '(null)' : 'choose'}</option><option value="true">true</option><option value="false">false</option></select>`;
  } else if (kind === 'list' || kind === 'vector') {
    field = html`<textarea ...${common} rows="2" value=${value ?? ''} onInput=${(e) => onInput(e.target.value)} placeholder="JSON array, e.g. [1, 2]"></textarea>`;
  } else {
    const type = kind === 'int' || kind === 'bigint' || kind === 'float' ? 'number' : kind === 'date' ? 'date' : 'text';
    field = html`<input ...${common} type=${type} step=${kind === 'float' ? 'any' : undefined} value=${value ?? ''} onInput=${(e) => onInput(e.target.value)} required=${!p.nullable} />`;
  }
  const hint = `${kind}${p.item_kind ? ` of ${p.item_kind}` : ''}${p.vector_dim ? `(${p.vector_dim})` : ''}${p.nullable ? ', optional' : ''}`;
  return html`<div class="field"><label for=${id}>${p.name}</label>${field}<small id=${`${id}-hint`} class="muted">${hint}</small></div>`;
}

function paramValue(p, raw) {
  if (raw === undefined || raw === '') return p.nullable ? undefined : raw;
  switch (p.kind) {
    case 'int': case 'float': return Number(raw);
    case 'bigint': return /^-?\d+$/.test(raw) && Math.abs(Number(raw)) < Number.MAX_SAFE_INTEGER ? Number(raw) : raw;
    case 'bool': return raw === 'true';
    case 'list': case 'vector': return JSON.parse(raw);
    default: return raw;
  }
}

/** Stored queries: a form generated from each query's parameters; results as a table (and picture). */
export function StoredQueries({ graphId, target, readOnly }) {
  const catalog = useLoad(() => api.queries(graphId), [graphId]);
  const [selected, setSelected] = useState(null);
  const [values, setValues] = useState({});
  const [result, setResult] = useState(null);
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  if (catalog.loading && !catalog.data) return html`<${Loading} what="stored queries" />`;
  if (catalog.error) return html`<${ErrorBox} error=${catalog.error} title="Cannot list stored queries" />`;
  const queries = (catalog.data.queries ?? []).filter((q) => !(readOnly && q.mutation));
  const query = queries.find((q) => q.name === selected);
  const run = async (e) => {
    e.preventDefault();
    setBusy(true); setError(null); setResult(null);
    try {
      const params = {};
      for (const p of query.params) {
        const v = paramValue(p, values[p.name]);
        if (v !== undefined) params[p.name] = v;
      }
      setResult(await api.invoke(graphId, query.name, { params, ...targetBody(target), expect_mutation: query.mutation }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return html`<section aria-labelledby="stored-h">
    <h3 id="stored-h">Stored queries</h3>
    ${queries.length === 0 ? html`<p class="muted">This graph has no stored queries.</p>` : html`
    <div class="split">
      <ul class="query-list" aria-label="Stored queries">
        ${queries.map((q) => html`<li><button type="button" class=${q.name === selected ? 'link active' : 'link'} aria-pressed=${q.name === selected}
            onClick=${() => { setSelected(q.name); setValues({}); setResult(null); setError(null); }}>
          ${q.name}${q.mutation ? html` <span class="badge">mutation</span>` : ''}</button>
          ${q.description ? html`<div class="muted small">${q.description}</div>` : ''}</li>`)}
      </ul>
      <div class="grow">
        ${query ? html`<form onSubmit=${run} aria-label=${`Run ${query.name}`}>
          <h4>${query.name}</h4>
          ${query.description ? html`<p>${query.description}</p>` : ''}
          ${query.params.length === 0 ? html`<p class="muted">No parameters.</p>` : ''}
          ${query.params.map((p) => inputFor(p, values[p.name], (v) => setValues({ ...values, [p.name]: v })))}
          <button type="submit" disabled=${busy}>${query.mutation ? `Run on ${target.branch}` : 'Run query'}</button>
        </form>
        <${ErrorBox} error=${error} title="Query failed" />
        <${ReadResult} result=${result} />` : html`<p class="muted">Choose a stored query.</p>`}
      </div>
    </div>`}
  </section>`;
}

/** Puts the editor's cursor at (line, col) so keyboard users land on the problem. */
function focusAt(source, line, col) {
  const el = document.getElementById('gq-source');
  if (!el) return;
  const lines = source.split('\n');
  let offset = 0;
  for (let i = 0; i < line - 1 && i < lines.length; i++) offset += lines[i].length + 1;
  offset += Math.max(0, col - 1);
  el.focus();
  el.setSelectionRange(offset, offset);
}

const EXAMPLE = 'query ad_hoc() {\n    match { $p: Person }\n    return { $p.name }\n    limit 10\n}\n';

/** Ad-hoc query editor: runs reads on the target (mutations only on a branch); diagnostics shown at their lines. */
export function QueryEditor({ graphId, target, readOnly }) {
  const [source, setSource] = useState(EXAMPLE);
  const [params, setParams] = useState('');
  const [result, setResult] = useState(null);
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const run = async (kind) => {
    setBusy(true); setError(null); setResult(null);
    try {
      let p;
      if (params.trim()) {
        try { p = JSON.parse(params); } catch (e) { throw Object.assign(new Error(`parameters are not JSON: ${e.message}`), { local: true }); }
      }
      const body = { query: source, ...(p ? { params: p } : {}) };
      setResult(kind === 'mutate' ? await api.mutate(graphId, { ...body, branch: target.branch })
        : await api.query(graphId, { ...body, ...targetBody(target) }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const diags = error && !error.local && error.status === 400 ? diagnosticsOf(error.message) : [];
  const located = diags.filter((d) => d.line);
  const lineCount = source.split('\n').length;
  return html`<section aria-labelledby="editor-h">
    <h3 id="editor-h">Query editor</h3>
    <form onSubmit=${(e) => { e.preventDefault(); run('query'); }}>
      <div class="field">
        <label for="gq-source">Query (.gq) ${target.snapshot ? html`— read-only at commit <code>${target.snapshot}</code>` : html`on branch <code>${target.branch}</code>`}</label>
        <div class="editor">
          <pre class="gutter" aria-hidden="true">${Array.from({ length: lineCount }, (_, i) => {
            const bad = located.some((d) => d.line === i + 1);
            return html`<span class=${bad ? 'bad' : ''}>${i + 1}</span>`;
          })}</pre>
          <textarea id="gq-source" class="code" spellcheck="false" rows=${Math.max(8, lineCount + 1)} value=${source}
            aria-invalid=${diags.length > 0} aria-describedby=${diags.length ? 'gq-diagnostics' : undefined}
            onInput=${(e) => setSource(e.target.value)}></textarea>
        </div>
      </div>
      <div class="field">
        <label for="gq-params">Parameters (JSON object, optional)</label>
        <input id="gq-params" class="code" value=${params} onInput=${(e) => setParams(e.target.value)} placeholder='{"name": "Ruth"}' />
      </div>
      <div class="row">
        <button type="submit" disabled=${busy}>Run read</button>
        ${readOnly || target.snapshot ? '' : html`<button type="button" class="secondary" disabled=${busy} onClick=${() => run('mutate')}>Run mutation on ${target.branch}</button>`}
      </div>
    </form>
    ${diags.length > 0 ? html`<div id="gq-diagnostics" class="diagnostics" role="alert" data-testid="diagnostics">
      <strong>The server refused the query (${diags.length} diagnostic${diags.length === 1 ? '' : 's'}):</strong>
      <ul>${diags.map((d) => {
        const c = d.line ? caret(source, d.line, d.col) : null;
        return html`<li class="diag">${d.line ? html`<button type="button" class="link" onClick=${() => focusAt(source, d.line, d.col)}>line ${d.line}, column ${d.col}</button>: ` : ''}<span class="code">${d.message}</span>
          ${c ? html`<pre class="code snippet"><span>${c.text}</span><span class="caret">${c.marker}</span></pre>` : ''}</li>`;
      })}</ul>
    </div>` : html`<${ErrorBox} error=${error} title="Query failed" />`}
    <${ReadResult} result=${result} />
  </section>`;
}
