import { describe, expect, it } from 'vitest';
import { MemoryKeyValue, SealedStore } from './sealed-store';

const draft = { reference: 'OA-ABCDEFGHJKLM', values: { victim: { firstName: 'Alex', lastName: 'Example' } } };

describe('SealedStore', () => {
  it('round-trips a record, storing only ciphertext', async () => {
    const kv = new MemoryKeyValue();
    const store = new SealedStore(kv);
    await store.put('draft/u1', draft);
    expect(await store.get('draft/u1')).toEqual(draft);
    const raw = (await store.raw('draft/u1')) as { iv: Uint8Array; data: ArrayBuffer };
    expect(raw.iv).toHaveLength(12);
    expect(new TextDecoder().decode(raw.data)).not.toContain('Alex');
    expect(JSON.stringify(await kv.keys())).not.toContain('Alex');
  });

  it('generates one non-extractable AES-GCM key and keeps it', async () => {
    const kv = new MemoryKeyValue();
    const store = new SealedStore(kv);
    await Promise.all([store.put('a', 1), store.put('b', 2)]);
    const key = await kv.get<CryptoKey>('key/aes-gcm');
    expect(key?.extractable).toBe(false);
    expect(key?.algorithm).toMatchObject({ name: 'AES-GCM', length: 256 });
    await expect(crypto.subtle.exportKey('raw', key as CryptoKey)).rejects.toThrow();
    // A second store on the same storage (a reload) opens what the first sealed.
    const again = new SealedStore(kv);
    expect(await again.get('a')).toBe(1);
    expect(await again.get('b')).toBe(2);
  });

  it('uses a fresh IV for every write', async () => {
    const kv = new MemoryKeyValue();
    const store = new SealedStore(kv);
    await store.put('x', draft);
    const first = (await store.raw('x')) as { iv: Uint8Array };
    await store.put('x', draft);
    const second = (await store.raw('x')) as { iv: Uint8Array };
    expect(Buffer.from(first.iv).equals(Buffer.from(second.iv))).toBe(false);
  });

  it('binds the record to its name: a record moved to another name does not open', async () => {
    const kv = new MemoryKeyValue();
    const store = new SealedStore(kv);
    await store.put('draft/u1', draft);
    await kv.put('sealed/draft/u2', await kv.get('sealed/draft/u1'));
    expect(await store.get('draft/u2')).toBeUndefined();
  });

  it('does not open altered bytes, or anything after destroy (the key is gone)', async () => {
    const kv = new MemoryKeyValue();
    const store = new SealedStore(kv);
    await store.put('d', draft);
    const raw = (await kv.get('sealed/d')) as { iv: Uint8Array; data: ArrayBuffer };
    const bytes = new Uint8Array(raw.data.slice(0));
    bytes[0] ^= 1;
    await kv.put('sealed/d', { iv: raw.iv, data: bytes.buffer });
    expect(await store.get('d')).toBeUndefined();

    await store.put('e', draft);
    const sealed = await kv.get('sealed/e');
    await store.destroy();
    expect(await kv.keys()).toEqual([]);
    await kv.put('sealed/e', sealed);
    expect(await store.get('e')).toBeUndefined();
  });

  it('lists record names by prefix', async () => {
    const store = new SealedStore(new MemoryKeyValue());
    await store.put('outbox/u1/OA-B', 1);
    await store.put('outbox/u1/OA-A', 2);
    await store.put('outbox/u2/OA-C', 3);
    await store.put('draft/u1', 4);
    expect(await store.names('outbox/u1/')).toEqual(['outbox/u1/OA-A', 'outbox/u1/OA-B']);
  });
});
