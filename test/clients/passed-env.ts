import type { RealClientId } from './clients';

/**
 * What each client passes from its own environment to a stdio MCP server it starts, before it adds
 * the entry's own env block. Measured with the real CLIs (env-probe in each client's test, table in
 * README.md) and read from their sources where they have a rule:
 * - Claude Code, opencode, Qwen Code, Copilot CLI: everything (Copilot keeps its own provider settings back).
 * - Codex CLI: a fixed list (HOME, LOGNAME, PATH, SHELL, USER, LANG, LC_ALL, TERM, TMPDIR, TZ) and the
 *   CA variables; `env_vars` in the entry would name more.
 * - Gemini CLI: everything except names matching its secret patterns (TOKEN, SECRET, PASSWORD, PASSWD,
 *   KEY, AUTH, CREDENTIAL, CREDS, PRIVATE, CERT, case-insensitive) and a few fixed names; with
 *   GITHUB_SHA set (GitHub Actions) or SURFACE=Github, only its always-allowed list.
 */
const CODEX_KEEPS = new Set(['HOME', 'LOGNAME', 'PATH', 'SHELL', 'USER', '__CF_USER_TEXT_ENCODING', 'LANG', 'LC_ALL', 'TERM', 'TMPDIR', 'TZ']);
const CODEX_CA = new Set(['SSL_CERT_FILE', 'SSL_CERT_DIR', 'NODE_EXTRA_CA_CERTS', 'REQUESTS_CA_BUNDLE', 'CURL_CA_BUNDLE']);

const GEMINI_SECRET_NAMES = [/TOKEN/i, /SECRET/i, /PASSWORD/i, /PASSWD/i, /KEY/i, /AUTH/i, /CREDENTIAL/i, /CREDS/i, /PRIVATE/i, /CERT/i];
const GEMINI_NEVER = new Set(['CLIENT_ID', 'DB_URI', 'CONNECTION_STRING', 'AWS_DEFAULT_REGION', 'AZURE_CLIENT_ID', 'AZURE_TENANT_ID', 'SLACK_WEBHOOK_URL', 'TWILIO_ACCOUNT_SID', 'DATABASE_URL', 'GOOGLE_CLOUD_PROJECT', 'GOOGLE_CLOUD_ACCOUNT', 'FIREBASE_PROJECT_ID']);
const GEMINI_ALWAYS = new Set(['PATH', 'HOME', 'LANG', 'SHELL', 'TMPDIR', 'USER', 'LOGNAME', 'TERM', 'COLORTERM']);

/** Whether `client`, started with `env`, passes variable `name` on to a stdio server. */
export function clientPasses(client: RealClientId, name: string, env: Readonly<Record<string, string>>): boolean {
  switch (client) {
    case 'codex':
      return CODEX_KEEPS.has(name) || CODEX_CA.has(name);
    case 'gemini': {
      const upper = name.toUpperCase();
      if (upper.startsWith('GEMINI_CLI_') || GEMINI_ALWAYS.has(upper)) return true;
      if (env.GITHUB_SHA || env.SURFACE === 'Github') return false;
      return !GEMINI_NEVER.has(upper) && !GEMINI_SECRET_NAMES.some((p) => p.test(name));
    }
    case 'copilot':
      return name !== 'COPILOT_OFFLINE' && !name.startsWith('COPILOT_PROVIDER_');
    default:
      return true;
  }
}

/** The part of `env` a client passes to the stdio servers it starts. */
export function passedEnv(client: RealClientId, env: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter(([name]) => clientPasses(client, name, env)));
}

/**
 * The environment a client gives a stdio server started from `entry`: what it passes from its own,
 * with the entry's env block on top (every client here lets the entry's values win, and Gemini CLI
 * expands `$VAR` in them against what it passes, so a literal value arrives as written).
 */
export function serverEnv(client: RealClientId, env: Readonly<Record<string, string>>, entryEnv: Readonly<Record<string, string>>): Record<string, string> {
  return { ...passedEnv(client, env), ...entryEnv };
}
