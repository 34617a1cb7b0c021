// Properties of §5 verification over generated input: it never throws, random input is never
// valid, and a change to a valid QR is valid only when §2.1 says it is the same QR (trimmed
// ASCII white space, prefix case). Runs are bounded to keep the file fast.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TrustState } from '../../../shared/verify/trust-state';
import { cardClaims, createTestWorld, NOW_SEC, type TestWorld } from '../../fixtures/test-world';
import { b64u, craftCardQr, revocationsWith, stateOf, verifyAt } from './support';
import { encodeQrText } from '../../../shared/codec/numeric-qr';

let world: TestWorld;
let state: TrustState;
let validQr: string;

beforeAll(async () => {
  world = await createTestWorld();
  state = stateOf(world.trustList, await revocationsWith(world, { iat: NOW_SEC - 60, add: [] }));
  validQr = craftCardQr(world, { claims: cardClaims() });
});

/** §2.1 equivalence, written independently of the codec: ASCII-trim, then lower-case the prefix. */
function sameQr(a: string, b: string): boolean {
  const norm = (s: string) => {
    const t = s.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '');
    return t.slice(0, 6).toLowerCase() + t.slice(6);
  };
  return a.length <= 4296 && b.length <= 4296 && norm(a) === norm(b);
}

const verdictOf = async (text: string) => (await verifyAt(text, state)).verdict;

const DIGITS = '0123456789';
const digit = fc.constantFrom(...DIGITS);
const anyChar = fc.oneof(
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  fc.constantFrom(' ', '\t', '\r', '\n', '\u00a0', '\u200b', 'E', 'S', 'C', '.', ':', '/'),
);

describe('property: random text never throws and is never valid', () => {
  it('arbitrary Unicode strings (500 runs)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 300 }), async (s) => {
        expect(await verdictOf(s)).not.toBe('valid');
      }),
      { numRuns: 500 },
    );
  });

  it('the prefix followed by random digits (500 runs)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('essc:/', 'ESSC:/', ' essc:/'),
        fc.string({ unit: digit, maxLength: 1200 }),
        async (prefix, digits) => {
          expect(await verdictOf(prefix + digits)).not.toBe('valid');
        },
      ),
      { numRuns: 500 },
    );
  });

  it('the prefix followed by in-range digit pairs 00–77 (300 runs)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 77 }), { maxLength: 600 }), async (pairs) => {
        const qr = `essc:/${pairs.map((p) => String(p).padStart(2, '0')).join('')}`;
        expect(await verdictOf(qr)).not.toBe('valid');
      }),
      { numRuns: 300 },
    );
  });

  it('well-formed headers with the trusted kid, random payload and signature are never valid (300 runs)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          typ: fc.option(fc.constant('essc+jws'), { nil: undefined }),
          extra: fc.option(fc.string({ maxLength: 10 }), { nil: undefined }),
        }),
        fc.uint8Array({ maxLength: 400 }),
        fc.uint8Array({ minLength: 64, maxLength: 64 }),
        async (h, payload, sig) => {
          const header = JSON.stringify({ alg: 'ES256', zip: 'DEF', kid: world.issuerKey.kid, ...h });
          const qr = encodeQrText(`${b64u(header)}.${b64u(payload)}.${b64u(sig)}`);
          const result = await verifyAt(qr, state);
          expect(result.verdict).toBe('invalid');
          expect(result.claims).toBeUndefined();
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('property: a mutated valid QR is never valid unless it is the same QR', () => {
  it('the unmutated original is valid', async () => {
    expect(await verdictOf(validQr)).toBe('valid');
  });

  it('one digit flipped to another digit (400 runs)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.integer({ min: 1, max: 9 }), async (pos, shift) => {
        const i = 6 + (pos % (validQr.length - 6));
        const flipped = String((Number(validQr[i]) + shift) % 10);
        const mutant = validQr.slice(0, i) + flipped + validQr.slice(i + 1);
        expect(mutant).not.toBe(validQr);
        expect(await verdictOf(mutant)).not.toBe('valid');
      }),
      { numRuns: 400 },
    );
  });

  it('a digit or a digit pair inserted or deleted among the digits (300 runs)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat(),
        fc.string({ unit: digit, minLength: 1, maxLength: 2 }),
        fc.boolean(),
        async (pos, ins, del) => {
          const i = 6 + (pos % (validQr.length - 6));
          const mutant = del
            ? validQr.slice(0, i) + validQr.slice(i + ins.length)
            : validQr.slice(0, i) + ins + validQr.slice(i);
          expect(mutant).not.toBe(validQr);
          expect(await verdictOf(mutant)).not.toBe('valid');
        },
      ),
      { numRuns: 300 },
    );
  });

  it('any character inserted, deleted or replaced anywhere (600 runs)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat(),
        anyChar,
        fc.constantFrom('insert', 'delete', 'replace'),
        async (pos, ch, op) => {
          const i = pos % (validQr.length + (op === 'insert' ? 1 : 0));
          const mutant =
            op === 'insert'
              ? validQr.slice(0, i) + ch + validQr.slice(i)
              : op === 'delete'
                ? validQr.slice(0, i) + validQr.slice(i + 1)
                : validQr.slice(0, i) + ch + validQr.slice(i + 1);
          const verdict = await verdictOf(mutant);
          if (sameQr(mutant, validQr)) expect(verdict).toBe('valid');
          else expect(verdict).not.toBe('valid');
        },
      ),
      { numRuns: 600 },
    );
  });

  it('the equivalent forms are indeed valid: prefix case and ASCII white space', async () => {
    for (const mutant of [
      ` ${validQr}`,
      `${validQr}\r\n`,
      `\t${validQr}`,
      `E${validQr.slice(1)}`,
      `essC${validQr.slice(4)}`,
    ]) {
      expect(sameQr(mutant, validQr)).toBe(true);
      expect(await verdictOf(mutant)).toBe('valid');
    }
  });
});
