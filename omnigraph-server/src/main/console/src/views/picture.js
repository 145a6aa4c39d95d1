import { html } from '../ui.js';
import { graphOf, layout } from '../picture.js';

const W = 640;
const H = 360;
const COLORS = ['#2563eb', '#d97706', '#059669', '#9333ea', '#dc2626', '#0891b2'];

/** SVG node-link picture of a traversal result, or nothing when the rows are not a traversal. */
export function ResultPicture({ columns, rows }) {
  const graph = graphOf(columns ?? [], rows);
  if (!graph) return null;
  const pos = layout(graph, W, H);
  const groups = [...new Set(graph.nodes.map((n) => n.group))];
  const color = (g) => COLORS[groups.indexOf(g) % COLORS.length];
  const label = `Node-link picture: ${graph.nodes.length} nodes, ${graph.links.length} links between ${graph.columns.join(' → ')}`;
  return html`<figure class="picture">
    <svg viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-label=${label} data-testid="result-picture">
      <title>${label}</title>
      <defs><marker id="arrow" viewBox="0 0 10 10" refX="18" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
        <path d="M 0 0 L 10 5 L 0 10 z" fill="#64748b" /></marker></defs>
      ${graph.links.map((l) => {
        const a = pos.get(l.source);
        const b = pos.get(l.target);
        return html`<line x1=${a.x} y1=${a.y} x2=${b.x} y2=${b.y} stroke="#94a3b8" stroke-width="1.5" marker-end="url(#arrow)" />`;
      })}
      ${graph.nodes.map((n) => {
        const p = pos.get(n.id);
        return html`<g><circle cx=${p.x} cy=${p.y} r="7" fill=${color(n.group)}><title>${n.label}</title></circle>
          <text x=${p.x + 10} y=${p.y + 4} font-size="11" fill="#0f172a">${n.label.length > 24 ? `${n.label.slice(0, 23)}…` : n.label}</text></g>`;
      })}
    </svg>
    <figcaption>${graph.columns.map((c, i) => html`<span class="legend"><span class="dot" style=${`background:${COLORS[i % COLORS.length]}`}></span>${c}</span>`)}</figcaption>
  </figure>`;
}
