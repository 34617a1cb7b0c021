// A kiosk opened on fake-indexeddb with a real trust world (real keys, real signatures).
import 'fake-indexeddb/auto';
import type { HostApi, KioskConfig, WorkSystemRequest, WorkSystemResponse } from '../../shared/host/host-api';
import { openKioskServices, type KioskServices } from '../../renderer/kiosk/kiosk-services';
import { MIN_PBKDF2_ITERATIONS } from '../../renderer/operators/pin-hash';
import { createTestWorld, NOW, type TestWorld } from '../fixtures/test-world';

let dbCounter = 0;
export function uniqueDbName(label: string): string {
  return `essc-test-${label}-${process.pid}-${++dbCounter}-${Math.random().toString(36).slice(2)}`;
}

export interface HostOptions {
  readonly workSystem?: (request: WorkSystemRequest) => Promise<WorkSystemResponse>;
  /** Pinned anchors; default the world's. */
  readonly anchorsJwks?: { keys: unknown[] };
}

/** The host the kiosk talks to: config with the world's anchors; Work System as the test wants. */
export function testHost(world: TestWorld, options: HostOptions = {}): HostApi {
  let config: KioskConfig = {
    workSystemUrl: null,
    kioskName: 'Counter 1',
    office: 'Shanghai Pudong Entry-Exit',
    anchors: (options.anchorsJwks ?? world.anchorsJwks) as KioskConfig['anchors'],
    anchorsSource: 'demo',
    language: 'en',
    autoClearSeconds: 30,
    kioskMode: false,
    demoEnrollCode: null,
  };
  return {
    appInfo: async () => ({ name: 'essc-kiosk', version: 'test', host: 'browser', demo: true, platform: 'test' }),
    getConfig: async () => config,
    setConfig: async (patch) => (config = { ...config, ...patch } as KioskConfig),
    workSystem: options.workSystem ?? (async () => ({ ok: false, failure: 'NOT_CONFIGURED', message: 'no Work System in this test' })),
    printSlip: async () => ({ printed: false }),
    saveSlipPdf: async () => ({ saved: false, path: null }),
  };
}

export interface OpenedKiosk {
  readonly world: TestWorld;
  readonly kiosk: KioskServices;
  readonly dbName: string;
  clock: Date;
  reopen(): Promise<KioskServices>;
}

export async function openTestKiosk(label: string, world?: TestWorld, options: HostOptions = {}): Promise<OpenedKiosk> {
  const w = world ?? (await createTestWorld());
  const dbName = uniqueDbName(label);
  const state = { clock: NOW };
  const open = () =>
    openKioskServices({ host: testHost(w, options), dbName, now: () => state.clock, pinIterations: MIN_PBKDF2_ITERATIONS });
  const opened: OpenedKiosk = {
    world: w,
    kiosk: await open(),
    dbName,
    get clock() {
      return state.clock;
    },
    set clock(value: Date) {
      state.clock = value;
    },
    async reopen() {
      opened.kiosk.close();
      (opened as { kiosk: KioskServices }).kiosk = await open();
      return opened.kiosk;
    },
  };
  return opened;
}
