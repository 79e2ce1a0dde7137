// The renderer's Content-Security-Policy, in one place: the app:// protocol handler and the e2e server send it.

/**
 * Electron security checklist, "Define a Content Security Policy": nothing inline, no eval, no
 * remote origin. media-src admits the camera stream of the face check; img-src data:/blob: the
 * chip photo the main process hands over as PNG. 'wasm-unsafe-eval' lets the face check's
 * similarity engine compile its WebAssembly (served from 'self' like every script); it allows no
 * JavaScript eval, which 'unsafe-eval' would.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob: mediastream:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
