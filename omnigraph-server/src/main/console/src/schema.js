// A small reader of .pg schema text for display: node and edge types with their properties and annotations.
// It only needs to be good enough to show the schema; the server's compiler is the authority.

const HEAD = /^(node|edge)\s+([A-Za-z_][A-Za-z0-9_]*)\s*(?::\s*([A-Za-z_][A-Za-z0-9_]*)\s*->\s*([A-Za-z_][A-Za-z0-9_]*))?\s*(.*?)\s*$/;
const PROP = /^([A-Za-z_][A-Za-z0-9_]*)\s*:\s*(.+?)\s*(@.*)?$/;

function stripComment(line) {
  let inString = false;
  for (let i = 0; i < line.length - 1; i++) {
    if (line[i] === '"') inString = !inString;
    if (!inString && line[i] === '/' && line[i + 1] === '/') return line.slice(0, i);
  }
  return line;
}

/** Splits on commas that are not inside parentheses (enum(a, b), @card(0..1)). */
function topLevelParts(line) {
  const parts = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === '(') depth++;
    else if (ch === ')') depth = Math.max(0, depth - 1);
    else if (ch === ',' && depth === 0) {
      parts.push(line.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(line.slice(start));
  return parts.map((p) => p.trim()).filter(Boolean);
}

/** Parses schema source into {nodes: [...], edges: [...]}; each type has name, annotations, properties. */
export function parseSchema(source) {
  const nodes = [];
  const edges = [];
  let current = null;
  const addProps = (t, text) => {
    for (const part of topLevelParts(text)) {
      const m = PROP.exec(part);
      if (m) {
        const type = m[2].trim();
        t.properties.push({ name: m[1], type: type.replace(/\?$/, ''), optional: type.endsWith('?'), annotations: (m[3] ?? '').trim() });
      } else if (part.startsWith('@')) {
        t.annotations = `${t.annotations} ${part}`.trim();
      }
    }
  };
  for (const raw of source.split('\n')) {
    const line = stripComment(raw).trim();
    if (!line) continue;
    if (current) {
      const close = line.indexOf('}');
      addProps(current, close < 0 ? line : line.slice(0, close));
      if (close >= 0) current = null;
      continue;
    }
    const open = line.indexOf('{');
    const h = HEAD.exec(open < 0 ? line : line.slice(0, open));
    if (!h) continue;
    const t = { kind: h[1], name: h[2], from: h[3], to: h[4], annotations: (h[5] ?? '').trim(), properties: [] };
    (t.kind === 'node' ? nodes : edges).push(t);
    if (open < 0) continue;
    const body = line.slice(open + 1);
    const close = body.indexOf('}');
    addProps(t, close < 0 ? body : body.slice(0, close));
    if (close < 0) current = t;
  }
  return { nodes, edges };
}
