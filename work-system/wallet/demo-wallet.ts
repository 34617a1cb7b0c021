// The demo wallet's cards: each e-SSC QR is re-signed every 60 s and lives 300 s (iat + 300),
// like the dynamic QR of the phone app; the printed WPN has no expiry.
import { ESSC_QR_LIFETIME_SECONDS } from '../issuer';
import type { IssuedCard, WorkSystemStore } from '../store/work-system-store';
import { DEMO_HOLDERS, demoToday, type DemoHolder } from './demo-holders';
import type { DemoSeed } from './demo-seed';

export const WALLET_REFRESH_SECONDS = 60;

export interface WalletCard {
  readonly id: string;
  readonly label: string;
  readonly typ: 'essc' | 'wpn';
  readonly expect: DemoHolder['expect']['verdict'];
  readonly reasons: DemoHolder['expect']['reasons'];
  readonly qrText: string;
  readonly iat: number;
  readonly exp: number | null;
  readonly holder: DemoHolder;
  readonly issued: IssuedCard;
}

export class DemoWallet {
  private readonly cache = new Map<string, WalletCard>();

  constructor(
    private readonly store: WorkSystemStore,
    private readonly seed: DemoSeed,
  ) {}

  holders(): readonly DemoHolder[] {
    return DEMO_HOLDERS;
  }

  /** The e-SSC of a holder, re-signed once the cached one is a minute old. */
  async card(id: string, typ: 'essc' | 'wpn' = 'essc'): Promise<WalletCard | undefined> {
    const holder = DEMO_HOLDERS.find((h) => h.id === id);
    if (!holder) return undefined;
    const key = `${typ}:${id}`;
    const nowSec = this.store.nowSec();
    const cached = this.cache.get(key);
    const fresh = typ === 'essc' ? nowSec - (cached?.iat ?? -Infinity) < WALLET_REFRESH_SECONDS : cached !== undefined;
    if (cached && fresh) return cached;
    const issued = await this.store.issueCard({
      typ,
      iss: holder.iss,
      iat: nowSec,
      ...(typ === 'essc' ? { exp: nowSec + ESSC_QR_LIFETIME_SECONDS, socialSecurity: holder.socialSecurity } : {}),
      holder: holder.holder,
      permit: holder.permit(demoToday(this.store.now())),
      ...(holder.signer === 'revoked-key' ? { kid: this.seed.revokedKid } : {}),
    });
    const card: WalletCard = {
      id,
      label: typ === 'wpn' ? `${holder.label} — printed notification` : holder.label,
      typ,
      expect: holder.expect.verdict,
      reasons: holder.expect.reasons,
      qrText: issued.qrText,
      iat: issued.claims.iat,
      exp: issued.claims.exp ?? null,
      holder,
      issued,
    };
    this.cache.set(key, card);
    return card;
  }

  async allCards(): Promise<WalletCard[]> {
    const cards: WalletCard[] = [];
    for (const holder of DEMO_HOLDERS) {
      for (const typ of ['essc', 'wpn'] as const) cards.push((await this.card(holder.id, typ))!);
    }
    return cards;
  }
}
