// Test helpers for the reference Work System: a real server on an ephemeral 127.0.0.1 port in a
// fresh data dir, real kiosk keys, real hash chains and real signatures.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CompactSign, exportJWK, generateKeyPair } from 'jose';
import { v7 as uuidv7 } from 'uuid';
import { AUDIT_BATCH_TYP, JOSE_CONTENT_TYPE } from '../../shared/api/work-system-api';
import { chainAuditEntry, type AuditEntry, type AuditFacts, type ChainTip } from '../../shared/audit/audit-entry';
import { kidOf, type P256PublicJwk } from '../../shared/jws/kid';
import { toP256PublicJwk } from '../../shared/jws/es256';
import { startWorkSystem, type RunningWorkSystem, type StartWorkSystemOptions } from '../../work-system';

export function tempDataDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'essc-ws-test-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function startTestServer(
  options: Partial<StartWorkSystemOptions> = {},
): Promise<RunningWorkSystem & { dataDir: string; stop(): Promise<void> }> {
  const data = options.dataDir ? { dir: options.dataDir, remove: () => {} } : tempDataDir();
  const ws = await startWorkSystem({ port: 0, ...options, dataDir: data.dir });
  return Object.assign(ws, {
    dataDir: data.dir,
    async stop() {
      await ws.close();
      data.remove();
    },
  });
}

export interface TestKiosk {
  readonly kioskId: string;
  readonly kid: string;
  readonly jwk: P256PublicJwk;
  readonly privateKey: CryptoKey;
  tip: ChainTip | null;
}

export async function newKioskKey(): Promise<{ jwk: P256PublicJwk; privateKey: CryptoKey; kid: string }> {
  const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk = toP256PublicJwk(await exportJWK(publicKey));
  return { jwk, privateKey, kid: await kidOf(jwk) };
}

export function postJson(url: string, body: unknown): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

/** Enrolls a fresh kiosk key through POST /v1/kiosks with a code from the store. */
export async function enrollKiosk(ws: RunningWorkSystem, name = 'Counter 1'): Promise<TestKiosk> {
  const key = await newKioskKey();
  const code = ws.store.createEnrollmentCode();
  const res = await postJson(`${ws.url}/v1/kiosks`, { code, name, office: 'Shanghai Exit-Entry, Pudong', jwk: key.jwk });
  if (res.status !== 201) throw new Error(`enrollment failed: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { kioskId: string; kid: string };
  return { ...key, kioskId: body.kioskId, tip: null };
}

export const VERIFY_FACTS: AuditFacts = {
  operator: 'officer-7',
  event: 'verify',
  verdict: 'valid',
  reasons: [],
  warnings: [],
  typ: 'essc',
  iss: 'CN-310000',
  kid: 'abcdefghijk',
  permitNo: '156120241201000123',
  jti: 'q3VbW0l8Sg2uJx1Zr9tQ5w',
  token: 'ssD6Rz0Jb9H6pp1bCq6NNVgG6wHc9oqP0aDWsc2xYt4',
  trustSeq: 3,
  revocationSeq: 2,
};

/** The next `count` entries of the kiosk's chain; advances the kiosk's tip. */
export async function nextEntries(kiosk: TestKiosk, count: number, facts: AuditFacts = VERIFY_FACTS): Promise<AuditEntry[]> {
  const entries: AuditEntry[] = [];
  for (let i = 0; i < count; i++) {
    const entry = await chainAuditEntry(kiosk.tip, facts, { id: uuidv7(), at: new Date(), kiosk: kiosk.kioskId });
    entries.push(entry);
    kiosk.tip = { seq: entry.seq, hash: entry.hash };
  }
  return entries;
}

export async function signBatch(
  payload: unknown,
  signer: { privateKey: CryptoKey; kid: string },
  header: Record<string, unknown> = {},
): Promise<string> {
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader({ alg: 'ES256', kid: signer.kid, typ: AUDIT_BATCH_TYP, ...header })
    .sign(signer.privateKey);
}

export function postJose(url: string, jws: string): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': JOSE_CONTENT_TYPE }, body: jws });
}

export async function uploadEntries(ws: RunningWorkSystem, kiosk: TestKiosk, entries: AuditEntry[]): Promise<Response> {
  return postJose(`${ws.url}/v1/audit`, await signBatch({ kiosk: kiosk.kioskId, entries }, kiosk));
}
