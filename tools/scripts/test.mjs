// npm test: every test in the workspace.
//   1. unit and integration tests of every project (Vitest). Integration tests run on PGlite, and also on
//      PostgreSQL when DATABASE_URL is set (and across two API instances when REDIS_URL is set too);
//   2. the browser tests: the built API serving the built workbench, driven in Debian's Chromium.
// Before anything runs, Node 24 and Chromium are checked (Chromium installed when root with apt; see run.mjs).
import { checkNode, ensureChromium, run } from './run.mjs';

checkNode();
ensureChromium();
const started = Date.now();
await run('npx', ['nx', 'run-many', '-t', 'test', '--output-style=stream', '--parallel=1']);
await run('npx', ['nx', 'run', 'workbench-e2e:e2e', '--output-style=stream']);
console.log(`\nAll test suites passed in ${Math.round((Date.now() - started) / 1000)} s.`);
