import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createKioskConfigStore, KIOSK_CONFIG_FILE } from '../../host-core/kiosk-config-store';
import { defaultKioskConfig } from '../../host-core/default-config';
import { memoryLogger } from '../../host-core/logger';
import { kioskConfigSchema, type KioskConfig } from '../../shared/host/host-api';

const PINNED = { keys: [{ kty: 'EC' as const, crv: 'P-256' as const, x: 'A'.repeat(43), y: 'B'.repeat(43), kid: 'pinned' }] };
const OTHER = { keys: [{ kty: 'EC' as const, crv: 'P-256' as const, x: 'C'.repeat(43), y: 'D'.repeat(43) }] };
const defaults = defaultKioskConfig(PINNED, 'pinned');

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'essc-config-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function open() {
  const logger = memoryLogger();
  const store = createKioskConfigStore({ filePath: join(dir, KIOSK_CONFIG_FILE), defaults, logger, now: () => new Date('2026-11-22T08:00:00Z') });
  return { store, logger };
}
const onDisk = async (): Promise<unknown> => JSON.parse(await readFile(join(dir, KIOSK_CONFIG_FILE), 'utf8'));

describe('loading the kiosk config file (parsed with the schema, never a crash)', () => {
  it('missing file: defaults, written to disk', async () => {
    const { store } = open();
    expect(await store.get()).toEqual(defaults);
    expect(await onDisk()).toEqual(defaults);
  });

  it('a valid file is used as written', async () => {
    const saved: KioskConfig = { ...defaults, kioskName: 'Counter 3', workSystemUrl: 'https://ws.example/' };
    await writeFile(join(dir, KIOSK_CONFIG_FILE), JSON.stringify(saved));
    expect(await open().store.get()).toEqual(saved);
  });

  it('corrupt JSON: defaults, error logged, the corrupt file kept aside', async () => {
    await writeFile(join(dir, KIOSK_CONFIG_FILE), '{"kioskName": "Coun');
    const { store, logger } = open();
    expect(await store.get()).toEqual(defaults);
    expect(logger.lines.some((l) => l.level === 'error' && l.text.includes('is not JSON'))).toBe(true);
    const files = await readdir(dir);
    const aside = files.find((f) => f.startsWith(`${KIOSK_CONFIG_FILE}.corrupt-`));
    expect(aside).toBeDefined();
    expect(await readFile(join(dir, aside ?? ''), 'utf8')).toBe('{"kioskName": "Coun');
    expect(await onDisk()).toEqual(defaults);
  });

  it('schema-invalid (autoClearSeconds 9, below the 10 s boundary): defaults, error names the field', async () => {
    await writeFile(join(dir, KIOSK_CONFIG_FILE), JSON.stringify({ ...defaults, autoClearSeconds: 9 }));
    const { store, logger } = open();
    expect(await store.get()).toEqual(defaults);
    expect(logger.lines.find((l) => l.level === 'error')?.text).toContain('autoClearSeconds');
  });

  it('autoClearSeconds 10 is the lowest value accepted', async () => {
    await writeFile(join(dir, KIOSK_CONFIG_FILE), JSON.stringify({ ...defaults, autoClearSeconds: 10 }));
    expect((await open().store.get()).autoClearSeconds).toBe(10);
  });

  it('a JSON value that is not an object (null) is invalid, not a crash', async () => {
    await writeFile(join(dir, KIOSK_CONFIG_FILE), 'null');
    expect(await open().store.get()).toEqual(defaults);
  });

  it('a private key member in the anchors is dropped on load', async () => {
    const withD = { ...defaults, anchors: { keys: [{ ...PINNED.keys[0], d: 'secret' }] } };
    await writeFile(join(dir, KIOSK_CONFIG_FILE), JSON.stringify(withD));
    expect(JSON.stringify(await open().store.get())).not.toContain('secret');
  });
});

describe('updating the kiosk config', () => {
  it('merges, persists, survives a reopen and tells listeners', async () => {
    const { store } = open();
    const seen: [boolean, boolean][] = [];
    store.onChange((next, previous) => seen.push([previous.kioskMode, next.kioskMode]));
    const next = await store.update({ kioskName: 'Counter 7', kioskMode: false });
    expect(next).toMatchObject({ kioskName: 'Counter 7', kioskMode: false, office: defaults.office });
    expect(seen).toEqual([[true, false]]);
    expect(await open().store.get()).toEqual(next);
  });

  it('new anchors become custom; anchorsSource "pinned" restores the shipped anchors', async () => {
    const { store } = open();
    expect(await store.update({ anchors: OTHER })).toMatchObject({ anchors: OTHER, anchorsSource: 'custom' });
    expect(await store.update({ anchorsSource: 'pinned' })).toMatchObject({ anchors: PINNED, anchorsSource: 'pinned' });
  });

  it('an invalid patch is refused and the file is unchanged', async () => {
    const { store } = open();
    await store.get();
    await expect(store.update({ workSystemUrl: 'ftp://ws.example' })).rejects.toThrow();
    await expect(store.update({ autoClearSeconds: 601 })).rejects.toThrow();
    expect(await onDisk()).toEqual(defaults);
    expect(kioskConfigSchema.parse(await store.get())).toEqual(defaults);
  });

  it('concurrent updates are applied one after the other (none lost)', async () => {
    const { store } = open();
    await Promise.all([store.update({ kioskName: 'A' }), store.update({ office: 'B' }), store.update({ autoClearSeconds: 30 })]);
    expect(await onDisk()).toMatchObject({ kioskName: 'A', office: 'B', autoClearSeconds: 30 });
  });
});
