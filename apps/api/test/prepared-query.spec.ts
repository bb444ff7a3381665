import { sqlStateOf } from '@lantern/api/core';
import { preparedQuery, type Database } from '@lantern/api/data-access';
import { QueryFailedError } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, testDatabases, type TestApp } from './harness';

/**
 * preparedQuery (issue 16: intake's hot statements parsed and planned once per connection): the same answers and
 * errors as the ORM's query, in a transaction or out of one, on PostgreSQL (named statements) and PGlite (plain).
 */
for (const database of testDatabases()) {
  describe(`preparedQuery on ${database.name}`, () => {
    let t: TestApp | undefined;
    let db: Database;

    beforeAll(async () => {
      t = await startTestApp(database);
      db = t.db;
      await db.query('CREATE TABLE IF NOT EXISTS prepared_probe (id int PRIMARY KEY, note text NOT NULL)');
    });
    afterAll(async () => {
      if (!t) return;
      await t.db.query('DROP TABLE IF EXISTS prepared_probe');
      await t.close();
    });

    it('returns the rows of a write with RETURNING and of a read, run again and again in one transaction and in the next', async () => {
      const insert = 'INSERT INTO prepared_probe (id, note) VALUES ($1, $2) RETURNING id, note';
      const read = 'SELECT id, note FROM prepared_probe WHERE id = ANY($1::int[]) ORDER BY id';
      await db.transaction(async (m) => {
        for (const id of [1, 2, 3]) expect(await preparedQuery(m, insert, [id, `n${id}`])).toEqual([{ id, note: `n${id}` }]);
        expect(await preparedQuery(m, read, [[1, 3]])).toEqual([
          { id: 1, note: 'n1' },
          { id: 3, note: 'n3' },
        ]);
        // On PostgreSQL the statements are prepared on the transaction's connection, by name.
        const prepared = await preparedQuery<{ statement: string }>(m, 'SELECT statement FROM pg_prepared_statements');
        if (database.name === 'postgres') expect(prepared.map((p) => p.statement)).toEqual(expect.arrayContaining([insert, read]));
      });
      // A later transaction (perhaps another pooled connection, perhaps the same one with the statement prepared).
      for (let i = 0; i < 12; i++) {
        expect(await db.transaction((m) => preparedQuery(m, read, [[2]]))).toEqual([{ id: 2, note: 'n2' }]);
      }
      // Outside a transaction it is the ORM's query.
      expect(await preparedQuery(db.manager, read, [[1]])).toEqual([{ id: 1, note: 'n1' }]);
    });

    it("returns an UPDATE's rows as a SELECT's, in a transaction or not (not TypeORM's [rows, count])", async () => {
      await db.query('INSERT INTO prepared_probe (id, note) VALUES (20, $1) ON CONFLICT (id) DO NOTHING', ['before']);
      const update = 'UPDATE prepared_probe SET note = $1 WHERE id = $2 RETURNING id, note';
      expect(await db.transaction((m) => preparedQuery(m, update, ['in a transaction', 20]))).toEqual([
        { id: 20, note: 'in a transaction' },
      ]);
      expect(await preparedQuery(db.manager, update, ['on its own', 20])).toEqual([{ id: 20, note: 'on its own' }]);
      expect(await preparedQuery(db.manager, 'DELETE FROM prepared_probe WHERE id = $1', [20])).toEqual([]);
    });

    it("fails as the ORM's query does: the transaction rolls back and the error carries its SQLSTATE", async () => {
      await db.query('INSERT INTO prepared_probe (id, note) VALUES (30, $1) ON CONFLICT (id) DO NOTHING', ['taken']);
      const insert = 'INSERT INTO prepared_probe (id, note) VALUES ($1, $2)';
      const err = await db
        .transaction(async (m) => {
          await preparedQuery(m, insert, [31, 'kept only if the transaction commits']);
          await preparedQuery(m, insert, [30, 'a duplicate key']);
        })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(QueryFailedError);
      expect(sqlStateOf(err)).toBe('23505');
      expect(await db.query('SELECT id FROM prepared_probe WHERE id = 31')).toEqual([]);
      // The connection and its prepared statement are fine afterwards.
      await db.transaction((m) => preparedQuery(m, insert, [32, 'after the failure']));
      expect(await db.query('SELECT note FROM prepared_probe WHERE id = 32')).toEqual([{ note: 'after the failure' }]);
    });
  });
}
