// One-time enrollment codes and enrolled kiosks. A kiosk is known by the kid of its public key
// (§1); that kid is what its signed audit batches name in their header.
import { randomBytes } from 'node:crypto';
import { importEs256PublicKey } from '../../shared/jws/es256';
import { kidOf, type P256PublicJwk } from '../../shared/jws/kid';
import type { EnrollRequest } from '../../shared/api/work-system-api';
import type { WorkSystemDatabase } from './database';

/** Crockford base32 without look-alikes: codes are read aloud and typed on a kiosk. */
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export type EnrollOutcome =
  | { readonly ok: true; readonly kioskId: string; readonly kid: string }
  | { readonly ok: false; readonly failure: 'BAD_CODE' | 'CODE_USED' | 'KEY_IN_USE' | 'BAD_KEY' };

export interface KioskRecord {
  readonly kioskId: string;
  readonly kid: string;
  readonly jwk: P256PublicJwk;
  readonly name: string;
  readonly office: string;
  readonly enrolledAt: number;
  readonly lastSeq: number;
  readonly lastHash: string | null;
}

interface KioskRow {
  kiosk_id: string;
  kid: string;
  jwk: string;
  name: string;
  office: string;
  enrolled_at: number;
  last_seq: number;
  last_hash: string | null;
}

function randomCode(length: number): string {
  const bytes = randomBytes(length);
  let code = '';
  for (const b of bytes) code += CODE_ALPHABET[b & 31];
  return code;
}

export class EnrollmentStore {
  constructor(private readonly db: WorkSystemDatabase) {}

  createCode(nowSec: number): string {
    const code = `${randomCode(4)}-${randomCode(4)}-${randomCode(4)}`;
    this.db.prepare('INSERT INTO enrollment_codes (code, created_at) VALUES (?, ?)').run(code, nowSec);
    return code;
  }

  async enroll(request: EnrollRequest, nowSec: number): Promise<EnrollOutcome> {
    const jwk: P256PublicJwk = { kty: 'EC', crv: 'P-256', x: request.jwk.x, y: request.jwk.y };
    const kid = await kidOf(jwk);
    try {
      await importEs256PublicKey(kid, jwk);
    } catch {
      // Well-formed coordinates that are not a point on P-256: no signature could ever verify.
      return { ok: false, failure: 'BAD_KEY' };
    }
    // Codes are read aloud and typed on a touch screen: case and surrounding spaces do not count.
    const typed = request.code.trim().toUpperCase();
    const attempt = this.db.transaction((): EnrollOutcome => {
      const code = this.db.prepare('SELECT used_at FROM enrollment_codes WHERE code = ?').get(typed) as
        | { used_at: number | null }
        | undefined;
      if (!code) return { ok: false, failure: 'BAD_CODE' };
      if (code.used_at !== null) return { ok: false, failure: 'CODE_USED' };
      if (this.db.prepare('SELECT 1 FROM kiosks WHERE kid = ?').get(kid)) return { ok: false, failure: 'KEY_IN_USE' };
      const kioskId = `KIOSK-${randomCode(10)}`;
      this.db
        .prepare('INSERT INTO kiosks (kiosk_id, kid, jwk, name, office, enrolled_at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(kioskId, kid, JSON.stringify(jwk), request.name, request.office, nowSec);
      this.db.prepare('UPDATE enrollment_codes SET used_at = ?, kiosk_id = ? WHERE code = ?').run(nowSec, kioskId, typed);
      return { ok: true, kioskId, kid };
    });
    return attempt();
  }

  kioskByKid(kid: string): KioskRecord | undefined {
    const row = this.db.prepare('SELECT * FROM kiosks WHERE kid = ?').get(kid) as KioskRow | undefined;
    return row && toKiosk(row);
  }

  kiosk(kioskId: string): KioskRecord | undefined {
    const row = this.db.prepare('SELECT * FROM kiosks WHERE kiosk_id = ?').get(kioskId) as KioskRow | undefined;
    return row && toKiosk(row);
  }

  listKiosks(): KioskRecord[] {
    return (this.db.prepare('SELECT * FROM kiosks ORDER BY enrolled_at, kiosk_id').all() as KioskRow[]).map(toKiosk);
  }
}

function toKiosk(row: KioskRow): KioskRecord {
  return {
    kioskId: row.kiosk_id,
    kid: row.kid,
    jwk: JSON.parse(row.jwk) as P256PublicJwk,
    name: row.name,
    office: row.office,
    enrolledAt: row.enrolled_at,
    lastSeq: row.last_seq,
    lastHash: row.last_hash,
  };
}
