// `essc verify` (§6): the very verification code the kiosk runs, over files.
import { parseArgs } from 'node:util';
import { nodeVerifyPrimitives } from '../node/verify-primitives';
import { MemoryRevocationSet } from '../shared/revocation/memory-revocation-set';
import { verifyRevocationList } from '../shared/revocation/revocation-list';
import { AnchorsError, loadTrustAnchors, type AnchorSet } from '../shared/trust/anchors';
import { TrustDataError } from '../shared/trust/signed-list';
import { verifyTrustList, type TrustList } from '../shared/trust/trust-list';
import { verifyCard } from '../shared/verify/verify-card';
import { EXIT, readNamedFile, readQrArgument, UsageError, type CliIo } from './cli-io';
import { parseNow, parseSkew } from './parse-time';

export const VERIFY_USAGE = `usage: essc verify --anchors <jwks.json> --trust <trust-list.jws> [--revocations <file.jws>]...
                   [--now <ISO-8601 | epoch seconds>] [--skew <seconds>] <qr-text | @file | ->`;

export async function runVerify(args: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        anchors: { type: 'string' },
        trust: { type: 'string' },
        revocations: { type: 'string', multiple: true },
        now: { type: 'string' },
        skew: { type: 'string' },
      },
    });
  } catch (err) {
    throw new UsageError(`${(err as Error).message}\n${VERIFY_USAGE}`);
  }
  const { values, positionals } = parsed;
  if (!values.anchors) throw new UsageError(`--anchors is required\n${VERIFY_USAGE}`);
  if (!values.trust) throw new UsageError(`--trust is required\n${VERIFY_USAGE}`);
  if (positionals.length !== 1) {
    throw new UsageError(`expected exactly one <qr-text | @file | ->, got ${positionals.length}\n${VERIFY_USAGE}`);
  }
  const now = values.now !== undefined ? parseNow(values.now) : new Date();
  const skew = values.skew !== undefined ? parseSkew(values.skew) : undefined;

  // Read everything first: an unreadable file is a usage error before any verification.
  const anchorsText = await readNamedFile(io, 'anchors', values.anchors);
  const trustText = await readNamedFile(io, 'trust list', values.trust);
  const revocationTexts: [string, string][] = [];
  for (const path of values.revocations ?? []) {
    revocationTexts.push([path, await readNamedFile(io, 'revocations', path)]);
  }
  const qrText = await readQrArgument(io, positionals[0]!);

  const anchors = await parseAnchors(anchorsText, values.anchors);
  const trustList = await applyTrustListFile(io, anchors, values.trust, trustText);
  const revocations = new MemoryRevocationSet();
  for (const [path, text] of revocationTexts) await applyRevocationFile(io, anchors, revocations, path, text);

  const result = await verifyCard(qrText, { trustList, revocations }, { now, primitives: nodeVerifyPrimitives, ...(skew !== undefined ? { skew } : {}) });
  io.stdout(`${JSON.stringify(result)}\n`);
  return EXIT[result.verdict];
}

async function parseAnchors(text: string, path: string): Promise<AnchorSet> {
  try {
    return await loadTrustAnchors(JSON.parse(text));
  } catch (err) {
    const why = err instanceof AnchorsError ? err.message : 'not JSON';
    throw new UsageError(`anchors file ${JSON.stringify(path)} is not a JWKS: ${why}`);
  }
}

async function applyTrustListFile(io: CliIo, anchors: AnchorSet, path: string, text: string): Promise<TrustList | null> {
  try {
    return await verifyTrustList(text.trim(), anchors);
  } catch (err) {
    reportNotApplied(io, 'trust list', path, err);
    return null;
  }
}

async function applyRevocationFile(
  io: CliIo,
  anchors: AnchorSet,
  set: MemoryRevocationSet,
  path: string,
  text: string,
): Promise<void> {
  try {
    set.apply(await verifyRevocationList(text.trim(), anchors));
  } catch (err) {
    reportNotApplied(io, 'revocations', path, err);
  }
}

function reportNotApplied(io: CliIo, what: string, path: string, err: unknown): void {
  if (!(err instanceof TrustDataError)) throw err;
  io.stderr(`essc: ${what} ${JSON.stringify(path)} not applied: ${err.failure}: ${err.message}\n`);
}
