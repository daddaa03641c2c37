import { existsSync, writeSync } from 'node:fs';
import type { Env } from './paths';

/** Steps of an agent takeover where a crash test may stop the process (PAT rotation passes its own step names). */
export type TakeoverStep = 'rotated' | 'temp-written' | 'temp-synced' | 'renamed';

/** The line written to stderr when paused, so a test knows when to kill. */
export const PAUSED_MARKER = 'tokentray-test-paused:';

/**
 * A test hook, inert unless TOKENTRAY_TEST_PAUSE_AT names steps (comma-separated): at each named
 * step it writes `tokentray-test-paused:<step>` to stderr and blocks until killed, or until the
 * file named by TOKENTRAY_TEST_RESUME_FILE exists. Tests use it to SIGKILL the CLI mid-takeover.
 */
export function testPauseHook<Step extends string = TakeoverStep>(env: Env): ((step: Step) => void) | undefined {
  const steps = env.TOKENTRAY_TEST_PAUSE_AT?.split(',').map((s) => s.trim());
  if (!steps || steps.length === 0 || steps[0] === '') return undefined;
  const resumeFile = env.TOKENTRAY_TEST_RESUME_FILE;
  return (step) => {
    if (!steps.includes(step)) return;
    writeSync(2, `${PAUSED_MARKER}${step}\n`);
    // Synchronous on purpose: the write path between steps is synchronous too.
    const cell = new Int32Array(new SharedArrayBuffer(4));
    while (!(resumeFile && existsSync(resumeFile))) Atomics.wait(cell, 0, 0, 20);
  };
}
