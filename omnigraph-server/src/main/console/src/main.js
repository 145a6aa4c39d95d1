import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, token, setToken, ApiError } from './api.js';
import { html, useLoad, ErrorBox, Loading } from './ui.js';
import { SchemaView } from './views/schema.js';
import { StoredQueries, QueryEditor } from './views/query.js';
import { BranchesView, ReviewView } from './views/branches.js';
import { HistoryView, CommitView } from './views/history.js';
import { StatusView } from './views/status.js';
import './style.css';

function useHash() {
  const [hash, setHash] = useState(window.location.hash || '#/');
  useEffect(() => {
    const on = () => setHash(window.location.hash || '#/');
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return hash;
}

function route(hash) {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'status') return { page: 'status' };
  if (parts[0] === 'graphs' && parts[1]) {
    return { page: 'graph', graphId: parts[1], tab: parts[2] ?? 'schema', arg: parts[3] };
  }
  return { page: 'graphs' };
}

function SignIn({ onSignedIn }) {
  const [value, setValue] = useState('');
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e) => {
    e.preventDefault();
    setBusy(true); setError(null);
    setToken(value.trim());
    try {
      await api.graphs();
      onSignedIn();
    } catch (err) {
      if (err instanceof ApiError && err.status === 403) {
        onSignedIn(); // authenticated, but not allowed to list graphs: the graph can still be opened by id
      } else {
        setToken(null);
        setError(err);
      }
    } finally {
      setBusy(false);
    }
  };
  return html`<main id="main" class="signin">
    <h1>OmniGraph review console</h1>
    <form onSubmit=${submit} aria-labelledby="signin-h">
      <h2 id="signin-h">Sign in</h2>
      <div class="field">
        <label for="token">Bearer token</label>
        <input id="token" type="password" autocomplete="off" required value=${value} onInput=${(e) => setValue(e.target.value)} aria-describedby="token-hint" />
        <small id="token-hint" class="muted">Kept in this tab's session storage only; every request is checked by the server's policies.</small>
      </div>
      <button type="submit" disabled=${busy}>Sign in</button>
    </form>
    <${ErrorBox} error=${error} title="Sign-in failed" />
  </main>`;
}

function GraphsList() {
  const graphs = useLoad(() => api.graphs(), []);
  const [manual, setManual] = useState('');
  return html`<section aria-labelledby="graphs-h">
    <h2 id="graphs-h">Graphs</h2>
    ${graphs.loading && !graphs.data ? html`<${Loading} what="graphs" />` : ''}
    <${ErrorBox} error=${graphs.error} title="Cannot list graphs" />
    ${graphs.data ? html`<ul class="cards" data-testid="graph-list">${graphs.data.graphs.map((gr) => html`<li class="card">
      <a href=${`#/graphs/${gr.graph_id}`}><strong>${gr.graph_id}</strong></a><div class="muted small"><code>${gr.uri}</code></div></li>`)}</ul>` : ''}
    <form class="inline-form" onSubmit=${(e) => { e.preventDefault(); if (manual.trim()) window.location.hash = `#/graphs/${manual.trim()}`; }}>
      <div class="field"><label for="graph-id">Open a graph by id</label><input id="graph-id" value=${manual} onInput=${(e) => setManual(e.target.value)} /></div>
      <button type="submit">Open</button>
    </form>
  </section>`;
}

const TABS = [['schema', 'Schema'], ['queries', 'Stored queries'], ['editor', 'Query editor'], ['branches', 'Branches'], ['history', 'History']];

function GraphView({ graphId, tab, arg }) {
  const branches = useLoad(() => api.branches(graphId), [graphId]);
  const [branch, setBranch] = useState('main');
  const target = { branch };
  const selector = html`<div class="field inline"><label for="branch-select">Branch</label>
    <select id="branch-select" value=${branch} onChange=${(e) => setBranch(e.target.value)}>
      ${(branches.data?.branches ?? ['main']).map((b) => html`<option value=${b}>${b}</option>`)}</select></div>`;
  let body;
  if (tab === 'schema') body = html`${selector}<${SchemaView} graphId=${graphId} branch=${branch} />`;
  else if (tab === 'queries') body = html`${selector}<${StoredQueries} graphId=${graphId} target=${target} />`;
  else if (tab === 'editor') body = html`${selector}<${QueryEditor} graphId=${graphId} target=${target} />`;
  else if (tab === 'branches' && arg) body = html`<${ReviewView} graphId=${graphId} branch=${arg} />`;
  else if (tab === 'branches') body = html`<${BranchesView} graphId=${graphId} />`;
  else if (tab === 'history') body = html`<${HistoryView} graphId=${graphId} branch=${arg ?? branch} />${arg ? '' : selector}`;
  else if (tab === 'commits' && arg) body = html`<${CommitView} graphId=${graphId} commitId=${arg} />`;
  else body = html`<p>Unknown page.</p>`;
  const active = tab === 'commits' ? 'history' : tab;
  return html`<section aria-labelledby="graph-h">
    <h2 id="graph-h">Graph <code>${graphId}</code></h2>
    <${ErrorBox} error=${branches.error} title="Cannot open the graph" />
    <nav aria-label="Graph sections" class="tabs">
      ${TABS.map(([k, label]) => html`<a href=${`#/graphs/${graphId}/${k}`} class=${active === k ? 'tab active' : 'tab'} aria-current=${active === k ? 'page' : undefined}>${label}</a>`)}
    </nav>
    <div class="panel">${body}</div>
  </section>`;
}

function App() {
  const [signedIn, setSignedIn] = useState(Boolean(token()));
  const hash = useHash();
  if (!signedIn) return html`<${SignIn} onSignedIn=${() => setSignedIn(true)} />`;
  const r = route(hash);
  return html`<a class="skip" href="#main" onClick=${(e) => { e.preventDefault(); document.getElementById('main')?.focus(); }}>Skip to content</a>
    <header class="top">
      <strong class="brand">OmniGraph</strong>
      <nav aria-label="Main">
        <a href="#/" aria-current=${r.page === 'graphs' ? 'page' : undefined}>Graphs</a>
        <a href="#/status" aria-current=${r.page === 'status' ? 'page' : undefined}>Cluster status</a>
      </nav>
      <button type="button" class="secondary" onClick=${() => { setToken(null); setSignedIn(false); }}>Sign out</button>
    </header>
    <main id="main" tabindex="-1">
      ${r.page === 'status' ? html`<${StatusView} />` : r.page === 'graph' ? html`<${GraphView} key=${r.graphId} graphId=${r.graphId} tab=${r.tab} arg=${r.arg} />` : html`<${GraphsList} />`}
    </main>`;
}

render(html`<${App} />`, document.getElementById('app'));
