import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeQrText } from '../../shared/codec/numeric-qr';
import { MemoryRevocationSet } from '../../shared/revocation/memory-revocation-set';
import { verifyRevocationList } from '../../shared/revocation/revocation-list';
import { loadTrustAnchors, type AnchorSet } from '../../shared/trust/anchors';
import { verifyTrustList } from '../../shared/trust/trust-list';
import { verifyCard } from '../../shared/verify/verify-card';
import type { TrustState } from '../../shared/verify/trust-state';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import { qrPng, qrSymbolOf, qrVersionOf } from '../../work-system/wallet/qr-image';
import { startTestServer } from './helpers';

interface CardJson {
  id: string;
  label: string;
  typ: 'essc' | 'wpn';
  expect: string;
  reasons: string[];
  iat: number;
  exp: number | null;
  qrText: string;
}

describe('demo mode: wallet and seeded cases', () => {
  let ws: Awaited<ReturnType<typeof startTestServer>>;
  let anchors: AnchorSet;
  let state: TrustState;
  let offsetMs = 0;
  const now = () => new Date(Date.now() + offsetMs);

  beforeAll(async () => {
    ws = await startTestServer({ demo: true, clock: now });
    // The kiosk's way in: pin the anchors the demo route serves, then sync over §7.
    anchors = await loadTrustAnchors(await (await fetch(`${ws.url}/demo/anchors.jwks`)).json());
    const trustList = await verifyTrustList(await (await fetch(`${ws.url}/v1/trust-list`)).text(), anchors);
    const revocations = new MemoryRevocationSet();
    revocations.apply(await verifyRevocationList(await (await fetch(`${ws.url}/v1/revocations?since=0`)).text(), anchors));
    state = { trustList, revocations };
  });
  afterAll(() => ws.stop());

  it('serves the same anchors as <dataDir>/anchors.jwks.json', () => {
    expect([...anchors.keys()]).toEqual([ws.store.anchor.kid]);
  });

  it('every seeded card gets its expected verdict and reasons from verifyCard', async () => {
    const cards = (await (await fetch(`${ws.url}/wallet/cards.json`)).json()) as CardJson[];
    const ids = new Set(cards.map((c) => c.id));
    expect(ids).toEqual(new Set(['valid', 'permit-expired', 'permit-revoked', 'permit-not-yet-valid', 'key-revoked']));
    expect(cards.filter((c) => c.typ === 'wpn')).toHaveLength(5);
    for (const card of cards) {
      const result = await verifyCard(card.qrText, state, { now: now() });
      expect({ id: card.id, typ: card.typ, verdict: result.verdict, reasons: result.reasons }).toEqual({
        id: card.id,
        typ: card.typ,
        verdict: card.expect,
        reasons: card.reasons,
      });
      expect(result.warnings).toEqual([]);
      expect(result.claims?.typ).toBe(card.typ);
      if (card.typ === 'essc') expect(card.exp! - card.iat).toBe(300);
      else expect(card.exp).toBeNull();
      expect(qrVersionOf(card.qrText)).toBeLessThanOrEqual(20);
    }
  });

  it('a freshly issued card from the store verifies as valid', async () => {
    const issued = await ws.store.issueCard({
      typ: 'essc',
      iss: 'CN-110000',
      holder: { name: 'SMITH JOHN', sex: 'M', dob: '1980-01-01', nat: 'GBR', pp: '123456789' },
      permit: { no: '156110202501010001', cat: 'A', from: '2025-01-01', to: '2099-12-31', emp: '北京某某公司', uscc: '91110000MA00ABCD2Y', area: '110105' },
      socialSecurity: { no: '9GBR19800101001X', area: '110000' },
    });
    const result = await verifyCard(issued.qrText, state, { now: now() });
    expect(result).toMatchObject({ verdict: 'valid', reasons: [], iss: 'CN-110000', kid: issued.kid });
  });

  it('re-signs each card QR once it is a minute old; each lives 300 s', async () => {
    const cardsNow = async () => (await (await fetch(`${ws.url}/wallet/cards.json`)).json()) as CardJson[];
    const first = await cardsNow();
    offsetMs += 30_000;
    expect((await cardsNow()).map((c) => c.qrText)).toEqual(first.map((c) => c.qrText));
    offsetMs += 31_000;
    const later = await cardsNow();
    for (const [i, card] of later.entries()) {
      if (card.typ === 'wpn') {
        expect(card.qrText).toBe(first[i]!.qrText);
        continue;
      }
      expect(card.qrText).not.toBe(first[i]!.qrText);
      expect(card.iat).toBeGreaterThanOrEqual(first[i]!.iat + 60);
      expect(card.exp).toBe(card.iat + 300);
    }
    const svgBefore = await (await fetch(`${ws.url}/wallet/card/valid.svg`)).text();
    offsetMs += 60_000;
    expect(await (await fetch(`${ws.url}/wallet/card/valid.svg`)).text()).not.toBe(svgBefore);
  });

  it('serves the wallet page with inline QR SVGs and no external resource', async () => {
    const res = await fetch(`${ws.url}/wallet`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await res.text();
    expect(html.match(/<svg /g)).toHaveLength(5);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(html).toContain('/wallet/card/');
    expect(html).toContain('VAN DER BERG MARIA');
  });

  it('serves each card QR as SVG, a printable WPN page, and 404 for unknown cards', async () => {
    const svg = await fetch(`${ws.url}/wallet/card/valid.svg`);
    expect(svg.status).toBe(200);
    expect(svg.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(await svg.text()).toMatch(/^<svg/);
    const wpn = await fetch(`${ws.url}/wallet/wpn/valid`);
    expect(wpn.status).toBe(200);
    const html = await wpn.text();
    expect(html).toContain('Notification of Foreigner');
    expect(html).toMatch(/src="data:image\/png;base64,/);
    expect((await fetch(`${ws.url}/wallet/card/nobody.svg`)).status).toBe(404);
    expect((await fetch(`${ws.url}/wallet/wpn/nobody`)).status).toBe(404);
  });

  it('draws QR symbols a real decoder reads back: EC level M, byte + numeric segments', async () => {
    const wasm = readFileSync(createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm'));
    prepareZXingModule({ overrides: { wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer }, fireImmediately: true });
    const cards = ((await (await fetch(`${ws.url}/wallet/cards.json`)).json()) as CardJson[]).slice(0, 2);
    for (const card of cards) {
      const [decoded] = await readBarcodes(new Blob([new Uint8Array(await qrPng(card.qrText))]), { formats: ['QRCode'] });
      expect(decoded?.text).toBe(card.qrText);
      expect(decoded?.ecLevel).toBe('M');
      const symbol = qrSymbolOf(card.qrText);
      expect(symbol.segments.map((s) => s.mode.id)).toEqual(['Byte', 'Numeric']);
      expect(String(symbol.version)).toBe(String(decoded!.version));
    }
    const svgText = await (await fetch(`${ws.url}/wallet/card/valid.svg`)).text();
    expect(svgText).toContain('viewBox');
  });

  it('encodes QR texts that decode to an ES256 JWS with zip DEF', async () => {
    const [card] = (await (await fetch(`${ws.url}/wallet/cards.json`)).json()) as CardJson[];
    const header = JSON.parse(Buffer.from(decodeQrText(card!.qrText).split('.')[0]!, 'base64url').toString()) as Record<string, unknown>;
    expect(header).toMatchObject({ alg: 'ES256', zip: 'DEF' });
  });
});
