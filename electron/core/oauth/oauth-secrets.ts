import type { CoreContext } from '../context';
import { clientAccount, tokensAccount } from './accounts';

/** How the client authenticates at the token endpoint (RFC 7591 §2). */
export type ClientAuthMethod = 'none' | 'client_secret_basic' | 'client_secret_post';

/** The tokens of one sign-in and what they are bound to. Keychain only (`<profile>#oauth`). */
export interface TokenRecord {
  v: 1;
  access_token: string;
  token_type: string;
  refresh_token?: string;
  /** Milliseconds since the epoch; null when the server did not say. */
  expires_at: number | null;
  obtained_at: number;
  /** Granted scopes (the token answer's `scope`, else what was asked for). */
  scopes: string[];
  /** What was asked for, so a step-up knows what was already tried. */
  requested_scopes: string[];
  issuer: string;
  resource: string;
  client_id: string;
  token_endpoint: string;
  revocation_endpoint?: string;
  signed_in_as?: string;
}

/** A client identity at one authorization server. */
export interface ClientRecord {
  client_id: string;
  client_secret?: string;
  auth_method: ClientAuthMethod;
  source: 'preregistered' | 'cimd' | 'dcr';
  /** The redirect URI registered (DCR), so the next sign-in can listen on the same port. */
  redirect_uri?: string;
  registered_at: string;
}

/** Keychain only (`<profile>#client`): registrations keyed by issuer, and a pre-registered secret. */
export interface ClientStore {
  v: 1;
  preregistered_secret?: string;
  by_issuer: Record<string, ClientRecord>;
}

function parse<T extends { v: 1 }>(text: string | null): T | null {
  if (text === null) return null;
  try {
    const value = JSON.parse(text) as T;
    return value && value.v === 1 ? value : null;
  } catch {
    return null; // an entry we cannot read is treated as absent: the next sign-in replaces it
  }
}

/** The profile's tokens, or null when not signed in. */
export async function readTokens(ctx: CoreContext, profile: string): Promise<TokenRecord | null> {
  const record = parse<TokenRecord>(await ctx.secrets.get(tokensAccount(profile)));
  return record && typeof record.access_token === 'string' ? record : null;
}

export function writeTokens(ctx: CoreContext, profile: string, record: TokenRecord): Promise<void> {
  return ctx.secrets.set(tokensAccount(profile), JSON.stringify(record));
}

export function deleteTokens(ctx: CoreContext, profile: string): Promise<boolean> {
  return ctx.secrets.delete(tokensAccount(profile));
}

/** The profile's client registrations (an empty store when there are none). */
export async function readClients(ctx: CoreContext, profile: string): Promise<ClientStore> {
  return parse<ClientStore>(await ctx.secrets.get(clientAccount(profile))) ?? { v: 1, by_issuer: {} };
}

export function writeClients(ctx: CoreContext, profile: string, store: ClientStore): Promise<void> {
  return ctx.secrets.set(clientAccount(profile), JSON.stringify(store));
}

/** Forgets everything OAuth of a profile in the keychain (profile removal). */
export async function deleteOAuthSecrets(ctx: CoreContext, profile: string): Promise<boolean> {
  const tokens = await ctx.secrets.delete(tokensAccount(profile));
  const client = await ctx.secrets.delete(clientAccount(profile));
  return Boolean(tokens) || Boolean(client);
}
