/// <reference types="vite/client" />
// Test page bundled by Vite and driven by Playwright: the real data layer in real Chromium.
import type { HostApi, KioskConfig } from '../../../shared/host/host-api';
import { openKioskServices, type KioskServices } from '../../../renderer/kiosk/kiosk-services';
import { auditFacts } from '../../../renderer/audit/audit-facts';
import { createQrDecoder, decodeImageFile, listenForWedgeScans } from '../../../renderer/scan/decode';
import { KioskDatabase, type StoredAuditEntry } from '../../../renderer/db/database';
import { getOrCreateKioskKey, loadKioskKey } from '../../../renderer/sync/kiosk-key';
import { importEs256PublicKey } from '../../../shared/jws/es256';
import { chainAuditEntry, verifyAuditChain, type AuditEntry } from '../../../shared/audit/audit-entry';
import { createBrowserHostClient } from '../../../renderer/host/browser-host-client';

let kiosk: KioskServices | null = null;

function pageHost(anchors: KioskConfig['anchors']): HostApi {
  const config: KioskConfig = {
    workSystemUrl: null, kioskName: 'Browser test', office: 'Test office', anchors, anchorsSource: 'demo',
    language: 'en', autoClearSeconds: 30, kioskMode: false, demoEnrollCode: null,
  };
  return {
    appInfo: async () => ({ name: 'essc-kiosk', version: 'test', host: 'browser', demo: true, platform: 'test' }),
    getConfig: async () => config,
    setConfig: async () => config,
    workSystem: async () => ({ ok: false, failure: 'NOT_CONFIGURED', message: 'none' }),
    printSlip: async () => ({ printed: false }),
    saveSlipPdf: async () => ({ saved: false, path: null }),
  };
}

function needKiosk(): KioskServices {
  if (!kiosk) throw new Error('openKiosk first');
  return kiosk;
}

function pngBlob(base64: string): Blob {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return new Blob([bytes], { type: 'image/png' });
}

