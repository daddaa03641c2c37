#!/usr/bin/env node
/**
 * The `tokentray` bin, plain JavaScript (no TypeScript loader at run time). It only picks a bundle:
 * `tokentray mcp …` — spawned by editors for every session — loads just the proxy, not every command.
 */
import { enableCompileCache } from 'node:module';
import { join } from 'node:path';
import { makeDirBounded } from '../core/home';
import { tokentrayHome } from '../core/paths';

try {
  // V8 keeps the bundles' compiled code in TOKENTRAY_HOME/cache (no secrets: code only), which takes
  // ~10 ms off every start after the first. The folder is made here, one bounded mkdir per level:
  // Node's own recursive mkdir (inside enableCompileCache) spins forever where no folder can be
  // made, e.g. under /proc. No folder, no cache.
  const cache = join(tokentrayHome(), 'cache');
  makeDirBounded(cache);
  enableCompileCache(cache);
} catch {
  // an older Node, or a folder we cannot make or write: compile as usual
}

const argv = process.argv.slice(2);
const bundle = argv[0] === 'mcp' ? './tokentray-mcp.js' : './tokentray-all.js';
(require(bundle) as { main(argv: string[]): void }).main(argv);
