// The Work System's data directory: database, key files and the public anchors JWKS. Private
// keys are secrets of the operator: the directory is 0700 and each key file 0600, re-tightened
// at every start in case a copy or an unpack loosened them.
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const OWNER_ONLY_DIR = 0o700;
export const OWNER_ONLY_FILE = 0o600;

export interface DataDirPaths {
  readonly root: string;
  readonly database: string;
  readonly keysDir: string;
  /** The public JWKS of the trust anchors, for kiosks to pin. */
  readonly anchorsJwks: string;
}

export function dataDirPaths(dataDir: string): DataDirPaths {
  const root = resolve(dataDir);
  return {
    root,
    database: join(root, 'work-system.sqlite'),
    keysDir: join(root, 'keys'),
    anchorsJwks: join(root, 'anchors.jwks.json'),
  };
}

/**
 * Creates `dir` owner-only. An existing directory is tightened only when `tighten` is set (the
 * keys directory): the data dir may be one the operator chose and shares, such as /srv/ws.
 */
export function ensureOwnerOnlyDir(dir: string, tighten = true): void {
  const existed = existsSync(dir);
  mkdirSync(dir, { recursive: true, mode: OWNER_ONLY_DIR });
  if ((!existed || tighten) && (statSync(dir).mode & 0o777) !== OWNER_ONLY_DIR) chmodSync(dir, OWNER_ONLY_DIR);
}

/** Writes a file readable by the owner only; via a temporary name so a crash leaves no half key. */
export function writeSecretFile(path: string, content: string): void {
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, content, { mode: OWNER_ONLY_FILE, flag: 'w' });
  chmodSync(tmp, OWNER_ONLY_FILE); // the umask cannot loosen it, but a pre-existing tmp file could
  renameSync(tmp, path);
}

export function readSecretFile(path: string): string {
  if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, OWNER_ONLY_FILE);
  return readFileSync(path, 'utf8');
}

export function writePublicFile(path: string, content: string): void {
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, content, { mode: 0o644 });
  renameSync(tmp, path);
}

export function fileExists(path: string): boolean {
  return existsSync(path);
}
