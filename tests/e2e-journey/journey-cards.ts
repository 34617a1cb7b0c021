// The cards the officer meets in the journey, all made by the real Work System or its issuer code:
// valid e-SSC, valid WPN, an e-SSC QR issued an hour ago (expired), a cancelled permit, and a
// forged card (genuine-looking claims re-signed by a key no trust list knows).
import { encodeQrText } from '../../shared/codec/numeric-qr';
import { DEMO_HOLDERS, type IssuedCard, type WorkSystemStore } from '../../work-system';
import { generateSigningKeyPair, signCardToken } from '../../work-system/issuer';
import { demoToday } from '../../work-system/wallet/demo-holders';

export interface JourneyCards {
  readonly validEssc: IssuedCard;
  readonly validWpn: IssuedCard;
  readonly expiredEssc: IssuedCard;
  readonly revokedPermit: IssuedCard;
  /** Same claims as `validEssc` (new jti), signed by an unknown key. */
  readonly forged: { readonly qrText: string; readonly kid: string };
}

function holder(id: string) {
  const found = DEMO_HOLDERS.find((h) => h.id === id);
  if (!found) throw new Error(`no demo holder ${id}`);
  return found;
}

export async function issueJourneyCards(store: WorkSystemStore): Promise<JourneyCards> {
  const today = demoToday(store.now());
  const valid = holder('valid');
  const base = { iss: valid.iss, holder: valid.holder, permit: valid.permit(today), socialSecurity: valid.socialSecurity };
  const nowSec = Math.floor(store.now().getTime() / 1000);
  const validEssc = await store.issueCard({ typ: 'essc', ...base });
  const validWpn = await store.issueCard({ typ: 'wpn', iss: valid.iss, holder: valid.holder, permit: valid.permit(today) });
  // iat an hour ago: exp = iat + 300 s lies far beyond the 300 s skew.
  const expiredEssc = await store.issueCard({ typ: 'essc', ...base, iat: nowSec - 3600 });
  const revoked = holder('permit-revoked');
  const revokedPermit = await store.issueCard({
    typ: 'essc',
    iss: revoked.iss,
    holder: revoked.holder,
    permit: revoked.permit(today),
    socialSecurity: revoked.socialSecurity,
  });
  const forger = await generateSigningKeyPair();
  const forgedClaims = { ...validEssc.claims, jti: 'ForgedForgedForged0001' };
  const forged = { qrText: encodeQrText(await signCardToken(forgedClaims, forger)), kid: forger.kid };
  return { validEssc, validWpn, expiredEssc, revokedPermit, forged };
}
