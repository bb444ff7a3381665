// npm test: every test in the workspace.
//   1. unit tests of every library (Vitest, two projects at a time: none of them touches a database or a port);
//   2. the API and the workbench built once, for the API's tests and the browser tests both;
//   3. the API's unit and integration tests (Vitest). Integration tests run on PGlite, and also on PostgreSQL when
//      DATABASE_URL is set (and across two API instances when REDIS_URL is set too);
//   4. the browser tests: the built API serving the built workbench, driven in Debian's Chromium.
// Steps 3 and 4 skip their targets' own build dependencies (step 2 built them): without that, a run with Nx's cache
// off (CI) built the API twice.
// Before anything runs, Node 24 and Chromium are checked (Chromium installed when root with apt; see run.mjs).
import { checkNode, ensureChromium, run } from './run.mjs';

checkNode();
ensureChromium();
const started = Date.now();
await run('npx', ['nx', 'run-many', '-t', 'test', '--exclude=api', '--output-style=stream', '--parallel=2']);
await run('npx', ['nx', 'run-many', '-t', 'build', '--projects=api,workbench', '--output-style=stream']);
await run('npx', ['nx', 'run', 'api:test', '--excludeTaskDependencies', '--output-style=stream']);
await run('npx', ['nx', 'run', 'workbench-e2e:e2e', '--excludeTaskDependencies', '--output-style=stream']);
console.log(`\nAll test suites passed in ${Math.round((Date.now() - started) / 1000)} s.`);
