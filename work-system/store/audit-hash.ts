// The §8 entry hash computed synchronously with node:crypto for the ingest path. It must equal
// shared/audit hashAuditEntry bit for bit (a property test holds it to that); it exists because
// WebCrypto's async digest and a generic JCS walk cost more per entry than the SQLite insert.
import { hash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { AuditEntry } from '../../shared/audit/audit-entry';

/**
 * Members of a schema-checked entry (strict object) other than `hash`, in RFC 8785 order
 * (UTF-16 code-unit order of the names; all ASCII here).
 */
const CANONICAL_MEMBERS = [
  'at', 'event', 'id', 'iss', 'jti', 'kid', 'kiosk', 'operator', 'permitNo', 'prev',
  'reasons', 'revocationSeq', 'seq', 'token', 'trustSeq', 'typ', 'verdict', 'warnings',
] as const satisfies readonly (keyof AuditEntry)[];

/**
 * RFC 8785 form of the entry without `hash`. For this flat shape (strings, integers, null,
 * arrays of strings) JCS is JSON.stringify with the members sorted; anything else falls back to
 * the general implementation.
 */
export function canonicalAuditBody(entry: AuditEntry): string {
  if (Object.keys(entry).length !== CANONICAL_MEMBERS.length + 1) return generalCanonical(entry);
  for (const name of CANONICAL_MEMBERS) if (!isPlainValue(entry[name])) return generalCanonical(entry);
  // A replacer array emits exactly those members, in its order (and drops `hash`); values are
  // strings, safe integers, null and arrays of strings, which JSON.stringify writes as JCS does.
  return JSON.stringify(entry, CANONICAL_MEMBER_LIST);
}

const CANONICAL_MEMBER_LIST: string[] = [...CANONICAL_MEMBERS];

/** Surrogates (paired or lone) go the general way, which refuses lone ones as JCS requires. */
const SURROGATE = /[\uD800-\uDFFF]/;

function isPlainValue(value: unknown): boolean {
  if (value === null) return true;
  if (typeof value === 'string') return !SURROGATE.test(value);
  if (typeof value === 'number') return Number.isSafeInteger(value);
  if (Array.isArray(value)) return value.every((v) => typeof v === 'string' && !SURROGATE.test(v));
  return false;
}

function generalCanonical(entry: AuditEntry): string {
  const { hash: _hash, ...rest } = entry;
  const text = canonicalize(rest);
  if (text === undefined) throw new TypeError('audit entry is not serialisable');
  return text;
}

/** b64u(SHA-256(body)); the one-shot crypto.hash avoids a Hash object per entry. */
export function hashCanonicalBody(body: string): string {
  return hash('sha256', body, 'base64url');
}
