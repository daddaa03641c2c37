// Judges one way of running a scenario against another, check by check, and prints the table the
// tests write to test-results/conformance-table.md.
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Check, CheckStatus, ScenarioResult } from './run-conformance';

/** SUCCESS above WARNING above FAILURE; INFO and SKIPPED are log lines, not verdicts. */
const RANK: Partial<Record<CheckStatus, number>> = { SUCCESS: 2, WARNING: 1, FAILURE: 0 };

/** Each verdict check's worst status (a check id may be reported more than once). */
function verdicts(checks: Check[]): Map<string, Check> {
  const worst = new Map<string, Check>();
  for (const check of checks) {
    if (RANK[check.status] === undefined) continue;
    const seen = worst.get(check.id);
    if (!seen || RANK[check.status]! < RANK[seen.status]!) worst.set(check.id, check);
  }
  return worst;
}

/** The checks `candidate` does worse than `reference` ("id: SUCCESS → FAILURE (message)"); empty when no worse. */
export function worseChecks(reference: ScenarioResult, candidate: ScenarioResult): string[] {
  if (candidate.hung !== undefined && reference.hung === undefined) return [`no result: killed after ${candidate.hung / 1000} s`];
  const before = verdicts(reference.checks);
  const after = verdicts(candidate.checks);
  const worse: string[] = [];
  for (const [id, check] of before) {
    const now = after.get(id);
    if (!now) worse.push(`${id}: ${check.status} → not reported`);
    else if (RANK[now.status]! < RANK[check.status]!) worse.push(`${id}: ${check.status} → ${now.status}${now.errorMessage ? ` (${now.errorMessage})` : ''}`);
  }
  for (const [id, check] of after) {
    if (!before.has(id) && check.status === 'FAILURE') worse.push(`${id}: FAILURE${check.errorMessage ? ` (${check.errorMessage})` : ''}`);
  }
  return worse;
}

/** A table cell, counted as the suite prints its own result: "✓ 5/5", "⚠ 0/0, 2 warnings", "✗ 3/5, 2 failed", "hung". */
export function cell(result: ScenarioResult | undefined): string {
  if (!result) return '—';
  if (result.hung !== undefined) return `hung (killed after ${result.hung / 1000} s)`;
  const all = result.checks.filter((c) => RANK[c.status] !== undefined);
  const passed = all.filter((c) => c.status === 'SUCCESS').length;
  const failed = all.filter((c) => c.status === 'FAILURE').length;
  const warnings = all.filter((c) => c.status === 'WARNING').length;
  const total = passed + failed;
  if (all.length === 0) return 'no checks';
  const mark = failed > 0 ? '✗' : warnings > 0 ? '⚠' : '✓';
  return [`${mark} ${passed}/${total}`, failed && `${failed} failed`, warnings && `${warnings} warning${warnings > 1 ? 's' : ''}`].filter(Boolean).join(', ');
}

/** One way of running every scenario (e.g. "direct", "bridge", "tokentray"). */
export interface Column {
  name: string;
  results: Map<string, ScenarioResult>;
}

/** A markdown table scenario × ways, with the last column judged against `judgeAgainst` (a column name). */
export function table(title: string, scenarios: string[], columns: Column[], judgeAgainst: string): string {
  const judged = columns.at(-1)!;
  const reference = columns.find((c) => c.name === judgeAgainst)!;
  const header = ['scenario', ...columns.map((c) => c.name), `${judged.name} worse than ${reference.name}`];
  const rows = scenarios.map((s) => {
    const a = reference.results.get(s);
    const b = judged.results.get(s);
    const worse = a && b ? worseChecks(a, b) : ['not run'];
    return [s, ...columns.map((c) => cell(c.results.get(s))), worse.length ? `**yes**: ${worse.join('; ')}` : 'no'];
  });
  const line = (cells: string[]) => `| ${cells.map((c) => c.replace(/\|/g, '\\|').replace(/\n/g, ' ')).join(' | ')} |`;
  return [`### ${title}`, '', line(header), line(header.map(() => '---')), ...rows.map(line), ''].join('\n');
}

const resultsDir = resolve(__dirname, '../../test-results');

/** Writes this part's section, then test-results/conformance-table.md from every part written so far. */
export function writeTablePart(part: string, markdown: string): string {
  const parts = join(resultsDir, 'conformance');
  mkdirSync(parts, { recursive: true });
  writeFileSync(join(parts, `${part}.md`), markdown);
  const all = readdirSync(parts)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => readFileSync(join(parts, f), 'utf8'));
  const file = join(resultsDir, 'conformance-table.md');
  writeFileSync(`${file}.tmp`, [`# MCP conformance: through tokentray vs without (${new Date().toISOString()})`, '', ...all].join('\n'));
  renameSync(`${file}.tmp`, file);
  return file;
}
