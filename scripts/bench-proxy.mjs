#!/usr/bin/env node
// npm run bench:proxy — the MCP stdio proxy against the SDK client talking HTTP directly (the
// baseline), against the two most used existing proxies (mcp-remote, supergateway), and against the
// floor (a Node process on the same Node answering the same stdio traffic itself: what any Node stdio
// MCP process costs at least), all in one run against one local SDK server on 127.0.0.1. Prints one
// table with ratios to the baseline, then the proxy's targets as ratios to the floor and the baseline.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const self = fileURLToPath(import.meta.url);

// tokentray reads its token from the keychain: run inside a private, unlocked one (as the tests do).
if (!process.env.TOKENTRAY_TEST_KEYCHAIN) {
  const result = spawnSync(process.execPath, [join(root, 'scripts/with-keychain.mjs'), process.execPath, '--no-warnings', self], { stdio: 'inherit' });
  process.exit(result.status ?? 1);
}

const { Client } = await import('@modelcontextprotocol/sdk/client/index.js');
const { StdioClientTransport } = await import('@modelcontextprotocol/sdk/client/stdio.js');
const { StreamableHTTPClientTransport } = await import('@modelcontextprotocol/sdk/client/streamableHttp.js');

const COLD_RUNS = 10;
const SEQUENTIAL_CALLS = 2000;
const PARALLEL_CALLS = 4000;
const IN_FLIGHT = 32;
const LONG_SESSION_CALLS = 10_000;
const MIB_RUNS = 30;
const MIB = 1024 * 1024;
/** "Idle RSS after initialize" is read this long after connect() resolved (initialize + initialized sent). */
const IDLE_SETTLE_MS = 1000;

const token = `mp_${randomBytes(32).toString('base64url')}`;
const work = mkdtempSync(join(tmpdir(), 'tokentray-bench-'));
const env = {
  PATH: process.env.PATH,
  DBUS_SESSION_BUS_ADDRESS: process.env.DBUS_SESSION_BUS_ADDRESS,
  HOME: work,
  TOKENTRAY_HOME: join(work, 'tokentray'),
  TOKENTRAY_KEYCHAIN_SERVICE: `tokentray-bench-${randomBytes(4).toString('hex')}`,
  NO_PROXY: '*',
};
const cli = join(root, 'dist/cli/tokentray.js');
const launcher = join(root, 'dist/cli/tokentray');

// The SDK server runs in its own process so that no client shares its event loop.
const server = spawn(process.execPath, ['--no-warnings', '--input-type=module', '-e', `
  const { startUpstream } = await import(${JSON.stringify(join(root, 'test/mcp/fixtures/upstream.ts'))});
  const up = await startUpstream({ token: process.env.BENCH_TOKEN });
  process.stdout.write(up.url + '\\n');`], { env: { ...process.env, BENCH_TOKEN: token }, stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise((ok) => server.stdout.once('data', (d) => ok(String(d).trim())));

const add = spawnSync(process.execPath, [cli, 'profile', 'add', 'bench', '--kind', 'mcp', '--url', url], { env, input: token, encoding: 'utf8' });
if (add.status !== 0) throw new Error(`profile add failed: ${add.stderr}`);

const STDIO_FLOOR = `
  let buffered = '';
  const reply = (id, result) => process.stdout.write(JSON.stringify({ jsonrpc: '2.0', id, result }) + '\\n');
  process.stdin.on('data', (chunk) => {
    buffered += chunk;
    let nl;
    while ((nl = buffered.indexOf('\\n')) >= 0) {
      const m = JSON.parse(buffered.slice(0, nl));
      buffered = buffered.slice(nl + 1);
      if (m.method === 'initialize') reply(m.id, { protocolVersion: m.params.protocolVersion, capabilities: { tools: {} }, serverInfo: { name: 'floor', version: '1' } });
      else if (m.method === 'tools/call') reply(m.id, { content: [{ type: 'text', text: m.params.name === 'big' ? 'x'.repeat(m.params.arguments.bytes) : m.params.arguments.text }] });
      else if (m.id !== undefined) reply(m.id, {});
    }
  });`;

/** How each contender is started; `null` spawn = the SDK client over HTTP in this process. */
// BENCH_PROXIES=0 leaves out the other proxies (mcp-remote, supergateway): a quicker run for before/after
// comparisons of tokentray itself, still against the direct client and the floor of the same run.
const withOtherProxies = process.env.BENCH_PROXIES !== '0';
const contenders = [
  { name: 'direct SDK client (HTTP)', spawn: null },
  // What editors run: the launcher (dist/cli/tokentray: the project's Node with the proxy's V8 flags).
  { name: 'tokentray mcp', spawn: { command: launcher, args: ['mcp', 'bench'], env } },
  {
    name: 'mcp-remote',
    spawn: { args: [join(root, 'node_modules/mcp-remote/dist/proxy.js'), url, '--header', 'Authorization: Bearer ${TOKEN}', '--transport', 'http-only'], env: { ...env, TOKEN: token } },
  },
  { name: 'supergateway', spawn: { args: [join(root, 'node_modules/supergateway/dist/index.js'), '--streamableHttp', url, '--oauth2Bearer', token, '--logLevel', 'none'], env } },
  // Not a proxy: a stdio server on the same Node that answers at once, no HTTP, no SDK. What any Node
  // stdio MCP process costs at least (the SDK client's stdio reader copies on every 64 KiB read too).
  { name: 'floor (node answering stdio)', spawn: { args: ['-e', STDIO_FLOOR], env } },
].filter((c) => withOtherProxies || !['mcp-remote', 'supergateway'].includes(c.name));

async function connect(contender) {
  const client = new Client({ name: 'bench', version: '1.0.0' });
  let stderr = '';
  let transport;
  if (contender.spawn) {
    transport = new StdioClientTransport({ command: contender.spawn.command ?? process.execPath, args: contender.spawn.args, env: contender.spawn.env, stderr: 'pipe' });
    transport.stderr.on('data', (d) => (stderr += d));
  } else {
    transport = new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: { Authorization: `Bearer ${token}` } } });
  }
  await client.connect(transport);
  return { client, transport, stderr: () => stderr };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))];
