// Node's implementation of the verification primitives: synchronous OpenSSL and zlib. Used by
// the `essc` command, the reference server and the benchmarks; the kiosk uses WebCrypto.
import { createHash, KeyObject, verify } from 'node:crypto';
import { inflateRawSync } from 'node:zlib';
import { InflateError } from '../shared/codec/inflate';
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
  inflateRaw(data, maxBytes) {
    if (data.length === 0) throw new InflateError('empty DEFLATE stream');
    try {
      // zlib stops as soon as the output would pass the limit: a bomb costs nothing.
      return inflateRawSync(data, { maxOutputLength: maxBytes });
    } catch (err) {
      throw new InflateError(`invalid or oversized DEFLATE stream: ${(err as Error).message}`);
    }
  },
};
