/**
 * The pure shared libraries, imported by relative path (tools never import Nest code from apps/ or libs/api).
 * tsx loads those .ts files as CommonJS (the repo's package.json has no "type"), and Node cannot see the names
 * behind a CommonJS barrel's `export *`, so named imports fail: take them from the module object instead.
 */
import * as testingModule from '../../../libs/shared/testing/src/index.ts';

function cjs<T extends object>(ns: T): T {
  return ((ns as { default?: T }).default ?? ns) as T;
}

export const { generateReport, flattenReport, reportsCsv, csvCell } = cjs(testingModule);
