import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: __dirname,
  resolve: { tsconfigPaths: true },
  test: {
    environment: 'node',
    include: ['src/**/*.spec.ts'],
    // @ngrx/store ships partially compiled Angular DI classes; the JIT compiler lets them load in plain node.
    setupFiles: ['@angular/compiler'],
  },
});
