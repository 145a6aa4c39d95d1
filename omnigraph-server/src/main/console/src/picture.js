// A node-link picture of traversal results: every row links the values of its consecutive text columns
// (e.g. person -> project). Small deterministic force layout; no library needed for a few hundred nodes.

export const MAX_NODES = 150;

/** Row values as an array in column order (rows may be arrays or objects keyed by column). */
export function rowValues(row, columns) {
  if (Array.isArray(row)) return row;
  if (row && typeof row === 'object') return columns.length ? columns.map((c) => row[c]) : Object.values(row);
  return [row];
}

/** {nodes, links} or null when the result is not a traversal (fewer than two text columns) or too big. */
export function graphOf(columns, rows) {
  if (!Array.isArray(rows) || rows.length === 0) return null;
  const cols = columns.length ? columns : Object.keys(rows[0] ?? {});
  const textCols = cols.map((c, i) => i).filter((i) => rows.some((r) => typeof rowValues(r, cols)[i] === 'string'));
  if (textCols.length < 2) return null;
  const nodes = new Map();
  const links = new Map();
  const node = (value, col) => {
    if (!nodes.has(value)) nodes.set(value, { id: value, group: col, label: value });
    return nodes.get(value);
  };
  for (const r of rows) {
    const vals = rowValues(r, cols);
    for (let k = 0; k + 1 < textCols.length; k++) {
      const a = vals[textCols[k]];
      const b = vals[textCols[k + 1]];
      if (typeof a !== 'string' || typeof b !== 'string' || a === b) continue;
      node(a, textCols[k]);
      node(b, textCols[k + 1]);
      const key = `${a}\u0000${b}`;
      if (!links.has(key)) links.set(key, { source: a, target: b, label: cols[textCols[k + 1]] });
    }
  }
  if (nodes.size === 0 || nodes.size > MAX_NODES) return null;
  return { nodes: [...nodes.values()], links: [...links.values()], columns: textCols.map((i) => cols[i]) };
}

/** Positions every node inside width x height (Fruchterman-Reingold, fixed iterations, deterministic). */
export function layout(graph, width, height) {
  const n = graph.nodes.length;
  const pos = new Map();
  graph.nodes.forEach((nd, i) => {
    const a = (2 * Math.PI * i) / n;
    pos.set(nd.id, { x: width / 2 + (width / 3) * Math.cos(a), y: height / 2 + (height / 3) * Math.sin(a) });
  });
  const k = Math.sqrt((width * height) / Math.max(1, n)) * 0.6;
  let temp = width / 8;
  for (let it = 0; it < 250; it++) {
    const disp = new Map(graph.nodes.map((nd) => [nd.id, { x: 0, y: 0 }]));
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const a = pos.get(graph.nodes[i].id);
        const b = pos.get(graph.nodes[j].id);
        let dx = a.x - b.x;
        let dy = a.y - b.y;
        let d = Math.hypot(dx, dy);
        if (d < 0.01) { dx = 0.01 * (i - j); dy = 0.01; d = Math.hypot(dx, dy); }
        const f = (k * k) / d;
        const da = disp.get(graph.nodes[i].id);
        const db = disp.get(graph.nodes[j].id);
        da.x += (dx / d) * f; da.y += (dy / d) * f;
        db.x -= (dx / d) * f; db.y -= (dy / d) * f;
      }
    }
    for (const l of graph.links) {
      const a = pos.get(l.source);
      const b = pos.get(l.target);
      const dx = a.x - b.x;
      const dy = a.y - b.y;
      const d = Math.max(0.01, Math.hypot(dx, dy));
      const f = (d * d) / k;
      const da = disp.get(l.source);
      const db = disp.get(l.target);
      da.x -= (dx / d) * f; da.y -= (dy / d) * f;
      db.x += (dx / d) * f; db.y += (dy / d) * f;
    }
    for (const nd of graph.nodes) {
      const p = pos.get(nd.id);
      const d = disp.get(nd.id);
      const len = Math.max(0.01, Math.hypot(d.x, d.y));
      p.x = Math.min(width - 40, Math.max(40, p.x + (d.x / len) * Math.min(len, temp)));
      p.y = Math.min(height - 20, Math.max(20, p.y + (d.y / len) * Math.min(len, temp)));
    }
    temp *= 0.98;
  }
  return pos;
}
