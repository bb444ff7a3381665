import nx from '@nx/eslint-plugin';

/** [domain, ...domains whose data-access it may import]. Every other cross-domain import fails lint. */
const WORKBENCH_DATA_ACCESS_EDGES = [
  ['queue'],
  ['case', 'queue'],
  ['referrals', 'case'],
  ['partner-directory', 'case'],
  ['partner-portal', 'referrals'],
  ['team'],
];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: ['**/dist', '**/out-tsc', '**/vite.config.*.timestamp*', '**/vitest.config.*.timestamp*', 'tmp/**', '.lantern/**'],
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.jsx'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          allow: ['^.*/eslint(\\.base)?\\.config\\.[cm]?[jt]s$'],
          depConstraints: [
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:api', onlyDependOnLibsWithTags: ['scope:api', 'scope:shared'] },
            { sourceTag: 'scope:workbench', onlyDependOnLibsWithTags: ['scope:workbench', 'scope:shared'] },
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:ui', 'type:util', 'type:domain'] },
            // API feature modules import each other (Nest modules); in the workbench a feature never imports another
            // feature: pages are composed by the app's routes.
            { sourceTag: 'type:feature', onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:ui', 'type:util', 'type:domain'] },
            {
              allSourceTags: ['scope:workbench', 'type:feature'],
              onlyDependOnLibsWithTags: ['type:data-access', 'type:ui', 'type:util', 'type:domain'],
            },
            { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: ['type:data-access', 'type:util', 'type:domain'] },
            { sourceTag: 'type:ui', onlyDependOnLibsWithTags: ['type:ui', 'type:util', 'type:domain'] },
            { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util', 'type:domain'] },
            { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain'] },
            // Workbench state by domain (docs/workbench.md). A domain's data-access imports its own domain and the
            // libs meant to be shared (domain:shared: auth/data-access, data-access-live); the few cross-domain
            // edges below are listed one by one, so a new one is a decision rather than an accident.
            ...WORKBENCH_DATA_ACCESS_EDGES.map(([domain, ...follows]) => ({
              allSourceTags: ['scope:workbench', 'type:data-access', `domain:${domain}`],
              onlyDependOnLibsWithTags: [`domain:${domain}`, 'domain:shared', 'type:util', 'type:domain', ...follows.map((d) => `domain:${d}`)],
            })),
            { allSourceTags: ['scope:workbench', 'domain:shared'], onlyDependOnLibsWithTags: ['domain:shared', 'type:util', 'type:domain'] },
          ],
        },
      ],
    },
  },
  {
    files: [
      '**/*.ts',
      '**/*.tsx',
      '**/*.cts',
      '**/*.mts',
      '**/*.js',
      '**/*.jsx',
      '**/*.cjs',
      '**/*.mjs',
    ],
    // Override or add rules here
    rules: {},
  },
];
