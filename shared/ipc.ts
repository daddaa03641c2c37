/**
 * The IPC contract between main and the settings window: every channel, its request schema
 * (validated in main) and its response type. Only typed wrappers use these names.
 */
import { z } from 'zod';
import type { AppState } from './app-state';
import { CLIENT_IDS } from './clients';
import type { WindowTarget } from './navigation';
import { PROFILE_NAME_PATTERN, type OAuthSummary, type ProfileKind, type ProfileView } from './profile';
import type { ResultCode } from './error-codes';
import type { Remedy } from './remedy';
import type { RotationStep } from './rotation-steps';

const name = z.string().regex(PROFILE_NAME_PATTERN, 'a profile name: lowercase letters, digits and dashes');
const token = z.string().min(1).max(4096);
const url = z.string().min(1).max(2048);
const dir = z.string().min(1).max(4096);
const actorId = z.string().min(1).max(200);
const editor = z.enum(CLIENT_IDS);
const empty = z.object({}).strict();

/** Request schemas, one per channel. Main rejects anything that does not parse. */
export const IPC_REQUEST_SCHEMAS = {
  'state:get': empty,
  'state:refresh': empty,
  'profile:add': z
    .object({
      name,
      kind: z.enum(['mootup', 'mcp']),
      url,
      mcp_url: url.optional(),
      label: z.string().max(200).optional(),
      expires_at: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable().optional(),
      token,
    })
    .strict(),
  'profile:remove': z.object({ name }).strict(),
  'profile:check': z.object({ name }).strict(),
  'profile:replace': z.object({ name, token }).strict(),
  'profile:set': z
    .object({ name, label: z.string().max(200).optional(), expires_at: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable().optional() })
    .strict(),
  'profile:mcp-config': z.object({ name, editor }).strict(),
  'oauth:add': z
    .object({
      name,
      url,
      label: z.string().max(200).optional(),
      client_id: z.string().min(1).max(512).optional(),
      /** A pre-registered client's secret: goes to the keychain, never back over IPC. */
      client_secret: token.optional(),
      client_metadata_url: url.optional(),
    })
    .strict(),
  'oauth:login': z.object({ name }).strict(),
  'oauth:logout': z.object({ name }).strict(),
  'pat:rotate': z.object({ name }).strict(),
  'agents:release': z.object({ actor_id: actorId }).strict(),
  'agents:takeover': z.object({ actor_id: actorId, force: z.boolean(), workspace: dir.optional() }).strict(),
  'workspace:add': z.object({ dir, profile: name.optional() }).strict(),
  'workspace:remove': z.object({ dir }).strict(),
  'workspace:fix': z.object({ dir }).strict(),
  'workspace:pick': empty,
  'editors:install': z.object({ editor, profile: name, scope: z.enum(['user', 'project']), project: dir.optional() }).strict(),
  'editors:remove': z.object({ editor, profile: name, scope: z.enum(['user', 'project']), project: dir.optional() }).strict(),
  'editors:install-all': z.object({ profile: name, scope: z.enum(['user', 'project']).optional(), project: dir.optional() }).strict(),
  'editors:scan': empty,
  'editors:migrate': empty,
  'editors:repair': empty,
  'app:open-external': z.object({ url }).strict(),
  'app:start-at-login': z.object({ enabled: z.boolean() }).strict(),
  'app:quit': empty,
} as const;

export type IpcChannel = keyof typeof IPC_REQUEST_SCHEMAS;
export type IpcRequest<C extends IpcChannel> = z.input<(typeof IPC_REQUEST_SCHEMAS)[C]>;

/** One step of a multi-step action (e.g. PAT rotation), for the step-by-step result. */
export interface ActionStep {
  step: RotationStep;
  status: 'ok' | 'failed' | 'skipped';
  message?: string;
}

/** What every action answers: never throws across IPC, always says what happened in words. */
export interface ActionResult {
  ok: boolean;
  message: string;
  /** Why it failed, typed (core's ErrorCode, `internal` for anything else; shared/error-codes.ts). */
  code?: ResultCode;
  /**
   * What the person can do next, as data: `confirm` (the same request again with force: shared/confirm-loop.ts
   * asks first), replace a token, sign in, unlock the keychain. The window shows it as a dialog or a button.
   */
  remedy?: Remedy;
  steps?: ActionStep[];
  warning?: string;
}

