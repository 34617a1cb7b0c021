// Shared plumbing of the admin commands: option parsing with clear errors, output streams and
// the data dir option every command takes.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { z } from 'zod';
import { WorkSystemStore } from '../store/work-system-store';

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

export const processIo: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/** A mistake in the command line: printed with the usage, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** The command ran and failed (a refused import, a broken chain): exit code 1. */
export class CommandFailed extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CommandFailed';
  }
}

/** Under /.data/, which git ignores: keys must never be committed by accident. */
export const DEFAULT_DATA_DIR = '.data/work-system';
export const dataOption = { data: { type: 'string', default: DEFAULT_DATA_DIR } } as const;

type Options = NonNullable<ParseArgsConfig['options']>;

export function parseCommandArgs<O extends Options>(argv: string[], options: O, allowPositionals = 0) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, strict: true, allowPositionals: allowPositionals > 0 });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  if (parsed.positionals.length > allowPositionals) {
    throw new UsageError(`unexpected argument ${parsed.positionals[allowPositionals]}`);
  }
  return parsed;
}

/** Parses with zod and turns the first issue into a message naming the option. */
export function validate<T>(schema: z.ZodType<T>, value: unknown, what = 'option'): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const path = issue.path.join('.');
  throw new UsageError(`${path ? `${what} ${path}` : what}: ${issue.message}`);
}

export async function withStore<T>(dataDir: string, run: (store: WorkSystemStore) => Promise<T>): Promise<T> {
  const store = await WorkSystemStore.open({ dataDir });
  try {
    return await run(store);
  } finally {
    store.close();
  }
}

/** Epoch seconds from "now", an integer, or an ISO-8601 date-time. */
export const instantSchema = z
  .string()
  .transform((s, ctx) => {
    if (s === 'now') return Math.floor(Date.now() / 1000);
    if (/^\d{1,12}$/.test(s)) return Number(s);
    const ms = Date.parse(s);
    if (/^\d{4}-\d{2}-\d{2}/.test(s) && !Number.isNaN(ms)) return Math.floor(ms / 1000);
    ctx.addIssue({ code: 'custom', message: 'must be "now", epoch seconds or an ISO-8601 date-time' });
    return z.NEVER;
  });
