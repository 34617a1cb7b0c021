import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTrustAnchors } from '../../shared/trust/anchors';
import { verifyTrustList } from '../../shared/trust/trust-list';
import { verifyCard } from '../../shared/verify/verify-card';
import { runWorkSystemCli } from '../../work-system/cli/main';
import { WorkSystemStore } from '../../work-system/store/work-system-store';
import { newKioskKey, nextEntries, signBatch, tempDataDir, type TestKiosk } from './helpers';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) }, out, err };
}

async function ws(...argv: string[]) {
  const c = capture();
  const code = await runWorkSystemCli(argv, c.io);
  return { code, out: c.out.join('\n'), err: c.err.join('\n') };
}

const CARD_FLAGS = [
  '--iss', 'CN-310000', '--name', 'VAN DER BERG MARIA', '--cn', '玛丽亚', '--sex', 'F', '--dob', '1988-03-14', '--nat', 'NLD',
  '--pp', 'NXK1234567', '--permit-no', '156120241201000123', '--cat', 'B', '--from', '2024-12-01', '--to', '2099-11-30',
  '--emp', '上海某某信息科技有限公司', '--uscc', '91310115MA1K4ABC1X', '--area', '310115', '--ss-no', '9NLD19880314001X', '--ss-area', '310000',
];

