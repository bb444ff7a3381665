import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import { createReport } from '@lantern/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isHashedAsset } from '../src/app/workbench-static';
import { startTestApp, testDatabases, type TestApp } from './harness';

const IMMUTABLE = 'public, max-age=31536000, immutable';

describe('which built files count as hashed', () => {
  it.each([
    ['main-DVSUMKEK.js', true],
    ['chunk-D-zdkXoy.js', true],
    ['styles-IMPT3MSK.css', true],
    ['polyfills-AB12CD34.js', true],
    ['media/roboto-latin-Ab3_dE9x.woff2', true],
    ['index.html', false],
    ['favicon.ico', false],
    ['main.js', false],
    ['my-longname.js', false],
    ['media/logo.svg', false],
  ])('%s → %s', (file, hashed) => {
    expect(isHashedAsset(file)).toBe(hashed);
  });
});

// One database is enough: this is about HTTP headers, not storage.
const [pglite] = testDatabases();

describe('the API serving a built workbench', () => {
  let t: TestApp;
  let dir: string;
  // Repetitive enough to compress, large enough (> 1 KB) that the compression threshold does not skip it.
  const js = `export const queue = [${Array.from({ length: 400 }, (_, i) => `'row-${i}'`).join(', ')}];\n`;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lantern-static-'));
    mkdirSync(join(dir, 'media'));
    writeFileSync(
      join(dir, 'index.html'),
      '<!doctype html><html><head><title>Lantern</title></head><body><lantern-root></lantern-root></body></html>',
    );
    writeFileSync(join(dir, 'main-DVSUMKEK.js'), js);
    writeFileSync(join(dir, 'favicon.ico'), Buffer.alloc(64));
    writeFileSync(join(dir, 'media/font-Ab3_dE9x.woff2'), Buffer.alloc(2048, 1));
    writeFileSync(join(dir, 'sw.js'), 'self.addEventListener("fetch", () => undefined);\n');
    writeFileSync(join(dir, 'manifest.webmanifest'), JSON.stringify({ name: 'Lantern', start_url: '/officer' }));
    t = await startTestApp(pglite, { LANTERN_STATIC_DIR: dir });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends hashed bundles gzip-compressed when the browser accepts it, cached for a year', async () => {
    const res = await fetch(`${t.url}/main-DVSUMKEK.js`, {
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(res.headers.get('cache-control')).toBe(IMMUTABLE);
    expect(res.headers.get('vary')).toMatch(/accept-encoding/i);
    expect(await res.text()).toBe(js); // fetch decodes it: the same file
    const plain = await fetch(`${t.url}/main-DVSUMKEK.js`, {
      headers: { 'accept-encoding': 'identity' },
    });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(Number(plain.headers.get('content-length'))).toBe(Buffer.byteLength(js));
    const font = await fetch(`${t.url}/media/font-Ab3_dE9x.woff2`);
    expect(font.headers.get('cache-control')).toBe(IMMUTABLE);
  });

  it('sends hashed bundles precompressed at the highest level once ready, and answers 304 to a revalidation', async () => {
    let res = await fetch(`${t.url}/main-DVSUMKEK.js`, { headers: { 'accept-encoding': 'br' } });
    for (let i = 0; i < 50 && !res.headers.get('etag')?.endsWith('-br"'); i++) {
      await new Promise((r) => setTimeout(r, 100));
      res = await fetch(`${t.url}/main-DVSUMKEK.js`, { headers: { 'accept-encoding': 'br' } });
    }
    expect(res.headers.get('etag')).toMatch(/-br"$/);
    expect(res.headers.get('content-encoding')).toBe('br');
    expect(res.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(res.headers.get('cache-control')).toBe(IMMUTABLE);
    expect(Number(res.headers.get('content-length'))).toBe(
      brotliCompressSync(js, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    );
    expect(await res.text()).toBe(js);
    // As a browser revalidates (fetch would otherwise add `cache-control: no-cache`, which forbids a 304).
    const again = await fetch(`${t.url}/main-DVSUMKEK.js`, {
      headers: { 'accept-encoding': 'br', 'if-none-match': res.headers.get('etag') ?? '', 'cache-control': 'max-age=0' },
    });
    expect(again.status).toBe(304);
    // What Chromium sends: brotli is chosen although gzip comes first.
    expect(
      (await fetch(`${t.url}/main-DVSUMKEK.js`, { headers: { 'accept-encoding': 'gzip, deflate, br, zstd' } })).headers.get(
        'content-encoding',
      ),
    ).toBe('br');
    const gz = await fetch(`${t.url}/main-DVSUMKEK.js`, { headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(gz.headers.get('etag')).toMatch(/-gzip"$/);
    expect(await gz.text()).toBe(js);
  });

  it('revalidates index.html (also as the deep-link fallback) and unhashed files', async () => {
    for (const path of ['/index.html', '/queue', '/cases/00000000-0000-4000-8000-000000000000', '/favicon.ico']) {
      const res = await fetch(`${t.url}${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('cache-control'), path).toBe('no-cache');
    }
    expect(await (await fetch(`${t.url}/queue`)).text()).toContain('<lantern-root>');
    // A bundle that is not there (an old chunk after a deploy) is a 404, not index.html posing as JavaScript.
    expect((await fetch(`${t.url}/chunk-GONE1234.js`)).status).toBe(404);
  });

  it("leaves API responses alone: no compression, and no-store rather than the static files' caching", async () => {
    for (let i = 0; i < 6; i++) expect((await t.postReport(createReport({}, 7100 + i))).status).toBe(201);
    const { cookie } = await t.login('caseworker');
    const res = await fetch(`${t.url}/api/v1/cases`, {
      headers: { cookie, 'accept-encoding': 'gzip, br' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = await res.text();
    expect(body.length).toBeGreaterThan(2048); // big enough that compression would have applied
    expect(res.headers.get('content-encoding')).toBeNull();
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('etag')).toBeNull();
    expect(res.headers.get('vary') ?? '').not.toMatch(/accept-encoding/i);
  });

  it("serves the officer app's service worker and manifest revalidated on every load, under a CSP that allows them", async () => {
    const sw = await fetch(`${t.url}/sw.js`);
    expect(sw.status).toBe(200);
    expect(sw.headers.get('content-type')).toMatch(/javascript/);
    // Never immutable: a new build's worker must be found at the next load.
    expect(sw.headers.get('cache-control')).toBe('no-cache');
    const manifest = await fetch(`${t.url}/manifest.webmanifest`);
    expect(manifest.status).toBe(200);
    expect(manifest.headers.get('content-type')).toMatch(/^application\/manifest\+json/);
    expect(manifest.headers.get('cache-control')).toBe('no-cache');
    const csp = (await fetch(`${t.url}/officer`)).headers.get('content-security-policy') ?? '';
    expect(csp).toContain("worker-src 'self'");
    expect(csp).toContain("manifest-src 'self'");
  });
});
