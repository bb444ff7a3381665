// Small helpers shared by the start and test scripts: run a command, inheriting stdio, failing loudly.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');

export const NX_ENV = {
  NX_DAEMON: 'false',
  NX_NO_CLOUD: 'true',
  NX_TUI: 'false',
  // CI proves a clean build; locally Nx's cache skips unchanged builds and tests.
  ...(process.env.CI ? { NX_SKIP_NX_CACHE: 'true' } : {}),
};

export function checkNode() {
  const major = Number(process.versions.node.split('.')[0]);
  if (major < 24) {
    console.error(
      `Lantern needs Node 24 (this is ${process.version}). Run it through npm (npm start / npm test), which uses the Node 24 ` +
        'installed into node_modules by `npm install`.',
    );
    process.exit(1);
  }
}

export function run(cmd, args, env = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...NX_ENV, ...env } });
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')} failed (${signal ?? `exit ${code}`})`)),
    );
  });
}
