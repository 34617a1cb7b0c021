// Everything a host (Electron main or the browser host server) needs besides its own window and
// printing: the anchors it pins, the configuration file and the Work System transport.
import { join } from 'node:path';
import type { AppInfo, KioskConfig } from '../shared/host/host-api';
import { DEMO_ANCHORS_FILE, PRODUCTION_ANCHORS_FILE, readAnchorsFile } from './anchors';
import { createCoreHandlers, type CoreChannel } from './core-handlers';
import { defaultKioskConfig } from './default-config';
import type { HostHandlers } from './host-channels';
import { createKioskConfigStore, KIOSK_CONFIG_FILE, type KioskConfigStore } from './kiosk-config-store';
import type { Logger } from './logger';
import { createWorkSystemTransport, type WorkSystemTransport, type WorkSystemTransportOptions } from './work-system-transport';

export interface KioskHostOptions {
  /** Folder holding kiosk-config.json (Electron: userData; browser host: its data folder). */
  readonly dataDir: string;
  /** Folder holding anchors/production.jwks.json (packaged: process.resourcesPath). */
  readonly resourcesDir: string;
  /** Demo mode: the reference Work System's data folder, whose anchors replace the pinned ones. */
  readonly demoWorkSystemDir?: string | null;
  readonly appInfo: Omit<AppInfo, 'demo'>;
  readonly fetch?: WorkSystemTransportOptions['fetch'];
  readonly maxResponseBytes?: number;
  readonly logger: (prefix: string) => Logger;
}

export interface KioskHost {
  readonly config: KioskConfigStore;
  readonly transport: WorkSystemTransport;
  readonly handlers: Pick<HostHandlers<unknown>, CoreChannel>;
  readonly appInfo: AppInfo;
}

export async function openKioskHost(options: KioskHostOptions): Promise<KioskHost> {
  const demo = Boolean(options.demoWorkSystemDir);
  const log = options.logger('config');
  const anchors = options.demoWorkSystemDir
    ? await readAnchorsFile(join(options.demoWorkSystemDir, DEMO_ANCHORS_FILE))
    : await readAnchorsFile(join(options.resourcesDir, PRODUCTION_ANCHORS_FILE));
  const defaults = defaultKioskConfig(anchors, demo ? 'demo' : 'pinned');
  const config = createKioskConfigStore({ filePath: join(options.dataDir, KIOSK_CONFIG_FILE), defaults, logger: log });
  await reconcileWithMode(config, defaults, demo, log);

  const transport = createWorkSystemTransport({
    getBaseUrl: async () => (await config.get()).workSystemUrl,
    fetch: options.fetch,
    maxResponseBytes: options.maxResponseBytes,
    logger: options.logger('work-system'),
  });
  const appInfo: AppInfo = { ...options.appInfo, demo };
  return { config, transport, appInfo, handlers: createCoreHandlers({ appInfo, config, transport }) };
}

/**
 * Demo mode: a configuration that follows the demo anchors follows them when the reference server
 * was re-keyed (a fresh data folder). Outside demo mode, nothing of a demo may survive: a profile
 * left by a demo run on the same machine gets the pinned anchors back and loses its demo code.
 * Pinned or custom anchors chosen by an administrator are left alone.
 */
async function reconcileWithMode(config: KioskConfigStore, defaults: KioskConfig, demo: boolean, log: Logger): Promise<void> {
  const current = await config.get();
  if (demo) {
    if (current.anchorsSource !== 'demo' || JSON.stringify(current.anchors) === JSON.stringify(defaults.anchors)) return;
    log.info('demo anchors changed on the reference server; following them');
    await config.replace({ ...current, anchors: defaults.anchors });
    return;
  }
  if (current.anchorsSource !== 'demo' && current.demoEnrollCode === null) return;
  log.warn('configuration left by a demo run: restoring the pinned anchors and dropping the demo enrollment code');
  await config.replace({
    ...current,
    ...(current.anchorsSource === 'demo' ? { anchors: defaults.anchors, anchorsSource: defaults.anchorsSource } : {}),
    demoEnrollCode: null,
  });
}