const echo = (client) => client.callTool({ name: 'echo', arguments: { text: 'ping' } });
/** CPU time (ms) a process has used so far, all threads: robust where wall time is not (a loaded machine). */
const cpuMs = (pid) =>
  readdirSync(`/proc/${pid}/task`).reduce((sum, task) => {
    try {
      return sum + Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
    } catch {
      return sum; // the thread ended meanwhile
    }
  }, 0);
const memory = (pid, field) => Number(/(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith(field)) ?? '')?.[1] ?? NaN) / 1024;

async function parallel(client, total) {
  let next = 0;
  const worker = async () => {
    while (next < total) {
      next++;
      await echo(client);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  return (total / (performance.now() - started)) * 1000;
}

async function measure(contender) {
  const cold = [];
  const coldCpu = [];
  for (let i = 0; i < COLD_RUNS; i++) {
    const started = performance.now();
    const session = await connect(contender);
    cold.push(performance.now() - started);
    if (session.transport.pid) coldCpu.push(cpuMs(session.transport.pid));
    await session.client.close();
  }
  const warnings = [];
  const onWarning = (w) => warnings.push(w.name);
  process.on('warning', onWarning);
  const { client, transport, stderr } = await connect(contender);
  const pid = transport.pid;
  await new Promise((resolve) => setTimeout(resolve, IDLE_SETTLE_MS));
  const rssIdle = pid ? memory(pid, 'VmRSS') : NaN;
  for (let i = 0; i < 200; i++) await echo(client);
  const latencies = [];
  for (let i = 0; i < SEQUENTIAL_CALLS; i++) {
    const started = performance.now();
    await echo(client);
    latencies.push(performance.now() - started);
  }
  const rssEarly = pid ? memory(pid, 'VmRSS') : NaN;
  const callsPerSecond = await parallel(client, PARALLEL_CALLS);
  // The rest of a 10,000-call session, then RSS again: a flat session holds nothing per call. The
  // 1 MiB messages come after, so that their transient heap does not read as growth.
  await parallel(client, LONG_SESSION_CALLS - (200 + SEQUENTIAL_CALLS + PARALLEL_CALLS));
  const rssLate = pid ? memory(pid, 'VmRSS') : NaN;
  const mib = [];
  for (let i = 0; i < MIB_RUNS; i++) {
    const started = performance.now();
    const result = await client.callTool({ name: 'big', arguments: { bytes: MIB } });
    mib.push(performance.now() - started);
    if (result.content[0].text.length !== MIB) throw new Error('1 MiB result came back wrong');
  }
  const peak = pid ? memory(pid, 'VmHWM') : NaN;
  await client.close();
  process.off('warning', onWarning);
  const childWarnings = (stderr().match(/Warning/g) ?? []).length;
  return {
    cold: median(cold),
    coldCpu: coldCpu.length ? median(coldCpu) : NaN,
    p50: pct(latencies, 50),
    p99: pct(latencies, 99),
    callsPerSecond,
    mib: median(mib),
    peak,
    rssIdle,
    rssEarly,
    rssLate,
    warnings: pid ? childWarnings : warnings.length,
  };
}

const nodeBare = [];
for (let i = 0; i < COLD_RUNS; i++) {
  const started = performance.now();
  spawnSync(process.execPath, ['-e', '0']);
  nodeBare.push(performance.now() - started);
}

const results = [];
for (const contender of contenders) {
  process.stderr.write(`measuring ${contender.name}…\n`);
  try {
    results.push({ name: contender.name, ...(await measure(contender)) });
  } catch (error) {
    results.push({ name: contender.name, error: String(error?.message ?? error).split('\n')[0] });
  }
}
server.kill();
spawnSync(process.execPath, [cli, 'profile', 'remove', 'bench'], { env });
rmSync(work, { recursive: true, force: true });

const base = results[0];
const f = (v, digits = 1) => (Number.isFinite(v) ? v.toFixed(digits) : '—');
const ratio = (v, b) => (Number.isFinite(v) && Number.isFinite(b) && b > 0 ? ` (${(v / b).toFixed(2)}×)` : '');
const rows = results.map((r) =>
  r.error
    ? [r.name, `failed: ${r.error}`]
    : [
        r.name,
        `${f(r.cold)}${ratio(r.cold, base.cold)}`,
        f(r.coldCpu, 0),
        `${f(r.p50, 3)} (${r.p50 >= base.p50 ? "+" : "−"}${f(Math.abs(r.p50 - base.p50), 3)})`,
        `${f(r.p99, 3)}${ratio(r.p99, base.p99)}`,
        `${f(r.callsPerSecond, 0)}${ratio(r.callsPerSecond, base.callsPerSecond)}`,
        `${f(r.mib)}${ratio(r.mib, base.mib)}`,
        f(r.peak),
        f(r.rssIdle),
        `${f(r.rssEarly, 0)} → ${f(r.rssLate, 0)}`,
        String(r.warnings),
      ],
);
const headers = ['', 'cold start ms', 'its CPU ms', 'p50 ms (added)', 'p99 ms', `calls/s @${IN_FLIGHT}`, '1 MiB ms', 'peak RSS MB', 'idle RSS MB', 'RSS MB 2k → 10k calls', 'warnings'];
const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
const line = (cells) => cells.map((c, i) => (c ?? '').padEnd(widths[i])).join(' | ').trimEnd();
console.log(`\nMCP proxy benchmark — node ${process.version}, ${SEQUENTIAL_CALLS} sequential + ${PARALLEL_CALLS} parallel calls, ${LONG_SESSION_CALLS} per session; bare \`node -e 0\`: ${f(median(nodeBare))} ms`);
console.log(line(headers));
console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
for (const row of rows) console.log(line(row));
const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
console.log(`Ratios are to the direct SDK client in the same run. "its CPU ms": CPU the spawned process used until initialize was answered.`);
console.log(`RSS and warnings are the proxy process's (direct: warnings in this process); "idle RSS": ${IDLE_SETTLE_MS} ms after initialize. Load average during the run: ${load}.`);

// The proxy's targets (issue 14), as ratios in this run: to the floor for what any Node stdio process
// costs, to the direct client for what the HTTP hop costs.
const proxy = results.find((r) => r.name === 'tokentray mcp');
const floor = results.find((r) => r.name.startsWith('floor'));
if (proxy && !proxy.error && floor && !floor.error && !base.error) {
  const targets = [
    ['cold start', `${f(proxy.cold)} ms ≤ floor ${f(floor.cold)} + 50 = ${f(floor.cold + 50)} ms`, proxy.cold <= floor.cold + 50],
    ['peak RSS', `${f(proxy.peak)} MB ≤ 1.25 × floor ${f(floor.peak)} = ${f(floor.peak * 1.25)} MB (${(proxy.peak / floor.peak).toFixed(2)}×)`, proxy.peak <= floor.peak * 1.25],
    ['idle RSS after initialize', `${f(proxy.rssIdle)} MB ≤ floor ${f(floor.rssIdle)} + 10 = ${f(floor.rssIdle + 10)} MB`, proxy.rssIdle <= floor.rssIdle + 10],
    ['added p50', `${f(proxy.p50 - base.p50, 3)} ms ≤ 0.3 ms`, proxy.p50 - base.p50 <= 0.3],
    ['throughput', `${f(proxy.callsPerSecond, 0)} calls/s ≥ 0.9 × direct ${f(base.callsPerSecond, 0)} (${(proxy.callsPerSecond / base.callsPerSecond).toFixed(2)}×)`, proxy.callsPerSecond >= 0.9 * base.callsPerSecond],
    ['1 MiB', `${f(proxy.mib)} ms ≤ 1.5 × direct ${f(base.mib)} (${(proxy.mib / base.mib).toFixed(2)}×)`, proxy.mib <= 1.5 * base.mib],
    // Any Node process still warms up between 2k and 10k calls (JIT, heap sizing): the floor's growth is the allowance.
    ['10,000 calls flat', `RSS ${f(proxy.rssEarly)} → ${f(proxy.rssLate)} MB: +${f(proxy.rssLate - proxy.rssEarly)} ≤ floor's +${f(floor.rssLate - floor.rssEarly)} + 5 MB`, proxy.rssLate - proxy.rssEarly <= floor.rssLate - floor.rssEarly + 5],
  ];
  const width = Math.max(...targets.map(([name]) => name.length));
  console.log('\nTargets for tokentray mcp:');
  for (const [name, text, met] of targets) console.log(`  ${met ? 'met    ' : 'NOT met'}  ${name.padEnd(width)}  ${text}`);
  console.log(`  (cold start in CPU, which a loaded machine disturbs less: ${f(proxy.coldCpu, 0)} ms vs the floor's ${f(floor.coldCpu, 0)} ms, +${f(proxy.coldCpu - floor.coldCpu, 0)} ms)`);
}
