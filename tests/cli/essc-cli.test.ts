// The `essc` command as users run it: a real process, real files, exit codes and JSON (§6).
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { revocationHash } from '../../shared/revocation/revocation-list';
import { generateSigningKeyPair, signRevocationList, signTrustList, toJwks } from '../../work-system/issuer';
import { cardClaims, createTestWorld, DAY, issueQr, NOW_SEC, type TestWorld } from '../fixtures/test-world';

const BIN = resolve(__dirname, '../../bin/essc.mjs');
const NOW_ISO = '2026-11-22T08:00:00Z';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function essc(args: string[], stdin?: string): Promise<Run> {
  return new Promise((done) => {
    const child = execFile(process.execPath, [BIN, ...args], { timeout: 30_000 }, (err, stdout, stderr) => {
      done({ code: err ? ((err as { code?: number }).code ?? -1) : 0, stdout, stderr });
    });
    if (stdin !== undefined) child.stdin!.end(stdin);
    else child.stdin!.end();
  });
}

let dir: string;
let world: TestWorld;
let files: Record<'anchors' | 'trust' | 'forgedTrust' | 'snapshot' | 'delta' | 'notJwks' | 'validQr', string>;
let validQr: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'essc-cli-'));
  world = await createTestWorld();
  validQr = await issueQr(world);
  const stranger = await generateSigningKeyPair();
  const revokedNo = '156120241201000999';
  const snapshot = await signRevocationList(
    { seq: 5, since: 0, iat: NOW_SEC - 3600, staleAfter: 2 * DAY, add: [await revocationHash(revokedNo)], del: [] },
    world.anchor,
  );
  // The delta cancels the permit of the standard test card.
  const delta = await signRevocationList(
    { seq: 6, since: 5, iat: NOW_SEC - 60, staleAfter: 2 * DAY, add: [await revocationHash(cardClaims().wp.no)], del: [] },
    world.anchor,
  );
  const write = async (name: string, content: string) => {
    const path = join(dir, name);
    await writeFile(path, content);
    return path;
  };
  files = {
    anchors: await write('anchors.jwks.json', JSON.stringify(world.anchorsJwks)),
    trust: await write('trust.jws', `${world.trustJws}\n`),
    forgedTrust: await write('forged-trust.jws', await signTrustList(world.trustContent, stranger)),
    snapshot: await write('rev-5.jws', snapshot),
    delta: await write('rev-6-delta.jws', delta),
    notJwks: await write('not-jwks.json', JSON.stringify(toJwks([world.anchor]).keys)),
    validQr: await write('card.txt', `${validQr}\n`),
  };
});

afterAll(() => rm(dir, { recursive: true, force: true }));

const base = () => ['verify', '--anchors', files.anchors, '--trust', files.trust, '--now', NOW_ISO];

