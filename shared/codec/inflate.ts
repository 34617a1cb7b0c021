import { inflateSync } from 'fflate';

/** §2.2: a verifier inflates at most 8,192 bytes; more is MALFORMED (no decompression bombs). */
export const MAX_INFLATED_BYTES = 8192;

export class InflateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InflateError';
  }
}

/**
 * Raw DEFLATE (RFC 1951) into a fixed buffer one byte larger than the cap: memory never grows
 * past it, and a full buffer proves the cap was exceeded. CPU stays bounded because the input
 * is bounded by the QR size limit and only reaches this point with a trusted signature.
 */
export function inflateRawCapped(data: Uint8Array, max = MAX_INFLATED_BYTES): Uint8Array {
  // fflate hands back the untouched output buffer for empty input.
  if (data.length === 0) throw new InflateError('empty DEFLATE stream');
  let out: Uint8Array;
  try {
    out = inflateSync(data, { out: new Uint8Array(max + 1) });
  } catch (err) {
    throw new InflateError(`invalid DEFLATE stream: ${(err as Error).message}`);
  }
  if (out.length > max) throw new InflateError(`inflated payload exceeds ${max} bytes`);
  return out;
}
