// §8 audit entry and its hash chain. The same code hashes on the kiosk and checks on the server.
import canonicalize from 'canonicalize';
import { z } from 'zod';
import { encodeBase64url } from '../encoding/base64url';
import { sha256 } from '../encoding/sha256';
import { INDETERMINATE_REASONS, INVALID_REASONS, WARNINGS } from '../verify/result';

/** `prev` of entry 1: b64u of 32 zero bytes. */
export const GENESIS_PREV = 'A'.repeat(43);

export const AUDIT_EVENTS = [
  'verify',
  'signin',
  'signout',
  'trust_update',
  'revocations_update',
  'settings_change',
  'export',
] as const;
export type AuditEvent = (typeof AUDIT_EVENTS)[number];

const sha256B64u = z.string().regex(/^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$/, 'not a b64u SHA-256');
const nullableText = (max: number) => z.string().min(1).max(max).nullable();

export const auditEntrySchema = z.strictObject({
  id: z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, 'not a UUIDv7'),
  seq: z.int().positive(),
  at: z.iso.datetime({ precision: 3 }),
  kiosk: z.string().min(1).max(64),
  operator: nullableText(64),
  event: z.enum(AUDIT_EVENTS),
  verdict: z.enum(['valid', 'invalid', 'indeterminate']).nullable(),
  reasons: z.array(z.enum([...INVALID_REASONS, ...INDETERMINATE_REASONS])).max(32).nullable(),
  warnings: z.array(z.enum(WARNINGS)).max(8).nullable(),
  typ: z.enum(['essc', 'wpn']).nullable(),
  iss: nullableText(32),
  kid: nullableText(11),
  permitNo: nullableText(24),
  jti: nullableText(32),
  token: sha256B64u.nullable(),
  trustSeq: z.int().nonnegative().nullable(),
  revocationSeq: z.int().nonnegative().nullable(),
  prev: sha256B64u,
  hash: sha256B64u,
});

export type AuditEntry = z.infer<typeof auditEntrySchema>;
export type UnhashedAuditEntry = Omit<AuditEntry, 'hash'>;
/** What the caller decides about an entry; chain position, id and time come from the appender. */
export type AuditFacts = Omit<UnhashedAuditEntry, 'id' | 'seq' | 'at' | 'kiosk' | 'prev'>;

/** hash = b64u(SHA-256(JCS(entry without "hash"))), JCS = RFC 8785. */
export async function hashAuditEntry(entry: UnhashedAuditEntry): Promise<string> {
  const { hash: _ignored, ...rest } = entry as AuditEntry;
  const canonical = canonicalize(rest);
  if (canonical === undefined) throw new TypeError('audit entry is not serialisable');
  return encodeBase64url(await sha256(canonical));
}

export interface ChainTip {
  readonly seq: number;
  readonly hash: string;
}

/** Builds the next entry of a kiosk's chain; `tip` null means this is entry 1. */
export async function chainAuditEntry(
  tip: ChainTip | null,
  facts: AuditFacts,
  position: { readonly id: string; readonly at: Date; readonly kiosk: string },
): Promise<AuditEntry> {
  const unhashed: UnhashedAuditEntry = {
    id: position.id,
    seq: (tip?.seq ?? 0) + 1,
    at: position.at.toISOString(),
    kiosk: position.kiosk,
    ...facts,
    prev: tip?.hash ?? GENESIS_PREV,
  };
  return { ...unhashed, hash: await hashAuditEntry(unhashed) };
}

export type ChainProblem = 'SEQ_GAP' | 'PREV_MISMATCH' | 'HASH_MISMATCH' | 'KIOSK_MISMATCH';

export type ChainCheck =
  | { readonly ok: true; readonly tip: ChainTip | null; readonly checked: number }
  | { readonly ok: false; readonly seq: number; readonly problem: ChainProblem };

/**
 * Checks that `entries` (ordered by seq) continue the chain from `from` (null: from the
 * genesis) with no gap, each `prev` the hash before it and each `hash` recomputable.
 */
export async function verifyAuditChain(
  entries: Iterable<AuditEntry>,
  from: ChainTip | null = null,
): Promise<ChainCheck> {
  let tip = from;
  let kiosk: string | undefined;
  let checked = 0;
  for (const entry of entries) {
    if (kiosk !== undefined && entry.kiosk !== kiosk) return { ok: false, seq: entry.seq, problem: 'KIOSK_MISMATCH' };
    kiosk = entry.kiosk;
    if (entry.seq !== (tip?.seq ?? 0) + 1) return { ok: false, seq: entry.seq, problem: 'SEQ_GAP' };
    if (entry.prev !== (tip?.hash ?? GENESIS_PREV)) return { ok: false, seq: entry.seq, problem: 'PREV_MISMATCH' };
    if ((await hashAuditEntry(entry)) !== entry.hash) return { ok: false, seq: entry.seq, problem: 'HASH_MISMATCH' };
    tip = { seq: entry.seq, hash: entry.hash };
    checked++;
  }
  return { ok: true, tip, checked };
}
