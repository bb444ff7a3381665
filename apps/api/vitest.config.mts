import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: import.meta.dirname,
  resolve: { tsconfigPaths: true },
  test: {
    name: 'api',
    environment: 'node',
    include: ['src/**/*.spec.ts', 'test/**/*.spec.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // One database per test file; files run one at a time so PGlite boots don't fight over 2 cores.
    fileParallelism: false,
    // Files share one module graph: the NestJS app and its libraries are imported and JIT-compiled once, not once per
    // file (API specs 707 → 470 s on CI's machine). Each file still starts its own app on its own database, and
    // nothing a spec relies on lives in module state between files.
    isolate: false,
  },
});
