import { createServer, request, type IncomingHttpHeaders } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { isLoopbackHost } from '../../shared/url-policy';

/** What the proxy was asked to do: an absolute-URI request (HTTP_PROXY) or a CONNECT tunnel (HTTPS_PROXY). */
export interface ProxiedRequest {
  method: string;
  /** The absolute URL, or host:port for CONNECT. */
  target: string;
  headers: IncomingHttpHeaders;
}

export interface ForwardProxy {
  /** e.g. http://127.0.0.1:40111, for HTTP_PROXY / HTTPS_PROXY. */
  url: string;
  requests: ProxiedRequest[];
  close(): Promise<void>;
}

/**
 * A tiny forward proxy on 127.0.0.1 for tests: forwards absolute-URI requests and tunnels CONNECT,
 * to loopback targets only (anything else gets 403, so a test can never reach the internet).
 */
export async function startForwardProxy(): Promise<ForwardProxy> {
  const requests: ProxiedRequest[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    requests.push({ method: req.method ?? 'GET', target: req.url ?? '', headers: req.headers });
    let target: URL;
    try {
      target = new URL(req.url ?? '');
    } catch {
      res.writeHead(400).end('absolute URI required');
      return;
    }
    if (!isLoopbackHost(target.hostname)) {
      res.writeHead(403).end('test proxy forwards to loopback only');
      return;
    }
    const upstream = request({ host: target.hostname.replace(/^\[|\]$/g, ''), port: target.port, path: `${target.pathname}${target.search}`, method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('connect', (req, client: Socket, head: Buffer) => {
    requests.push({ method: 'CONNECT', target: req.url ?? '', headers: req.headers });
    const [host, port] = [(req.url ?? '').replace(/:\d+$/, '').replace(/^\[|\]$/g, ''), Number(/:(\d+)$/.exec(req.url ?? '')?.[1])];
    if (!isLoopbackHost(host) || !port) {
      client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    const upstream = connect(port, host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
