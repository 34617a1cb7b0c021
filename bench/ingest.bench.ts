// Audit ingestion throughput: entries per second through POST /v1/audit (batches of 500 over
// loopback, each a kiosk-signed JWS: signature check, §8 schema, chain check, one SQLite
// transaction) against a bare better-sqlite3 loop inserting the same rows into a table of the
// same shape, with the same pragmas, one transaction per batch. Printed side by side with their
// ratio. Run: npm run bench:ingest [-- --entries 20000]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { CompactSign, exportJWK, generateKeyPair } from 'jose';
import { v7 as uuidv7 } from 'uuid';
import { AUDIT_BATCH_TYP, JOSE_CONTENT_TYPE } from '../shared/api/work-system-api';
import { chainAuditEntry, type AuditEntry, type AuditFacts, type ChainTip } from '../shared/audit/audit-entry';
import { toP256PublicJwk } from '../shared/jws/es256';
import { startWorkSystem } from '../work-system';
import { canonicalAuditBody } from '../work-system/store/audit-hash';
import { applyPragmas, auditTableSql } from '../work-system/store/database';

const BATCH = 500;
const { values } = parseArgs({ options: { entries: { type: 'string', default: '20000' }, rounds: { type: 'string', default: '3' } } });
const TOTAL = Math.ceil(Number(values.entries) / BATCH) * BATCH;
const ROUNDS = Number(values.rounds);

const FACTS: AuditFacts = {
  operator: 'officer-7', event: 'verify', verdict: 'valid', reasons: [], warnings: ['TRUST_LIST_STALE'], typ: 'essc',
  iss: 'CN-310000', kid: 'abcdefghijk', permitNo: '156120241201000123', jti: 'q3VbW0l8Sg2uJx1Zr9tQ5w',
  token: 'ssD6Rz0Jb9H6pp1bCq6NNVgG6wHc9oqP0aDWsc2xYt4', trustSeq: 3, revocationSeq: 2,
};

async function buildChain(kioskId: string): Promise<AuditEntry[]> {
  const entries: AuditEntry[] = [];
  let tip: ChainTip | null = null;
  for (let i = 0; i < TOTAL; i++) {
    const e = await chainAuditEntry(tip, FACTS, { id: uuidv7(), at: new Date(), kiosk: kioskId });
    entries.push(e);
    tip = { seq: e.seq, hash: e.hash };
  }
  return entries;
}

const rate = (n: number, ms: number) => Math.round((n / ms) * 1000);
const dir = mkdtempSync(join(tmpdir(), 'essc-bench-ingest-'));
const ws = await startWorkSystem({ dataDir: join(dir, 'server'), port: 0 });
try {
  console.log(`audit ingest: ${TOTAL} entries per round in batches of ${BATCH}, ${ROUNDS} rounds`);
  const results: { server: number; bare: number }[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    // A fresh kiosk per round, so every round stores new rows.
    const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
    const code = ws.store.createEnrollmentCode();
    const enrolled = await ws.store.enrollKiosk({ code, name: 'bench', office: 'bench', jwk: toP256PublicJwk(await exportJWK(publicKey)) });
    if (!enrolled.ok) throw new Error(enrolled.failure);
    const entries = await buildChain(enrolled.kioskId);
    const bodies: string[] = [];
    for (let i = 0; i < TOTAL; i += BATCH) {
      const payload = new TextEncoder().encode(JSON.stringify({ kiosk: enrolled.kioskId, entries: entries.slice(i, i + BATCH) }));
      bodies.push(await new CompactSign(payload).setProtectedHeader({ alg: 'ES256', kid: enrolled.kid, typ: AUDIT_BATCH_TYP }).sign(privateKey));
    }

    // Baseline: the same rows (precomputed), same table shape and pragmas, a transaction per batch.
    const bare = new Database(join(dir, `bare-${round}.sqlite`));
    applyPragmas(bare);
    bare.exec(auditTableSql('audit_entries'));
    const insert = bare.prepare('INSERT INTO audit_entries (kiosk_id, seq, id, hash, at, event, body, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    const rows = entries.map((e) => [enrolled.kioskId, e.seq, e.id, e.hash, e.at, e.event, canonicalAuditBody(e), 1_764_000_000] as const);
    const insertBatch = bare.transaction((batch: typeof rows) => {
      for (const r of batch) insert.run(...r);
    });

    // Interleaved batch by batch, so both paths see the same load on a shared machine.
    let serverMs = 0;
    let bareMs = 0;
    for (const [b, body] of bodies.entries()) {
      let t = performance.now();
      const res = await fetch(`${ws.url}/v1/audit`, { method: 'POST', headers: { 'content-type': JOSE_CONTENT_TYPE }, body });
      if (res.status !== 200) throw new Error(`POST /v1/audit: ${res.status} ${await res.text()}`);
      await res.arrayBuffer();
      serverMs += performance.now() - t;
      t = performance.now();
      insertBatch(rows.slice(b * BATCH, (b + 1) * BATCH));
      bareMs += performance.now() - t;
    }
    bare.close();
    if (ws.store.audit.count(enrolled.kioskId) !== TOTAL) throw new Error('server stored a different count');

    const r = { server: rate(TOTAL, serverMs), bare: rate(TOTAL, bareMs) };
    results.push(r);
    console.log(
      `round ${round}: POST /v1/audit ${r.server} entries/s (${serverMs.toFixed(0)} ms) | bare insert ${r.bare} entries/s (${bareMs.toFixed(0)} ms) | ratio ${(r.server / r.bare).toFixed(2)}x`,
    );
  }
  // Round 1 warms the JIT; the median of the rounds after it is the figure to quote.
  const warm = results.length > 1 ? results.slice(1) : results;
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;
  const server = median(warm.map((r) => r.server));
  const bare = median(warm.map((r) => r.bare));
  const ratio = median(warm.map((r) => r.server / r.bare));
  console.log(`median after warm-up: POST /v1/audit ${server} entries/s, bare insert ${bare} entries/s, ratio ${ratio.toFixed(2)}x (target >= 0.30x)`);
} finally {
  await ws.close();
  rmSync(dir, { recursive: true, force: true });
}
