// Node's implementation of the verification primitives: synchronous OpenSSL and zlib. Used by
// the `essc` command, the reference server and the benchmarks; the kiosk uses WebCrypto.
import { createHash, KeyObject, verify } from 'node:crypto';
import { inflateRawCapped } from '../shared/codec/inflate';
import type { VerifyPrimitives } from '../shared/crypto/verify-primitives';

const keyObjects = new WeakMap<CryptoKey, KeyObject>();

function keyObjectOf(key: CryptoKey): KeyObject {
  let keyObject = keyObjects.get(key);
  if (!keyObject) {
    keyObject = KeyObject.from(key);
    keyObjects.set(key, keyObject);
  }
  return keyObject;
}

export const nodeVerifyPrimitives: VerifyPrimitives = {
  verifyEs256(key, signingInput, signature) {
    if (signature.length !== 64) return false;
    try {
      return verify('sha256', signingInput, { key: keyObjectOf(key), dsaEncoding: 'ieee-p1363' }, signature);
    } catch {
      return false;
    }
  },
  sha256: (data) => createHash('sha256').update(data).digest(),
  // fflate, not node:zlib: each zlib call allocates a native stream (~40 KB) freed only by GC,
  // and at scan rates that external memory drives V8 into constant mark-sweeps.
  inflateRaw: (data, maxBytes) => inflateRawCapped(data, maxBytes),
};
