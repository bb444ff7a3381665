// npm test: every test in the workspace.
//   0. the tools start (bench, bench:first-load, feed): each loads its modules as `npm run` does, through tsx without
//      the workspace's path mapping, so a value imported from @lantern/shared/* into code they share (the report
//      factory) fails here rather than on the next person to run a benchmark;
//   1. unit tests of every library (Vitest, two projects at a time: none of them touches a database or a port);
//   2. the API and the workbench built once, for the API's tests and the browser tests both;
//   3. the API's unit and integration tests (Vitest). Integration tests run on PGlite, and also on PostgreSQL when
//      DATABASE_URL is set (and across two API instances when REDIS_URL is set too);
//   4. the browser tests: the built API serving the built workbench, driven in Debian's Chromium.
// Steps 3 and 4 skip their targets' own build dependencies (step 2 built them): without that, a run with Nx's cache
// off (CI) built the API twice.
// Before anything runs, Node 24 and Chromium are checked (Chromium installed when root with apt; see run.mjs).
import { spawnSync } from 'node:child_process';
import { checkNode, ensureChromium, ROOT, run } from './run.mjs';

checkNode();
ensureChromium();
const started = Date.now();
for (const tool of ['tools/bench/src/main.ts', 'tools/bench/src/first-load.ts', 'tools/feed-sim/src/main.ts']) {
  const r = spawnSync(process.execPath, ['--import', 'tsx/esm', tool, '--help'], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) {
    console.error(r.stdout, r.stderr);
    throw new Error(`${tool} --help failed (exit ${r.status ?? r.signal})`);
  }
}
console.log('The tools start: bench, bench:first-load, feed.');
await run('npx', ['nx', 'run-many', '-t', 'test', '--exclude=api', '--output-style=stream', '--parallel=2']);
await run('npx', ['nx', 'run-many', '-t', 'build', '--projects=api,workbench', '--output-style=stream']);
await run('npx', ['nx', 'run', 'api:test', '--excludeTaskDependencies', '--output-style=stream']);
await run('npx', ['nx', 'run', 'workbench-e2e:e2e', '--excludeTaskDependencies', '--output-style=stream']);
console.log(`\nAll test suites passed in ${Math.round((Date.now() - started) / 1000)} s.`);
