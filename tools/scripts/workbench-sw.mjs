// The officer app's service worker, generated after the Angular build (`nx run workbench:build` runs it): precaches the
// built shell in dist/apps/workbench/browser so the installed app opens without signal, answers every navigation with
// index.html (the Angular router takes it from there), and never caches the API or socket.io: those always go to the
// network, so no victim data is ever held by the worker. docs/officer-app.md explains the choices.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { generateSW } from 'workbox-build';
import { ROOT } from './run.mjs';

const dir = join(ROOT, 'dist/apps/workbench/browser');
if (!existsSync(join(dir, 'index.html'))) {
  console.error(`${dir}/index.html is missing: run the Angular build first (nx run workbench:build-angular).`);
  process.exit(1);
}

/** Never served from the worker: the API, socket.io. */
const NETWORK_ONLY = [/^\/api(?:\/|$)/, /^\/socket\.io(?:\/|$)/];

const { count, size, warnings, manifestEntries } = await generateSW({
  globDirectory: dir,
  globPatterns: ['**/*.{js,css,html,ico,png,svg,webmanifest,woff,woff2}'],
  globIgnores: ['sw.js', '**/*.map'],
  swDest: join(dir, 'sw.js'),
  mode: 'production',
  sourcemap: false,
  // One file: the worker's runtime inlined, so there is no second script to cache or to allow.
  inlineWorkboxRuntime: true,
  // A new build takes over at the next load and drops the previous build's files.
  skipWaiting: true,
  clientsClaim: true,
  cleanupOutdatedCaches: true,
  navigateFallback: '/index.html',
  navigateFallbackDenylist: NETWORK_ONLY,
  // Hashed bundles carry their version in the name; everything else is revisioned by content.
  dontCacheBustURLsMatching: /-[A-Za-z0-9_-]{8}\.(?:js|mjs|css)$/,
  maximumFileSizeToCacheInBytes: 5 * 1024 * 1024,
  // No runtime caching at all: what is not in the build is fetched from the network every time.
  runtimeCaching: [],
});

const leaked = (manifestEntries ?? []).filter((e) => NETWORK_ONLY.some((re) => re.test(`/${typeof e === 'string' ? e : e.url}`)));
if (leaked.length) {
  console.error(`the service worker would precache API paths: ${leaked.map((e) => e.url ?? e).join(', ')}`);
  process.exit(1);
}
for (const w of warnings) console.warn(w);
console.log(`sw.js: ${count} files precached (${(size / 1024).toFixed(0)} KiB)`);
