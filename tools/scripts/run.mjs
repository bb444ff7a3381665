// Small helpers shared by the start and test scripts: run a command, inheriting stdio, failing loudly.
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
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

/** Debian's Chromium drives the browser tests (never a downloaded browser); LANTERN_CHROMIUM points elsewhere. */
export const DEBIAN_CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM = process.env.LANTERN_CHROMIUM || DEBIAN_CHROMIUM;

function executable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Before any test runs: Chromium must be there. As root with apt-get (CI, our machines, the Docker image) a
 * missing Debian Chromium is installed, saying so on one line; otherwise, or if that fails, the run stops at
 * once with one line saying what to install, instead of a wall of failing browser tests minutes later.
 * LANTERN_NO_PROVISION=1 never installs anything (and is how the stop path is tried on a machine that has it).
 */
export function ensureChromium() {
  if (executable(CHROMIUM)) return;
  const canProvision =
    CHROMIUM === DEBIAN_CHROMIUM &&
    !process.env.LANTERN_NO_PROVISION &&
    process.getuid?.() === 0 &&
    spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;
  if (canProvision) {
    console.log(`Chromium is missing at ${DEBIAN_CHROMIUM}: installing Debian's chromium (apt-get update && apt-get install -y chromium)…`);
    const apt = (args) =>
      spawnSync('apt-get', args, { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } })
        .status === 0;
    if (apt(['update', '-qq']) && apt(['install', '-y', '-qq', 'chromium']) && executable(DEBIAN_CHROMIUM)) return;
  }
  console.error(
    CHROMIUM === DEBIAN_CHROMIUM
      ? `The browser tests need Debian's Chromium at ${DEBIAN_CHROMIUM}: install it (as root: apt-get update && apt-get install -y chromium), then run npm test again.`
      : `LANTERN_CHROMIUM=${CHROMIUM} is not an executable Chromium: point it at one, or unset it to use Debian's (apt-get install -y chromium).`,
  );
  process.exit(1);
}
