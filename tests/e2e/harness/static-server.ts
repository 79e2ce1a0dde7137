// Serves the built renderer on 127.0.0.1 with the app's CSP on every response, standing in for app://counter.
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, resolve, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../../../main/windows/csp';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  // The face engine's models and WASM binaries (renderer/src/face), as app:// serves them.
  '.json': 'application/json',
  '.bin': 'application/octet-stream',
  '.wasm': 'application/wasm',
};

export interface StaticServer {
  /** http://127.0.0.1:<port>, the origin the core trusts for this test. */
  readonly origin: string;
  close(): Promise<void>;
}

export async function startStaticServer(rootDir: string): Promise<StaticServer> {
  const root = resolve(rootDir);
  const server: Server = createServer((request, response) => {
    const headers = (type: string) => ({
      'Content-Type': type,
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
    });
    const notFound = () => {
      response.writeHead(404, headers('text/plain; charset=utf-8'));
      response.end('not found');
    };
    // Chromium asks an http origin for a favicon; app:// never does. Answer empty, not 404.
    if (request.url === '/favicon.ico') {
      response.writeHead(204, headers('image/x-icon'));
      return response.end();
    }
    let path: string;
    try {
      path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    } catch {
      return notFound();
    }
    const file = resolve(root, `.${path === '/' ? '/clerk.html' : path}`);
    const type = CONTENT_TYPES[extname(file)];
    if (request.method !== 'GET' || !file.startsWith(root + sep) || !type) return notFound();
    readFile(file).then(
      (body) => {
        response.writeHead(200, headers(type));
        response.end(body);
      },
      () => notFound(),
    );
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolveListen());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('server has no port');
  return {
    origin: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>((resolveClose) => {
        server.closeAllConnections();
        server.close(() => resolveClose());
      }),
  };
}