describe('essc verify: verdicts and exit codes', () => {
  it('valid card → exit 0 and the §5 result as one JSON object', async () => {
    const run = await essc([...base(), validQr]);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
    expect(result).toMatchObject({ verdict: 'valid', reasons: [], warnings: ['REVOCATIONS_UNAVAILABLE'], typ: 'essc', iss: 'CN-310000', trustSeq: 17, revocationSeq: null });
    expect(result.claims.wp.no).toBe(cardClaims().wp.no);
    expect(result.checkedAt).toBe('2026-11-22T08:00:00.000Z');
  });

  it('expired QR → exit 1 with TOKEN_EXPIRED', async () => {
    const run = await essc(['verify', '--anchors', files.anchors, '--trust', files.trust, '--now', String(NOW_SEC + 3600), validQr]);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ verdict: 'invalid', reasons: ['TOKEN_EXPIRED'] });
  });

  it('a trust list that fails its checks is not applied, says why on stderr, and yields NO_TRUST_LIST → exit 2', async () => {
    const run = await essc(['verify', '--anchors', files.anchors, '--trust', files.forgedTrust, '--now', NOW_ISO, validQr]);
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout)).toMatchObject({ verdict: 'indeterminate', reasons: ['NO_TRUST_LIST'], trustSeq: null });
    expect(run.stderr).toMatch(/trust list .* not applied: UNKNOWN_ANCHOR/);
    expect(run.stdout).not.toContain('VAN DER BERG');
  });

  it('revocation files apply in the order given: snapshot then delta revokes the permit', async () => {
    const run = await essc([...base(), '--revocations', files.snapshot, '--revocations', files.delta, validQr]);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ reasons: ['PERMIT_REVOKED'], revocationSeq: 6, warnings: [] });
  });

  it('a delta given before its snapshot is not applied (stderr names DELTA or base), the snapshot still is', async () => {
    const run = await essc([...base(), '--revocations', files.delta, '--revocations', files.snapshot, validQr]);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/rev-6-delta\.jws.* not applied: NO_BASE/);
    expect(JSON.parse(run.stdout)).toMatchObject({ verdict: 'valid', revocationSeq: 5 });
  });

  it('reads the QR from @file and from standard input (-)', async () => {
    const fromFile = await essc([...base(), `@${files.validQr}`]);
    const fromStdin = await essc([...base(), '-'], `${validQr}\n`);
    expect([fromFile.code, fromStdin.code]).toEqual([0, 0]);
    expect(JSON.parse(fromFile.stdout).verdict).toBe('valid');
    expect(JSON.parse(fromStdin.stdout).verdict).toBe('valid');
  });

  it('--now without an offset is UTC; with +08:00 it is China time', async () => {
    // Permit valid through 2026-11-30 in UTC+8: 2026-11-30T16:00:00 UTC is already 12-01 in China.
    const late = cardClaims({ iat: Date.parse('2026-11-30T15:58:00Z') / 1000, exp: Date.parse('2026-11-30T16:03:00Z') / 1000 });
    const qr = await issueQr(world, late);
    const longTrust = ['verify', '--anchors', files.anchors, '--trust', files.trust];
    const utc = await essc([...longTrust, '--now', '2026-11-30T16:00:00', qr]);
    const cst = await essc([...longTrust, '--now', '2026-11-30T23:59:59+08:00', qr]);
    expect(JSON.parse(utc.stdout).reasons).toEqual(['PERMIT_EXPIRED']);
    expect(JSON.parse(cst.stdout).reasons).toEqual([]);
  });
});

describe('essc verify: usage and I/O errors exit 3', () => {
  it.each([
    ['missing --trust', () => ['verify', '--anchors', files.anchors, validQr], /--trust is required/],
    ['an unknown option', () => [...base(), '--bogus', 'x', validQr], /Unknown option '--bogus'/],
    ['a trust file that does not exist', () => ['verify', '--anchors', files.anchors, '--trust', join(dir, 'nope.jws'), validQr], /cannot read trust list file .*no such file/],
    ['a revocation file that does not exist', () => [...base(), '--revocations', join(dir, 'nope.jws'), validQr], /cannot read revocations file/],
    ['an anchors file that is not a JWKS', () => ['verify', '--anchors', files.notJwks, '--trust', files.trust, validQr], /not a JWKS/],
    ['a bad --now', () => ['verify', '--anchors', files.anchors, '--trust', files.trust, '--now', 'yesterday', validQr], /--now/],
    ['no QR argument', () => base(), /exactly one/],
    ['an unknown command', () => ['frobnicate'], /unknown command/],
  ] as const)('%s', async (_name, args, message) => {
    const run = await essc([...args()]);
    expect(run.code).toBe(3);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
  });
});

describe('essc inspect', () => {
  it('prints header and claims marked UNVERIFIED', async () => {
    const run = await essc(['inspect', validQr]);
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')[0]).toMatch(/^UNVERIFIED/);
    expect(run.stdout).toContain('"alg": "ES256"');
    expect(run.stdout).toContain('claims (UNVERIFIED)');
    expect(run.stdout).toContain('VAN DER BERG MARIA');
  });

  it('escapes bidi overrides and terminal escapes instead of printing them', async () => {
    const hostile = await issueQr(world, { ...cardClaims(), note: 'evil\u202E\u001b[2Jtext' });
    const run = await essc(['inspect', '--json', hostile]);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain("\u202E");
    expect(run.stdout).not.toContain("\u001b");
    expect(run.stdout).toContain('\\u202e');
    // Escaped as JSON escapes, so the output still parses back to the exact value.
    const parsed = JSON.parse(run.stdout);
    expect(parsed.unverified).toBe(true);
    expect(parsed.claims.note).toBe('evil\u202E\u001b[2Jtext');
  });

  it('a random QR is "not an ESSC QR" with exit 1', async () => {
    const run = await essc(['inspect', 'https://example.com/']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/not an ESSC QR/);
  });
});
