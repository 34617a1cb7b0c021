// Builds the Fastify instance of the reference Work System over an open store.
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { MAX_AUDIT_BATCH_BYTES } from '../../shared/api/work-system-api';
import type { WorkSystemStore } from '../store/work-system-store';
import type { DemoWallet } from '../wallet/demo-wallet';
import { registerDemoRoutes } from '../wallet/wallet-routes';
import { installErrorHandlers } from './api-error';
import type { FaultInjector } from './fault-injection';
import { registerV1Routes } from './routes/v1-routes';

export interface RouteInfo {
  readonly method: string;
  readonly url: string;
  readonly statusCodes: readonly string[];
}

export interface BuildAppOptions {
  readonly logger: FastifyServerOptions['logger'];
  readonly faults?: FaultInjector;
  readonly wallet?: DemoWallet;
}

export interface WorkSystemApp {
  readonly app: FastifyInstance;
  /** Every route with the status codes its schema documents (the OpenAPI conformance test). */
  readonly routes: RouteInfo[];
}

export function buildWorkSystemApp(store: WorkSystemStore, options: BuildAppOptions): WorkSystemApp {
  const app = Fastify({
    logger: options.logger,
    bodyLimit: MAX_AUDIT_BATCH_BYTES,
    // The JWS of a full batch takes real time to verify and store over a slow link.
    requestTimeout: 120_000,
    // On close: idle keep-alive connections go at once, requests in flight finish first (an
    // audit batch being verified still reaches its transaction before the database closes).
    forceCloseConnections: 'idle',
    return503OnClosing: true,
    // Fastify's default strips unknown members before the handler sees them; the §7 schemas are
    // strict, so an unknown member must be refused, not silently dropped.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true } },
  });
  // While closing, every answer ends its connection: a keep-alive socket that goes idle after
  // its last request would otherwise hold app.close() open indefinitely.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (_request, reply) => {
    if (closing) reply.header('connection', 'close');
  });
  const routes: RouteInfo[] = [];
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const response = (route.schema as { response?: Record<string, unknown> } | undefined)?.response ?? {};
    for (const method of methods) {
      if (method === 'HEAD') continue;
      routes.push({ method, url: route.url, statusCodes: Object.keys(response) });
    }
  });
  installErrorHandlers(app);
  options.faults?.install(app);
  registerV1Routes(app, store);
  if (options.wallet) registerDemoRoutes(app, store, options.wallet);
  return { app, routes };
}
