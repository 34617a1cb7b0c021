// Builds well-formed §2.3 claims from holder and permit data; validated with the verifier's
// own schema so the server can never issue a card the kiosk would call MALFORMED.
import { cardClaimsSchema, type CardClaims } from '../../shared/verify/claims';
import { encodeBase64url } from '../../shared/encoding/base64url';

export type HolderData = CardClaims['hd'];
export type PermitData = CardClaims['wp'];
export type SocialSecurityData = NonNullable<CardClaims['ss']>;

/** e-SSC dynamic QRs live 300 s (§2.3 example; re-signed every 60 s by the wallet). */
export const ESSC_QR_LIFETIME_SECONDS = 300;

export interface CardClaimsInput {
  readonly typ: 'essc' | 'wpn';
  readonly iss: string;
  readonly iat: number;
  readonly exp?: number;
  readonly jti?: string;
  readonly holder: HolderData;
  readonly permit: PermitData;
  readonly socialSecurity?: SocialSecurityData;
}

export function newJti(): string {
  return encodeBase64url(crypto.getRandomValues(new Uint8Array(16)));
}

/** Throws a ZodError naming the field when the data breaks a claim rule. */
export function buildCardClaims(input: CardClaimsInput): CardClaims {
  const exp = input.exp ?? (input.typ === 'essc' ? input.iat + ESSC_QR_LIFETIME_SECONDS : undefined);
  return cardClaimsSchema.parse({
    v: 1,
    typ: input.typ,
    iss: input.iss,
    iat: input.iat,
    ...(exp !== undefined ? { exp } : {}),
    jti: input.jti ?? newJti(),
    hd: input.holder,
    wp: input.permit,
    ...(input.typ === 'essc' ? { ss: input.socialSecurity } : {}),
  });
}
