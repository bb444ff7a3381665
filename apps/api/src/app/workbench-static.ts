import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { extname, join, relative, sep } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import compression from 'compression';
import express, { type NextFunction, type Request, type Response } from 'express';

/** Files whose name carries a content hash never change: a new build gives them a new name. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Everything else (index.html, favicon, copied assets) is revalidated on every load (ETag → 304). */
export const REVALIDATE = 'no-cache';

/**
 * Names the Angular application builder gives hashed output (`outputHashing: all`): the bundles at the root
 * (`main-DVSUMKEK.js`, `chunk-D-zdkXoy.js`, `styles-IMPT3MSK.css`, `polyfills-…`, `worker-…`) and fonts and
 * images under `media/`. The hash is 8 base64url characters. Files copied from `public/` keep their own names
 * and so are never marked immutable, even if a name happens to look hashed.
 */
const HASHED_BUNDLE = /^(?:main|chunk|styles|polyfills|worker|scripts)-[A-Za-z0-9_-]{8}\.(?:js|mjs|css)$/;
const HASHED_MEDIA = /^media\/[^/]+-[A-Za-z0-9_-]{8}\.[A-Za-z0-9]+$/;

export function isHashedAsset(pathInBuild: string): boolean {
  const p = pathInBuild.split(sep).join('/');
  return HASHED_BUNDLE.test(p) || HASHED_MEDIA.test(p);
}

/** The API's own paths: never compressed or cached here (JSON with victim data, PDFs, CSVs, socket.io). */
function isApiPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/') || path === '/socket.io' || path.startsWith('/socket.io/');
}

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);
const PRECOMPRESS_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

interface Precompressed {
  type: string;
  etag: string;
  br: Buffer;
  gzip: Buffer;
}

/**
 * Hashed bundles compressed once, at the highest settings, in the background after start: brotli 11 saves about
 * 15 % over the quick on-the-fly level, too slow per request but free once. Only hashed files: their content
 * can never change under the same name, so a cached copy is never stale. Until a file is ready (a few seconds
 * after start) it is compressed on the fly instead.
 */
function precompressHashed(staticDir: string): Map<string, Precompressed> {
  const ready = new Map<string, Precompressed>();
  void (async () => {
    const files = (await readdir(staticDir, { recursive: true })).map((f) => f.split(sep).join('/'));
    for (const file of files.filter((f) => isHashedAsset(f) && PRECOMPRESS_TYPES[extname(f)])) {
      const raw = await readFile(join(staticDir, file));
      const [br, gz] = await Promise.all([
        brotli(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } }),
        gzipAsync(raw, { level: 9 }),
      ]);
      const etag = createHash('sha256').update(raw).digest('base64url').slice(0, 27);
      ready.set(`/${file}`, { type: PRECOMPRESS_TYPES[extname(file)], etag, br, gzip: gz });
    }
  })().catch(() => undefined); // a file that cannot be read is simply served on the fly
  return ready;
}

/**
 * Serves the built workbench from `staticDir`: compressed (br/gzip, as the browser accepts; hashed bundles
 * precompressed at the highest level) and cached for a year when the file name is hashed; index.html for every
 * other GET outside /api so the Angular router can take the deep link. API responses pass through untouched: compressing responses that mix secrets with
 * attacker-influenced input invites BREACH-style attacks, and they are all `Cache-Control: no-store` (apiRequestChecks).
 */
export function serveWorkbench(http: express.Express, staticDir: string): void {
  const precompressed = precompressHashed(staticDir);
  http.use((req: Request, res: Response, next: NextFunction) => {
    const file = (req.method === 'GET' || req.method === 'HEAD') && precompressed.get(req.path);
    // Brotli whenever accepted: browsers list gzip first ("gzip, deflate, br, zstd") without preferring it.
    const encoding = file && (req.acceptsEncodings('br') || req.acceptsEncodings('gzip'));
    if (!file || (encoding !== 'br' && encoding !== 'gzip')) return next();
    res.setHeader('Content-Type', file.type);
    res.setHeader('Content-Encoding', encoding);
    res.setHeader('Vary', 'Accept-Encoding');
    res.setHeader('Cache-Control', IMMUTABLE);
    res.setHeader('ETag', `"${file.etag}-${encoding}"`);
    if (req.fresh) {
      res.status(304).end();
      return;
    }
    res.setHeader('Content-Length', file[encoding].length);
    res.end(req.method === 'HEAD' ? undefined : file[encoding]);
  });
  const compress = compression();
  http.use((req: Request, res: Response, next: NextFunction) => (isApiPath(req.path) ? next() : compress(req, res, next)));
  http.use(
    express.static(staticDir, {
      index: false,
      cacheControl: false,
      setHeaders: (res, file) => res.setHeader('Cache-Control', isHashedAsset(relative(staticDir, file)) ? IMMUTABLE : REVALIDATE),
    }),
  );
  const indexHtml = join(staticDir, 'index.html');
  http.use((req: Request, res: Response, next: NextFunction) => {
    // A missing file (say an old chunk after a deploy) is a 404, not index.html served as JavaScript.
    if ((req.method !== 'GET' && req.method !== 'HEAD') || isApiPath(req.path) || extname(req.path)) return next();
    res.setHeader('Cache-Control', REVALIDATE);
    res.sendFile(indexHtml, { cacheControl: false });
  });
}
