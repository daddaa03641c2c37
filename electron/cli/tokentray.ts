#!/usr/bin/env node
/**
 * The `tokentray` bin, plain JavaScript (no TypeScript loader at run time). It only picks a bundle:
 * `tokentray mcp …` — spawned by editors for every session — loads just the proxy, not every command.
 */
const argv = process.argv.slice(2);
const bundle = argv[0] === 'mcp' ? './tokentray-mcp.js' : './tokentray-all.js';
// eslint-disable-next-line @typescript-eslint/no-require-imports
(require(bundle) as { main(argv: string[]): void }).main(argv);
