// Built by scripts/build.mjs into dist/cli/undici-agent.js: undici's EnvHttpProxyAgent and only what
// it needs, as one file, so `tokentray mcp` starts fast (loading undici module by module costs about
// twice as much). The relative paths keep the build from treating it as the external `undici` package.
import Module from 'node:module';

// undici loads node:http2 eagerly but uses it only with `allowH2`, which the proxy sets to false
// (stream-dispatcher.ts; undici 8 defaults it to true); undici already copes with a Node built without
// http2, so skipping it here saves 15–30 ms of every start.
const prototype = Module.prototype as unknown as { require: (id: string) => unknown };
const original = prototype.require;
prototype.require = function (this: unknown, id: string) {
  if (id === 'node:http2') throw new Error('http2 is not needed by tokentray mcp');
  return original.call(this, id);
};
try {
  // As undici's own index does: dispatchers get request/connect/…; ProxyAgent tunnels with connect().
  const Dispatcher = require('../../../node_modules/undici/lib/dispatcher/dispatcher.js') as { prototype: object };
  Object.assign(Dispatcher.prototype, require('../../../node_modules/undici/lib/api/index.js'));
  module.exports = require('../../../node_modules/undici/lib/dispatcher/env-http-proxy-agent.js');
} finally {
  prototype.require = original;
}
