import { runOnProcess } from './cli-main';
import { mcp } from './commands/mcp';

/** Only `tokentray mcp` (dist/cli/tokentray-mcp.js): the proxy's start-up pays for nothing else. */
export function main(argv: string[]): void {
  runOnProcess([mcp], argv);
}
