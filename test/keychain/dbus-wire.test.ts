import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DbusUnavailable, openSessionBus, socketPathOf } from '../../electron/core/keychain/dbus/dbus-session';
import { decodeMessage, encodeCall, FIELD, messageLength, parseSignature } from '../../electron/core/keychain/dbus/dbus-wire';
import { openSecretServiceQuery } from '../../electron/core/keychain/dbus/secret-service';
import { createKeychainStore } from '../../electron/core/keychain/secret-store';
import { haveTestKeychain } from '../helpers/keychain';

describe('the D-Bus wire format', () => {
  it('writes a method call that reads back with the same header fields and body', () => {
    const body = [{ service: 'tokentray', account: 'wörk' }, 'Attributes', true, 7, ['a', 'b'], ['s', 'in a variant']];
    const signature = 'a{ss}sbuasv';
    const wire = encodeCall({ serial: 42, destination: 'org.freedesktop.secrets', path: '/org/freedesktop/secrets', interface: 'org.freedesktop.Secret.Service', member: 'SearchItems', signature, body });
    expect(messageLength(wire)).toBe(wire.length);
    expect(messageLength(wire.subarray(0, wire.length - 1))).toBeNull();
    expect(messageLength(Buffer.concat([wire, Buffer.from([1, 2, 3])]))).toBe(wire.length);
    const message = decodeMessage(wire);
    expect(message.serial).toBe(42);
    expect(message.fields.get(FIELD.member)).toBe('SearchItems');
    expect(message.fields.get(FIELD.path)).toBe('/org/freedesktop/secrets');
    expect(message.fields.get(FIELD.signature)).toBe(signature);
    expect(message.body).toEqual([{ service: 'tokentray', account: 'wörk' }, 'Attributes', true, 7, ['a', 'b'], 'in a variant']);
  });

  it('parses signatures and refuses what it cannot read', () => {
    expect(parseSignature('a{sv}(ob)').map((t) => t.code)).toEqual(['a', '(']);
    expect(() => parseSignature('a')).toThrow(/truncated/);
    expect(() => parseSignature('(s')).toThrow(/unclosed/);
    expect(() => parseSignature('m')).toThrow(/unsupported/);
  });

  it('finds the socket of a unix: address (path or abstract, percent-escaped) and ignores other transports', () => {
    expect(socketPathOf('unix:path=/run/user/1000/bus')).toBe('/run/user/1000/bus');
    expect(socketPathOf('tcp:host=x,port=1;unix:abstract=/tmp/dbus-Ab%2C1,guid=ff')).toBe('\0/tmp/dbus-Ab,1');
    expect(socketPathOf('tcp:host=localhost,port=1')).toBeNull();
    expect(socketPathOf(undefined)).toBeNull();
  });

  it('an unusable bus address is DbusUnavailable, never a hang', async () => {
    await expect(openSessionBus('unix:path=/nonexistent/tokentray-bus', 2_000)).rejects.toBeInstanceOf(DbusUnavailable);
    await expect(openSessionBus('tcp:host=localhost,port=1', 2_000)).rejects.toBeInstanceOf(DbusUnavailable);
  });
});

describe.runIf(haveTestKeychain() && process.platform === 'linux')('asking the real Secret Service', () => {
  it('finds an entry keytar stored, and its account, without reading the secret', async () => {
    const service = `tokentray-test-${randomBytes(6).toString('hex')}`;
    const store = createKeychainStore(service);
    await store.set('alpha', `secret-${randomBytes(8).toString('hex')}`);
    await store.set('beta', `secret-${randomBytes(8).toString('hex')}`);
    const query = await openSecretServiceQuery(process.env.DBUS_SESSION_BUS_ADDRESS);
    try {
      const found = await query.search({ service });
      expect(found.locked).toEqual([]);
      expect(found.unlocked).toHaveLength(2);
      const accounts = await Promise.all(found.unlocked.map(async (item) => (await query.attributes(item)).account));
      expect(accounts.sort()).toEqual(['alpha', 'beta']);
    } finally {
      query.close();
    }
    expect(await store.list()).toEqual(['alpha', 'beta']);
    expect(await store.delete('alpha')).toBe(true);
    expect(await store.delete('alpha')).toBe(false);
    expect(await store.list()).toEqual(['beta']);
    await store.delete('beta');
  });
});
