/**
 * jsonc-parser, imported through its ESM build: the package's `main` is a UMD bundle whose
 * dynamic `require('./impl/format')` esbuild cannot follow, so the bundled CLI would fail at start.
 */
export { applyEdits, findNodeAtLocation, modify, parse, parseTree, printParseErrorCode } from 'jsonc-parser/lib/esm/main.js';
export type { FormattingOptions, JSONPath, ParseError } from 'jsonc-parser/lib/esm/main.js';
