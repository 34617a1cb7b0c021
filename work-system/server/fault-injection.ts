// Fault injection for tests and demos: latency, 5xx answers and connection resets, per route
// prefix, switchable at runtime through POST /__faults. Registered only when asked for: a
// production start has neither the hook nor the route.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';

const faultSpecSchema = z.strictObject({
  latencyMs: z.int().min(0).max(120_000).optional(),
  /** Probability (0–1) of answering 503 instead of handling the request. */
  errorRate: z.number().min(0).max(1).optional(),
  /** Probability (0–1) of destroying the connection without an answer. */
  resetRate: z.number().min(0).max(1).optional(),
});
export type FaultSpec = z.infer<typeof faultSpecSchema>;

export const faultConfigSchema = faultSpecSchema.extend({
  /** Overrides per path prefix, e.g. {"/v1/audit": {"errorRate": 1}}; the longest prefix wins. */
  routes: z.record(z.string().regex(/^\//, 'a path prefix starts with /'), faultSpecSchema).optional(),
});
export type FaultConfig = z.infer<typeof faultConfigSchema>;

export const FAULTS_ADMIN_PATH = '/__faults';

export class FaultInjector {
  private config: FaultConfig;

  constructor(
    initial: FaultConfig = {},
    private readonly random: () => number = Math.random,
  ) {
    this.config = faultConfigSchema.parse(initial);
  }

  get current(): FaultConfig {
    return this.config;
  }

  set(config: FaultConfig): void {
    this.config = faultConfigSchema.parse(config);
  }

  specFor(path: string): FaultSpec {
    let best: { prefix: string; spec: FaultSpec } | undefined;
    for (const [prefix, spec] of Object.entries(this.config.routes ?? {})) {
      if (path.startsWith(prefix) && (!best || prefix.length > best.prefix.length)) best = { prefix, spec };
    }
    const { routes: _routes, ...global } = this.config;
    return { ...global, ...best?.spec };
  }

  install(app: FastifyInstance): void {
    app.addHook('onRequest', async (request, reply) => {
      const path = request.url.split('?')[0]!;
      if (path === FAULTS_ADMIN_PATH) return;
      const spec = this.specFor(path);
      if (spec.latencyMs) await new Promise((resolve) => setTimeout(resolve, spec.latencyMs));
      if (spec.resetRate && this.random() < spec.resetRate) {
        request.log.warn({ path }, 'fault injection: connection reset');
        reply.hijack();
        request.raw.socket.destroy();
        return reply;
      }
      if (spec.errorRate && this.random() < spec.errorRate) {
        request.log.warn({ path }, 'fault injection: 503');
        return reply.code(503).send({ error: 'injected_fault', message: 'fault injection answered 503' });
      }
    });

    app.get(FAULTS_ADMIN_PATH, async () => this.config);
    app.post(FAULTS_ADMIN_PATH, async (request, reply) => {
      const parsed = faultConfigSchema.safeParse(request.body);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        return reply.code(400).send({ error: 'invalid_request', message: `${issue.path.join('.') || 'body'}: ${issue.message}` });
      }
      this.set(parsed.data);
      return this.config;
    });
    app.delete(FAULTS_ADMIN_PATH, async () => {
      this.set({});
      return this.config;
    });
  }
}
