// Programmatic start of the reference Work System, used by the admin command, the demo launcher
// and the tests.
import type { FastifyServerOptions } from 'fastify';
import { WorkSystemStore } from '../store/work-system-store';
import { DemoWallet } from '../wallet/demo-wallet';
import { seedDemoData } from '../wallet/demo-seed';
import { buildWorkSystemApp, type RouteInfo } from './app';
import { FaultInjector, type FaultConfig } from './fault-injection';

export interface StartWorkSystemOptions {
  /** Created (0700) on first start with keys, database and anchors.jwks.json. */
  readonly dataDir: string;
  /** Default 127.0.0.1: the reference server is not meant to face a network by default. */
  readonly host?: string;
  /** Default 8787; 0 picks an ephemeral port (see `url`). */
  readonly port?: number;
  /** Enables fault injection and POST/GET/DELETE /__faults; `true` starts with no fault. */
  readonly faults?: FaultConfig | boolean;
  /** Seeds demo data and serves /wallet, /wallet/cards.json and /demo/anchors.jwks. */
  readonly demo?: boolean;
  /** Fastify/pino logger options; default false (silent). */
  readonly logger?: FastifyServerOptions['logger'];
  /** The server's clock (tests); default the system clock. */
  readonly clock?: () => Date;
  /** How often publications are checked for re-signing (ms); default one hour. */
  readonly refreshIntervalMs?: number;
}

export interface RunningWorkSystem {
  /** Base URL, e.g. http://127.0.0.1:43121 (no trailing slash). */
  readonly url: string;
  readonly port: number;
  readonly store: WorkSystemStore;
  /** The pinned anchors a kiosk needs ({"keys":[…]}); also in <dataDir>/anchors.jwks.json. */
  readonly anchorsJwks: { keys: unknown[] };
  readonly anchorsJwksPath: string;
  /** Present when started with `faults`. */
  readonly faults: FaultInjector | undefined;
  readonly routes: readonly RouteInfo[];
  /** Stops accepting, lets requests in flight finish, then closes the database. Idempotent. */
  close(): Promise<void>;
}

export const DEFAULT_PORT = 8787;
export const DEFAULT_HOST = '127.0.0.1';

export async function startWorkSystem(options: StartWorkSystemOptions): Promise<RunningWorkSystem> {
  const store = await WorkSystemStore.open({ dataDir: options.dataDir, ...(options.clock ? { clock: options.clock } : {}) });
  let closing: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  try {
    const wallet = options.demo ? new DemoWallet(store, await seedDemoData(store)) : undefined;
    const faults =
      options.faults === undefined || options.faults === false
        ? undefined
        : new FaultInjector(options.faults === true ? {} : options.faults);
    const { app, routes } = buildWorkSystemApp(store, {
      logger: options.logger ?? false,
      ...(faults ? { faults } : {}),
      ...(wallet ? { wallet } : {}),
    });
    await app.listen({ host: options.host ?? DEFAULT_HOST, port: options.port ?? DEFAULT_PORT });
    const address = app.server.address();
    if (address === null || typeof address === 'string') throw new Error('server has no TCP address');
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    timer = setInterval(() => {
      store.refreshPublications().then(
        (r) => (r.trust || r.revocations) && app.log.info(r, 're-signed publications'),
        (err: unknown) => app.log.error({ err }, 're-signing publications failed'),
      );
    }, options.refreshIntervalMs ?? 3_600_000);
    timer.unref();
    app.log.info({ url: `http://${host}:${address.port}`, dataDir: store.paths.root, demo: !!wallet, faults: !!faults }, 'work system started');
    return {
      url: `http://${host}:${address.port}`,
      port: address.port,
      store,
      anchorsJwks: store.anchorsJwks(),
      anchorsJwksPath: store.paths.anchorsJwks,
      faults,
      routes,
      close() {
        closing ??= (async () => {
          clearInterval(timer);
          try {
            await app.close();
          } finally {
            store.close();
          }
        })();
        return closing;
      },
    };
  } catch (err) {
    clearInterval(timer);
    store.close();
    throw err;
  }
}
