/**
 * Work kept on this device between visits — the officer app's draft and the reports waiting for a signal, and the
 * workbench's form drafts (FormDrafts: a half-done DASH kept across a reload) — each sealed with AES-GCM (256-bit) under one key that WebCrypto generated as non-extractable. The key itself is kept in
 * IndexedDB beside the records (a CryptoKey is stored by structured clone): no script can read, export or send away
 * its bytes, but the browser keeps those bytes in the same profile on disk, so whoever has the device's files has
 * the key too — the sealing guards against IndexedDB exports and scripts, not against the device's files (the phone's
 * own disk encryption and lock do that; docs/officer-app.md). Each record's name is bound in as additional
 * authenticated data, so a record cannot be swapped for another's. Sign-out deletes the whole database, key included.
 */

/** The storage under the sealed store: IndexedDB in the browser (IndexedDbKeyValue), a Map in unit tests. */
export interface DeviceKeyValue {
  get<T>(key: string): Promise<T | undefined>;
  put(key: string, value: unknown): Promise<void>;
  /** Stores `value` unless `key` exists; answers what is stored afterwards (the first writer wins). */
  putIfAbsent<T>(key: string, value: T): Promise<T>;
  delete(key: string): Promise<void>;
  keys(): Promise<string[]>;
  /** Removes everything, the database itself where there is one. */
  destroy(): Promise<void>;
}

interface SealedRecord {
  iv: Uint8Array<ArrayBuffer>;
  data: ArrayBuffer;
}

const KEY_NAME = 'key/aes-gcm';
const RECORD_PREFIX = 'sealed/';
const encoder = new TextEncoder();
const decoder = new TextDecoder();

export class SealedStore {
  private key: Promise<CryptoKey> | null = null;

  constructor(
    private readonly kv: DeviceKeyValue,
    private readonly subtle: SubtleCrypto = crypto.subtle,
    private readonly random: (bytes: Uint8Array<ArrayBuffer>) => Uint8Array<ArrayBuffer> = (b) => crypto.getRandomValues(b),
  ) {}

  private cryptoKey(): Promise<CryptoKey> {
    this.key ??= (async () => {
      const stored = await this.kv.get<CryptoKey>(KEY_NAME);
      if (stored) return stored;
      const fresh = await this.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
      return this.kv.putIfAbsent(KEY_NAME, fresh);
    })().catch((err: unknown) => {
      this.key = null;
      throw err;
    });
    return this.key;
  }

  async put(name: string, value: unknown): Promise<void> {
    const key = await this.cryptoKey();
    const iv = this.random(new Uint8Array(12));
    const data = await this.subtle.encrypt(
      { name: 'AES-GCM', iv, additionalData: encoder.encode(name) },
      key,
      encoder.encode(JSON.stringify(value)),
    );
    await this.kv.put(RECORD_PREFIX + name, { iv, data } satisfies SealedRecord);
  }

  /** The record, or undefined when there is none or it cannot be opened (another key, altered bytes). */
  async get<T>(name: string): Promise<T | undefined> {
    const sealed = await this.kv.get<SealedRecord>(RECORD_PREFIX + name);
    if (!sealed) return undefined;
    const key = await this.cryptoKey();
    try {
      const plain = await this.subtle.decrypt({ name: 'AES-GCM', iv: sealed.iv, additionalData: encoder.encode(name) }, key, sealed.data);
      return JSON.parse(decoder.decode(plain)) as T;
    } catch {
      return undefined;
    }
  }

  delete(name: string): Promise<void> {
    return this.kv.delete(RECORD_PREFIX + name);
  }

  async names(prefix: string): Promise<string[]> {
    return (await this.kv.keys())
      .filter((k) => k.startsWith(RECORD_PREFIX + prefix))
      .map((k) => k.slice(RECORD_PREFIX.length))
      .sort();
  }

  /** Everything, key included: what was sealed can never be opened again. */
  destroy(): Promise<void> {
    this.key = null;
    return this.kv.destroy();
  }

  /** The raw stored value (tests: the record is ciphertext, not the draft). */
  raw(name: string): Promise<unknown> {
    return this.kv.get(RECORD_PREFIX + name);
  }
}

/** A Map standing in for IndexedDB (unit tests, and a browser without IndexedDB: nothing then survives a reload). */
export class MemoryKeyValue implements DeviceKeyValue {
  private readonly map = new Map<string, unknown>();
  async get<T>(key: string) {
    return this.map.get(key) as T | undefined;
  }
  async put(key: string, value: unknown) {
    this.map.set(key, value);
  }
  async putIfAbsent<T>(key: string, value: T) {
    if (!this.map.has(key)) this.map.set(key, value);
    return this.map.get(key) as T;
  }
  async delete(key: string) {
    this.map.delete(key);
  }
  async keys() {
    return [...this.map.keys()];
  }
  async destroy() {
    this.map.clear();
  }
}

const STORE = 'device';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** One IndexedDB database with one object store of key → structured-cloned value. */
export class IndexedDbKeyValue implements DeviceKeyValue {
  private db: Promise<IDBDatabase> | null = null;

  constructor(
    private readonly idb: IDBFactory,
    /** The database's name: one per use, so wiping one (sign-out) is deleting one database. */
    private readonly name: string,
  ) {}

  private open(): Promise<IDBDatabase> {
    this.db ??= new Promise<IDBDatabase>((resolve, reject) => {
      const req = this.idb.open(this.name, 1);
      req.onupgradeneeded = () => req.result.createObjectStore(STORE);
      req.onsuccess = () => {
        const db = req.result;
        // Another tab deleting the database (sign-out there): let it, and open afresh next time.
        db.onversionchange = () => {
          db.close();
          this.db = null;
        };
        resolve(db);
      };
      req.onerror = () => {
        this.db = null;
        reject(req.error);
      };
    });
    return this.db;
  }

  private async tx<T>(mode: IDBTransactionMode, run: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
    const db = await this.open();
    const tx = db.transaction(STORE, mode);
    const result = request(run(tx.objectStore(STORE)));
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
    return result;
  }

  async get<T>(key: string): Promise<T | undefined> {
    return (await this.tx('readonly', (s) => s.get(key))) as T | undefined;
  }
  async put(key: string, value: unknown): Promise<void> {
    await this.tx('readwrite', (s) => s.put(value, key));
  }
  async putIfAbsent<T>(key: string, value: T): Promise<T> {
    try {
      await this.tx('readwrite', (s) => s.add(value, key));
    } catch {
      /* ConstraintError: another tab stored one first */
    }
    return (await this.get<T>(key)) as T;
  }
  async delete(key: string): Promise<void> {
    await this.tx('readwrite', (s) => s.delete(key));
  }
  async keys(): Promise<string[]> {
    return (await this.tx('readonly', (s) => s.getAllKeys())).map(String);
  }
  async destroy(): Promise<void> {
    const open = this.db;
    this.db = null;
    if (open) (await open.catch(() => null))?.close();
    await new Promise<void>((resolve) => {
      const req = this.idb.deleteDatabase(this.name);
      req.onsuccess = () => resolve();
      req.onerror = () => resolve();
      // Another tab still has it open: it closes on versionchange, and the deletion completes then.
      req.onblocked = () => resolve();
    });
  }
}
