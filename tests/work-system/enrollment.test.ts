import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kidOf } from '../../shared/jws/kid';
import { newKioskKey, postJson, startTestServer } from './helpers';

describe('POST /v1/kiosks (§7 enrollment)', () => {
  let ws: Awaited<ReturnType<typeof startTestServer>>;
  beforeAll(async () => {
    ws = await startTestServer();
  });
  afterAll(() => ws.stop());
  const enroll = (body: unknown) => postJson(`${ws.url}/v1/kiosks`, body);

  it('enrolls with a one-time code: 201 {kioskId, kid = kid(jwk)}', async () => {
    const key = await newKioskKey();
    const code = ws.store.createEnrollmentCode();
    const res = await enroll({ code, name: 'Counter 1', office: 'Pudong', jwk: key.jwk });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { kioskId: string; kid: string };
    expect(body.kid).toBe(await kidOf(key.jwk));
    expect(body.kioskId).toMatch(/^KIOSK-[0-9A-Z]{10}$/);
    expect(ws.store.listKiosks().find((k) => k.kioskId === body.kioskId)).toMatchObject({ kid: body.kid, name: 'Counter 1', office: 'Pudong' });
  });

  it('answers 409 code_used to a second use of a code', async () => {
    const code = ws.store.createEnrollmentCode();
    expect((await enroll({ code, name: 'A', office: 'B', jwk: (await newKioskKey()).jwk })).status).toBe(201);
    const again = await enroll({ code, name: 'A', office: 'B', jwk: (await newKioskKey()).jwk });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ error: 'code_used' });
  });

  it('answers 403 bad_code to a code the server never issued', async () => {
    const res = await enroll({ code: 'ZZZZ-ZZZZ-ZZZZ', name: 'A', office: 'B', jwk: (await newKioskKey()).jwk });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: 'bad_code', message: expect.any(String) });
  });

  it('answers 409 key_in_use when a key is enrolled twice, and keeps the code unused', async () => {
    const key = await newKioskKey();
    expect((await enroll({ code: ws.store.createEnrollmentCode(), name: 'A', office: 'B', jwk: key.jwk })).status).toBe(201);
    const code = ws.store.createEnrollmentCode();
    const res = await enroll({ code, name: 'A', office: 'B', jwk: key.jwk });
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ error: 'key_in_use' });
    expect((await enroll({ code, name: 'A', office: 'B', jwk: (await newKioskKey()).jwk })).status).toBe(201);
  });

  it('answers 400 invalid_request to bodies that break the schema', async () => {
    const { jwk } = await newKioskKey();
    const code = ws.store.createEnrollmentCode();
    const bad: unknown[] = [
      {},
      { code, name: 'A', office: 'B' },
      { code, name: '', office: 'B', jwk },
      { code, name: 'A', office: 'B', jwk: { ...jwk, crv: 'P-384' } },
      { code, name: 'A', office: 'B', jwk: { ...jwk, x: 'short' } },
      { code, name: 'A', office: 'B', jwk, extra: true },
    ];
    for (const body of bad) {
      const res = await enroll(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(await res.json()).toMatchObject({ error: 'invalid_request' });
    }
    const notJson = await fetch(`${ws.url}/v1/kiosks`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"code":' });
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({ error: 'invalid_request' });
    // The code survived all of it.
    expect((await enroll({ code, name: 'A', office: 'B', jwk })).status).toBe(201);
  });

  it('accepts a code typed in lower case with spaces around it', async () => {
    const code = ws.store.createEnrollmentCode();
    const res = await enroll({ code: `  ${code.toLowerCase()} `, name: 'A', office: 'B', jwk: (await newKioskKey()).jwk });
    expect(res.status).toBe(201);
    expect((await enroll({ code, name: 'A', office: 'B', jwk: (await newKioskKey()).jwk })).status).toBe(409);
  });

  it('answers 415 to a body that is not JSON and 413 to one over 1 MiB', async () => {
    const xml = await fetch(`${ws.url}/v1/kiosks`, { method: 'POST', headers: { 'content-type': 'application/xml' }, body: '<code/>' });
    expect(xml.status).toBe(415);
    expect(await xml.json()).toMatchObject({ error: 'unsupported_media_type' });
    const huge = await postJson(`${ws.url}/v1/kiosks`, { code: 'x'.repeat(1024 * 1024), name: 'A', office: 'B' });
    expect(huge.status).toBe(413);
    expect(await huge.json()).toMatchObject({ error: 'payload_too_large' });
  });

  it('refuses a point that is not on P-256 with 400', async () => {
    const res = await enroll({ code: ws.store.createEnrollmentCode(), name: 'A', office: 'B', jwk: { kty: 'EC', crv: 'P-256', x: 'A'.repeat(43), y: 'A'.repeat(43) } });
    expect(res.status).toBe(400);
  });
});
