// The local authority's OCSP responder and CRLs over HTTP on the loopback interface only, so that
// outside clients (openssl ocsp, a browser's certificate viewer) can ask what the counter asks.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Der, KeyKind } from './issuer-authority';

export interface OcspHttpSource {
  answerOcsp(request: Der, now?: Date): Promise<Der>;
  publishCrl(kind: KeyKind, now: Date): Promise<Der>;
}

export interface OcspHttpServer {
  /** http://127.0.0.1:<port> */
  readonly url: string;
  close(): Promise<void>;
}

/** An OCSP request is small: a larger body is refused before it is read whole. */
const MAX_REQUEST_BYTES = 64 * 1024;

function readBody(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_REQUEST_BYTES) {
        resolve(null);
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, type: string, body: Uint8Array | string): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
}

/**
 * Serves POST / (RFC 6960, A.1: application/ocsp-request), GET /<base64 request>, and
 * GET /crl/signing.crl, /crl/auth.crl. Binds 127.0.0.1 only; port 0 picks a free one.
 */
export async function serveOcspOverHttp(
  source: OcspHttpSource,
  options: { readonly port?: number; readonly now?: () => Date } = {},
): Promise<OcspHttpServer> {
  const now = options.now ?? (() => new Date());
  const server = createServer((req, res) => {
    void (async () => {
      try {
        const path = decodeURIComponent((req.url ?? '/').split('?')[0]!);
        const crl = /^\/crl\/(signing|auth)\.crl$/.exec(path);
        if (req.method === 'GET' && crl) {
          const der = await source.publishCrl(crl[1] as KeyKind, now());
          send(res, 200, 'application/pkix-crl', der);
          return;
        }
        let request: Buffer | null = null;
        if (req.method === 'POST' && path === '/') request = await readBody(req);
        else if (req.method === 'GET' && path.length > 1)
          request = Buffer.from(path.slice(1), 'base64');
        if (request === null) {
          send(res, req.method === 'POST' ? 413 : 404, 'text/plain', 'not found');
          return;
        }
        const answer = await source.answerOcsp(new Uint8Array(request), now());
        send(res, 200, 'application/ocsp-response', answer);
      } catch (e) {
        console.warn(`[OCSP] request failed: ${(e as Error).name}`);
        send(res, 500, 'text/plain', 'error');
      }
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}
