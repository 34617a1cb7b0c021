// §4 revocation lists: hashed permit numbers, snapshots and deltas, signed by an anchor.
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { MemoryRevocationSet } from '../../../shared/revocation/memory-revocation-set';
import {
  planRevocationUpdate,
  REVOCATION_HASH_PATTERN,
  REVOCATION_LIST_TYP,
  revocationHash,
  verifyRevocationList,
  type RevocationList,
} from '../../../shared/revocation/revocation-list';
import { TrustDataError, type TrustDataFailure } from '../../../shared/trust/signed-list';
import {
  cardClaims,
  createTestWorld,
  DAY,
  issueQr,
  NOW_SEC,
  type TestWorld,
} from '../../fixtures/test-world';
import {
  generateSigningKeyPair,
  signRevocationList,
  signRevocationListPayload,
  type RevocationListContent,
} from '../../../work-system/issuer';
import { signCompactRaw, stateOf, verifyAt } from './support';

let world: TestWorld;

beforeAll(async () => {
  world = await createTestWorld();
});

/** h = b64u(first 16 bytes of SHA-256("essc-rev/1:" + wp.no)), computed with node:crypto. */
function independentHash(permitNo: string): string {
  return createHash('sha256')
    .update(`essc-rev/1:${permitNo}`, 'utf8')
    .digest()
    .subarray(0, 16)
    .toString('base64url');
}

const H = (n: number) => independentHash(`PERMIT${String(n).padStart(10, '0')}`);

async function list(content: Partial<RevocationListContent>): Promise<RevocationList> {
  const jws = await signRevocationList(
    { seq: 1, since: 0, iat: NOW_SEC - 3600, staleAfter: 2 * DAY, add: [], del: [], ...content },
    world.anchor,
  );
  return verifyRevocationList(jws, world.anchors);
}

async function failureOf(run: () => unknown): Promise<TrustDataFailure | 'OK'> {
  try {
    await run();
    return 'OK';
  } catch (err) {
    expect(err).toBeInstanceOf(TrustDataError);
    return (err as TrustDataError).failure;
  }
}

const members = (set: MemoryRevocationSet, hashes: string[]) => hashes.filter((h) => set.has(h));

describe('§4 h(wp.no)', () => {
  it.each(['156120241201000123', '1561202412', 'A'.repeat(24), 'ZZ00000000'])(
    'revocationHash(%s) equals the node:crypto computation and is 22 chars',
    async (no) => {
      const h = await revocationHash(no);
      expect(h).toBe(independentHash(no));
      expect(h).toHaveLength(22);
      expect(h).toMatch(REVOCATION_HASH_PATTERN);
    },
  );

  it('the hash pattern accepts exactly canonical b64u of 16 bytes', () => {
    for (let i = 0; i < 200; i++) expect(H(i)).toMatch(REVOCATION_HASH_PATTERN);
    expect('A'.repeat(22)).toMatch(REVOCATION_HASH_PATTERN);
    expect('A'.repeat(21) + 'B').not.toMatch(REVOCATION_HASH_PATTERN); // non-zero unused bits
    expect('A'.repeat(21)).not.toMatch(REVOCATION_HASH_PATTERN);
    expect('A'.repeat(23)).not.toMatch(REVOCATION_HASH_PATTERN);
    expect(`${'A'.repeat(20)}+A`).not.toMatch(REVOCATION_HASH_PATTERN);
  });
});

describe('§4 snapshot (since: 0) replaces the set', () => {
  it('a first snapshot is applied; a later one replaces every entry', async () => {
    const set = new MemoryRevocationSet();
    set.apply(await list({ seq: 10, add: [H(1), H(2), H(3)] }));
    expect(set.size).toBe(3);
    expect(set.meta).toEqual({ seq: 10, iat: NOW_SEC - 3600, staleAfter: 2 * DAY });
    set.apply(await list({ seq: 11, add: [H(3), H(4)] }));
    expect(members(set, [H(1), H(2), H(3), H(4)])).toEqual([H(3), H(4)]);
    expect(set.meta?.seq).toBe(11);
  });

  it('a snapshot after a long gap is applied (since 0 fits any seq)', async () => {
    const set = new MemoryRevocationSet();
    set.apply(await list({ seq: 5, add: [H(1)] }));
    set.apply(await list({ seq: 500, add: [H(2)] }));
    expect(members(set, [H(1), H(2)])).toEqual([H(2)]);
  });

  it('an empty snapshot empties the set', async () => {
    const set = new MemoryRevocationSet();
    set.apply(await list({ seq: 5, add: [H(1)] }));
    set.apply(await list({ seq: 6, add: [] }));
    expect(set.size).toBe(0);
    expect(set.meta?.seq).toBe(6);
  });
});

