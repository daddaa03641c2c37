import type { Dispatcher } from 'undici';
import type { ExchangeSlots } from './exchange-slots';
import type { ProxyTokens } from './proxy-tokens';

/**
 * What the GET listen stream needs of its upstream session: where to connect, with which token and
 * headers. Narrow on purpose, so listen-stream.ts does not import upstream-session.ts (which owns it).
 */
export interface ListenHost {
  readonly dispatcher: Dispatcher;
  readonly url: URL;
  readonly host: string;
  readonly tokens: ProxyTokens;
  readonly maxBytes: number;
  readonly slots: ExchangeSlots;
  headers(token: string, accept: string): Record<string, string>;
}
