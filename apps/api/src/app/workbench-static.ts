import { extname, join, relative, sep } from 'node:path';
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

/**
 * Serves the built workbench from `staticDir`: compressed (br/gzip, as the browser accepts) and cached for a
 * year when the file name is hashed; index.html for every other GET outside /api so the Angular router can
 * take the deep link. API responses pass through untouched: compressing responses that mix secrets with
 * attacker-influenced input invites BREACH-style attacks, and their Cache-Control is each controller's own.
 */
export function serveWorkbench(http: express.Express, staticDir: string): void {
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
