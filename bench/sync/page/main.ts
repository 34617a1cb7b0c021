/// <reference types="vite/client" />
// Bench page (bench:sync), bundled by Vite and driven over CDP: the kiosk's real data layer and
// sync engine in real Chromium IndexedDB.
import Dexie from 'dexie';
import type { HostApi, KioskConfig } from '../../../shared/host/host-api';
import { openKioskServices, type KioskServices } from '../../../renderer/kiosk/kiosk-services';
import { auditFacts } from '../../../renderer/audit/audit-facts';
import type { StoredAuditEntry } from '../../../renderer/db/database';
import { chainAuditEntry, type ChainTip } from '../../../shared/audit/audit-entry';
import { createBrowserHostClient } from '../../../renderer/host/browser-host-client';
import { benchHash } from '../hashes';
import { loadKioskKey } from '../../../renderer/sync/kiosk-key';
import { signFittingBatch } from '../../../renderer/sync/audit-batch';

let kiosk: KioskServices | null = null;
let batches: string[] = [];
/** Cumulative time spent in the Work System call and in marking (stages overlap: not additive). */
const spent = { postMs: 0, posts: 0, markMs: 0 };
const need = () => {
  if (!kiosk) throw new Error('open a kiosk first');
  return kiosk;
};

function offlineHost(anchors: KioskConfig['anchors']): HostApi {
  const config: KioskConfig = {
    workSystemUrl: null, kioskName: 'Bench', office: 'Bench office', anchors, anchorsSource: 'demo',
    language: 'en', autoClearSeconds: 30, kioskMode: false, demoEnrollCode: null,
  };
  return {
    appInfo: async () => ({ name: 'essc-kiosk', version: 'bench', host: 'browser', demo: true, platform: 'bench' }),
    getConfig: async () => config,
    setConfig: async () => config,
    workSystem: async () => ({ ok: false, failure: 'NOT_CONFIGURED', message: 'none' }),
    printSlip: async () => ({ printed: false }),
    saveSlipPdf: async () => ({ saved: false, path: null }),
  };
}


