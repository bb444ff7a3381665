import nx from '@nx/eslint-plugin';

/** The workbench's domains (libs/workbench/<domain>/{feature,data-access}); see docs/workbench.md. */
const WORKBENCH_DOMAINS = [
  'auth',
  'queue',
  'case',
  'referrals',
  'partner-portal',
  'partner-directory',
  'team',
  'outcomes',
  'officer',
  'force',
  'imports',
  'search',
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
            {
              sourceTag: 'type:app',
              onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:ui', 'type:util', 'type:domain'],
            },
            // API feature modules import each other (Nest modules); in the workbench a feature never imports another
            // feature: pages are composed by the app's routes.
            {
              sourceTag: 'type:feature',
              onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:ui', 'type:util', 'type:domain'],
            },
            {
              allSourceTags: ['scope:workbench', 'type:feature'],
              onlyDependOnLibsWithTags: ['type:data-access', 'type:ui', 'type:util', 'type:domain'],
            },
            { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: ['type:data-access', 'type:util', 'type:domain'] },
            { sourceTag: 'type:ui', onlyDependOnLibsWithTags: ['type:ui', 'type:util', 'type:domain'] },
            { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util', 'type:domain'] },
            { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain'] },
            // Workbench state by domain (docs/workbench.md). A domain's data-access imports only its own domain and the
            // libs meant to be shared (domain:shared: auth/data-access, data-access-live, data-access-hub); what two
            // domains both need goes into a shared lib, never from one domain's data-access into another's.
            ...WORKBENCH_DOMAINS.map((domain) => ({
              allSourceTags: ['scope:workbench', 'type:data-access', `domain:${domain}`],
              onlyDependOnLibsWithTags: [`domain:${domain}`, 'domain:shared', 'type:util', 'type:domain'],
            })),
            {
              allSourceTags: ['scope:workbench', 'domain:shared'],
              onlyDependOnLibsWithTags: ['domain:shared', 'type:util', 'type:domain'],
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.cts', '**/*.mts', '**/*.js', '**/*.jsx', '**/*.cjs', '**/*.mjs'],
    // Override or add rules here
    rules: {},
  },
];
