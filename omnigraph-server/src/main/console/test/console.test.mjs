// Unit tests of the console's pure helpers (node --test; run by the Maven build after `npm run build`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseSchema } from '../src/schema.js';
import { diagnosticsOf, caret } from '../src/diagnostics.js';
import { graphOf, layout } from '../src/picture.js';

const PEOPLE = readFileSync(new URL('../../../test/resources/cluster/company-brain/people.pg', import.meta.url), 'utf8');

test('schema: node and edge types with properties, enums kept whole', () => {
  const s = parseSchema(PEOPLE);
  assert.deepEqual(s.nodes.map((n) => n.name), ['Person', 'Project', 'Document']);
  assert.deepEqual(s.edges.map((e) => `${e.name}:${e.from}->${e.to}`),
    ['WorksOn:Person->Project', 'ReportsTo:Person->Person', 'Authored:Person->Document', 'About:Document->Project']);
  const person = s.nodes[0];
  assert.deepEqual(person.properties.map((p) => p.name), ['slug', 'name', 'role', 'team', 'joined', 'bio']);
  assert.equal(person.properties[2].type, 'enum(engineer, designer, manager, founder, agent)');
  assert.equal(person.properties[0].annotations, '@key');
  assert.equal(person.properties[3].optional, true);
  assert.equal(s.edges[1].annotations, '@card(0..1)');
  assert.equal(s.edges[0].properties[0].name, 'since');
});

test('schema: comments and one-line bodies', () => {
  const s = parseSchema('// c\nnode A { x: I32, y: String? } // trailing\nedge E: A -> A\n');
  assert.deepEqual(s.nodes[0].properties.map((p) => `${p.name}:${p.type}:${p.optional}`), ['x:I32:false', 'y:String:true']);
  assert.equal(s.edges[0].name, 'E');
});

test('diagnostics: one per line, located when the line names line:col', () => {
  const d = diagnosticsOf("<request>:2:17: type error: T1: unknown node type 'Alien' (hint: declared: A)\nq.gq:10:3: lint: L2: unused");
  assert.equal(d.length, 2);
  assert.deepEqual([d[0].line, d[0].col], [2, 17]);
  assert.deepEqual([d[1].line, d[1].col], [10, 3]);
  assert.equal(diagnosticsOf('params: missing $name')[0].line, undefined);
  assert.deepEqual(caret('a\n  bad', 2, 3), { text: '  bad', marker: '  ^' });
  assert.equal(caret('a', 5, 1), null);
});

test('picture: consecutive text columns become links; non-traversals give none', () => {
  const g = graphOf(['p.name', 'j.title'], [{ 'p.name': 'Ruth', 'j.title': 'Atlas' }, { 'p.name': 'Sam', 'j.title': 'Atlas' }]);
  assert.equal(g.nodes.length, 3);
  assert.deepEqual(g.links.map((l) => `${l.source}->${l.target}`), ['Ruth->Atlas', 'Sam->Atlas']);
  const pos = layout(g, 640, 360);
  for (const n of g.nodes) {
    const p = pos.get(n.id);
    assert.ok(p.x >= 40 && p.x <= 600 && p.y >= 20 && p.y <= 340, `${n.id} inside the picture`);
  }
  assert.equal(graphOf(['name', 'people'], [{ name: 'a', people: 3 }]), null);
  assert.equal(graphOf(['a'], []), null);
});
