import { contract, queryText, uuid, type RequestOf } from './contract';

/** A dot path of the police contract (`victim.firstName`, `children.0.ageYears`); checked against the schema by the API. */
const fieldPath = { type: 'string', minLength: 1, maxLength: 120, pattern: '^[A-Za-z0-9]+(\\.[A-Za-z0-9]+)*$' } as const;

/**
 * POST /imports and POST /imports/preview (body: text/csv): `force` the force the extract is from (fills an empty
 * source.force; every row must match it), `mapping` a saved mapping's id, `fileName` the file's name (or the
 * `X-File-Name` header).
 */
export const IMPORT_QUERY = contract('query', {
  type: 'object',
  additionalProperties: false,
  properties: {
    force: { type: 'string', minLength: 2, maxLength: 120, pattern: '^[^\\u0000-\\u001f\\u007f]*$' },
    mapping: uuid,
    fileName: queryText(200),
  },
});
export type ImportQuery = RequestOf<typeof IMPORT_QUERY>;

/** POST /imports/mappings: a named mapping of an extract's headers to contract paths (null: ignore the column). */
export const IMPORT_MAPPING_REQUEST = contract('mapping', {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'columns'],
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 120, pattern: '^[^\\u0000-\\u001f\\u007f]*$' },
    columns: {
      type: 'object',
      minProperties: 1,
      maxProperties: 500,
      additionalProperties: false,
      patternProperties: { '^[^\\u0000-\\u001f\\u007f]{1,200}$': { anyOf: [fieldPath, { type: 'null' }] } },
    },
  },
});
export type ImportMappingRequest = RequestOf<typeof IMPORT_MAPPING_REQUEST>;
