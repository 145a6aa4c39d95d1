// A small reader of .pg schema text for display: node and edge types with their properties and annotations.
// It only needs to be good enough to show the schema; the server's compiler is the authority.

const HEAD = /^(node|edge)\s+([A-Za-z_][A-Za-z0-9_]*)\s*(?::\s*([A-Za-z_][A-Za-z0-9_]*)\s*->\s*([A-Za-z_][A-Za-z0-9_]*))?\s*([^{]*?)\s*(\{)?\s*(\})?\s*$/;
const PROP = /^([A-Za-z_][A-Za-z0-9_]*)\s*:\s*(.+?)\s*(@.*)?$/;

function stripComment(line) {
  let inString = false;
  for (let i = 0; i < line.length - 1; i++) {
    if (line[i] === '"') inString = !inString;
    if (!inString && line[i] === '/' && line[i + 1] === '/') return line.slice(0, i);
  }
  return line;
}

/** Parses schema source into {nodes: [...], edges: [...]}; each type has name, annotations, properties. */
export function parseSchema(source) {
  const nodes = [];
  const edges = [];
  let current = null;
  for (const raw of source.split('\n')) {
    const line = stripComment(raw).trim();
    if (!line) continue;
    if (current) {
      if (line.startsWith('}')) {
        current = null;
        continue;
      }
      for (const part of line.split(',').map((s) => s.trim()).filter(Boolean)) {
        const m = PROP.exec(part);
        if (m) {
          const type = m[2].trim();
          current.properties.push({
            name: m[1],
            type: type.replace(/\?$/, ''),
            optional: type.endsWith('?'),
            annotations: (m[3] ?? '').trim(),
          });
        } else if (part.startsWith('@')) {
          current.annotations = `${current.annotations} ${part}`.trim();
        }
      }
      continue;
    }
    const h = HEAD.exec(line);
    if (!h) continue;
    const t = { kind: h[1], name: h[2], from: h[3], to: h[4], annotations: (h[5] ?? '').trim(), properties: [] };
    (t.kind === 'node' ? nodes : edges).push(t);
    if (h[6] && !h[7]) current = t;
  }
  return { nodes, edges };
}
