// npm start: build the API and the workbench (Nx caches unchanged builds), then serve both on
// http://localhost:${PORT:-3000} with the embedded PGlite database (or PostgreSQL when DATABASE_URL is set).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkNode, ROOT, run } from './run.mjs';

checkNode();
await run('npx', ['nx', 'run-many', '-t', 'build', '--projects=api,workbench', '--output-style=stream']);
// A newcomer's hub also gets six months of worked demo cases, so the outcomes dashboard has figures.
const env = { LANTERN_DEMO_HISTORY: '120', ...process.env };
// The V8 flags the API runs with wherever it is started (package.json lantern.apiNodeFlags; docs/performance.md, Memory).
const { apiNodeFlags } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).lantern;
const api = spawn(process.execPath, [...apiNodeFlags, join(ROOT, 'dist/apps/api/main.mjs')], { cwd: ROOT, stdio: 'inherit', env });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => api.kill(sig));
api.on('exit', (code) => process.exit(code ?? 0));
