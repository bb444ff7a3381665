import { describe, expect, it } from 'vitest';
import { FORM_DRAFT_EXPIRES_AFTER_MS, FormDraftStore, formDraftName } from './form-draft-store';
import { MemoryKeyValue, SealedStore } from './sealed-store';

const key = { userId: '7d1c0a52-1111-4c1e-9a55-000000000001', caseId: '5f0e6a3c-2222-4d2a-8c11-000000000002', form: 'dash' };
const answers = { answers: { q1: 'yes', q2: 'no' }, rationale: 'Victim said the suspect threatened Alex Example' };

function stores() {
  const kv = new MemoryKeyValue();
  return { kv, drafts: new FormDraftStore(new SealedStore(kv)) };
}

describe('FormDraftStore', () => {
  it('keeps a draft per user, case and form, sealed (no plain text stored)', async () => {
    const { kv, drafts } = stores();
    const now = new Date('2026-12-08T14:05:00Z');
    await drafts.save(key, answers, now);
    expect(await drafts.load(key, now)).toEqual({ savedAt: now.toISOString(), value: answers });
    for (const k of await kv.keys()) {
      const raw = (await kv.get<{ data?: ArrayBuffer }>(k)) ?? {};
      if (raw.data) expect(new TextDecoder().decode(raw.data)).not.toContain('Alex');
    }
    // Another user, case or form sees nothing.
    expect(await drafts.load({ ...key, userId: 'someone-else' }, now)).toBeUndefined();
    expect(await drafts.load({ ...key, caseId: 'another-case' }, now)).toBeUndefined();
    expect(await drafts.load({ ...key, form: 'note' }, now)).toBeUndefined();
  });

  it('does not offer a draft untouched for more than a day, and deletes it', async () => {
    const { drafts } = stores();
    const saved = new Date('2026-12-08T14:05:00Z');
    await drafts.save(key, answers, saved);
    const justInTime = new Date(saved.getTime() + FORM_DRAFT_EXPIRES_AFTER_MS);
    expect(await drafts.load(key, justInTime)).toBeDefined();
    const late = new Date(saved.getTime() + FORM_DRAFT_EXPIRES_AFTER_MS + 1);
    expect(await drafts.load(key, late)).toBeUndefined();
    expect(await drafts.sealed.names('form/')).toEqual([]);
  });

  it('expire() deletes only the expired drafts of every user', async () => {
    const { drafts } = stores();
    const now = new Date('2026-12-09T15:00:00Z');
    await drafts.save(key, answers, new Date('2026-12-08T14:00:00Z'));
    await drafts.save({ ...key, userId: 'u2' }, answers, new Date('2026-12-09T14:00:00Z'));
    expect(await drafts.expire(now)).toBe(1);
    expect(await drafts.sealed.names('form/')).toEqual([formDraftName({ ...key, userId: 'u2' })]);
  });

  it('clear() and wipe() remove drafts', async () => {
    const { kv, drafts } = stores();
    await drafts.save(key, answers);
    await drafts.clear(key);
    expect(await drafts.load(key)).toBeUndefined();
    await drafts.save(key, answers);
    await drafts.wipe();
    expect(await kv.keys()).toEqual([]);
  });

  it('refuses a key part that could reach another record', () => {
    expect(() => formDraftName({ ...key, form: '../draft' })).toThrow();
    expect(() => formDraftName({ ...key, caseId: 'a/b' })).toThrow();
  });
});
