// Helpers for the protocol-core tests: raw token crafting with node:crypto (independent of the
// issuer's jose path, so hostile headers and payloads can be built byte for byte), trust lists
// re-signed with a world's anchor, and a short way to verify at a given instant.
import { createPrivateKey, sign as nodeSign } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import { encodeQrText } from '../../../shared/codec/numeric-qr';
import { MemoryRevocationSet } from '../../../shared/revocation/memory-revocation-set';
import { verifyRevocationList } from '../../../shared/revocation/revocation-list';
import { verifyTrustList, type TrustList } from '../../../shared/trust/trust-list';
import type { TrustState } from '../../../shared/verify/trust-state';
import { verifyCard } from '../../../shared/verify/verify-card';
import type { VerificationResult } from '../../../shared/verify/result';
import {
  signRevocationList,
  signTrustList,
  type RevocationListContent,
  type SigningKeyPair,
  type TrustListContent,
} from '../../../work-system/issuer';
import { NOW, type TestWorld } from '../../fixtures/test-world';

export function b64u(data: string | Uint8Array): string {
  return Buffer.from(data).toString('base64url');
}

export function deflateRaw(data: string | Uint8Array): Uint8Array {
  return new Uint8Array(deflateRawSync(Buffer.from(data), { level: 9 }));
}

/** ES256 over `b64u(header).b64u(payload)` with node:crypto; the header is raw JSON text. */
export function signCompactRaw(headerJson: string, payload: Uint8Array, signer: SigningKeyPair): string {
  const signingInput = `${b64u(headerJson)}.${b64u(payload)}`;
  const key = createPrivateKey({ key: signer.privateJwk as never, format: 'jwk' });
  const signature = nodeSign('sha256', Buffer.from(signingInput, 'ascii'), {
    key,
    dsaEncoding: 'ieee-p1363',
  });
  return `${signingInput}.${signature.toString('base64url')}`;
}

export interface CraftOptions {
  /** Header object (merged over the card default) or raw header JSON text. */
  readonly header?: Record<string, unknown> | string;
  /** Claims object or raw JSON text; deflated unless `payload` is given. */
  readonly claims?: unknown;
  /** Raw payload bytes, used as they are (already "deflated" or not). */
  readonly payload?: Uint8Array;
  readonly signer?: SigningKeyPair;
}

export function cardHeader(signer: SigningKeyPair, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ alg: 'ES256', zip: 'DEF', kid: signer.kid, ...extra });
}

/** A card JWS signed with a real key, with any header or payload the test needs. */
export function craftCardJws(world: TestWorld, options: CraftOptions): string {
  const signer = options.signer ?? world.issuerKey;
  const header = typeof options.header === 'string' ? options.header : cardHeader(signer, options.header);
  const payload =
    options.payload ??
    deflateRaw(typeof options.claims === 'string' ? options.claims : JSON.stringify(options.claims));
  return signCompactRaw(header, payload, signer);
}

export function craftCardQr(world: TestWorld, options: CraftOptions): string {
  return encodeQrText(craftCardJws(world, options));
}

/** The world's trust list re-signed with other content (same anchor, same keys unless given). */
export async function trustListFor(
  world: TestWorld,
  overrides: Partial<TrustListContent>,
): Promise<TrustList> {
  return verifyTrustList(
    await signTrustList({ ...world.trustContent, ...overrides }, world.anchor),
    world.anchors,
  );
}

/** A revocation set with one verified snapshot applied. */
export async function revocationsWith(
  world: TestWorld,
  content: Partial<RevocationListContent> & { add: readonly string[] },
): Promise<MemoryRevocationSet> {
  const set = new MemoryRevocationSet();
  const jws = await signRevocationList(
    { seq: 120, since: 0, iat: world.trustContent.iat, staleAfter: 2 * 86_400, del: [], ...content },
    world.anchor,
  );
  set.apply(await verifyRevocationList(jws, world.anchors));
  return set;
}

export function stateOf(
  trustList: TrustList | null,
  revocations: MemoryRevocationSet | null = null,
): TrustState {
  return { trustList, revocations };
}

export function atSec(sec: number): Date {
  return new Date(sec * 1000);
}

export function verifyAt(
  qr: string,
  state: TrustState,
  now: Date = NOW,
  skew?: number,
): Promise<VerificationResult> {
  return verifyCard(qr, state, skew === undefined ? { now } : { now, skew });
}
