import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrollKiosk, nextEntries, startTestServer, uploadEntries, type TestKiosk } from './helpers';

const ENTRIES_PER_KIOSK = 10_000;
const BATCH = 500;

describe('audit intake under concurrent uploads', () => {
  let ws: Awaited<ReturnType<typeof startTestServer>>;
  beforeAll(async () => {
    ws = await startTestServer();
  });
  afterAll(() => ws.stop());

  it('two kiosks uploading 10,000 entries each at once end with exact counts and intact chains', async () => {
    const kiosks = [await enrollKiosk(ws, 'Counter A'), await enrollKiosk(ws, 'Counter B')];
    const upload = async (kiosk: TestKiosk) => {
      const acks: unknown[] = [];
      for (let sent = 0; sent < ENTRIES_PER_KIOSK; sent += BATCH) {
        const entries = await nextEntries(kiosk, BATCH);
        const res = await uploadEntries(ws, kiosk, entries);
        expect(res.status).toBe(200);
        acks.push(await res.json());
        // Every fifth batch is sent twice, as a kiosk does when an acknowledgement is lost.
        if ((sent / BATCH) % 5 === 4) {
          const again = await uploadEntries(ws, kiosk, entries);
          expect(await again.json()).toEqual({ stored: 0, duplicates: BATCH, lastSeq: sent + BATCH });
        }
      }
      return acks;
    };
    const [acksA, acksB] = await Promise.all(kiosks.map(upload));

    for (const acks of [acksA!, acksB!]) {
      expect(acks).toHaveLength(ENTRIES_PER_KIOSK / BATCH);
      expect(acks.at(-1)).toEqual({ stored: BATCH, duplicates: 0, lastSeq: ENTRIES_PER_KIOSK });
    }
    for (const kiosk of kiosks) {
      expect(ws.store.audit.count(kiosk.kioskId)).toBe(ENTRIES_PER_KIOSK);
      const check = await ws.store.verifyKioskChain(kiosk.kioskId);
      expect(check).toEqual({ ok: true, tip: kiosk.tip, checked: ENTRIES_PER_KIOSK });
    }
    expect(ws.store.audit.count()).toBe(2 * ENTRIES_PER_KIOSK);
  }, 60_000);
});
