import { describe, expect, it } from 'vitest';
import * as contracts from './index';
import type { Contract, JsonSchema } from './contract';

const all = Object.entries(contracts as Record<string, unknown>).filter(
  (e): e is [string, Contract<unknown>] => /_(REQUEST|QUERY)$/.test(e[0]) && typeof e[1] === 'object' && e[1] !== null && 'schema' in e[1],
);

/** Every subschema with the JSON Pointer of where it sits in the contract. */
function walk(s: unknown, at = ''): Array<[string, JsonSchema]> {
  if (!s || typeof s !== 'object') return [];
  if (Array.isArray(s)) return s.flatMap((x, i) => walk(x, `${at}/${i}`));
  const out: Array<[string, JsonSchema]> = [[at, s as JsonSchema]];
  for (const [k, v] of Object.entries(s)) if (k !== 'enum' && k !== 'const') out.push(...walk(v, `${at}/${k}`));
  return out;
}

describe('request contracts', () => {
  it('are found (one per body and query of the API)', () => {
    expect(all.length).toBeGreaterThanOrEqual(25);
  });

  it.each(all)('%s is plain JSON (what the API compiles and swagger prints)', (_, c) => {
    expect(JSON.parse(JSON.stringify(c.schema))).toEqual(c.schema);
    expect(c.noun.length).toBeGreaterThan(0);
  });

  it.each(all)('%s bounds every string and number and refuses unknown fields', (name, c) => {
    const problems: string[] = [];
    for (const [at, s] of walk(c.schema)) {
      if (s['type'] === 'string' && typeof s['maxLength'] !== 'number' && !s['format']) problems.push(`${at}: string without maxLength`);
      if ((s['type'] === 'integer' || s['type'] === 'number') && (typeof s['minimum'] !== 'number' || typeof s['maximum'] !== 'number'))
        problems.push(`${at}: number without bounds`);
      if (s['type'] === 'array' && typeof s['maxItems'] !== 'number') problems.push(`${at}: array without maxItems`);
      // Queries too: a misspelt filter (`staus=closed`) is a 400 naming it, not a silently unfiltered list.
      if (s['type'] === 'object' && s['properties'] && s['additionalProperties'] !== false)
        problems.push(`${at}: object open to unknown fields`);
    }
    expect(problems).toEqual([]);
  });

  it('keep free text free of control characters, as the police contract does', () => {
    const re = new RegExp(contracts.CONTROL_FREE, 'u');
    expect(re.test('Line one\nline two\twith a tab')).toBe(true);
    for (const bad of ['a\u0000b', '\u0007', 'x\u001b[31m', '\u007f']) expect(re.test(bad)).toBe(false);
  });
});
