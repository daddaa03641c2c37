/** One read of the audit log serves the Activity table (newest N) and the chart (everything since a time), across rotated files. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../shared/audit';
import { readAuditWindow } from '../../electron/core/audit/audit-log';

const line = (time: string, tool: string): AuditRecord => ({ time, kind: 'mcp.call', profile: 'moly', status: 'ok', method: 'tools/call', tool });
const file = (entries: AuditRecord[], garbage = false) => `${entries.map((e) => JSON.stringify(e)).join('\n')}\n${garbage ? 'not json\n' : ''}`;

function home(files: AuditRecord[][]): string {
  const dir = mkdtempSync(join(tmpdir(), 'tokentray-audit-'));
  mkdirSync(join(dir, 'audit'));
  files.forEach((entries, i) => writeFileSync(join(dir, 'audit', i === 0 ? 'audit.log' : `audit.log.${i}`), file(entries, i === 0)));
  return dir;
}

describe('readAuditWindow', () => {
  // Oldest file last: audit.log.2 < audit.log.1 < audit.log.
  const current = [line('2026-06-20T00:00:00Z', 'c1'), line('2026-06-21T00:00:00Z', 'c2')];
  const previous = [line('2026-05-30T00:00:00Z', 'p1'), line('2026-06-10T00:00:00Z', 'p2')];
  const oldest = [line('2026-05-01T00:00:00Z', 'o1'), line('2026-06-15T00:00:00Z', 'o2-out-of-order')];
  const tools = (entries: Array<{ tool?: string }>) => entries.map((e) => e.tool);

  it('gives the newest entries across files and every entry since the time, stopping at the first file that reaches back past it', () => {
    const dir = home([current, previous, oldest]);
    const window = readAuditWindow(dir, { limit: 5, since: '2026-06-01T00:00:00Z' });
    expect(tools(window.tail)).toEqual(['c2', 'c1', 'p2', 'p1', 'o2-out-of-order']);
    // audit.log.1 reaches back past `since` (p1), so audit.log.2 is not read for the chart, whatever it holds.
    expect(tools(window.recent)).toEqual(['c2', 'c1', 'p2']);
  });

  it('keeps reading for the table after the chart has what it needs, and stops once both have', () => {
    const dir = home([current, previous, oldest]);
    expect(tools(readAuditWindow(dir, { limit: 2, since: '2026-01-01T00:00:00Z' }).recent)).toEqual(['c2', 'c1', 'p2', 'p1', 'o2-out-of-order', 'o1']);
    expect(tools(readAuditWindow(dir, { limit: 100, since: '2026-06-19T00:00:00Z' }).tail)).toEqual(['c2', 'c1', 'p2', 'p1', 'o2-out-of-order', 'o1']);
    expect(readAuditWindow(mkdtempSync(join(tmpdir(), 'tokentray-audit-')), { limit: 5, since: '' })).toEqual({ tail: [], recent: [] });
  });
});