describe('npm run ws -- <command>', () => {
  const data = tempDataDir();
  const d = ['--data', data.dir];
  beforeAll(async () => {
    expect((await ws('init', ...d)).code).toBe(0);
  });
  afterAll(() => data.remove());

  it('init prints the anchors file and the three issuer keys', async () => {
    const r = await ws('init', ...d);
    expect(r.code).toBe(0);
    expect(r.out).toContain(join(data.dir, 'anchors.jwks.json'));
    expect(r.out.match(/issuer key:/g)).toHaveLength(3);
  });

  it('issue signs a card from flags that verifies as valid, and writes PNG, SVG and the QR text', async () => {
    const prefix = join(data.dir, 'maria');
    const r = await ws('issue', ...d, ...CARD_FLAGS, '--out', prefix);
    expect(r.code).toBe(0);
    const qrText = readFileSync(`${prefix}.txt`, 'utf8').trim();
    expect(r.out).toContain(qrText);
    expect(r.out).toContain('█'); // the terminal rendering
    expect(readFileSync(`${prefix}.png`).subarray(1, 4).toString()).toBe('PNG');
    expect(readFileSync(`${prefix}.svg`, 'utf8')).toMatch(/^<svg/);
    const store = await WorkSystemStore.open({ dataDir: data.dir });
    try {
      const anchors = await loadTrustAnchors(store.anchorsJwks());
      const trustList = await verifyTrustList(store.currentTrustList().jws, anchors);
      const result = await verifyCard(qrText, { trustList, revocations: null }, { now: new Date() });
      expect(result.verdict).toBe('valid');
      expect(result.claims?.hd.cn).toBe('玛丽亚');
    } finally {
      store.close();
    }
  });

  it('issue takes a JSON file and refuses bad data with a clear message and exit 2', async () => {
    const file = join(data.dir, 'card.json');
    const card = {
      typ: 'wpn', iss: 'CN-110000',
      holder: { name: 'SMITH JOHN', sex: 'M', dob: '1980-01-01', nat: 'GBR', pp: '123456789' },
      permit: { no: '156110202501010001', cat: 'A', from: '2025-01-01', to: '2030-12-31', emp: 'X', uscc: '91110000MA00ABCD2Y', area: '110105' },
    };
    writeFileSync(file, JSON.stringify(card));
    const john = await ws('issue', ...d, '--json', file, '--no-terminal');
    expect(john.code).toBe(0);
    const written = /wrote (\S+)\.png/.exec(john.err)![1]!;
    expect(written.startsWith(join(data.dir, 'cards'))).toBe(true);
    expect(readFileSync(`${written}.txt`, 'utf8').trim()).toBe(john.out.trim());
    writeFileSync(file, JSON.stringify({ ...card, permit: { ...card.permit, to: '2024-02-30' } }));
    const bad = await ws('issue', ...d, '--json', file, '--out', join(data.dir, 'x'));
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/permit\.to: must be a calendar date/);
    const badFlag = await ws('issue', ...d, ...CARD_FLAGS.map((f) => (f === 'NLD' ? 'nl' : f)));
    expect(badFlag.code).toBe(2);
    expect(badFlag.err).toMatch(/holder\.nat/);
    expect((await ws('issue', ...d, '--iss', 'CN-999999', ...CARD_FLAGS.slice(2))).err).toMatch(/unknown issuer/);
    expect((await ws('issue', ...d, '--bogus')).code).toBe(2);
  });

  it('revoke-permit, rotate-key and revoke-key publish new lists; bad input exits 2', async () => {
    expect((await ws('revoke-permit', ...d, '156120241201000123')).out).toMatch(/revoked .* revocation seq 2/);
    expect((await ws('revoke-permit', ...d, '156120241201000123')).out).toMatch(/already revoked/);
    expect((await ws('revoke-permit', ...d, '--reinstate', '156120241201000123')).out).toMatch(/reinstated/);
    expect((await ws('revoke-permit', ...d, 'bad')).code).toBe(2);
    const list = join(data.dir, 'cancelled.txt');
    writeFileSync(list, '156120241201000123\r\n156120241201000124\n\n156120241201000125\n');
    expect((await ws('revoke-permit', ...d, '--file', list)).out).toBe('revoked 3 of 3 permits (the rest were already revoked); revocation seq 4');
    expect((await ws('revoke-permit', ...d, '--file', list)).out).toMatch(/revoked 0 of 3 .* seq 4$/);
    writeFileSync(list, '156120241201000126\nnot a permit\n');
    const badList = await ws('revoke-permit', ...d, '--file', list);
    expect(badList.code).toBe(2);
    expect(badList.err).toContain('line 2 of');
    const rotated = await ws('rotate-key', ...d, 'CN-440300');
    expect(rotated.out).toMatch(/new key \S{11} for CN-440300; trust list seq 2/);
    const kid = /new key (\S{11})/.exec(rotated.out)![1]!;
    expect((await ws('revoke-key', ...d, '--at', '2026-01-01T00:00:00Z', kid)).out).toContain(`revoked from 1767225600; trust list seq 3`);
    expect((await ws('revoke-key', ...d, '--at', 'yesterday', kid)).code).toBe(2);
    expect((await ws('revoke-key', ...d, 'AAAAAAAAAAA')).err).toMatch(/unknown issuer key/);
    expect((await ws('rotate-key', ...d, 'CN-000000')).code).toBe(2);
  });

  it('import-audit takes in a batch file, writes the acknowledgement, counts a re-import as duplicates', async () => {
    const code = (await ws('enroll-code', ...d)).out.trim();
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const key = await newKioskKey();
    const store = await WorkSystemStore.open({ dataDir: data.dir });
    const enrolled = await store.enrollKiosk({ code, name: 'Offline counter', office: 'Shenzhen', jwk: key.jwk });
    store.close();
    if (!enrolled.ok) throw new Error(enrolled.failure);
    const kiosk: TestKiosk = { ...key, kioskId: enrolled.kioskId, tip: null };
    const entries = await nextEntries(kiosk, 30);
    const file = join(data.dir, 'batch-1.jws');
    writeFileSync(file, await signBatch({ kiosk: kiosk.kioskId, entries }, kiosk));

    const first = await ws('import-audit', ...d, file);
    expect(first.code).toBe(0);
    const ack = { kiosk: kiosk.kioskId, lastSeq: 30, stored: 30, duplicates: 0 };
    expect(JSON.parse(readFileSync(join(data.dir, 'batch-1.ack.json'), 'utf8'))).toEqual(ack);
    const again = await ws('import-audit', ...d, '--ack', join(data.dir, 'again.json'), file);
    expect(JSON.parse(again.out)).toEqual({ ...ack, stored: 0, duplicates: 30 });

    const gap = join(data.dir, 'batch-gap.jws');
    const later = await nextEntries(kiosk, 5);
    writeFileSync(gap, await signBatch({ kiosk: kiosk.kioskId, entries: later.slice(2) }, kiosk));
    const refused = await ws('import-audit', ...d, gap);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/seq_gap.*expected seq 31/);
    expect(existsSync(join(data.dir, 'batch-gap.ack.json'))).toBe(false);
    expect((await ws('import-audit', ...d, join(data.dir, 'missing.jws'))).code).toBe(2);

    const list = await ws('audit', 'list', ...d);
    expect(list.out).toContain(`${kiosk.kioskId}  kid ${kiosk.kid}  entries 30  lastSeq 30`);
    expect((await ws('audit', 'list', ...d, '--kiosk', kiosk.kioskId, '--limit', '2')).out.split('\n')).toHaveLength(2);
    const csvFile = join(data.dir, 'audit.csv');
    expect((await ws('audit', 'export', ...d, '--kiosk', kiosk.kioskId, '--out', csvFile)).code).toBe(0);
    const csv = readFileSync(csvFile, 'utf8').trimEnd().split('\r\n');
    expect(csv).toHaveLength(31);
    expect(csv[0]).toMatch(/^kiosk,seq,id,at,event,operator,verdict/);
    expect(csv[1]).toContain(entries[0]!.hash);
    const verify = await ws('audit', 'verify', ...d);
    expect(verify.code).toBe(0);
    expect(verify.out).toContain(`${kiosk.kioskId}: ok, 30 entries, tip seq 30`);

    // Tamper with the stored chain behind the server's back: verify must say so and exit 1.
    const raw = await WorkSystemStore.open({ dataDir: data.dir });
    raw.db.prepare("UPDATE audit_entries SET body = replace(body, '\"verdict\":\"valid\"', '\"verdict\":\"invalid\"') WHERE kiosk_id = ? AND seq = 7").run(kiosk.kioskId);
    raw.close();
    const broken = await ws('audit', 'verify', ...d);
    expect(broken.code).toBe(1);
    expect(broken.out).toContain(`${kiosk.kioskId}: BROKEN at seq 7 (HASH_MISMATCH)`);
    expect((await ws('audit', 'export', ...d)).code).toBe(2);
    expect((await ws('audit', 'nothing', ...d)).code).toBe(2);
  });

  it('help exits 0, no command or an unknown one exits 2 with the usage', async () => {
    expect((await ws('help')).out).toContain('import-audit');
    expect((await ws()).code).toBe(2);
    const unknown = await ws('nonsense');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('unknown command nonsense');
  });

  it('start serves until SIGTERM, then shuts down cleanly (server, then database)', async () => {
    const root = join(__dirname, '../..');
    // Run exactly what `npm run ws -- start` runs.
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.ws).toBe('tsx work-system/cli/main.ts');
    const child = spawn(join(root, 'node_modules/.bin/tsx'), ['work-system/cli/main.ts', 'start', '--data', data.dir, '--port', '0', '--demo'], { cwd: root });
    try {
      let stderr = '';
      let stdout = '';
      child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
      const url = await new Promise<string>((resolve, reject) => {
        child.stderr.on('data', (b: Buffer) => {
          stderr += b.toString();
          const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stderr);
          if (m) resolve(m[1]!);
        });
        child.once('exit', (code) => reject(new Error(`exited ${code}: ${stderr}`)));
      });
      expect(await (await fetch(`${url}/v1/health`)).json()).toEqual({ ok: true });
      expect((await fetch(`${url}/wallet/cards.json`)).status).toBe(200);
      const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exit).toBe(0);
      expect(stderr).toContain('shutting down');
      // Structured logs: one JSON object per line.
      const logs = stdout.trim().split('\n').map((l) => JSON.parse(l) as { msg?: string });
      expect(logs.some((l) => l.msg === 'work system started')).toBe(true);
      expect(existsSync(join(data.dir, 'work-system.sqlite-wal'))).toBe(false);
    } finally {
      child.kill('SIGKILL');
    }
  }, 30_000);
});
