// Serving the built renderer from a folder, shared by the Electron custom-scheme handler and the
// browser host server. The only way out of the folder would be a crafted path, so every path is
// decoded once, normalised, and must still resolve (after symlinks) inside the root.
import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  // WebAssembly.instantiateStreaming insists on this exact type.
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webm': 'video/webm',
  '.mp4': 'video/mp4',
};

export function contentTypeFor(filePath: string): string {
  return CONTENT_TYPES[extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

export type StaticLookup =
  | { readonly ok: true; readonly filePath: string }
  | { readonly ok: false; readonly status: 400 | 403 | 404; readonly reason: string };

/**
 * Maps a URL pathname (still percent-encoded, as in `new URL(...).pathname`) to a file inside
 * `rootDir`. Refuses traversal (`..`, encoded or not), backslashes, NUL and absolute escapes.
 */
export async function resolveStaticFile(rootDir: string, urlPathname: string): Promise<StaticLookup> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPathname);
  } catch {
    return { ok: false, status: 400, reason: 'bad percent-encoding' };
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return { ok: false, status: 400, reason: 'forbidden character' };
  if (decoded.split('/').some((segment) => segment === '..')) return { ok: false, status: 403, reason: 'path traversal' };
  const relativePath = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const root = resolve(rootDir);
  const candidate = resolve(root, relativePath);
  if (!isInside(root, candidate)) return { ok: false, status: 403, reason: 'path traversal' };
  try {
    const [realRoot, realCandidate] = await Promise.all([realpath(root), realpath(candidate)]);
    if (!isInside(realRoot, realCandidate)) return { ok: false, status: 403, reason: 'link outside root' };
    const info = await stat(realCandidate);
    if (info.isDirectory()) return resolveStaticFile(rootDir, `${urlPathname.replace(/\/+$/, '')}/index.html`);
    if (!info.isFile()) return { ok: false, status: 404, reason: 'not a file' };
    return { ok: true, filePath: realCandidate };
  } catch {
    return { ok: false, status: 404, reason: 'not found' };
  }
}

function isInside(root: string, candidate: string): boolean {
  const rel = relative(root, candidate);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) && !rel.split(sep).includes('..');
}

export interface StaticResult {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: Uint8Array | string;
}

/** Reads one renderer file and returns it with the shared security headers. */
export async function readStaticFile(
  rootDir: string,
  urlPathname: string,
  securityHeaders: Readonly<Record<string, string>>,
): Promise<StaticResult> {
  const lookup = await resolveStaticFile(rootDir, urlPathname);
  if (!lookup.ok) {
    return { status: lookup.status, headers: { ...securityHeaders, 'content-type': 'text/plain; charset=utf-8' }, body: lookup.reason };
  }
  const body = await readFile(lookup.filePath);
  return {
    status: 200,
    headers: { ...securityHeaders, 'content-type': contentTypeFor(lookup.filePath), 'cache-control': 'no-cache' },
    body: new Uint8Array(body.buffer, body.byteOffset, body.byteLength),
  };
}
