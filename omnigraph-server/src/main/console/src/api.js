// The console's only way to the data: the public HTTP API with the signed-in bearer token.
// The token lives in sessionStorage only (gone when the tab closes), never in localStorage or cookies.

const TOKEN_KEY = 'omnigraph.console.token';

export function token() {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function setToken(value) {
  if (value) sessionStorage.setItem(TOKEN_KEY, value);
  else sessionStorage.removeItem(TOKEN_KEY);
}

/** An HTTP error with the server's ErrorOutput body. */
export class ApiError extends Error {
  constructor(status, body) {
    super(body?.error ?? `HTTP ${status}`);
    this.status = status;
    this.body = body ?? {};
  }
}

async function request(method, path, body) {
  const headers = { Accept: 'application/json' };
  const t = token();
  if (t) headers.Authorization = `Bearer ${t}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let res;
  try {
    res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (e) {
    throw new ApiError(0, { error: `cannot reach the server: ${e.message}` });
  }
  const text = await res.text();
  let json;
  try {
    json = text ? JSON.parse(text) : {};
  } catch {
    json = { error: text || `HTTP ${res.status}` };
  }
  if (!res.ok) throw new ApiError(res.status, json);
  return json;
}

const g = (id) => `/graphs/${encodeURIComponent(id)}`;
const q = (params) => {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') s.set(k, String(v));
  const str = s.toString();
  return str ? `?${str}` : '';
};

export const api = {
  health: () => request('GET', '/healthz'),
  graphs: () => request('GET', '/graphs'),
  schema: (id) => request('GET', `${g(id)}/schema`),
  snapshot: (id, branch) => request('GET', `${g(id)}/snapshot${q({ branch })}`),
  queries: (id) => request('GET', `${g(id)}/queries`),
  invoke: (id, name, body) => request('POST', `${g(id)}/queries/${encodeURIComponent(name)}`, body),
  query: (id, body) => request('POST', `${g(id)}/query`, body),
  mutate: (id, body) => request('POST', `${g(id)}/mutate`, body),
  branches: (id) => request('GET', `${g(id)}/branches`),
  createBranch: (id, name, from) => request('POST', `${g(id)}/branches`, { name, from }),
  deleteBranch: (id, name) => request('DELETE', `${g(id)}/branches/${encodeURIComponent(name)}`),
  diff: (id, branch, target, changes = true) =>
    request('GET', `${g(id)}/branches/${encodeURIComponent(branch)}/diff${q({ target, changes: changes ? undefined : 'false' })}`),
  merge: (id, source, target) => request('POST', `${g(id)}/branches/merge`, { source, target }),
  commits: (id, branch) => request('GET', `${g(id)}/commits${q({ branch })}`),
  commit: (id, commitId) => request('GET', `${g(id)}/commits/${encodeURIComponent(commitId)}`),
  commitChanges: (id, commitId, pageToken) =>
    request('GET', `${g(id)}/commits/${encodeURIComponent(commitId)}/changes${q({ page_token: pageToken })}`),
  adminStatus: () => request('GET', '/admin/status'),
};
