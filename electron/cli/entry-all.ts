import { runOnProcess } from './cli-main';
import { COMMANDS } from './commands/index';

/** Every command (dist/cli/tokentray-all.js). */
export function main(argv: string[]): void {
  runOnProcess(COMMANDS, argv);
}
