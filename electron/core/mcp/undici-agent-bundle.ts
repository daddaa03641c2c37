// Built by scripts/build.mjs into dist/cli/undici-agent.js: undici's EnvHttpProxyAgent and only what
// it needs, as one file, so `tokentray mcp` starts fast (loading undici module by module costs about
// twice as much). The relative paths keep the build from treating it as the external `undici` package.
// The build leaves undici's HTTP/2 client out: the proxy's agent has `allowH2: false` (stream-dispatcher.ts).

// As undici's own index does: dispatchers get request/connect/…; ProxyAgent tunnels with connect().
const Dispatcher = require('../../../node_modules/undici/lib/dispatcher/dispatcher.js') as { prototype: object };
Object.assign(Dispatcher.prototype, require('../../../node_modules/undici/lib/api/index.js'));
module.exports = require('../../../node_modules/undici/lib/dispatcher/env-http-proxy-agent.js');
