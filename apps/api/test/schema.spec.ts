import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '@lantern/api/data-access';
import { POLICE_REPORT_SCHEMA } from '@lantern/shared/domain';
import { describe, expect, it } from 'vitest';
import { SHARED, testDatabases } from './harness';

describe('the police report contract', () => {
  const contract = join(SHARED, 'contracts/police-da-report.v1.schema.json');
  it.runIf(existsSync(contract))('is the same JSON Schema as ../shared/contracts', () => {
    expect(POLICE_REPORT_SCHEMA).toEqual(JSON.parse(readFileSync(contract, 'utf8')));
  });
});

for (const database of testDatabases()) {
  describe(`migrations on ${database.name}`, () => {
    it('build exactly the schema the entities describe (no drift), and run twice harmlessly', async () => {
      const url = await database.create();
      const ds = await openDatabase({ databaseUrl: url, dataDir: 'memory://' });
      try {
        const pending = await ds.driver.createSchemaBuilder().log();
        expect(pending.upQueries.map((q) => q.query)).toEqual([]);
        expect(await ds.runMigrations()).toEqual([]);
      } finally {
        await ds.destroy();
        await database.drop();
      }
    });
  });
}
