// `essc inspect`: what a QR says, for support staff — explicitly UNVERIFIED, never a verdict.
import { parseArgs } from 'node:util';
import { decodeBase64url, decodeUtf8Strict } from '../shared/encoding/base64url';
import { inflateRawCapped } from '../shared/codec/inflate';
import { decodeQrText } from '../shared/codec/numeric-qr';
import { parseCompactJws } from '../shared/jws/compact-jws';
import { EXIT, readQrArgument, UsageError, type CliIo } from './cli-io';

export const INSPECT_USAGE = 'usage: essc inspect [--json] <qr-text | @file | ->';
const BANNER = 'UNVERIFIED: decoded without checking the signature, trust list or revocations. Do not rely on it.';

export async function runInspect(args: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, strict: true, options: { json: { type: 'boolean' } } });
  } catch (err) {
    throw new UsageError(`${(err as Error).message}\n${INSPECT_USAGE}`);
  }
  if (parsed.positionals.length !== 1) throw new UsageError(INSPECT_USAGE);
  const text = await readQrArgument(io, parsed.positionals[0]!);
  const report = inspectQrText(text);
  if (parsed.values.json) {
    io.stdout(`${escapeInvisible(JSON.stringify({ unverified: true, ...report }, null, 2))}\n`);
  } else {
    io.stdout(`${BANNER}\n`);
    if (report.error) io.stdout(`error:  ${report.error}\n`);
    if (report.header) io.stdout(`header: ${escapeInvisible(JSON.stringify(report.header, null, 2))}\n`);
    if (report.claims !== undefined) io.stdout(`claims (UNVERIFIED): ${escapeInvisible(JSON.stringify(report.claims, null, 2))}\n`);
  }
  return report.error ? EXIT.invalid : EXIT.valid;
}

interface InspectReport {
  header?: unknown;
  claims?: unknown;
  error?: string;
}

export function inspectQrText(text: string): InspectReport {
  let jws;
  try {
    jws = parseCompactJws(decodeQrText(text));
  } catch (err) {
    return { error: `not an ESSC QR: ${(err as Error).message}` };
  }
  try {
    const json = decodeUtf8Strict(inflateRawCapped(decodeBase64url(jws.payloadB64)));
    return { header: jws.header, claims: JSON.parse(json) };
  } catch (err) {
    return { header: jws.header, error: `payload unreadable: ${(err as Error).message}` };
  }
}

/**
 * A hostile token may carry terminal escapes or bidi overrides; JSON.stringify leaves U+007F–U+009F
 * and format characters alone, so show every such character as an escape.
 */
function escapeInvisible(s: string): string {
  // Newlines here are the pretty-printer's own; any inside a value JSON.stringify already escaped.
  return s.replace(/(?!\n)[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, (c) => `\\u${c.codePointAt(0)!.toString(16).padStart(4, '0')}`);
}
