import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { auditEntrySchema } from '../../shared/audit/audit-entry';
import { encodeBase64url } from '../../shared/encoding/base64url';
import { sha256 } from '../../shared/encoding/sha256';
import { cardClaims, issueQr, NOW } from '../fixtures/test-world';
import { openTestKiosk } from './kiosk-fixture';

describe('verifyAndRecord', () => {
  it('gives indeterminate NO_TRUST_LIST before any trust list, and records it', async () => {
    const { kiosk, world } = await openTestKiosk('no-trust');
    const qr = await issueQr(world);
    const { result, entry } = await kiosk.verifyAndRecord(qr, null);
    expect(result.verdict).toBe('indeterminate');
    expect(result.reasons).toEqual(['NO_TRUST_LIST']);
    expect(entry).toMatchObject({ seq: 1, event: 'verify', verdict: 'indeterminate', reasons: ['NO_TRUST_LIST'], permitNo: null, kid: null });
  });

  it('verifies against the applied trust list with the injected clock and records §8 facts only', async () => {
    const { kiosk, world } = await openTestKiosk('valid');
    expect(await kiosk.trust.applyTrustListJws(world.trustJws)).toEqual({ applied: true, seq: 17 });
    const qr = await issueQr(world);
    const { result, entry } = await kiosk.verifyAndRecord(`  ${qr}\r\n`, 'officer-1');
    expect(result.verdict).toBe('valid');
    expect(result.checkedAt).toBe(NOW.toISOString());
    expect(auditEntrySchema.parse(entry)).toEqual(entry);
    expect(entry).toMatchObject({
      seq: 2,
      event: 'verify',
      operator: 'officer-1',
      verdict: 'valid',
      reasons: [],
      typ: 'essc',
      iss: 'CN-310000',
      kid: world.issuerKey.kid,
      permitNo: '156120241201000123',
      jti: 'q3VbW0l8Sg2uJx1Zr9tQ5w',
      trustSeq: 17,
      revocationSeq: null,
      token: encodeBase64url(await sha256(qr)),
    });
    expect(entry.warnings).toEqual(['REVOCATIONS_UNAVAILABLE']);
  });

  it('never persists the raw QR text or personal data', async () => {
    const { kiosk, world, dbName } = await openTestKiosk('privacy');
    await kiosk.trust.applyTrustListJws(world.trustJws);
    const claims = cardClaims();
    const qr = await issueQr(world, claims);
    await kiosk.verifyAndRecord(qr, 'officer-1');
    kiosk.close();
    // Dump every object store of the database as JSON and look for any personal value.
    const dump = await dumpDatabase(dbName);
    const digits = qr.slice('essc:/'.length);
    for (const secret of [digits.slice(0, 40), claims.hd.name, claims.hd.cn!, claims.hd.pp, claims.hd.dob, claims.ss!.no, claims.wp.emp, claims.wp.uscc]) {
      expect(dump.includes(secret), `database holds ${secret}`).toBe(false);
    }
    expect(dump.includes('156120241201000123')).toBe(true); // permitNo is a §8 field
  });
});

async function dumpDatabase(name: string): Promise<string> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open(name);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  const parts: string[] = [];
  for (const storeName of Array.from(db.objectStoreNames)) {
    const rows = await new Promise<unknown[]>((resolve, reject) => {
      const req = db.transaction(storeName).objectStore(storeName).getAll();
      req.onsuccess = () => resolve(req.result as unknown[]);
      req.onerror = () => reject(req.error);
    });
    parts.push(JSON.stringify(rows));
  }
  db.close();
  return parts.join('\n');
}
