import { defineConfig } from 'vite';

/**
 * The API is bundled for Node (ESM) with its workspace libraries inlined and npm packages left external.
 * Decorator metadata (Nest's constructor injection) is emitted by the TypeScript transform.
 */
export default defineConfig({
  root: import.meta.dirname,
  resolve: { tsconfigPaths: true },
  build: {
    ssr: 'src/main.ts',
    outDir: '../../dist/apps/api',
    emptyOutDir: true,
    target: 'node24',
    sourcemap: true,
    minify: false,
    rollupOptions: { output: { entryFileNames: 'main.mjs', format: 'es' } },
  },
  ssr: { target: 'node' },
});
