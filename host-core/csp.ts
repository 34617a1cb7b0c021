// One Content-Security-Policy for both hosts, sent as a response header (a <meta> CSP cannot set
// frame-ancestors and is applied only after the parser has already seen the document head).
//
// - script-src 'wasm-unsafe-eval': zxing-wasm compiles its bundled .wasm; no 'unsafe-eval'.
// - style-src 'unsafe-inline': antd v6 is CSS-in-JS and injects <style> elements at runtime
//   with generated content, which cannot be hashed ahead of time; a nonce would have to reach
//   antd's StyleProvider through a script, which buys nothing once scripts are limited to 'self'.
//   Inline styles cannot run code, so the residual risk is CSS-based exfiltration, and
//   connect-src/img-src 'self' leave nowhere to send anything.
// - img-src data:/blob: for antd icons and captured frames; media-src mediastream: for the camera.
// - worker-src 'self' only: our workers (QR decoder, revocation prep) are built files; a worker
//   from a blob: URL would run whatever string the page put in it, i.e. eval by another name.
// - No remote origin anywhere: the renderer is offline by construction; the Work System is
//   reached only through the host API.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' blob: data:",
  "media-src 'self' blob: mediastream:",
  "worker-src 'self'",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers sent with every renderer resource by either host. */
export const RENDERER_RESPONSE_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
};
