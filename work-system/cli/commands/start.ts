import { z } from 'zod';
import { faultConfigSchema, type FaultConfig } from '../../server/fault-injection';
import { DEFAULT_HOST, DEFAULT_PORT, startWorkSystem } from '../../server/start';
import { dataOption, parseCommandArgs, UsageError, validate, type CliIo } from '../cli-io';

export const START_USAGE = `start [--data DIR] [--host H] [--port N] [--demo] [--quiet]
        [--faults] [--fault-latency MS] [--fault-error-rate 0..1] [--fault-reset-rate 0..1]
        [--faults-json '{"routes":{"/v1/audit":{"errorRate":0.5}}}']   run the server`;

const startOptionsSchema = z.object({
  host: z.string().min(1),
  port: z.coerce.number().int().min(0).max(65_535),
});

export async function startCommand(argv: string[], io: CliIo, signal?: AbortSignal): Promise<number> {
  const { values } = parseCommandArgs(argv, {
    ...dataOption,
    host: { type: 'string', default: DEFAULT_HOST },
    port: { type: 'string', default: String(DEFAULT_PORT) },
    demo: { type: 'boolean', default: false },
    quiet: { type: 'boolean', default: false },
    faults: { type: 'boolean', default: false },
    'fault-latency': { type: 'string' },
    'fault-error-rate': { type: 'string' },
    'fault-reset-rate': { type: 'string' },
    'faults-json': { type: 'string' },
  });
  const { host, port } = validate(startOptionsSchema, values);
  const faults = faultsFrom(values);
  const ws = await startWorkSystem({
    dataDir: values.data,
    host,
    port,
    demo: values.demo,
    ...(faults !== undefined ? { faults } : {}),
    logger: values.quiet ? false : { level: 'info' },
  });
  io.err(`Work System listening on ${ws.url} (data ${ws.store.paths.root})`);
  io.err(`anchors to pin: ${ws.anchorsJwksPath}${values.demo ? `, ${ws.url}/demo/anchors.jwks; wallet ${ws.url}/wallet` : ''}`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    signal?.addEventListener('abort', stop, { once: true });
  });
  io.err('shutting down');
  await ws.close();
  return 0;
}

function faultsFrom(values: Record<string, string | boolean | undefined>): FaultConfig | boolean | undefined {
  const rate = z.coerce.number().min(0).max(1);
  const config: Record<string, unknown> = {};
  if (typeof values['faults-json'] === 'string') {
    try {
      Object.assign(config, JSON.parse(values['faults-json']));
    } catch {
      throw new UsageError('--faults-json is not JSON');
    }
  }
  if (values['fault-latency'] !== undefined) config.latencyMs = validate(z.coerce.number().int().min(0), values['fault-latency'], '--fault-latency');
  if (values['fault-error-rate'] !== undefined) config.errorRate = validate(rate, values['fault-error-rate'], '--fault-error-rate');
  if (values['fault-reset-rate'] !== undefined) config.resetRate = validate(rate, values['fault-reset-rate'], '--fault-reset-rate');
  if (Object.keys(config).length > 0) return validate(faultConfigSchema, config, 'faults');
  return values.faults ? true : undefined;
}
