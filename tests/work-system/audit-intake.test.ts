import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_AUDIT_BATCH_BYTES } from '../../shared/api/work-system-api';
import { chainAuditEntry, type AuditEntry } from '../../shared/audit/audit-entry';
import { v7 as uuidv7 } from 'uuid';
import {
  enrollKiosk,
  newKioskKey,
  nextEntries,
  postJose,
  signBatch,
  startTestServer,
  uploadEntries,
  VERIFY_FACTS,
  type TestKiosk,
} from './helpers';

type Server = Awaited<ReturnType<typeof startTestServer>>;

async function expectError(res: Response, status: number, error: string): Promise<Record<string, unknown>> {
  const body = (await res.json()) as Record<string, unknown>;
  expect({ status: res.status, error: body.error }).toEqual({ status, error });
  expect(typeof body.message).toBe('string');
  return body;
}

describe('POST /v1/audit (§7, §8)', () => {
  let ws: Server;
  beforeAll(async () => {
    ws = await startTestServer();
  });
  afterAll(() => ws.stop());

  it('stores a batch and acknowledges {stored, duplicates, lastSeq}', async () => {
    const kiosk = await enrollKiosk(ws);
    const entries = await nextEntries(kiosk, 5);
    const res = await uploadEntries(ws, kiosk, entries);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ stored: 5, duplicates: 0, lastSeq: 5 });
    expect(ws.store.listAudit(kiosk.kioskId)).toEqual(entries);
  });

  it('counts a resent batch as duplicates and stores the new part of an overlapping one', async () => {
    const kiosk = await enrollKiosk(ws);
    const first = await nextEntries(kiosk, 4);
    expect((await uploadEntries(ws, kiosk, first)).status).toBe(200);
    const resent = await uploadEntries(ws, kiosk, first);
    expect(resent.status).toBe(200);
    expect(await resent.json()).toEqual({ stored: 0, duplicates: 4, lastSeq: 4 });
    const more = await nextEntries(kiosk, 3);
    const overlap = await uploadEntries(ws, kiosk, [...first.slice(2), ...more]);
    expect(await overlap.json()).toEqual({ stored: 3, duplicates: 2, lastSeq: 7 });
    expect(ws.store.audit.count(kiosk.kioskId)).toBe(7);
    expect(await ws.store.verifyKioskChain(kiosk.kioskId)).toEqual({ ok: true, tip: kiosk.tip, checked: 7 });
  });

  it('answers 409 with expectedSeq on a gap and stores nothing', async () => {
    const kiosk = await enrollKiosk(ws);
    const entries = await nextEntries(kiosk, 6);
    expect((await uploadEntries(ws, kiosk, entries.slice(0, 2))).status).toBe(200);
    const body = await expectError(await uploadEntries(ws, kiosk, entries.slice(3)), 409, 'seq_gap');
    expect(body.expectedSeq).toBe(3);
    expect(ws.store.audit.count(kiosk.kioskId)).toBe(2);
    const fresh = await enrollKiosk(ws);
    const later = await nextEntries(fresh, 3);
    expect((await expectError(await uploadEntries(ws, fresh, later.slice(1)), 409, 'seq_gap')).expectedSeq).toBe(1);
  });

  it('answers 422 chain_mismatch for a broken chain and stores nothing of the batch', async () => {
    const kiosk = await enrollKiosk(ws);
    const entries = await nextEntries(kiosk, 5);
    const tampered = entries.map((e, i) => (i === 3 ? { ...e, verdict: 'invalid' as const } : e));
    await expectError(await uploadEntries(ws, kiosk, tampered), 422, 'chain_mismatch');
    expect(ws.store.audit.count(kiosk.kioskId)).toBe(0);

    const relinked = [...entries];
    relinked[2] = { ...entries[2]!, prev: entries[0]!.hash };
    await expectError(await uploadEntries(ws, kiosk, relinked), 422, 'chain_mismatch');
    expect(ws.store.audit.count(kiosk.kioskId)).toBe(0);

    await expectError(await uploadEntries(ws, kiosk, [entries[0]!, entries[2]!]), 422, 'chain_mismatch');
    expect((await uploadEntries(ws, kiosk, entries)).status).toBe(200);
  });

  it('answers 422 when a resent entry differs from the stored one at that seq', async () => {
    const kiosk = await enrollKiosk(ws);
    const entries = await nextEntries(kiosk, 3);
    expect((await uploadEntries(ws, kiosk, entries)).status).toBe(200);
    const forked: AuditEntry = await chainAuditEntry(
      { seq: 1, hash: entries[0]!.hash },
      { ...VERIFY_FACTS, verdict: 'invalid', reasons: ['PERMIT_REVOKED'] },
      { id: uuidv7(), at: new Date(), kiosk: kiosk.kioskId },
    );
    await expectError(await uploadEntries(ws, kiosk, [forked]), 422, 'chain_mismatch');
    expect(ws.store.listAudit(kiosk.kioskId)).toEqual(entries);
  });

  it('answers 422 when a new entry reuses the id of an entry already stored', async () => {
    const a = await enrollKiosk(ws);
    const b = await enrollKiosk(ws);
    const [stored] = await nextEntries(a, 1);
    expect((await uploadEntries(ws, a, [stored!])).status).toBe(200);
    const reused = await chainAuditEntry(null, VERIFY_FACTS, { id: stored!.id, at: new Date(), kiosk: b.kioskId });
    await expectError(await uploadEntries(ws, b, [reused]), 422, 'chain_mismatch');
    expect(ws.store.audit.count(b.kioskId)).toBe(0);
    expect((await uploadEntries(ws, b, await nextEntries(b, 1))).status).toBe(200);
  });

  it('refuses an unknown kiosk, a bad signature and another kiosk\'s key with 401', async () => {
    const kiosk = await enrollKiosk(ws);
    const other = await enrollKiosk(ws, 'Counter 2');
    const entries = await nextEntries(kiosk, 2);
    const stranger = await newKioskKey();
    await expectError(await postJose(`${ws.url}/v1/audit`, await signBatch({ kiosk: kiosk.kioskId, entries }, stranger)), 401, 'unknown_kiosk');
    // Signed by another kiosk's key but naming this kiosk's key id: the signature fails.
    await expectError(
      await postJose(`${ws.url}/v1/audit`, await signBatch({ kiosk: kiosk.kioskId, entries }, { privateKey: other.privateKey, kid: kiosk.kid })),
      401,
      'bad_signature',
    );
    // Signed honestly by another enrolled kiosk, claiming to be this one.
    await expectError(await postJose(`${ws.url}/v1/audit`, await signBatch({ kiosk: kiosk.kioskId, entries }, other)), 401, 'kiosk_mismatch');
    const jws = await signBatch({ kiosk: kiosk.kioskId, entries }, kiosk);
    const [h, p, s] = jws.split('.');
    const flipped = `${h}.${p}.${s!.startsWith('A') ? 'B' : 'A'}${s!.slice(1)}`;
    await expectError(await postJose(`${ws.url}/v1/audit`, flipped), 401, 'bad_signature');
    expect(ws.store.audit.count(kiosk.kioskId)).toBe(0);
  });

  it('refuses entries of another kiosk inside a kiosk\'s own batch with 422', async () => {
    const kiosk = await enrollKiosk(ws);
    const other = await enrollKiosk(ws, 'Counter 3');
    const own = await nextEntries(kiosk, 1);
    const foreign = await nextEntries(other, 1);
    await expectError(
      await postJose(`${ws.url}/v1/audit`, await signBatch({ kiosk: kiosk.kioskId, entries: [...own, ...foreign] }, kiosk)),
      422,
      'kiosk_mismatch',
    );
  });

  it('refuses a wrong typ, a non-JWS body and a non-jose content type', async () => {
    const kiosk = await enrollKiosk(ws);
    const entries = await nextEntries(kiosk, 1);
    await expectError(await postJose(`${ws.url}/v1/audit`, await signBatch({ kiosk: kiosk.kioskId, entries }, kiosk, { typ: 'JWT' })), 400, 'malformed_jws');
    await expectError(await postJose(`${ws.url}/v1/audit`, 'not a jws'), 400, 'malformed_jws');
    const asJson = await fetch(`${ws.url}/v1/audit`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    await expectError(asJson, 415, 'unsupported_media_type');
  });

  it('validates every entry with the §8 schema (400 invalid_batch)', async () => {
    const kiosk = await enrollKiosk(ws);
    const [entry] = await nextEntries(kiosk, 1);
    const cases: unknown[] = [
      { kiosk: kiosk.kioskId, entries: [] },
      { kiosk: kiosk.kioskId, entries: [{ ...entry, event: 'coffee' }] },
      { kiosk: kiosk.kioskId, entries: [{ ...entry, extra: 1 }] },
      { kiosk: kiosk.kioskId, entries: [{ ...entry, id: 'not-a-uuid' }] },
      { kiosk: kiosk.kioskId },
    ];
    for (const payload of cases) {
      await expectError(await postJose(`${ws.url}/v1/audit`, await signBatch(payload, kiosk)), 400, 'invalid_batch');
    }
    expect(ws.store.audit.count(kiosk.kioskId)).toBe(0);
  });

  it('answers 413 to more than 1,000 entries and to a body over 1 MiB', async () => {
    const kiosk = await enrollKiosk(ws);
    const entries = await nextEntries(kiosk, 1001);
    await expectError(await uploadEntries(ws, kiosk, entries), 413, 'batch_too_large');
    const padded = await signBatch({ kiosk: kiosk.kioskId, entries: entries.slice(0, 1), pad: 'x'.repeat(MAX_AUDIT_BATCH_BYTES) }, kiosk);
    await expectError(await postJose(`${ws.url}/v1/audit`, padded), 413, 'payload_too_large');
    const exact = await uploadEntries(ws, kiosk, entries.slice(0, 1000));
    expect(await exact.json()).toEqual({ stored: 1000, duplicates: 0, lastSeq: 1000 });
  });
});

export type { TestKiosk };
