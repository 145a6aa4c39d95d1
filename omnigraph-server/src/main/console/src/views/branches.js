import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { html, useLoad, ErrorBox, Loading, navigate, short } from '../ui.js';
import { ChangeList } from './changes.js';

function Counts({ graphId, branch, target }) {
  const d = useLoad(() => api.diff(graphId, branch, target, false), [graphId, branch, target]);
  if (d.loading && !d.data) return html`<td colspan="2" class="muted">…</td>`;
  if (d.error) return html`<td colspan="2" class="muted" title=${d.error.message}>n/a</td>`;
  const show = (n) => (n === undefined ? '?' : n);
  return html`<td data-testid=${`ahead-${branch}`}>${show(d.data.ahead)}</td><td data-testid=${`behind-${branch}`}>${show(d.data.behind)}</td>`;
}

/** Branch list with ahead/behind counts against main; create, review, delete. */
export function BranchesView({ graphId }) {
  const list = useLoad(() => api.branches(graphId), [graphId]);
  const [name, setName] = useState('');
  const [from, setFrom] = useState('main');
  const [error, setError] = useState(null);
  const [notice, setNotice] = useState(null);
  if (list.loading && !list.data) return html`<${Loading} what="branches" />`;
  if (list.error) return html`<${ErrorBox} error=${list.error} title="Cannot list branches" />`;
  const branches = list.data.branches ?? [];
  const create = async (e) => {
    e.preventDefault();
    setError(null); setNotice(null);
    try {
      const out = await api.createBranch(graphId, name.trim(), from);
      setNotice(`Branch ${out.name} created from ${out.from}.`);
      setName('');
      list.reload();
    } catch (err) {
      setError(err);
    }
  };
  const remove = async (b) => {
    if (!window.confirm(`Delete branch ${b}? Its commits stay readable by id until cleanup.`)) return;
    setError(null); setNotice(null);
    try {
      await api.deleteBranch(graphId, b);
      setNotice(`Branch ${b} deleted.`);
      list.reload();
    } catch (err) {
      setError(err);
    }
  };
  return html`<section aria-labelledby="branches-h">
    <h3 id="branches-h">Branches</h3>
    <${ErrorBox} error=${error} title="Branch operation failed" />
    ${notice ? html`<div class="ok" role="status">${notice}</div>` : ''}
    <table data-testid="branch-table">
      <caption>${branches.length} branch(es); ahead/behind are commits compared with main</caption>
      <thead><tr><th scope="col">Branch</th><th scope="col">Ahead</th><th scope="col">Behind</th><th scope="col">Actions</th></tr></thead>
      <tbody>${branches.map((b) => html`<tr>
        <th scope="row"><code>${b}</code></th>
        ${b === 'main' ? html`<td>—</td><td>—</td>` : html`<${Counts} graphId=${graphId} branch=${b} target="main" />`}
        <td class="row">
          ${b === 'main' ? '' : html`<a href=${`#/graphs/${graphId}/branches/${encodeURIComponent(b)}`}>Review ${b}</a>`}
          <a href=${`#/graphs/${graphId}/history/${encodeURIComponent(b)}`}>History</a>
          ${b === 'main' ? '' : html`<button type="button" class="danger small" onClick=${() => remove(b)} aria-label=${`Delete branch ${b}`}>Delete</button>`}
        </td></tr>`)}</tbody>
    </table>
    <form class="inline-form" onSubmit=${create} aria-labelledby="create-h">
      <h4 id="create-h">New branch</h4>
      <div class="field"><label for="new-branch">Name</label><input id="new-branch" value=${name} required onInput=${(e) => setName(e.target.value)} /></div>
      <div class="field"><label for="new-from">From</label>
        <select id="new-from" value=${from} onChange=${(e) => setFrom(e.target.value)}>${branches.map((b) => html`<option value=${b}>${b}</option>`)}</select></div>
      <button type="submit">Create branch</button>
    </form>
  </section>`;
}

/** One branch under review: its diff against the target, merge (conflicts listed when refused), delete. */
export function ReviewView({ graphId, branch }) {
  const [target, setTarget] = useState('main');
  const branches = useLoad(() => api.branches(graphId), [graphId]);
  const diff = useLoad(() => api.diff(graphId, branch, target), [graphId, branch, target]);
  const [merge, setMerge] = useState(null);
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const doMerge = async () => {
    setBusy(true); setError(null); setMerge(null);
    try {
      setMerge(await api.merge(graphId, branch, target));
      diff.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const doDelete = async () => {
    if (!window.confirm(`Delete branch ${branch}?`)) return;
    try {
      await api.deleteBranch(graphId, branch);
      navigate(`#/graphs/${graphId}/branches`);
    } catch (err) {
      setError(err);
    }
  };
  const conflicts = error?.body?.merge_conflicts ?? [];
  const d = diff.data;
  return html`<section aria-labelledby="review-h">
    <h3 id="review-h">Review branch <code>${branch}</code></h3>
    <div class="row">
      <div class="field"><label for="target">Compare with and merge into</label>
        <select id="target" value=${target} onChange=${(e) => setTarget(e.target.value)}>
          ${(branches.data?.branches ?? ['main']).filter((b) => b !== branch).map((b) => html`<option value=${b}>${b}</option>`)}
        </select></div>
      <button type="button" onClick=${doMerge} disabled=${busy || !d} data-testid="merge-button">Merge ${branch} into ${target}</button>
      <button type="button" class="danger" onClick=${doDelete}>Delete branch</button>
      <a href=${`#/graphs/${graphId}/history/${encodeURIComponent(branch)}`}>History of ${branch}</a>
    </div>
    ${merge ? html`<div class="ok" role="status" data-testid="merge-result">Merge outcome: <strong>${merge.outcome.replaceAll('_', ' ')}</strong>
      (${merge.source} → ${merge.target}${merge.actor_id ? `, by ${merge.actor_id}` : ''}). <a href=${`#/graphs/${graphId}/history/${encodeURIComponent(target)}`}>See the history of ${target}</a></div>` : ''}
    ${conflicts.length > 0 ? html`<div class="error" role="alert" data-testid="merge-conflicts">
      <strong>The merge was refused: ${conflicts.length} conflict(s). Nothing was changed.</strong>
      <ul>${conflicts.map((c) => html`<li><code>${c.kind}</code> on ${c.entity_kind} ${c.type_name}${c.entity_id ? html` <code>${c.entity_id}</code>` : ''}: ${c.message}</li>`)}</ul>
    </div>` : html`<${ErrorBox} error=${error} title="Merge failed" />`}
    ${diff.loading && !d ? html`<${Loading} what="diff" />` : ''}
    <${ErrorBox} error=${diff.error} title="Cannot compute the diff" />
    ${d ? html`<p data-testid="diff-summary"><strong>${d.ahead ?? '?'}</strong> commit(s) ahead, <strong>${d.behind ?? '?'}</strong> behind <code>${d.target}</code>.
      Head <code title=${d.source_commit_id}>${short(d.source_commit_id)}</code>, merge base <code title=${d.merge_base_commit_id}>${short(d.merge_base_commit_id)}</code>.
      ${d.truncated ? html` <em>Only the first ${d.changes.length} changes are shown.</em>` : ''}</p>
      <${ChangeList} changes=${d.changes} empty=${`${branch} has no entity changes that ${target} lacks.`} />` : ''}
  </section>`;
}
