// The README's "Map of the code" must match the folders: every Nx project appears in it, and every apps/ or
// libs/ path it names exists. Run by `npm run lint`, so a moved library cannot leave the map behind.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT } from './run.mjs';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const map = readme.split('## Map of the code')[1]?.split('```')[1];
if (!map) {
  console.error('README.md has no "Map of the code" block.');
  process.exit(1);
}
const named = new Set(
  map
    .split('\n')
    .map((line) => line.trim().split(/\s+/)[0])
    .filter((p) => /^(apps|libs)\//.test(p)),
);

function projectRoots(dir) {
  if (!existsSync(dir)) return [];
  const entries = readdirSync(dir, { withFileTypes: true });
  if (entries.some((e) => e.name === 'project.json')) return [relative(ROOT, dir)];
  return entries
    .filter((e) => e.isDirectory() && e.name !== 'node_modules' && e.name !== 'src')
    .flatMap((e) => projectRoots(join(dir, e.name)));
}

const problems = [];
for (const root of [...projectRoots(join(ROOT, 'apps')), ...projectRoots(join(ROOT, 'libs'))]) {
  if (!named.has(root)) problems.push(`${root} is a project but is missing from the README map`);
}
for (const p of named) {
  if (!existsSync(join(ROOT, p))) problems.push(`the README map names ${p}, which does not exist`);
}
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(`README map matches the ${named.size} folders it names.`);
