import { defineConfig } from 'vitest/config';

/** Browser tests: real Chromium (Debian's) driven by playwright-core against the built API serving the built UI. */
export default defineConfig({
  root: import.meta.dirname,
  resolve: { tsconfigPaths: true },
  test: {
    name: 'workbench-e2e',
    environment: 'node',
    include: ['src/**/*.e2e.ts'],
    globalSetup: ['src/support/global-setup.ts'],
    fileParallelism: false,
    // Files share one module graph (playwright-core and the domain imported once): 82 → 65 s on five files. Each file
    // still launches its own browser; nothing a file relies on lives in a shared module's state.
    isolate: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
