// The one implementation of issuing used by the reference server, the fixtures and the tests.
import { CompactSign } from 'jose';
import { deflateSync } from 'fflate';
import { encodeQrText } from '../../shared/codec/numeric-qr';
import { encodeUtf8 } from '../../shared/encoding/base64url';
import { REVOCATION_LIST_TYP } from '../../shared/revocation/revocation-list';
import { TRUST_LIST_TYP } from '../../shared/trust/trust-list';
import type { CardClaims } from '../../shared/verify/claims';
import { privateKeyOf, type SigningKeyPair } from './keys';

/** Low-level ES256 compact signing; tests use it to craft hostile tokens with a real key. */
export async function signJws(
  header: Record<string, unknown>,
  payload: Uint8Array,
  signer: SigningKeyPair,
): Promise<string> {
  return new CompactSign(payload)
    .setProtectedHeader({ alg: 'ES256', ...header })
    .sign(await privateKeyOf(signer));
}

export interface CardTokenOptions {
  /** Extra or overriding protected-header members (tests of hostile headers). */
  readonly header?: Record<string, unknown>;
}

/** Claims → JWS with `zip: DEF` (raw DEFLATE of the claims JSON), signed by an issuer key. */
export async function signCardToken(
  claims: CardClaims | Record<string, unknown>,
  signer: SigningKeyPair,
  options: CardTokenOptions = {},
): Promise<string> {
  const payload = deflateSync(encodeUtf8(JSON.stringify(claims)), { level: 9 });
  return signJws({ zip: 'DEF', kid: signer.kid, ...options.header }, payload, signer);
}

/** Claims → the text of the card's QR code (§2.1). */
export async function issueCardQrText(
  claims: CardClaims | Record<string, unknown>,
  signer: SigningKeyPair,
  options: CardTokenOptions = {},
): Promise<string> {
  return encodeQrText(await signCardToken(claims, signer, options));
}

export interface TrustListKeyEntry {
  readonly pair: SigningKeyPair;
  readonly nbf: number;
  readonly exp: number;
  readonly revoked?: number;
}

export interface TrustListContent {
  readonly seq: number;
  readonly iat: number;
  readonly staleAfter: number;
  readonly expireAfter: number;
  readonly issuers: readonly {
    readonly iss: string;
    readonly name: string;
    readonly keys: readonly TrustListKeyEntry[];
  }[];
}

export function trustListPayload(content: TrustListContent): Record<string, unknown> {
  return {
    v: 1,
    seq: content.seq,
    iat: content.iat,
    staleAfter: content.staleAfter,
    expireAfter: content.expireAfter,
    issuers: content.issuers.map((issuer) => ({
      iss: issuer.iss,
      name: issuer.name,
      keys: issuer.keys.map((k) => ({
        ...k.pair.publicJwk,
        kid: k.pair.kid,
        nbf: k.nbf,
        exp: k.exp,
        ...(k.revoked !== undefined ? { revoked: k.revoked } : {}),
      })),
    })),
  };
}

/** Signs any trust-list payload (tests pass malformed ones on purpose). */
export async function signTrustListPayload(
  payload: unknown,
  anchor: SigningKeyPair,
  header: Record<string, unknown> = {},
): Promise<string> {
  return signJws({ kid: anchor.kid, typ: TRUST_LIST_TYP, ...header }, encodeUtf8(JSON.stringify(payload)), anchor);
}

export async function signTrustList(content: TrustListContent, anchor: SigningKeyPair): Promise<string> {
  return signTrustListPayload(trustListPayload(content), anchor);
}

export interface RevocationListContent {
  readonly seq: number;
  readonly since: number;
  readonly iat: number;
  readonly staleAfter: number;
  readonly add: readonly string[];
  readonly del: readonly string[];
}

export async function signRevocationListPayload(
  payload: unknown,
  anchor: SigningKeyPair,
  header: Record<string, unknown> = {},
): Promise<string> {
  return signJws(
    { kid: anchor.kid, typ: REVOCATION_LIST_TYP, ...header },
    encodeUtf8(JSON.stringify(payload)),
    anchor,
  );
}

export async function signRevocationList(content: RevocationListContent, anchor: SigningKeyPair): Promise<string> {
  return signRevocationListPayload({ v: 1, ...content }, anchor);
}
