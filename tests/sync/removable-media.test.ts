// Kiosks that are never online: signed audit batches out on a stick, the Work System's
// `import-audit` (the real CLI command) takes them in and writes an acknowledgement, the kiosk
// imports that acknowledgement cautiously; trust and revocation files picked together are applied
// in an order that works, each with its outcome.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importAuditCommand } from '../../work-system/cli/commands/audit';
import { signRevocationList, signTrustList } from '../../work-system/issuer';
import { importAuditAck, importTrustFiles, type PickedFile } from '../../renderer/sync/media-import';
import { createTestWorld, DAY, NOW_SEC } from '../fixtures/test-world';
import { openTestKiosk } from '../renderer-data/kiosk-fixture';
import { appendVerifications, enrolledKiosk, expectConverged, RestartableWorkSystem } from './sync-fixture';

let ws: RestartableWorkSystem;
let stick: string;

beforeAll(async () => {
  ws = await RestartableWorkSystem.start();
  stick = await mkdtemp(join(tmpdir(), 'essc-stick-'));
});

afterAll(async () => {
  await ws?.dispose();
  await rm(stick, { recursive: true, force: true });
});

const quietIo = { out: () => undefined, err: () => undefined };

describe('audit acknowledgement from removable media', () => {
  it('marks synced only exported entries of this kiosk, up to the ack; an online upload then finds them held', async () => {
    const { kiosk } = await enrolledKiosk(ws, 'media-ack');
    const kioskId = kiosk.settings.current.kioskId;
    const admin = 'admin';
    const forged = JSON.stringify({ kiosk: kioskId, lastSeq: 1_000_000, stored: 1, duplicates: 0 });
    expect(await importAuditAck(kiosk, forged, admin)).toMatchObject({ ok: false, failure: 'NOTHING_EXPORTED' });

    await appendVerifications(kiosk, 1_499);
    const batches = await kiosk.sync.exportSignedBatches();
    expect(batches).toHaveLength(2);
    await appendVerifications(kiosk, 10); // written after the export: not on the stick

    // At the Work System: the real import-audit command, on the server's data directory.
    await ws.server.close();
    const acks: string[] = [];
    for (const [i, jws] of batches.entries()) {
      const file = join(stick, `batch-${i + 1}.jws`);
      await writeFile(file, jws);
      expect(await importAuditCommand(['--data', ws.dataDir, file], quietIo)).toBe(0);
      acks.push(await readFile(join(stick, `batch-${i + 1}.ack.json`), 'utf8'));
    }
    await ws.restart();
    expect(JSON.parse(acks[1]!)).toEqual({ kiosk: kioskId, lastSeq: 1_500, stored: 500, duplicates: 0 });

    expect(await importAuditAck(kiosk, 'not json', admin)).toMatchObject({ ok: false, failure: 'MALFORMED' });
    expect(await importAuditAck(kiosk, JSON.stringify({ ...JSON.parse(acks[1]!), kiosk: 'KIOSK-OTHER' }), admin)).toMatchObject({
      ok: false,
      failure: 'WRONG_KIOSK',
    });
    // A forged "everything" ack still stops at what left on media.
    expect(await importAuditAck(kiosk, forged, admin)).toEqual({ ok: true, markedThrough: 1_500, marked: 1_500 });
    // pending: the 10 later entries, the failed attempts leave nothing, the import itself is audited (+1).
    expect(await kiosk.audit.pendingCount()).toBe(11);
    const last = (await kiosk.audit.page({}, 0, 1))[0]!;
    expect(last).toMatchObject({ event: 'settings_change', operator: admin });

    const upload = await kiosk.sync.uploadAudit();
    expect(upload).toEqual({ ok: true, uploaded: 11, duplicates: 0 });
    await expectConverged(ws, kiosk, 1_511);
  });
});

describe('trust files from a folder', () => {
  it('applies the newest trust list, the newest snapshot, then deltas by seq; reports every file', async () => {
    const world = await createTestWorld();
    const { kiosk } = await openTestKiosk('media-trust', world);
    const rev = (seq: number, since: number, add: string[], del: string[] = []) =>
      signRevocationList({ seq, since, iat: NOW_SEC - 60, staleAfter: 2 * DAY, add, del }, world.anchor);
    const h = (c: string) => `${c.repeat(21)}A`;
    const files: Record<string, string> = {
      'delta-12.jws': await rev(12, 11, [h('D')], [h('B')]),
      'snapshot-5.jws': await rev(5, 0, [h('A')]),
      'delta-7.jws': await rev(7, 5, [h('X')]),
      'trust-18.jws': await signTrustList({ ...world.trustContent, seq: 18 }, world.anchor),
      'delta-11.jws': await rev(11, 10, [h('C')]),
      'readme.txt': 'hello',
      'snapshot-10.jws': await rev(10, 0, [h('B')]),
      'trust-17.jws': world.trustJws,
    };
    const picked: PickedFile[] = Object.entries(files).map(([name, text]) => ({ name, text: async () => text }));
    const outcomes = await importTrustFiles(kiosk.trust, picked, { operator: 'admin' });
    const summary = outcomes.map((o) => `${o.name}:${o.result.applied ? 'applied' : o.result.failure}`);
    expect(summary).toEqual([
      'readme.txt:UNREADABLE',
      'trust-17.jws:applied',
      'trust-18.jws:applied',
      'snapshot-5.jws:SKIPPED',
      'snapshot-10.jws:applied',
      'delta-7.jws:NOT_NEWER',
      'delta-11.jws:applied',
      'delta-12.jws:applied',
    ]);
    expect(await kiosk.trust.status()).toMatchObject({ trustSeq: 18, revocationSeq: 12 });
    const view = kiosk.trust.state().revocations!;
    expect(await Promise.all([h('A'), h('B'), h('C'), h('D'), h('X')].map((x) => view.has(x)))).toEqual([false, false, true, true, false]);
  });
});
