// Finds source locations in the server's 400 error messages so the editor can point at them. A compile error
// carries one diagnostic per line, `file:line:col: message (hint: …)`; other messages may say `at line:col`.

const LOC = /(?:^|[\s(:])(\d+):(\d+)(?=[:\s)]|$)/;

/** Diagnostics as [{message, line?, col?}], one per non-empty line of an ErrorOutput message. */
export function diagnosticsOf(message) {
  const out = [];
  for (const raw of String(message ?? '').split('\n')) {
    const text = raw.trim();
    if (!text) continue;
    const m = LOC.exec(text);
    out.push(m ? { message: text, line: Number(m[1]), col: Number(m[2]) } : { message: text });
  }
  return out.length ? out : [{ message: String(message ?? '') }];
}

/** The source line `line` (1-based) and a caret under column `col`. */
export function caret(source, line, col) {
  const lines = source.split('\n');
  const text = lines[line - 1];
  if (text === undefined) return null;
  return { text, marker: `${' '.repeat(Math.max(0, col - 1))}^` };
}
