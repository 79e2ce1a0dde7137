// The app:// protocol: renderer files only, with the CSP on every response.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../main/windows/csp';
import { APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from '../../../main/windows/protocol';

let handler: (r: Request) => Promise<Response>;

beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), 'madoguchi-proto-'));
  mkdirSync(join(dir, 'renderer', 'assets'), { recursive: true });
  writeFileSync(join(dir, 'renderer', 'clerk.html'), '<!doctype html><title>x</title>');
  writeFileSync(join(dir, 'renderer', 'assets', 'a.js'), 'export {}');
  mkdirSync(join(dir, 'renderer', 'face', 'models'), { recursive: true });
  mkdirSync(join(dir, 'renderer', 'face', 'wasm'), { recursive: true });
  writeFileSync(join(dir, 'renderer', 'face', 'models', 'm.bin'), Uint8Array.of(1, 2, 3));
  writeFileSync(
    join(dir, 'renderer', 'face', 'wasm', 'e.wasm'),
    Uint8Array.of(0, 0x61, 0x73, 0x6d),
  );
  writeFileSync(join(dir, 'secret.txt'), 'outside');
  handler = createAppProtocolHandler(join(dir, 'renderer'));
});

describe('app:// protocol', () => {
  it('serves the renderer with the CSP and nosniff', async () => {
    const res = await handler(new Request('app://counter/clerk.html'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
  });

  it("serves the face engine's model weights and WASM binaries with their types and the CSP", async () => {
    const wasm = await handler(new Request('app://counter/face/wasm/e.wasm'));
    expect(wasm.status).toBe(200);
    // application/wasm: WebAssembly.instantiateStreaming compiles only that type.
    expect(wasm.headers.get('content-type')).toBe('application/wasm');
    expect(wasm.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    const bin = await handler(new Request('app://counter/face/models/m.bin'));
    expect(bin.status).toBe(200);
    expect(bin.headers.get('content-type')).toBe('application/octet-stream');
  });

  it('puts the CSP on errors too', async () => {
    const res = await handler(new Request('app://counter/missing.js'));
    expect(res.status).toBe(404);
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('never serves a file outside the renderer folder', async () => {
    for (const path of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/%2e%2e/%2e%2e/secret.txt',
    ]) {
      const res = await handler(new Request(`app://counter${path}`));
      expect(res.status, path).toBe(404);
    }
  });

  it('answers only its own host', async () => {
    const res = await handler(new Request('app://other/clerk.html'));
    expect(res.status).toBe(404);
  });

  it('allows scripts from self only and never bypasses the CSP or opens CORS', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    // WebAssembly compilation for the face engine, and nothing more: no JavaScript eval, nothing inline.
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self' 'wasm-unsafe-eval';");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/'unsafe-(eval|inline)'|unsafe-hashes/);
    expect(APP_SCHEME_PRIVILEGES).not.toHaveProperty('bypassCSP');
    expect(APP_SCHEME_PRIVILEGES).not.toHaveProperty('corsEnabled');
    expect(APP_SCHEME_PRIVILEGES.secure).toBe(true);
  });
});
