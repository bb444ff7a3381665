import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The domain library is the floor both apps stand on: its modules must form a tree (no module reaches itself
 * through its imports), so any rule can be read, tested and moved on its own. Nx's boundary rule catches cycles
 * between libraries; this catches them inside this one.
 */
const SRC = import.meta.dirname;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.spec.ts') ? [join(dir, e.name)] : [],
  );
}

function localImports(file: string, known: Set<string>): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:import|export)[^'"]*?from\s+'(\.{1,2}\/[^']+)'/g)].map((m) => m[1]);
  return specs
    .map((s) => resolve(dirname(file), s))
    .flatMap((p) => [`${p}.ts`, join(p, 'index.ts')].filter((c) => known.has(c)).slice(0, 1));
}

describe('shared-domain imports', () => {
  it('has no import cycles', () => {
    const files = sources(SRC);
    const known = new Set(files);
    const graph = new Map(files.map((f) => [f, localImports(f, known)]));
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (f: string, path: string[]): void => {
      if (state.get(f) === 'done') return;
      if (state.get(f) === 'open') {
        cycles.push([...path.slice(path.indexOf(f)), f].map((p) => relative(SRC, p)).join(' → '));
        return;
      }
      state.set(f, 'open');
      for (const next of graph.get(f) ?? []) visit(next, [...path, f]);
      state.set(f, 'done');
    };
    for (const f of files) visit(f, []);
    expect(files.length).toBeGreaterThan(20);
    expect(cycles).toEqual([]);
  });
});