const bench = {
  async openOnline(dbName: string, nowIso: string, workSystemUrl: string) {
    const client = createBrowserHostClient();
    await client.setConfig({ workSystemUrl });
    const host: HostApi = {
      ...client,
      workSystem: async (request) => {
        const t = performance.now();
        const response = await client.workSystem(request);
        if (request.path === '/v1/audit') {
          spent.postMs += performance.now() - t;
          spent.posts++;
        }
        return response;
      },
    };
    kiosk = await openKioskServices({ host, dbName, now: () => new Date(nowIso) });
    const audit = kiosk.audit;
    const markSynced = audit.markSynced.bind(audit);
    audit.markSynced = async (kioskId: string, through: number) => {
      const t = performance.now();
      const marked = await markSynced(kioskId, through);
      spent.markMs += performance.now() - t;
      return marked;
    };
  },
  async openOffline(dbName: string, anchors: KioskConfig['anchors'], nowIso: string) {
    kiosk = await openKioskServices({ host: offlineHost(anchors), dbName, now: () => new Date(nowIso) });
  },
  async enroll(code: string) {
    const outcome = await need().sync.enroll(code, 'admin');
    return { outcome, kioskId: need().settings.current.kioskId };
  },
  /** Real chained entries (the server re-checks every hash), bulk-added after the enrolled tip. */
  async seedChain(n: number, nowIso: string) {
    const k = need();
    const kioskId = k.settings.current.kioskId;
    const chain = (await k.db.auditChains.get(kioskId))!;
    let tip: ChainTip = { seq: chain.tipSeq, hash: chain.tipHash };
    const facts = { ...auditFacts('verify', { verdict: 'valid', reasons: [], warnings: [], typ: 'essc', iss: 'CN-310000', permitNo: 'ZX2026000000777' }), operator: 'op' };
    const base = Date.parse(nowIso);
    for (let done = 0; done < n; ) {
      const rows: StoredAuditEntry[] = [];
      for (; rows.length < 10_000 && done < n; done++) {
        const seq = tip.seq + 1;
        const entry = await chainAuditEntry(tip, facts, { id: `0190a000-0000-7000-8000-${seq.toString(16).padStart(12, '0')}`, at: new Date(base + seq), kiosk: kioskId });
        rows.push({ ...entry, synced: 0 });
        tip = { seq: entry.seq, hash: entry.hash };
      }
      await k.db.transaction('rw', k.db.audit, () => k.db.audit.bulkAdd(rows));
    }
    await k.db.auditChains.put({ ...chain, tipSeq: tip.seq, tipHash: tip.hash });
    await k.audit.rebuildCounts();
    return k.audit.pendingCount();
  },
  async exportBatches() {
    batches = await need().sync.exportSignedBatches();
    return batches.length;
  },
  batchSlice(from: number, to: number) {
    return batches.slice(from, to);
  },
  /** Where one batch's time goes (diagnostics). */
  async profileBatch(alt: boolean) {
    const k = need();
    const kioskId = k.settings.current.kioskId;
    const key = (await loadKioskKey(k.db))!;
    const marks: Record<string, number> = {};
    let t = performance.now();
    const lap = (name: string) => {
      marks[name] = Math.round(performance.now() - t);
      t = performance.now();
    };
    const entries = await k.audit.unsynced(kioskId, 1000);
    lap('read');
    const { jws } = await signFittingBatch(kioskId, entries, key);
    lap('sign');
    const host = createBrowserHostClient();
    const response = await host.workSystem({ method: 'POST', path: '/v1/audit', headers: { 'content-type': 'application/jose' }, body: jws });
    lap('post');
    if (alt) {
      await k.db.transaction('rw', k.db.audit, () => k.db.audit.bulkPut(entries.map((e) => ({ ...e, synced: 1 as const }))));
      lap('bulkPut');
    } else {
      await k.audit.markSynced(kioskId, entries.at(-1)!.seq);
      lap('mark');
    }
    return { marks, status: response.ok ? response.status : response.failure };
  },
  async timedUpload() {
    Object.assign(spent, { postMs: 0, posts: 0, markMs: 0 });
    const t0 = performance.now();
    const outcome = await need().sync.uploadAudit();
    return { outcome, ms: performance.now() - t0, pending: await need().audit.pendingCount(), spent: { ...spent } };
  },
  /** Applies a snapshot while a lookup loop runs against the list in force; lookup latencies in ms. */
  async applyWithLookups(url: string, probes: string[]) {
    const k = need();
    const text = await (await fetch(url)).text();
    let done = false;
    const latencies: number[] = [];
    const lookups = (async () => {
      for (let i = 0; !done; i++) {
        const view = k.trust.state().revocations;
        if (!view) break; // no list yet: nothing to look up
        const t = performance.now();
        await view.has(probes[i % probes.length]!);
        latencies.push(performance.now() - t);
        await new Promise((r) => setTimeout(r, 2));
      }
    })();
    const t0 = performance.now();
    const outcome = await k.trust.applyRevocationJws(text);
    const ms = performance.now() - t0;
    done = true;
    await lookups;
    latencies.sort((a, b) => a - b);
    const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
    return { outcome, ms, lookups: latencies.length, p50: at(0.5), p99: at(0.99), max: latencies.at(-1) ?? NaN, status: await k.trust.status() };
  },
  /** Baseline: the same hashes bulkPut in chunks into a plain table (strict durability, like the kiosk db). */
  async bulkWriteBaseline(n: number, chunk: number) {
    const db = new Dexie(`bench-baseline-${Math.random()}`, { chromeTransactionDurability: 'strict' });
    db.version(1).stores({ h: '' });
    await db.open();
    const table = db.table<number, string>('h');
    const t0 = performance.now();
    for (let start = 0; start < n; start += chunk) {
      const keys: string[] = [];
      for (let i = start; i < Math.min(n, start + chunk); i++) keys.push(benchHash(i));
      await table.bulkPut(keys.map(() => 1), keys);
    }
    const ms = performance.now() - t0;
    const count = await table.count();
    db.close();
    await Dexie.delete(db.name);
    return { ms, count };
  },
};

declare global {
  interface Window {
    esscBench: typeof bench;
  }
}
window.esscBench = bench;
document.title = 'ready'; // the harness waits for this
