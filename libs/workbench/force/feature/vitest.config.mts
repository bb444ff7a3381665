import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: __dirname,
  resolve: { tsconfigPaths: true },
  test: {
    environment: 'node',
    include: ['src/**/*.spec.ts'],
    // The pure helpers use the ui library's labels; its barrel also holds (partially compiled) Angular code.
    setupFiles: ['./src/test-setup.ts'],
  },
});
