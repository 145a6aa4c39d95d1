import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { html, useLoad, ErrorBox, Loading, formatMicros, short } from '../ui.js';
import { ChangeList } from './changes.js';
import { StoredQueries, QueryEditor } from './query.js';

/** Commit history of a branch, newest first, with actor and time. */
export function HistoryView({ graphId, branch }) {
  const commits = useLoad(() => api.commits(graphId, branch), [graphId, branch]);
  if (commits.loading && !commits.data) return html`<${Loading} what="history" />`;
  if (commits.error) return html`<${ErrorBox} error=${commits.error} title="Cannot read the history" />`;
  const list = commits.data.commits ?? [];
  return html`<section aria-labelledby="history-h">
    <h3 id="history-h">History of <code>${branch}</code></h3>
    <table data-testid="history-table">
      <caption>${list.length} commit(s), newest first</caption>
      <thead><tr><th scope="col">Commit</th><th scope="col">Actor</th><th scope="col">Time</th><th scope="col">Authored on</th><th scope="col">Kind</th></tr></thead>
      <tbody>${list.map((c) => html`<tr>
        <th scope="row"><a href=${`#/graphs/${graphId}/commits/${c.graph_commit_id}`} title=${c.graph_commit_id}><code>${short(c.graph_commit_id)}</code></a></th>
        <td>${c.actor_id ?? html`<span class="muted">system</span>`}</td>
        <td>${formatMicros(c.created_at)}</td>
        <td>${c.graph_branch ?? ''}</td>
        <td>${c.merged_parent_commit_id ? 'merge' : c.parent_commit_id ? 'change' : 'initial'}</td></tr>`)}</tbody>
    </table>
  </section>`;
}

/** One commit, read-only: metadata, the changes it made, and queries at that commit (time travel). */
export function CommitView({ graphId, commitId }) {
  const data = useLoad(() => Promise.all([api.commit(graphId, commitId),
    api.commitChanges(graphId, commitId).then((c) => ({ c }), (e) => ({ e }))]), [graphId, commitId]);
  const [tab, setTab] = useState('changes');
  if (data.loading && !data.data) return html`<${Loading} what="commit" />`;
  if (data.error) return html`<${ErrorBox} error=${data.error} title="Cannot open the commit" />`;
  const [c, ch] = data.data;
  const target = { snapshot: c.graph_commit_id };
  const refusal = ch.e?.body?.change_diff_refusal;
  return html`<section aria-labelledby="commit-h">
    <h3 id="commit-h">Commit <code>${c.graph_commit_id}</code> <span class="badge">read-only</span></h3>
    <dl class="meta">
      <dt>Actor</dt><dd data-testid="commit-actor">${c.actor_id ?? 'system'}</dd>
      <dt>Time</dt><dd>${formatMicros(c.created_at)}</dd>
      <dt>Branch</dt><dd>${c.graph_branch ?? ''}</dd>
      <dt>Parent</dt><dd>${c.parent_commit_id ? html`<a href=${`#/graphs/${graphId}/commits/${c.parent_commit_id}`}><code>${c.parent_commit_id}</code></a>` : 'none'}</dd>
      ${c.merged_parent_commit_id ? html`<dt>Merged parent</dt><dd><a href=${`#/graphs/${graphId}/commits/${c.merged_parent_commit_id}`}><code>${c.merged_parent_commit_id}</code></a></dd>` : ''}
    </dl>
    <div role="tablist" aria-label="Commit views" class="tabs">
      ${[['changes', 'Changes'], ['query', 'Query at this commit']].map(([k, label]) => html`<button type="button" role="tab" aria-selected=${tab === k} class=${tab === k ? 'tab active' : 'tab'} onClick=${() => setTab(k)}>${label}</button>`)}
    </div>
    ${tab === 'changes' ? html`<div role="tabpanel">
      ${ch.c ? html`<${ChangeList} changes=${ch.c.changes} />${ch.c.next_page_token ? html`<p class="muted">More changes exist; the first page is shown.</p>` : ''}`
        : refusal ? html`<p class="muted">No entity diff for this commit (${refusal.reason ?? 'refused'}): ${ch.e.message}</p>`
          : html`<${ErrorBox} error=${ch.e} title="Cannot read the commit's changes" />`}
    </div>` : html`<div role="tabpanel">
      <p class="muted">Reads run against this commit's snapshot (time travel); nothing can be changed here.</p>
      <${StoredQueries} graphId=${graphId} target=${target} readOnly=${true} />
      <${QueryEditor} graphId=${graphId} target=${target} readOnly=${true} />
    </div>`}
  </section>`;
}