const SEED_SPACING_MS = 60_000;
const cspViolations: string[] = [];
document.addEventListener('securitypolicyviolation', (e) => cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
const wedgeScans: string[] = [];
let stopWedge: (() => void) | null = null;

const api = {
  startWedge() {
    stopWedge?.();
    wedgeScans.length = 0;
    stopWedge = listenForWedgeScans(window, (text) => wedgeScans.push(text));
    if (!document.querySelector('input')) document.body.append(document.createElement('input'));
  },
  cspViolations() {
    return [...cspViolations];
  },
  wedgeScans() {
    return [...wedgeScans];
  },
  /** Real KeyboardEvents through the real DOM; `composing` interleaves IME composition keys. */
  async typeKeys(text: string, gapMs: number, into: 'body' | 'input', composing = false) {
    const target = into === 'input' ? document.querySelector('input')! : document.body;
    if (into === 'input') target.focus();
    for (const key of [...text, 'Enter']) {
      if (composing) target.dispatchEvent(new KeyboardEvent('keydown', { key: 'Process', isComposing: true, bubbles: true, cancelable: true }));
      target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
      if (gapMs > 0) await new Promise((r) => setTimeout(r, gapMs));
    }
  },
  async openKiosk(dbName: string, anchors: KioskConfig['anchors'], nowIso: string) {
    kiosk?.close();
    kiosk = await openKioskServices({ host: pageHost(anchors), dbName, now: () => new Date(nowIso) });
    return { persistent: kiosk.persistentStorage, status: await kiosk.trust.status() };
  },
  /** The kiosk as production wires it in a browser: host API over /__host/* (host-server). */
  async openKioskViaBrowserHost(dbName: string, nowIso: string, workSystemUrl: string) {
    kiosk?.close();
    const host = createBrowserHostClient();
    await host.setConfig({ workSystemUrl });
    kiosk = await openKioskServices({ host, dbName, now: () => new Date(nowIso) });
    return { status: await kiosk.trust.status(), kioskId: await kiosk.kioskId() };
  },
  async enroll(code: string) {
    return needKiosk().sync.enroll(code, 'admin');
  },
  async syncNow() {
    const report = await needKiosk().sync.syncNow();
    return { report, pending: await needKiosk().audit.pendingCount(), kioskId: await needKiosk().kioskId() };
  },
  async applyTrust(jws: string) {
    return needKiosk().trust.applyTrustListJws(jws);
  },
  async applyRevocationsFrom(url: string) {
    const text = await (await fetch(url)).text();
    const progress: number[] = [];
    const t0 = performance.now();
    // A timer that should keep ticking while the snapshot applies: measures UI responsiveness.
    let ticks = 0;
    let worstGap = 0;
    let last = performance.now();
    const timer = setInterval(() => {
      const t = performance.now();
      worstGap = Math.max(worstGap, t - last);
      last = t;
      ticks++;
    }, 10);
    const marks: number[] = [];
    const outcome = await needKiosk().trust.applyRevocationJws(text, (done) => {
      progress.push(done);
      marks.push(Math.round(performance.now() - t0));
    });
    clearInterval(timer);
    const ms = performance.now() - t0;
    return { outcome, ms, marks, chunks: progress.length, ticks, worstGapMs: worstGap, status: await needKiosk().trust.status() };
  },
  async revocationLookups(hashes: string[]) {
    const view = needKiosk().trust.state().revocations!;
    const t0 = performance.now();
    const found: boolean[] = [];
    for (const h of hashes) found.push(await view.has(h));
    return { found, msPerLookup: (performance.now() - t0) / hashes.length };
  },
  async rawPutTiming(n: number, durability: 'strict' | 'relaxed' | 'default', outbound: boolean) {
    const name = `raw-${durability}-${outbound}-${Math.random()}`;
    const db = await new Promise<IDBDatabase>((ok, fail) => {
      const req = indexedDB.open(name, 1);
      req.onupgradeneeded = () => req.result.createObjectStore('s', outbound ? undefined : { keyPath: 'k' });
      req.onsuccess = () => ok(req.result);
      req.onerror = () => fail(req.error);
    });
    const t0 = performance.now();
    await new Promise<void>((ok, fail) => {
      const tx = db.transaction('s', 'readwrite', { durability });
      const store = tx.objectStore('s');
      for (let i = 0; i < n; i++) {
        const key = `00000001:${i.toString(36).padStart(21, '_')}A`;
        if (outbound) store.put(1, key);
        else store.put({ k: key });
      }
      tx.oncomplete = () => ok();
      tx.onerror = () => fail(tx.error);
    });
    const ms = performance.now() - t0;
    db.close();
    indexedDB.deleteDatabase(name);
    return ms;
  },
  /**
   * Bulk-loads synthetic entries (indexes as real ones; not a valid chain) for query timings, one
   * a minute: 1,440 a day, a very busy counter.
   */
  async seedAudit(n: number) {
    const db = needKiosk().db;
    const base = Date.parse('2026-01-01T00:00:00.000Z');
    const verdicts = ['valid', 'valid', 'valid', 'invalid', 'indeterminate'] as const;
    const t0 = performance.now();
    for (let start = 1; start <= n; start += 10_000) {
      const rows: StoredAuditEntry[] = [];
      for (let seq = start; seq < Math.min(start + 10_000, n + 1); seq++) {
        rows.push({
          id: `0190a000-0000-7000-8000-${seq.toString(16).padStart(12, '0')}`, seq, at: new Date(base + seq * SEED_SPACING_MS).toISOString(),
          kiosk: 'bench', operator: 'op', event: 'verify' as const, verdict: verdicts[seq % 5]!, reasons: [], warnings: [],
          typ: 'essc' as const, iss: 'CN-310000', kid: 'abcdefghijk', permitNo: `P${String(seq % 50_000).padStart(11, '0')}`,
          jti: 'q3VbW0l8Sg2uJx1Zr9tQ5w', token: 'ssD6Rz0Jb9H6pp1bCq6NNVgG6wHc9oqP0aDWsc2xYt4', trustSeq: 1, revocationSeq: 1,
          prev: 'A'.repeat(43), hash: 'A'.repeat(43), synced: (seq < n - 100 ? 1 : 0) as 0 | 1,
        });
      }
      await db.transaction('rw', db.audit, () => db.audit.bulkAdd(rows));
    }
    await db.auditChains.put({ kiosk: 'bench', tipSeq: n, tipHash: 'A'.repeat(43), baseSeq: 0, baseHash: null });
    await needKiosk().audit.rebuildCounts();
    return performance.now() - t0;
  },
  async auditQueryTimings(n: number) {
    const audit = needKiosk().audit;
    const db = needKiosk().db;
    const base = Date.parse('2026-01-01T00:00:00.000Z');
    const timed = async <T>(fn: () => Promise<T>) => {
      const t0 = performance.now();
      const value = await fn();
      return { ms: Math.round(performance.now() - t0), value: Array.isArray(value) ? value.length : value };
    };
    const mid = base + (n >> 1) * SEED_SPACING_MS;
    const day = { from: new Date(mid), to: new Date(mid + 86_400_000) };
    return {
      firstPage: await timed(() => audit.page({}, 0, 50)),
      nextPages: await timed(async () => {
        let rows = 0;
        for (let offset = 0; offset < 50 * 20; offset += 50) rows += (await audit.page({}, offset, 50)).length;
        return rows;
      }),
      deepPage: await timed(() => audit.page({}, n - 50, 50)),
      countRangeInvalid: await timed(() => audit.count({ verdict: 'invalid', from: new Date(base + 3_600_000 * 5), to: new Date(base + n * SEED_SPACING_MS - 3_600_000 * 7) })),
      countAll: await timed(() => audit.count({})),
      countInvalid: await timed(() => audit.count({ verdict: 'invalid' })),
      invalidPage: await timed(() => audit.page({ verdict: 'invalid' }, 1000, 50)),
      dayCount: await timed(() => audit.count(day)),
      dayInvalidPage: await timed(() => audit.page({ ...day, verdict: 'invalid' }, 0, 50)),
      permitPage: await timed(() => audit.page({ permitNo: 'P00000012345' }, 0, 50)),
      pendingCount: await timed(() => audit.pendingCount()),
      baselineScanCountInvalid: await timed(() => db.audit.filter((e) => e.verdict === 'invalid').count()),
      baselineScanPermit: await timed(() => db.audit.filter((e) => e.permitNo === 'P00000012345').toArray()),
    };
  },
  async appendMany(n: number) {
    const audit = needKiosk().audit;
    let last = null;
    for (let i = 0; i < n; i++) {
      last = await audit.append(auditFacts('verify', { verdict: i % 2 ? 'valid' : 'invalid', reasons: [], warnings: [] }), 'browser');
    }
    return last;
  },
  /** Writes a real chain of n entries in bulk (built in memory), then times checkChain over it. */
  async seedRealChainAndCheck(n: number) {
    const db = needKiosk().db;
    let tip: { seq: number; hash: string } | null = null;
    const all: AuditEntry[] = [];
    const t0 = performance.now();
    for (let start = 0; start < n; start += 5_000) {
      const rows: StoredAuditEntry[] = [];
      for (let i = start; i < Math.min(n, start + 5_000); i++) {
        const entry = await chainAuditEntry(tip, { ...auditFacts('verify', { verdict: 'valid', reasons: [], warnings: [] }), operator: 'op' }, {
          id: `0190a000-0000-7000-8000-${(i + 1).toString(16).padStart(12, '0')}`, at: new Date(Date.UTC(2026, 0, 1) + i * 60_000), kiosk: 'chain-bench',
        });
        rows.push({ ...entry, synced: 0 });
        all.push(entry);
        tip = { seq: entry.seq, hash: entry.hash };
      }
      await db.transaction('rw', db.audit, () => db.audit.bulkAdd(rows));
    }
    await db.auditChains.put({ kiosk: 'chain-bench', tipSeq: tip!.seq, tipHash: tip!.hash, baseSeq: 0, baseHash: null });
    const built = performance.now() - t0;
    const t1 = performance.now();
    const result = await needKiosk().audit.checkChain();
    const checkMs = performance.now() - t1;
    // Baseline: the same chain check on entries already in memory (hashing only, no IndexedDB).
    const t2 = performance.now();
    const baseline = await verifyAuditChain(all);
    return { builtMs: built, checkMs, result, baselineMs: performance.now() - t2, baselineOk: baseline.ok };
  },
  async checkChain() {
    const t0 = performance.now();
    const result = await needKiosk().audit.checkChain();
    return { result, ms: performance.now() - t0, count: await needKiosk().audit.count({}) };
  },
  async verify(qrText: string) {
    const { result, entry } = await needKiosk().verifyAndRecord(qrText, 'browser');
    return { verdict: result.verdict, reasons: result.reasons, entry };
  },
  async storeKioskKey(dbName: string) {
    const db = new KioskDatabase(dbName);
    const key = await getOrCreateKioskKey(db);
    db.close();
    return { kid: key.kid, publicJwk: key.publicJwk };
  },
  async useKioskKey(dbName: string) {
    const db = new KioskDatabase(dbName);
    const key = await loadKioskKey(db);
    db.close();
    if (!key) return null;
    const data = new TextEncoder().encode('audit batch');
    const signature = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, key.privateKey, data);
    const verifier = await importEs256PublicKey(`check-${key.kid}`, key.publicJwk);
    const signatureOk = await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, verifier, signature, data);
    let exportRejected = false;
    try {
      await crypto.subtle.exportKey('jwk', key.privateKey);
    } catch {
      exportRejected = true;
    }
    return { kid: key.kid, isCryptoKey: key.privateKey instanceof CryptoKey, extractable: key.privateKey.extractable, signatureOk, exportRejected };
  },
  async decodeFile(pngBase64: string) {
    return decodeImageFile(pngBlob(pngBase64));
  },
  async decodeFrames(pngBase64: string) {
    const decoder = createQrDecoder();
    try {
      const bitmap = await createImageBitmap(pngBlob(pngBase64));
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(bitmap, 0, 0);
      const imageData = ctx.getImageData(0, 0, bitmap.width, bitmap.height);
      const first = decoder.decode(bitmap); // transferred: bitmap is closed afterwards
      const dropped = await decoder.decode(imageData); // busy: dropped at once, not queued
      const bitmapText = await first;
      const bitmapClosed = bitmap.width === 0;
      const fresh = ctx.getImageData(0, 0, canvas.width, canvas.height);
      const imageDataText = await decoder.decode(fresh);
      const blank = await decoder.decode(new ImageData(64, 64));
      return { bitmapText, dropped, bitmapClosed, imageDataText, detached: fresh.data.length === 0, blank };
    } finally {
      decoder.dispose();
    }
  },
};

declare global {
  interface Window {
    esscTest: typeof api;
  }
}
window.esscTest = api;
document.title = 'ready';