describe('§4/§9 delta: applies on top of exactly `since`, del then add', () => {
  it('del removes, add inserts', async () => {
    const set = new MemoryRevocationSet();
    set.apply(await list({ seq: 10, add: [H(1), H(2)] }));
    set.apply(await list({ seq: 11, since: 10, add: [H(3)], del: [H(1)] }));
    expect(members(set, [H(1), H(2), H(3)])).toEqual([H(2), H(3)]);
  });

  it('a hash both deleted and added by one delta stays revoked (del first, then add)', async () => {
    const set = new MemoryRevocationSet();
    set.apply(await list({ seq: 10, add: [H(1)] }));
    set.apply(await list({ seq: 11, since: 10, add: [H(1), H(2)], del: [H(1), H(2)] }));
    expect(members(set, [H(1), H(2)])).toEqual([H(1), H(2)]);
  });

  it('deleting an absent hash is harmless', async () => {
    const set = new MemoryRevocationSet();
    set.apply(await list({ seq: 10, add: [H(1)] }));
    set.apply(await list({ seq: 12, since: 10, del: [H(9)] }));
    expect(members(set, [H(1), H(9)])).toEqual([H(1)]);
    expect(set.meta?.seq).toBe(12);
  });

  it('a delta whose since is not the applied seq → DELTA_MISMATCH, set unchanged', async () => {
    const set = new MemoryRevocationSet();
    set.apply(await list({ seq: 10, add: [H(1)] }));
    const early = await list({ seq: 12, since: 9, add: [H(2)], del: [H(1)] });
    const late = await list({ seq: 12, since: 11, add: [H(2)], del: [H(1)] });
    expect(await failureOf(() => set.apply(early))).toBe('DELTA_MISMATCH');
    expect(await failureOf(() => set.apply(late))).toBe('DELTA_MISMATCH');
    expect(members(set, [H(1), H(2)])).toEqual([H(1)]);
    expect(set.meta?.seq).toBe(10);
  });

  it('a delta with nothing applied → NO_BASE, nothing applied', async () => {
    const set = new MemoryRevocationSet();
    expect(await failureOf(async () => set.apply(await list({ seq: 11, since: 10, add: [H(1)] })))).toBe(
      'NO_BASE',
    );
    expect(set.meta).toBeNull();
    expect(set.size).toBe(0);
  });
});

describe('§4 no rollback: a list whose seq is not above the applied one', () => {
  it('the same snapshot again (replay) → NOT_NEWER', async () => {
    const set = new MemoryRevocationSet();
    const s10 = await list({ seq: 10, add: [H(1)] });
    set.apply(s10);
    expect(await failureOf(() => set.apply(s10))).toBe('NOT_NEWER');
  });

  it('an older snapshot (rollback, e.g. un-revoking) → NOT_NEWER, set unchanged', async () => {
    const set = new MemoryRevocationSet();
    set.apply(await list({ seq: 10, add: [H(1)] }));
    expect(await failureOf(async () => set.apply(await list({ seq: 9, add: [] })))).toBe('NOT_NEWER');
    expect(set.has(H(1))).toBe(true);
  });

  it('a delta with seq not above → NOT_NEWER (checked before fit)', async () => {
    const set = new MemoryRevocationSet();
    set.apply(await list({ seq: 10, add: [H(1)] }));
    expect(await failureOf(async () => set.apply(await list({ seq: 10, since: 10, del: [H(1)] })))).toBe(
      'NOT_NEWER',
    );
  });

  it('planRevocationUpdate names the kind of update', async () => {
    const meta = { seq: 10, iat: 0, staleAfter: 1 };
    expect(planRevocationUpdate(null, await list({ seq: 1 }))).toBe('snapshot');
    expect(planRevocationUpdate(meta, await list({ seq: 11, since: 10 }))).toBe('delta');
    expect(planRevocationUpdate(meta, await list({ seq: 11, since: 0 }))).toBe('snapshot');
  });
});

