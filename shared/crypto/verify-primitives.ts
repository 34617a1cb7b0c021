// The three primitives verification spends its time in, passed in like the clock: the default
// runs anywhere (WebCrypto + fflate); Node callers pass node/verify-primitives.ts, whose
// synchronous OpenSSL calls avoid WebCrypto's thread-pool round trip on every scan.
import { inflateRawCapped } from '../codec/inflate';
import { sha256 } from '../encoding/sha256';

export interface VerifyPrimitives {
  /** ES256 (ECDSA P-256 + SHA-256) over `signingInput`; `signature` is R‖S. Never throws. */
  verifyEs256(key: CryptoKey, signingInput: Uint8Array, signature: Uint8Array): boolean | Promise<boolean>;
  sha256(data: Uint8Array): Uint8Array | Promise<Uint8Array>;
  /** Raw DEFLATE; throws when the stream is invalid or inflates to more than `maxBytes`. */
  inflateRaw(data: Uint8Array, maxBytes: number): Uint8Array;
}

export const webVerifyPrimitives: VerifyPrimitives = {
  async verifyEs256(key, signingInput, signature) {
    try {
      return await crypto.subtle.verify(
        { name: 'ECDSA', hash: 'SHA-256' },
        key,
        signature as BufferSource,
        signingInput as BufferSource,
      );
    } catch {
      return false;
    }
  },
  sha256: (data) => sha256(data),
  inflateRaw: (data, maxBytes) => inflateRawCapped(data, maxBytes),
};
