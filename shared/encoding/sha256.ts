import { encodeUtf8 } from './base64url';

/** SHA-256 through WebCrypto, which Node (≥ 19), Chromium and Electron all expose globally. */
export async function sha256(data: Uint8Array | string): Promise<Uint8Array> {
  const bytes = typeof data === 'string' ? encodeUtf8(data) : data;
  return new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as BufferSource));
}
