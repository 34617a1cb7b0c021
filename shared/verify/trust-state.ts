import type { RevocationListMeta } from '../revocation/revocation-list';
import type { TrustList } from '../trust/trust-list';

/** The applied revocation data as verification sees it; storage may be memory or IndexedDB. */
export interface RevocationView {
  readonly meta: RevocationListMeta | null;
  has(h: string): boolean | Promise<boolean>;
}

/** Everything verification needs besides the QR text and the clock. */
export interface TrustState {
  readonly trustList: TrustList | null;
  readonly revocations: RevocationView | null;
}