describe('§4/§9 rejected whole', () => {
  const payload = (extra: Record<string, unknown>) => ({
    v: 1,
    seq: 5,
    since: 0,
    iat: NOW_SEC,
    staleAfter: DAY,
    add: [H(1)],
    del: [],
    ...extra,
  });
  const verify = async (p: unknown, header: Record<string, unknown> = {}) =>
    failureOf(async () =>
      verifyRevocationList(await signRevocationListPayload(p, world.anchor, header), world.anchors),
    );

  it.each([
    ['21 chars', 'A'.repeat(21)],
    ['23 chars', 'A'.repeat(23)],
    ['non-canonical last char', `${'A'.repeat(21)}B`],
    ['a + sign', `${'A'.repeat(20)}+A`],
    ['padding', `${H(2)}==`],
    ['the permit number itself', '156120241201000123'],
    ['a full 43-char SHA-256', 'A'.repeat(43)],
    ['a number', 12345],
  ])('a malformed hash in add (%s) → BAD_PAYLOAD', async (_label, bad) => {
    expect(await verify(payload({ add: [H(1), bad, H(3)] }))).toBe('BAD_PAYLOAD');
  });

  it('a malformed hash in del → BAD_PAYLOAD', async () => {
    expect(await verify(payload({ since: 4, del: [H(1), 'not-a-hash'] }))).toBe('BAD_PAYLOAD');
  });

  it.each([
    ['v 2', { v: 2 }],
    ['seq a string', { seq: '5' }],
    ['since a fraction', { since: 0.5 }],
    ['staleAfter missing', { staleAfter: undefined }],
    ['add missing', { add: undefined }],
    ['del not an array', { del: H(1) }],
  ])('%s → BAD_PAYLOAD', async (_label, extra) => {
    expect(await verify(payload(extra))).toBe('BAD_PAYLOAD');
  });

  it.each([
    ['missing', { typ: undefined }],
    ['the trust-list typ', { typ: 'essc-trust+jws' }],
    ['JWT', { typ: 'JWT' }],
  ])('typ %s → WRONG_TYP', async (_label, header) => {
    expect(REVOCATION_LIST_TYP).toBe('essc-revocations+jws');
    expect(await verify(payload({}), header)).toBe('WRONG_TYP');
  });

  it('a well-formed list signed by a non-anchor (e.g. an issuer key) → UNKNOWN_ANCHOR', async () => {
    const jws = await signRevocationList(
      { seq: 5, since: 0, iat: NOW_SEC, staleAfter: DAY, add: [], del: [] },
      world.issuerKey,
    );
    expect(await failureOf(() => verifyRevocationList(jws, world.anchors))).toBe('UNKNOWN_ANCHOR');
  });

  it('a tampered payload → BAD_SIGNATURE', async () => {
    const [h, , s] = (await signRevocationListPayload(payload({}), world.anchor)).split('.');
    const forged = Buffer.from(JSON.stringify(payload({ add: [] }))).toString('base64url');
    expect(await failureOf(() => verifyRevocationList(`${h}.${forged}.${s}`, world.anchors))).toBe(
      'BAD_SIGNATURE',
    );
  });

  it('a forbidden header member → MALFORMED', async () => {
    const header = JSON.stringify({
      alg: 'ES256',
      kid: world.anchor.kid,
      typ: REVOCATION_LIST_TYP,
      jku: 'https://x',
    });
    const jws = signCompactRaw(header, Buffer.from(JSON.stringify(payload({}))), world.anchor);
    expect(await failureOf(() => verifyRevocationList(jws, world.anchors))).toBe('MALFORMED');
  });

  it('a rogue anchor key → UNKNOWN_ANCHOR', async () => {
    const rogue = await generateSigningKeyPair();
    const jws = await signRevocationList(
      { seq: 5, since: 0, iat: NOW_SEC, staleAfter: DAY, add: [], del: [] },
      rogue,
    );
    expect(await failureOf(() => verifyRevocationList(jws, world.anchors))).toBe('UNKNOWN_ANCHOR');
  });
});

describe('§9 REVOCATIONS_STALE is judged on the last list applied', () => {
  it('a fresh delta on an old snapshot is not stale', async () => {
    const set = new MemoryRevocationSet();
    set.apply(await list({ seq: 10, iat: NOW_SEC - 10 * DAY, staleAfter: 2 * DAY, add: [] }));
    const qr = await issueQr(world);
    expect((await verifyAt(qr, stateOf(world.trustList, set))).warnings).toEqual(['REVOCATIONS_STALE']);
    set.apply(await list({ seq: 11, since: 10, iat: NOW_SEC - 60, staleAfter: 2 * DAY }));
    const result = await verifyAt(qr, stateOf(world.trustList, set));
    expect(result.warnings).toEqual([]);
    expect(result.revocationSeq).toBe(11);
  });

  it("the staleAfter of the last list counts, not the snapshot's", async () => {
    const set = new MemoryRevocationSet();
    set.apply(await list({ seq: 10, iat: NOW_SEC - 3 * DAY, staleAfter: 30 * DAY }));
    set.apply(await list({ seq: 11, since: 10, iat: NOW_SEC - 2 * DAY, staleAfter: DAY }));
    expect((await verifyAt(await issueQr(world), stateOf(world.trustList, set))).warnings).toEqual([
      'REVOCATIONS_STALE',
    ]);
  });

  it('a refused update leaves the previous list (and its age) in force', async () => {
    const set = new MemoryRevocationSet();
    set.apply(
      await list({
        seq: 10,
        iat: NOW_SEC - 3 * DAY,
        staleAfter: DAY,
        add: [await revocationHash(cardClaims().wp.no)],
      }),
    );
    await failureOf(async () =>
      set.apply(
        await list({ seq: 12, since: 11, iat: NOW_SEC, del: [await revocationHash(cardClaims().wp.no)] }),
      ),
    );
    const result = await verifyAt(await issueQr(world), stateOf(world.trustList, set));
    expect(result).toMatchObject({
      reasons: ['PERMIT_REVOKED'],
      warnings: ['REVOCATIONS_STALE'],
      revocationSeq: 10,
    });
  });
});
