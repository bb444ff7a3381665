import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * A lint-like guard: the workbench takes every colour from the Material theme (`--mat-sys-*`) or from the few
 * `--lantern-*` semantic colours defined once in apps/workbench/src/styles.scss, so a hard-coded hex colour anywhere
 * else in the workbench (scss, inline styles and templates in .ts, html) fails here, naming file:line. It walks the
 * whole trees rather than a list of files, so libraries that move or appear under them are still checked.
 */

const SCANNED_TREES = ['libs/workbench', 'apps/workbench/src'];
// index.html's <meta name="theme-color"> must be a literal colour (the browser reads it before any CSS); it is the
// theme's primary, as in public/manifest.webmanifest.
const ALLOWED = new Set(['apps/workbench/src/styles.scss', 'apps/workbench/src/index.html']);
/** This spec's own samples below are hex colours. */
const SELF = 'no-hex-colours.spec.ts';
const EXTENSIONS = /\.(scss|css|ts|html)$/;

/** A 3, 4, 6 or 8 digit hex colour, not part of a longer word (an id, a template reference, a hash). */
const HEX_COLOUR = /(?<![\w&#])#(?:[0-9a-f]{8}|[0-9a-f]{6}|[0-9a-f]{3,4})(?![\w-])/gi;

function hexColoursIn(text: string): { line: number; colour: string }[] {
  return text.split('\n').flatMap((content, i) => [...content.matchAll(HEX_COLOUR)].map((m) => ({ line: i + 1, colour: m[0] })));
}

function workspaceRoot(from: string): string {
  let dir = from;
  while (!existsSync(join(dir, 'nx.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no nx.json above ${from}`);
    dir = parent;
  }
  return dir;
}

function* sourceFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(path);
    else if (EXTENSIONS.test(entry.name)) yield path;
  }
}

describe('hex colours', () => {
  it.each([
    ['color: #b3261e;', ['#b3261e']],
    ['border: 1px solid #FFF', ['#FFF']],
    ["series: ['#1f5fa8cc', '#abcd']", ['#1f5fa8cc', '#abcd']],
    ['<input #added matInput /> <a href="#main">', []],
    ['background: var(--mat-sys-surface); /* issue #10 */', []],
  ])('finds the colours in %s', (text, colours) => {
    expect(hexColoursIn(text).map((c) => c.colour)).toEqual(colours);
  });

  it('are only defined in the theme (apps/workbench/src/styles.scss), never in a workbench library or the app', () => {
    const root = workspaceRoot(process.cwd());
    const files = SCANNED_TREES.flatMap((tree) => [...sourceFiles(join(root, tree))]);
    // The scan must have found the workbench, or it would pass by looking at nothing.
    expect(files.length).toBeGreaterThan(100);

    const offenders = files
      .map((path) => relative(root, path).split('\\').join('/'))
      .filter((path) => !ALLOWED.has(path) && !path.endsWith(`/${SELF}`))
      .flatMap((path) => hexColoursIn(readFileSync(join(root, path), 'utf8')).map((hit) => `${path}:${hit.line} ${hit.colour}`));

    expect(offenders, 'use a --mat-sys-* token or a --lantern-* colour from apps/workbench/src/styles.scss').toEqual([]);
  });
});
