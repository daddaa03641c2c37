import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, jsonNestingProblem, readJsonFile } from '../../electron/core/fs/json-file';

const deep = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;

describe('jsonNestingProblem', () => {
  it('accepts ordinary nesting up to the limit and refuses one more level, naming line and column', () => {
    expect(jsonNestingProblem(deep(MAX_JSON_DEPTH))).toBeNull();
    expect(jsonNestingProblem(`{\n  "a": ${deep(MAX_JSON_DEPTH + 1)}}`)).toBe(`nested more than ${MAX_JSON_DEPTH} levels deep at line 2, column ${7 + MAX_JSON_DEPTH}`);
  });

  it('skips brackets inside strings (with escaped quotes) and comments', () => {
    const brackets = '['.repeat(MAX_JSON_DEPTH * 2);
    expect(jsonNestingProblem(`{"a": "${brackets}\\"${brackets}", "b": "\\\\"}`)).toBeNull();
    expect(jsonNestingProblem(`{// ${brackets}\n/* ${brackets} */ "a": 1}`)).toBeNull();
  });

  it('100,000 nested brackets: an answer, not a stack overflow', () => {
    expect(jsonNestingProblem(`{"x": ${deep(100_000)}}`)).toMatch(/^nested more than/);
  });
});

describe('readJsonFile', () => {
  it('a deeply nested file is metadata_corrupt naming the file, never a RangeError', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'tokentray-json-')), 'profiles.json');
    writeFileSync(path, `{"profiles": ${deep(100_000)}}`);
    expect(() => readJsonFile(path, {}, () => null)).toThrow(`${path} is corrupt (nested more than ${MAX_JSON_DEPTH} levels deep at line 1, column ${13 + MAX_JSON_DEPTH}).`);
  });

  it('a syntax error names the position and never quotes the text', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'tokentray-json-')), 'profiles.json');
    writeFileSync(path, '{"profiles": [], "secret": "mootup_pat_abc" x}');
    let message = '';
    try {
      readJsonFile(path, {}, () => null);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/is corrupt \(not valid JSON at line 1, column \d+\)/);
    expect(message).not.toContain('mootup_pat_abc');
  });
});
