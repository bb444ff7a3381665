import nx from '@nx/eslint-plugin';
// The Angular rules every workbench project shares: component/directive prefix "lantern", template accessibility.
import angular from 'angular-eslint';
import baseConfig from './eslint.config.mjs';

export default [
  ...nx.configs['flat/angular'],
  ...nx.configs['flat/angular-template'],
  ...baseConfig,
  {
    files: ['**/*.ts'],
    rules: {
      '@angular-eslint/directive-selector': [
        'error',
        {
          type: 'attribute',
          prefix: 'lantern',
          style: 'camelCase',
        },
      ],
      '@angular-eslint/component-selector': [
        'error',
        {
          type: 'element',
          prefix: 'lantern',
          style: 'kebab-case',
        },
      ],
    },
  },
  ...angular.configs.templateAccessibility.map((config) => ({
    ...config,
    files: ['**/*.html'],
  })),
];
