// A production build carries no trust anchors of its own (the pinned ones are packaged beside it,
// from resources/anchors/production.jwks.json) and, above all, no demo anchors: a kiosk that
// trusted the reference Work System's demo keys would accept cards anyone can issue.
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { BuildFile } from './build-output';
import { type CheckResult, pass, verdict } from './check-result';
import { PRODUCTION_ANCHORS } from './builder-config';

interface JwkLike {
  readonly kty?: unknown;
  readonly x?: unknown;
}

/** The JWKs of a JWKS document, or null when the text is not one. */
export function jwksKeys(text: string): JwkLike[] | null {
  try {
    const json = JSON.parse(text) as { keys?: unknown };
    if (!json || typeof json !== 'object' || !Array.isArray(json.keys)) return null;
    const keys = json.keys.filter((key): key is JwkLike => !!key && typeof key === 'object' && 'kty' in key);
    return keys.length > 0 ? keys : null;
  } catch {
    return null;
  }
}

/** No JWKS document anywhere in the build output. */
export async function checkNoJwksInBuild(files: readonly BuildFile[]): Promise<CheckResult> {
  const problems: string[] = [];
  for (const file of files) {
    if (/\.jwks(\.json)?$/i.test(file.name)) {
      problems.push(`${file.name}: a JWKS file`);
      continue;
    }
    if (extname(file.name).toLowerCase() === '.json' && jwksKeys(await readFile(file.path, 'utf8'))) problems.push(`${file.name}: a JWKS document`);
  }
  return verdict('anchors.no-jwks-in-build', problems, `no JWKS among ${files.length} built files (the pinned anchors are packaged from ${PRODUCTION_ANCHORS})`, 'JWKS files in the build output');
}

export interface KnownJwks {
  readonly name: string;
  readonly text: string;
}

/**
 * The public key coordinates of every non-production JWKS on this machine (demo Work System data,
 * test fixtures) must not occur in any built file: that is how an inlined demo anchor would show.
 */
export async function checkNoDemoKeyMaterial(files: readonly BuildFile[], known: readonly KnownJwks[]): Promise<CheckResult> {
  const id = 'anchors.no-demo-key-material';
  const coordinates = new Map<string, string>();
  for (const jwks of known) {
    if (jwks.name === PRODUCTION_ANCHORS) continue;
    for (const key of jwksKeys(jwks.text) ?? []) if (typeof key.x === 'string' && key.x.length >= 20) coordinates.set(key.x, jwks.name);
  }
  if (coordinates.size === 0) return pass(id, 'no demo or test JWKS on this machine to compare against (run the demo once to compare its anchors)');
  const problems: string[] = [];
  for (const file of files) {
    const text = (await readFile(file.path)).toString('latin1');
    for (const [x, origin] of coordinates) if (text.includes(x)) problems.push(`${file.name} contains the key x=${x.slice(0, 12)}… of ${origin}`);
  }
  return verdict(id, problems, `none of ${coordinates.size} demo/test key(s) from ${[...new Set(coordinates.values())].join(', ')} occurs in the build`, 'demo or test key material in the build');
}

/** A P-256 public JWK written out: `x` and `y`, each 43 base64url characters, in one object. */
const INLINED_EC_KEY =
  /\bx["']?\s*:\s*["'`][A-Za-z0-9_-]{43}["'`][^{}]{0,300}?\by["']?\s*:\s*["'`][A-Za-z0-9_-]{43}["'`]|\by["']?\s*:\s*["'`][A-Za-z0-9_-]{43}["'`][^{}]{0,300}?\bx["']?\s*:\s*["'`][A-Za-z0-9_-]{43}["'`]/g;

/**
 * Whatever its origin, no EC public key is written into the build: the pinned anchors are read
 * from the packaged resources at run time, and every other key arrives in signed data. An
 * inlined key is how a demo anchor compiled into the app would look even on a machine that has
 * never run the demo (where checkNoDemoKeyMaterial has nothing to compare against).
 */
export async function checkNoInlinedEcKeys(files: readonly BuildFile[]): Promise<CheckResult> {
  const problems: string[] = [];
  for (const file of files) {
    if (!/\.(c?js|mjs|json|html)$/i.test(file.name)) continue;
    const text = await readFile(file.path, 'utf8');
    for (const match of text.matchAll(INLINED_EC_KEY)) problems.push(`${file.name}:${text.slice(0, match.index).split('\n').length} ${match[0].slice(0, 60)}…`);
  }
  return verdict('anchors.no-inlined-keys', problems, 'no EC public key (x and y coordinates) is written into the build', 'EC public keys compiled into the build');
}
