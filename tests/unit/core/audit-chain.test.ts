// §8 audit entries: hash = b64u(SHA-256(JCS(entry without "hash"))), chained by `prev` from 43 'A's.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  auditEntrySchema,
  chainAuditEntry,
  GENESIS_PREV,
  hashAuditEntry,
  verifyAuditChain,
  type AuditEntry,
  type AuditFacts,
  type UnhashedAuditEntry,
} from '../../../shared/audit/audit-entry';

const sha256B64u = (s: string) => createHash('sha256').update(s, 'utf8').digest('base64url');
const TOKEN = sha256B64u('essc:/00');

/** A hand-written entry 1 with a non-ASCII operator name, and its RFC 8785 form written by hand. */
const HAND_ENTRY: UnhashedAuditEntry = {
  id: '01936b2e-8f00-7abc-8def-0123456789ab',
  seq: 1,
  at: '2026-11-22T08:00:00.000Z',
  kiosk: 'kiosk-7',
  operator: '王芳',
  event: 'verify',
  verdict: 'invalid',
  reasons: ['CLOCK_BEHIND', 'PERMIT_EXPIRED'],
  warnings: ['TRUST_LIST_STALE'],
  typ: 'essc',
  iss: 'CN-310000',
  kid: 'AAAAAAAAAAA',
  permitNo: '156120241201000123',
  jti: 'q3VbW0l8Sg2uJx1Zr9tQ5w',
  token: TOKEN,
  trustSeq: 17,
  revocationSeq: null,
  prev: 'A'.repeat(43),
};
const HAND_JCS =
  '{"at":"2026-11-22T08:00:00.000Z","event":"verify","id":"01936b2e-8f00-7abc-8def-0123456789ab",' +
  '"iss":"CN-310000","jti":"q3VbW0l8Sg2uJx1Zr9tQ5w","kid":"AAAAAAAAAAA","kiosk":"kiosk-7",' +
  '"operator":"王芳","permitNo":"156120241201000123","prev":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",' +
  '"reasons":["CLOCK_BEHIND","PERMIT_EXPIRED"],"revocationSeq":null,"seq":1,' +
  `"token":"${TOKEN}","trustSeq":17,"typ":"essc","verdict":"invalid","warnings":["TRUST_LIST_STALE"]}`;

const verifyFacts: AuditFacts = {
  operator: 'op-1',
  event: 'verify',
  verdict: 'valid',
  reasons: [],
  warnings: [],
  typ: 'essc',
  iss: 'CN-310000',
  kid: 'AAAAAAAAAAA',
  permitNo: '156120241201000123',
  jti: 'q3VbW0l8Sg2uJx1Zr9tQ5w',
  token: TOKEN,
  trustSeq: 17,
  revocationSeq: 120,
};
const signinFacts: AuditFacts = {
  operator: 'op-1',
  event: 'signin',
  verdict: null,
  reasons: null,
  warnings: null,
  typ: null,
  iss: null,
  kid: null,
  permitNo: null,
  jti: null,
  token: null,
  trustSeq: null,
  revocationSeq: null,
};

const idOf = (n: number) => `01936b2e-8f00-7abc-8def-${String(n).padStart(12, '0')}`;

async function buildChain(n: number, kiosk = 'kiosk-7'): Promise<AuditEntry[]> {
  const entries: AuditEntry[] = [];
  for (let i = 1; i <= n; i++) {
    const tip = entries.at(-1) ?? null;
    const facts = i % 2 ? verifyFacts : signinFacts;
    entries.push(
      await chainAuditEntry(tip, facts, {
        id: idOf(i),
        at: new Date(Date.UTC(2026, 10, 22, 8, 0, i)),
        kiosk,
      }),
    );
  }
  return entries;
}

/** Re-hashes an entry after a change, as a forger who knows the algorithm would. */
async function rehash(entry: AuditEntry, change: Partial<AuditEntry>): Promise<AuditEntry> {
  const { hash: _old, ...rest } = { ...entry, ...change };
  return { ...rest, hash: await hashAuditEntry(rest) };
}

describe('§8 prev of entry 1', () => {
  it('GENESIS_PREV is 43 A characters, the b64u of 32 zero bytes', () => {
    expect(GENESIS_PREV).toBe('A'.repeat(43));
    expect(GENESIS_PREV).toBe(Buffer.alloc(32).toString('base64url'));
  });
});

describe('§8 hash = b64u(SHA-256(JCS(entry without "hash")))', () => {
  it('equals SHA-256 of the hand-written RFC 8785 form of a hand-written entry', async () => {
    expect(await hashAuditEntry(HAND_ENTRY)).toBe(sha256B64u(HAND_JCS));
  });

  it('the member order of the object does not matter', async () => {
    const reversed = Object.fromEntries(Object.entries(HAND_ENTRY).reverse()) as UnhashedAuditEntry;
    expect(await hashAuditEntry(reversed)).toBe(sha256B64u(HAND_JCS));
  });

  it('a "hash" member present on the entry is left out of the hash', async () => {
    const withHash = { ...HAND_ENTRY, hash: 'x'.repeat(43) } as UnhashedAuditEntry;
    expect(await hashAuditEntry(withHash)).toBe(sha256B64u(HAND_JCS));
  });

  it('every field is covered: changing any one changes the hash', async () => {
    const base = await hashAuditEntry(HAND_ENTRY);
    const changes: Partial<UnhashedAuditEntry>[] = [
      { id: idOf(9) },
      { seq: 2 },
      { at: '2026-11-22T08:00:00.001Z' },
      { kiosk: 'kiosk-8' },
      { operator: null },
      { event: 'export' },
      { verdict: 'valid' },
      { reasons: [] },
      { warnings: [] },
      { typ: 'wpn' },
      { iss: 'CN-110000' },
      { kid: 'AAAAAAAAAAE' },
      { permitNo: null },
      { jti: null },
      { token: null },
      { trustSeq: 18 },
      { revocationSeq: 0 },
      { prev: sha256B64u('x') },
    ];
    expect(changes).toHaveLength(18);
    for (const change of changes) expect(await hashAuditEntry({ ...HAND_ENTRY, ...change })).not.toBe(base);
  });
});

