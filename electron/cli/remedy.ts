import type { Remedy } from '../../shared/remedy';

/** A remedy in command-line words: what to type next. */
export function cliRemedy(remedy: Remedy): string {
  switch (remedy.kind) {
    case 'confirm':
      return 'To take it over here anyway, run the same command again with --force.';
  }
}
