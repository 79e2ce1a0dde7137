// The app:// protocol that serves the built renderer, with the CSP on every response.
import { readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { APP_ORIGIN } from '../config/config';
import { CONTENT_SECURITY_POLICY } from './csp';

export const APP_SCHEME = 'app';

/**
 * Standard + secure so the renderer gets a real origin and a secure context (camera access).
 * No bypassCSP and no corsEnabled: the CSP header always applies and other origins cannot fetch us.
 */
export const APP_SCHEME_PRIVILEGES = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
} as const;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
  // The face engine's model weights and TensorFlow.js's WASM binaries (renderer/src/face).
  '.bin': 'application/octet-stream',
  '.wasm': 'application/wasm',
};

export function securityHeaders(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Referrer-Policy': 'no-referrer',
  };
}

/** Returns the handler for protocol.handle('app', …): files under rootDir only, CSP on every reply. */
export function createAppProtocolHandler(rootDir: string) {
  const root = resolve(rootDir);
  return async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    const notFound = () =>
      new Response('not found', { status: 404, headers: securityHeaders('text/plain') });
    if (`${url.protocol}//${url.host}` !== APP_ORIGIN || request.method !== 'GET')
      return notFound();
    let path: string;
    try {
      path = decodeURIComponent(url.pathname);
    } catch {
      return notFound();
    }
    const file = resolve(root, `.${path === '/' ? '/clerk.html' : path}`);
    // No way out of the renderer folder, whatever the path says.
    if (!file.startsWith(root + sep)) return notFound();
    const type = CONTENT_TYPES[extname(file)];
    if (!type) return notFound();
    try {
      const body = await readFile(file);
      return new Response(new Uint8Array(body), { status: 200, headers: securityHeaders(type) });
    } catch {
      return notFound();
    }
  };
}