/** Response type of each channel. */
export interface IpcResponses {
  'state:get': AppState;
  'state:refresh': AppState;
  'profile:add': ActionResult & { profile?: ProfileView };
  'profile:remove': ActionResult;
  'profile:check': ActionResult;
  'profile:replace': ActionResult;
  'profile:set': ActionResult;
  'profile:mcp-config': ActionResult & { snippet?: string };
  'oauth:add': ActionResult & { profile?: ProfileView };
  /** Waits until the sign-in in the browser ends (or times out); the tray shows `oauth.sign_in` meanwhile. */
  'oauth:login': ActionResult & { oauth?: OAuthSummary };
  'oauth:logout': ActionResult;
  'pat:rotate': ActionResult;
  'agents:release': ActionResult;
  'agents:takeover': ActionResult;
  'workspace:add': ActionResult;
  'workspace:remove': ActionResult;
  'workspace:fix': ActionResult;
  'workspace:pick': { dir: string | null };
  'editors:install': ActionResult;
  'editors:remove': ActionResult;
  /** One line per client present on this machine: installed, already there, or why not. */
  'editors:install-all': ActionResult & { results?: Array<{ editor: string; label: string; ok: boolean; changed: boolean; file?: string; message: string }> };
  'editors:scan': ActionResult;
  /** `exposed`: each profile whose token sat in plain text, so the window can offer Rotate (mootup) or Replace. */
  'editors:migrate': ActionResult & { exposed?: ExposedToken[] };
  /** Editor entries whose command was gone, pointed at the current tokentray command again. */
  'editors:repair': ActionResult & { repaired?: number; failed?: Array<{ file: string; name: string; message: string }> };
  'app:open-external': ActionResult;
  'app:start-at-login': ActionResult;
  'app:quit': ActionResult;
}

/** A token that sat in plain text before `editors:migrate` moved it: treat it as exposed. */
export interface ExposedToken {
  profile: string;
  kind: ProfileKind;
  file: string;
  token_hint: string;
}

// Compile-time check: every channel has a response type and every response type a channel.
type Missing = Exclude<IpcChannel, keyof IpcResponses> | Exclude<keyof IpcResponses, IpcChannel>;
const _everyChannelHasAContract: [Missing] extends [never] ? true : Missing = true;
void _everyChannelHasAContract;

export type IpcResponse<C extends IpcChannel> = IpcResponses[C];

export { NAVIGATE_EVENT, RENDERER_READY_EVENT, STATE_UPDATE_EVENT } from './ipc-events';

/** The API the preload exposes as `window.tokentray`, and all the renderer may use. */
export interface TokentrayApi {
  invoke<C extends IpcChannel>(channel: C, request: IpcRequest<C>): Promise<IpcResponse<C>>;
  /** Subscribes to state pushes; returns the unsubscribe function. */
  onState(listener: (state: AppState) => void): () => void;
  /** Subscribes to main's requests to show a place in the window (a clicked notification); returns the unsubscribe function. */
  onNavigate(listener: (target: WindowTarget) => void): () => void;
  /** Tells main the window can receive pushes. */
  ready(): void;
}

export const IPC_CHANNELS = Object.keys(IPC_REQUEST_SCHEMAS) as IpcChannel[];

/** Validates a request; returns the parsed value or a message naming what is wrong. */
export function parseIpcRequest<C extends IpcChannel>(channel: C, payload: unknown): { ok: true; value: IpcRequest<C> } | { ok: false; message: string } {
  const schema = IPC_REQUEST_SCHEMAS[channel];
  if (!schema) return { ok: false, message: `unknown channel ${String(channel)}` };
  const result = schema.safeParse(payload ?? {});
  if (result.success) return { ok: true, value: result.data as IpcRequest<C> };
  return { ok: false, message: `invalid ${channel} request: ${result.error.issues.map((i) => `${i.path.join('.') || 'payload'}: ${i.message}`).join('; ')}` };
}
