import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AUDIT_EVENTS, hashAuditEntry, type AuditEntry } from '../../shared/audit/audit-entry';
import { canonicalAuditBody, hashCanonicalBody } from '../../work-system/store/audit-hash';

const nullable = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });
const text = fc.string({ unit: 'binary', minLength: 1, maxLength: 40 });

const entryArb: fc.Arbitrary<AuditEntry> = fc.record({
  id: fc.uuid({ version: 7 }),
  seq: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
  at: fc.date({ min: new Date(0), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
  kiosk: text,
  operator: nullable(text),
  event: fc.constantFrom(...AUDIT_EVENTS),
  verdict: nullable(fc.constantFrom('valid', 'invalid', 'indeterminate' as const)),
  reasons: nullable(fc.array(fc.constantFrom('MALFORMED', 'PERMIT_REVOKED', 'CLOCK_BEHIND' as const), { maxLength: 3 })),
  warnings: nullable(fc.array(fc.constantFrom('TRUST_LIST_STALE', 'REVOCATIONS_STALE' as const), { maxLength: 2 })),
  typ: nullable(fc.constantFrom('essc', 'wpn' as const)),
  iss: nullable(text),
  kid: nullable(fc.string({ minLength: 11, maxLength: 11 })),
  permitNo: nullable(text),
  jti: nullable(text),
  token: nullable(fc.constant('ssD6Rz0Jb9H6pp1bCq6NNVgG6wHc9oqP0aDWsc2xYt4')),
  trustSeq: nullable(fc.nat()),
  revocationSeq: nullable(fc.nat()),
  prev: fc.constant('A'.repeat(43)),
  hash: fc.constant('A'.repeat(43)),
}) as fc.Arbitrary<AuditEntry>;

describe('server-side §8 hash (node:crypto) equals shared hashAuditEntry', () => {
  it('for arbitrary entries, including non-ASCII, control characters and surrogate pairs', async () => {
    await fc.assert(
      fc.asyncProperty(entryArb, async (entry) => {
        const shared = await hashAuditEntry(entry).catch(() => 'throws');
        let local: string;
        try {
          local = hashCanonicalBody(canonicalAuditBody(entry));
        } catch {
          local = 'throws';
        }
        expect(local).toBe(shared);
      }),
      { numRuns: 400 },
    );
  });

  it('refuses a lone surrogate like the reference implementation', async () => {
    const entry = { ...fc.sample(entryArb, { numRuns: 1, seed: 7 })[0]!, operator: 'x\uD800y' };
    await expect(hashAuditEntry(entry)).rejects.toThrow();
    expect(() => canonicalAuditBody(entry)).toThrow();
  });
});
