// End-to-end test of the review console in headless Debian Chromium (playwright-core, no browser download).
// Started by ConsoleE2ETest (JUnit) against a real omnigraph-server over the company-brain demo cluster.
// Environment: BASE_URL, TOKEN (an admin: andrew), AGENT_TOKEN (agent-1), SCREENSHOT_DIR, CHROMIUM.
import { chromium } from 'playwright-core';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BASE = process.env.BASE_URL;
const TOKEN = process.env.TOKEN;
const AGENT = process.env.AGENT_TOKEN;
const SHOTS = process.env.SCREENSHOT_DIR ?? 'target/console-screenshots';
const EXE = process.env.CHROMIUM ?? '/usr/bin/chromium';
const BRANCH = 'review-hire';
if (!BASE || !TOKEN || !AGENT) {
  console.error('console.e2e: set BASE_URL, TOKEN and AGENT_TOKEN');
  process.exit(2);
}
mkdirSync(SHOTS, { recursive: true });

function step(name) {
  console.log(`[e2e] ${name}`);
}

async function apiCall(method, path, token, body) {
  const res = await fetch(BASE + path, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json();
  if (!res.ok) throw new Error(`${method} ${path} -> ${res.status}: ${JSON.stringify(json)}`);
  return json;
}

const userDataDir = mkdtempSync(join(tmpdir(), 'omnigraph-console-chromium-'));
// a fresh, empty profile (--user-data-dir) per run, passed the way Playwright requires it
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: EXE,
  headless: true,
  viewport: { width: 1280, height: 900 },
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const consoleErrors = [];
let failed = false;
try {
  const page = context.pages()[0] ?? await context.newPage();
  page.setDefaultTimeout(15000);
  page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
  // refused requests (the wrong token, the broken query) are expected; anything else logged as an error is not
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) consoleErrors.push(`console: ${m.text()}`);
  });
  const shot = (name) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

  step('sign in (wrong token refused, right token accepted; token kept in sessionStorage only)');
  await page.goto(`${BASE}/ui/`);
  await page.getByLabel('Bearer token').fill('not-a-token');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('alert').filter({ hasText: '401' }).waitFor();
  await page.getByLabel('Bearer token').fill(TOKEN);
  await shot('01-sign-in');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('graph-list').getByRole('link', { name: 'knowledge' }).waitFor();
  const stored = await page.evaluate(() => ({ session: sessionStorage.length, local: localStorage.length, cookie: document.cookie }));
  if (stored.session !== 1 || stored.local !== 0 || stored.cookie !== '') throw new Error(`token storage: ${JSON.stringify(stored)}`);

  step('schema view');
  await page.getByTestId('graph-list').getByRole('link', { name: 'knowledge' }).click();
  await page.getByRole('region', { name: 'node Person' }).waitFor();
  await page.getByRole('region', { name: 'edge WorksOn' }).waitFor();
  await shot('02-schema');

  step('run a stored query from its generated form');
  await page.getByRole('link', { name: 'Stored queries' }).click();
  await page.getByRole('button', { name: 'docs_about' }).click();
  await page.getByLabel('project').fill('atlas');
  await page.getByRole('button', { name: 'Run query' }).click();
  await page.getByTestId('query-result').locator('table.results tbody tr').first().waitFor();
  await page.getByTestId('result-picture').waitFor();
  await shot('03-stored-query');

  step('ad-hoc query: a typecheck error is shown at its line');
  await page.getByRole('link', { name: 'Query editor' }).click();
  await page.getByLabel(/Query \(\.gq\)/).fill('query broken() {\n    match { $p: Alien }\n    return { $p.name }\n}\n');
  await page.getByRole('button', { name: 'Run read' }).click();
  await page.getByTestId('diagnostics').waitFor();
  const diagText = await page.getByTestId('diagnostics').innerText();
  if (!/Alien/.test(diagText)) throw new Error(`diagnostics do not name the unknown type: ${diagText}`);
  await shot('04-query-diagnostics');
  await page.getByLabel(/Query \(\.gq\)/).fill('query team() {\n    match {\n        $p: Person\n        $p worksOn $j\n    }\n    return { $p.name, $j.title }\n}\n');
  await page.getByRole('button', { name: 'Run read' }).click();
  await page.getByTestId('result-picture').waitFor();

  step('an agent creates a branch and mutates on it through the API');
  await apiCall('POST', '/graphs/knowledge/branches', AGENT, { name: BRANCH, from: 'main' });
  await apiCall('POST', '/graphs/knowledge/queries/add_person', AGENT,
    { branch: BRANCH, params: { slug: 'zoe', name: 'Zoe', role: 'engineer', team: 'platform' } });
  await apiCall('POST', '/graphs/knowledge/queries/set_status', AGENT,
    { branch: BRANCH, params: { project: 'lantern', status: 'active' } });

  step('branch list with ahead/behind');
  await page.getByRole('link', { name: 'Branches' }).click();
  await page.getByTestId(`ahead-${BRANCH}`).filter({ hasText: '2' }).waitFor();
  const behind = await page.getByTestId(`behind-${BRANCH}`).innerText();
  if (behind.trim() !== '0') throw new Error(`behind should be 0, got ${behind}`);
  await shot('05-branches');

  step('review the diff (per type, property-level before -> after)');
  await page.getByRole('link', { name: `Review ${BRANCH}` }).click();
  await page.getByTestId('changes').waitFor();
  const changes = page.getByTestId('changes');
  await changes.getByRole('region', { name: 'Changes to node Person' }).getByText('zoe').first().waitFor();
  const project = changes.getByRole('region', { name: 'Changes to node Project' });
  await project.locator('td.before', { hasText: 'proposed' }).waitFor();
  await project.locator('td.after', { hasText: 'active' }).waitFor();
  await shot('06-branch-diff');

  step('merge it');
  await page.getByTestId('merge-button').click();
  await page.getByTestId('merge-result').filter({ hasText: 'fast forward' }).waitFor();
  await shot('07-merged');

  step('see the merge commit in the history of main, open it read-only');
  await page.getByRole('link', { name: 'See the history of main' }).click();
  const first = page.getByTestId('history-table').locator('tbody tr').first();
  await first.getByText('andrew').waitFor();
  await first.getByText('merge').waitFor();
  await first.getByRole('link').click();
  await page.getByTestId('commit-actor').filter({ hasText: 'andrew' }).waitFor();
  await page.getByTestId('changes').getByText('lantern').first().waitFor();
  await page.getByTestId('changes').getByText('zoe').first().waitFor();
  await shot('08-commit');
  await page.getByRole('tab', { name: 'Query at this commit' }).click();
  await page.getByRole('button', { name: 'find_person' }).click();
  await page.getByLabel('name').fill('Zoe');
  await page.getByRole('button', { name: 'Run query' }).click();
  await page.getByTestId('query-result').getByRole('cell', { name: 'zoe', exact: true }).waitFor();

  step('a conflicting branch: the merge is refused with the conflicts listed, then the branch is deleted');
  await apiCall('POST', '/graphs/knowledge/branches', AGENT, { name: 'pause-lantern', from: 'main' });
  await apiCall('POST', '/graphs/knowledge/branches', AGENT, { name: 'finish-lantern', from: 'main' });
  await apiCall('POST', '/graphs/knowledge/queries/set_status', AGENT,
    { branch: 'pause-lantern', params: { project: 'lantern', status: 'paused' } });
  await apiCall('POST', '/graphs/knowledge/queries/set_status', AGENT,
    { branch: 'finish-lantern', params: { project: 'lantern', status: 'done' } });
  await apiCall('POST', '/graphs/knowledge/branches/merge', TOKEN, { source: 'pause-lantern', target: 'main' });
  await page.goto(`${BASE}/ui/#/graphs/knowledge/branches/finish-lantern`);
  await page.getByTestId('diff-summary').filter({ hasText: '1 commit(s) ahead' }).waitFor();
  await page.getByTestId('merge-button').click();
  await page.getByTestId('merge-conflicts').filter({ hasText: 'lantern' }).waitFor();
  await shot('10-merge-conflicts');
  page.once('dialog', (d) => d.accept());
  await page.getByRole('button', { name: 'Delete branch' }).click();
  await page.getByTestId('branch-table').waitFor();
  if (await page.getByTestId('branch-table').getByText('finish-lantern').count() !== 0) {
    throw new Error('finish-lantern is still listed after deleting it');
  }

  step('cluster status');
  await page.getByRole('link', { name: 'Cluster status' }).click();
  await page.getByTestId('graph-health').getByText('serving').first().waitFor();
  await page.getByTestId('bindings').getByText('base').first().waitFor();
  await shot('09-cluster-status');

  step('keyboard: the sign-out button is reachable by Tab');
  let reached = false;
  for (let i = 0; i < 8 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => document.activeElement?.textContent === 'Sign out');
  }
  if (!reached) throw new Error('Sign out is not reachable by keyboard');
  await page.keyboard.press('Enter');
  await page.getByLabel('Bearer token').waitFor();

  if (consoleErrors.length) throw new Error(`browser errors:\n${consoleErrors.join('\n')}`);
  step('ok');
} catch (e) {
  failed = true;
  console.error(`[e2e] FAILED: ${e.stack ?? e}`);
  if (consoleErrors.length) console.error(consoleErrors.join('\n'));
  try {
    const pages = context.pages();
    if (pages[0]) await pages[0].screenshot({ path: join(SHOTS, 'failure.png'), fullPage: true });
  } catch { /* best effort */ }
} finally {
  await context.close();
  rmSync(userDataDir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
