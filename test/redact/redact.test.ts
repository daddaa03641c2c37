import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { stateForRenderer, answerForRenderer } from '../../electron/core/app/renderer-guard';
import { errorFromResponse } from '../../electron/core/mootup/mootup-errors';
import { rememberSecret } from '../../electron/core/redact/known-secrets';
import { redactDeep, redactText, secretHits } from '../../electron/core/redact/redact';
import { EMPTY_APP_STATE } from '../../shared/app-state';
import { tokenHint } from '../../shared/token-formats';
import { fakeMootupPat } from '../helpers/cli';

const opaque = () => `Zq9!${randomBytes(12).toString('base64')}"&/`;

describe('the scrubber', () => {
  it('replaces a known secret of any shape, raw, JSON-escaped or percent-encoded, with its hint', () => {
    const secret = opaque();
    expect(redactText(`x ${secret} y`)).toContain(secret); // not known yet, no shape: kept
    rememberSecret(secret);
    for (const form of [secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)]) {
      const out = redactText(`the server said: ${form}!`);
      expect(out).not.toContain(form);
      expect(out).toBe(`the server said: ${tokenHint(secret)}!`);
    }
  });

  it('replaces token shapes and bearer values it never saw, and leaves ordinary text alone', () => {
    const pat = fakeMootupPat();
    expect(redactText(`token ${pat} refused`)).toBe(`token ${tokenHint(pat)} refused`);
    expect(redactText('Authorization: Bearer abcDEF0123456789xyz, then')).toBe('Authorization: Bearer …9xyz, then');
    const plain = 'mootup at 127.0.0.1:9 refused the token for GET /api/actors/me (401); use Bearer authentication';
    expect(redactText(plain)).toBe(plain);
    expect(secretHits({ message: plain })).toBe(0);
    // A hint is not scrubbed again.
    expect(redactText(`Bearer ${tokenHint(pat)}`)).toBe(`Bearer ${tokenHint(pat)}`);
  });

  it('walks objects and arrays, and counts what it would replace', () => {
    const secret = opaque();
    rememberSecret(secret);
    const value = { a: [`x${secret}`, 1, null], b: { c: secret, d: true } };
    expect(secretHits(value)).toBe(2);
    expect(redactDeep(value)).toEqual({ a: [`x${tokenHint(secret)}`, 1, null], b: { c: tokenHint(secret), d: true } });
  });

  it('redacts server text before cutting it, so no piece of a token is left at the cut', () => {
    const pat = fakeMootupPat();
    const message = `${'x'.repeat(480)} ${pat}`;
    const error = errorFromResponse(500, { detail: { message } }, 'GET /api/actors/me', 'example.test');
    expect(error.message).not.toMatch(/[0-9a-f]{20}/);
    expect(error.serverMessage).toContain(tokenHint(pat).slice(0, 15));
  });
});

describe('the renderer guard', () => {
  it('replaces a known secret in a state, keeping the rest, and withholds an answer holding one', () => {
    const secret = opaque();
    rememberSecret(secret);
    const warned: string[] = [];
    const state = { ...structuredClone(EMPTY_APP_STATE), errors: [{ source: 'profiles' as const, message: `boom ${secret}` }] };
    const safe = stateForRenderer(state, (m) => warned.push(m));
    expect(JSON.stringify(safe)).not.toContain(secret);
    expect(safe.errors[0]!.message).toBe(`boom ${tokenHint(secret)}`);
    expect(stateForRenderer(safe, (m) => warned.push(m))).toBe(safe);
    expect(answerForRenderer('profile:check', { ok: false, message: secret }, (m) => warned.push(m))).toMatchObject({ ok: false, code: 'internal' });
    expect(warned.join('\n')).not.toContain(secret);
    expect(warned).toHaveLength(2);
  });
});
