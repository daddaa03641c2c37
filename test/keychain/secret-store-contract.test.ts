/**
 * The two SecretStores agree: the real keychain store (gnome-keyring through keytar and D-Bus) and
 * the in-memory store the core-world tests use answer the same calls the same way, so a test on
 * the memory store says something about the app.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createKeychainStore, type SecretStore } from '../../electron/core/keychain/secret-store';
import { fakeMootupPat } from '../helpers/cli';
import { haveTestKeychain } from '../helpers/keychain';
import { createMemorySecretStore } from '../helpers/memory-secret-store';

const service = () => `tokentray-test-${randomBytes(6).toString('hex')}`;
const stores: Array<[string, () => SecretStore]> = [
  ['the in-memory store', () => createMemorySecretStore(service())],
  ['the real keychain', () => createKeychainStore(service())],
];

describe.each(stores)('SecretStore contract: %s', (name, make) => {
  it.skipIf(name === 'the real keychain' && !haveTestKeychain())('stores, lists without reading, replaces and deletes', async () => {
    const store = make();
    const [a, b, c] = [fakeMootupPat(), fakeMootupPat(), fakeMootupPat()];
    expect(await store.get('work')).toBeNull();
    expect(await store.list()).toEqual([]);
    expect(await store.delete('work')).toBe(false);
    await store.set('work', a);
    await store.set('alpha', b);
    expect(await store.get('work')).toBe(a);
    expect(await store.list()).toEqual(['alpha', 'work']);
    await store.set('work', c);
    expect(await store.get('work')).toBe(c);
    expect(await store.delete('work')).toBe(true);
    expect(await store.get('work')).toBeNull();
    expect(await store.delete('work')).toBe(false);
    expect(await store.list()).toEqual(['alpha']);
    expect(await store.delete('alpha')).toBe(true);
  });
});

describe('the in-memory store when locked', () => {
  it('refuses every call with keychain_locked, as the real store does on a locked collection, and works again once unlocked', async () => {
    const store = createMemorySecretStore(service());
    await store.set('work', fakeMootupPat());
    store.lock();
    for (const call of [() => store.get('work'), () => store.set('work', fakeMootupPat()), () => store.delete('work'), () => store.list()]) {
      await expect(call()).rejects.toMatchObject({ code: 'keychain_locked' });
    }
    store.unlock();
    expect(await store.list()).toEqual(['work']);
  });
});
