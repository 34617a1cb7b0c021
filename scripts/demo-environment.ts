// The demo world both launchers share: the reference Work System (demo data, wallet) on a fixed
// local port, and a kiosk configuration pointing at it with its demo anchors and a fresh one-time
// enrollment code. Everything lives under .data/ (or $ESSC_DATA_DIR) so a restart keeps state.
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { startWorkSystem, type RunningWorkSystem } from '../work-system';
import { anchorsJwksSchema, kioskConfigSchema, type KioskConfig } from '../shared/host/host-api';
import { defaultKioskConfig } from '../host-core/default-config';
import { KIOSK_CONFIG_FILE, writeKioskConfigFile } from '../host-core/kiosk-config-store';

export const REPO_ROOT = resolve(import.meta.dirname, '..');

export interface DemoPaths {
  readonly dataRoot: string;
  readonly workSystemDir: string;
  /** Electron's userData (config + Chromium profile). */
  readonly electronKioskDir: string;
  /** The browser host's data folder (config only; the browser keeps IndexedDB per origin). */
  readonly webKioskDir: string;
}

export function demoPaths(): DemoPaths {
  const dataRoot = resolve(process.env.ESSC_DATA_DIR ?? join(REPO_ROOT, '.data'));
  return {
    dataRoot,
    workSystemDir: join(dataRoot, 'work-system'),
    electronKioskDir: join(dataRoot, 'electron-kiosk'),
    webKioskDir: join(dataRoot, 'web-kiosk'),
  };
}

export const DEFAULT_WORK_SYSTEM_PORT = 8787;

/** Starts the reference server on its usual port, or an ephemeral one if that is taken. */
export async function startDemoWorkSystem(paths: DemoPaths): Promise<RunningWorkSystem> {
  const port = Number(process.env.ESSC_WORK_SYSTEM_PORT ?? DEFAULT_WORK_SYSTEM_PORT);
  try {
    return await startWorkSystem({ dataDir: paths.workSystemDir, port, demo: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    console.warn(`port ${port} is taken; the Work System takes a free port instead`);
    return startWorkSystem({ dataDir: paths.workSystemDir, port: 0, demo: true });
  }
}

/**
 * Points the kiosk at the running Work System: its URL, its anchors, and a new one-time
 * enrollment code (unused codes are harmless; an enrolled kiosk ignores it). Settings the
 * administrator changed (name, office, language, kiosk mode…) are kept.
 */
export async function writeDemoKioskConfig(kioskDir: string, workSystem: RunningWorkSystem): Promise<KioskConfig> {
  const anchors = anchorsJwksSchema.parse(workSystem.anchorsJwks);
  const firstRun: KioskConfig = {
    ...defaultKioskConfig(anchors, 'demo'),
    kioskName: 'Demo kiosk',
    office: 'Demo office',
    // A demo on a developer's machine must not take the whole screen; an admin can turn it on.
    kioskMode: false,
  };
  const filePath = join(kioskDir, KIOSK_CONFIG_FILE);
  const current = (await readValidConfig(filePath)) ?? firstRun;
  const next: KioskConfig = {
    ...current,
    workSystemUrl: workSystem.url,
    anchors,
    anchorsSource: 'demo',
    demoEnrollCode: workSystem.store.createEnrollmentCode(),
  };
  await writeKioskConfigFile(filePath, next);
  return next;
}

/** The config an earlier run left, if it is still valid (the kiosk itself reports a bad one). */
async function readValidConfig(filePath: string): Promise<KioskConfig | null> {
  try {
    const parsed = kioskConfigSchema.safeParse(JSON.parse(await readFile(filePath, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Runs `stop` once on Ctrl-C / SIGTERM; a second Ctrl-C exits at once. */
export function onShutdown(stop: (signal: string) => Promise<void>): void {
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      if (stopping) {
        console.error('\nforced exit');
        process.exit(130);
      }
      stopping = true;
      console.log(`\n${signal}: stopping…`);
      stop(signal).then(
        () => process.exit(0),
        (error: unknown) => {
          console.error('error while stopping', error);
          process.exit(1);
        },
      );
    });
  }
}