describe('§8 chainAuditEntry', () => {
  it('entry 1 has seq 1 and prev GENESIS_PREV; each next entry has seq + 1 and prev = hash before', async () => {
    const [e1, e2, e3] = await buildChain(3);
    expect(e1).toMatchObject({
      seq: 1,
      prev: GENESIS_PREV,
      kiosk: 'kiosk-7',
      at: '2026-11-22T08:00:01.000Z',
    });
    expect(e2).toMatchObject({ seq: 2, prev: e1!.hash, event: 'signin', verdict: null });
    expect(e3).toMatchObject({ seq: 3, prev: e2!.hash });
  });

  it('each hash is the hash of the entry without it, and entries match the §8 schema', async () => {
    for (const entry of await buildChain(4)) {
      const { hash, ...rest } = entry;
      expect(hash).toBe(await hashAuditEntry(rest));
      expect(auditEntrySchema.safeParse(entry).success).toBe(true);
    }
  });
});

describe('§8 verifyAuditChain', () => {
  it('an intact chain of 5 checks from the genesis; the tip is the last entry', async () => {
    const chain = await buildChain(5);
    expect(await verifyAuditChain(chain)).toEqual({
      ok: true,
      tip: { seq: 5, hash: chain[4]!.hash },
      checked: 5,
    });
  });

  it('a continuation checks from a given tip', async () => {
    const chain = await buildChain(5);
    const check = await verifyAuditChain(chain.slice(3), { seq: 3, hash: chain[2]!.hash });
    expect(check).toEqual({ ok: true, tip: { seq: 5, hash: chain[4]!.hash }, checked: 2 });
  });

  it('an empty batch is fine and keeps the tip', async () => {
    expect(await verifyAuditChain([], { seq: 3, hash: GENESIS_PREV })).toEqual({
      ok: true,
      tip: { seq: 3, hash: GENESIS_PREV },
      checked: 0,
    });
  });

  it('a missing entry → SEQ_GAP at the entry after the gap', async () => {
    const [e1, , e3] = await buildChain(3);
    expect(await verifyAuditChain([e1!, e3!])).toEqual({ ok: false, seq: 3, problem: 'SEQ_GAP' });
  });

  it('a chain not starting at seq 1 (from the genesis) → SEQ_GAP', async () => {
    const chain = await buildChain(3);
    expect(await verifyAuditChain(chain.slice(1))).toEqual({ ok: false, seq: 2, problem: 'SEQ_GAP' });
  });

  it('a continuation that does not follow the tip → SEQ_GAP', async () => {
    const chain = await buildChain(5);
    expect(await verifyAuditChain(chain.slice(3), { seq: 2, hash: chain[1]!.hash })).toMatchObject({
      ok: false,
      problem: 'SEQ_GAP',
    });
  });

  it('swapped entries → SEQ_GAP', async () => {
    const [e1, e2, e3] = await buildChain(3);
    expect(await verifyAuditChain([e1!, e3!, e2!])).toMatchObject({ ok: false, problem: 'SEQ_GAP' });
  });

  it('a re-hashed entry whose prev does not match → PREV_MISMATCH', async () => {
    const [e1, e2, e3] = await buildChain(3);
    const forged = await rehash(e2!, { prev: sha256B64u('other') });
    expect(await verifyAuditChain([e1!, forged, e3!])).toEqual({
      ok: false,
      seq: 2,
      problem: 'PREV_MISMATCH',
    });
  });

  it('a continuation whose first prev is not the tip hash → PREV_MISMATCH', async () => {
    const chain = await buildChain(3);
    expect(await verifyAuditChain(chain.slice(2), { seq: 2, hash: chain[0]!.hash })).toEqual({
      ok: false,
      seq: 3,
      problem: 'PREV_MISMATCH',
    });
  });

  it('a tampered field (verdict changed, hash kept) → HASH_MISMATCH', async () => {
    const [e1, e2, e3] = await buildChain(3);
    const tampered = { ...e3!, verdict: 'invalid' as const };
    expect(await verifyAuditChain([e1!, e2!, tampered])).toEqual({
      ok: false,
      seq: 3,
      problem: 'HASH_MISMATCH',
    });
  });

  it('a tampered field in the middle → HASH_MISMATCH there', async () => {
    const [e1, e2, e3] = await buildChain(3);
    expect(await verifyAuditChain([e1!, { ...e2!, operator: 'op-2' }, e3!])).toEqual({
      ok: false,
      seq: 2,
      problem: 'HASH_MISMATCH',
    });
  });

  it('a re-hashed middle entry breaks the next link → PREV_MISMATCH at the next entry', async () => {
    const [e1, e2, e3] = await buildChain(3);
    const forged = await rehash(e2!, { operator: 'op-2' });
    expect(await verifyAuditChain([e1!, forged, e3!])).toEqual({
      ok: false,
      seq: 3,
      problem: 'PREV_MISMATCH',
    });
  });

  it('an entry of another kiosk in the batch → KIOSK_MISMATCH', async () => {
    const [e1, e2] = await buildChain(2);
    const foreign = await rehash(e2!, { kiosk: 'kiosk-8' });
    expect(await verifyAuditChain([e1!, foreign])).toEqual({ ok: false, seq: 2, problem: 'KIOSK_MISMATCH' });
  });
});
