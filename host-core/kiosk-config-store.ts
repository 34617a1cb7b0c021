// The kiosk configuration file: parsed with kioskConfigSchema every time it is loaded, written
// atomically, and never a reason to crash. A corrupt or invalid file is moved aside (so an
// administrator can inspect it), logged, and replaced by the defaults.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { kioskConfigPatchSchema, kioskConfigSchema, type KioskConfig, type KioskConfigPatch } from '../shared/host/host-api';
import type { Logger } from './logger';

export const KIOSK_CONFIG_FILE = 'kiosk-config.json';

export interface KioskConfigStoreOptions {
  readonly filePath: string;
  /** Used when the file is missing or unusable; also the source of the pinned anchors. */
  readonly defaults: KioskConfig;
  readonly logger: Logger;
  readonly now?: () => Date;
}

export interface KioskConfigStore {
  get(): Promise<KioskConfig>;
  update(patch: KioskConfigPatch): Promise<KioskConfig>;
  /** Host-side correction of fields the renderer cannot patch (e.g. leaving demo mode). */
  replace(config: KioskConfig): Promise<KioskConfig>;
  /** Called after every successful update with the new and previous configuration. */
  onChange(listener: (next: KioskConfig, previous: KioskConfig) => void): () => void;
}

export function createKioskConfigStore(options: KioskConfigStoreOptions): KioskConfigStore {
  const { filePath, defaults, logger } = options;
  const now = options.now ?? (() => new Date());
  const listeners = new Set<(next: KioskConfig, previous: KioskConfig) => void>();
  let current: Promise<KioskConfig> | null = null;
  // Updates are serialised so two quick saves cannot interleave their read-merge-write.
  let queue: Promise<unknown> = Promise.resolve();

  async function persist(config: KioskConfig): Promise<boolean> {
    try {
      await writeKioskConfigFile(filePath, config);
      return true;
    } catch (error) {
      logger.error('cannot write kiosk config', filePath, error);
      return false;
    }
  }

  async function moveAside(reason: string): Promise<void> {
    const aside = `${filePath}.corrupt-${now().toISOString().replace(/[:.]/g, '-')}`;
    logger.error(`kiosk config ${filePath} ${reason}; using defaults, old file kept as ${aside}`);
    try {
      await rename(filePath, aside);
    } catch (error) {
      logger.error('cannot move corrupt kiosk config aside', error);
    }
  }

  async function load(): Promise<KioskConfig> {
    let text: string;
    try {
      text = await readFile(filePath, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') logger.error('cannot read kiosk config', filePath, error);
      else logger.info('no kiosk config yet; writing defaults to', filePath);
      await persist(defaults);
      return defaults;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      await moveAside('is not JSON');
      await persist(defaults);
      return defaults;
    }
    const parsed = kioskConfigSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      await moveAside(`is invalid (${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'schema'})`);
      await persist(defaults);
      return defaults;
    }
    return parsed.data;
  }

  function get(): Promise<KioskConfig> {
    current ??= load();
    return current;
  }

  function update(rawPatch: KioskConfigPatch): Promise<KioskConfig> {
    return change((previous) => applyPatch(previous, kioskConfigPatchSchema.parse(rawPatch), defaults));
  }

  function change(compute: (previous: KioskConfig) => KioskConfig): Promise<KioskConfig> {
    const run = queue.then(async () => {
      const previous = await get();
      const next = kioskConfigSchema.parse(compute(previous));
      if (!(await persist(next))) throw new Error('the kiosk configuration could not be saved');
      current = Promise.resolve(next);
      for (const listener of listeners) {
        try {
          listener(next, previous);
        } catch (error) {
          logger.error('config change listener failed', error);
        }
      }
      return next;
    });
    queue = run.catch(() => undefined);
    return run;
  }

  return {
    get,
    update,
    replace: (config) => change(() => config),
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** Validates and writes a whole configuration atomically (temp file + rename), owner-only. */
export async function writeKioskConfigFile(filePath: string, config: KioskConfig): Promise<void> {
  const valid = kioskConfigSchema.parse(config);
  await mkdir(dirname(filePath), { recursive: true });
  const tmp = `${filePath}.${process.pid}.tmp`;
  await writeFile(tmp, `${JSON.stringify(valid, null, 2)}\n`, { mode: 0o600 });
  await rename(tmp, filePath);
}

/** Anchors given without a source are custom; asking for 'pinned' restores the shipped anchors. */
export function applyPatch(previous: KioskConfig, patch: KioskConfigPatch, defaults: KioskConfig): KioskConfig {
  const next: KioskConfig = { ...previous };
  for (const [key, value] of Object.entries(patch) as [keyof KioskConfigPatch, unknown][]) {
    if (value !== undefined && key !== 'anchors' && key !== 'anchorsSource') (next as Record<string, unknown>)[key] = value;
  }
  if (patch.anchorsSource === 'pinned') {
    next.anchors = defaults.anchors;
    next.anchorsSource = defaults.anchorsSource;
  } else if (patch.anchors) {
    next.anchors = patch.anchors;
    next.anchorsSource = 'custom';
  }
  return next;
}
