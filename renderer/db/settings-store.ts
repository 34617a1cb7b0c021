// Kiosk settings: one validated record. Parsed with a schema every time it is loaded, so a
// corrupted or hand-edited store falls back to defaults instead of crashing the kiosk.
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import type { KioskDatabase } from './database';

const enrollmentSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('none') }),
  z.object({
    state: z.literal('enrolled'),
    kioskId: z.string().min(1).max(64),
    kid: z.string().length(11),
    enrolledAt: z.iso.datetime({ precision: 3 }),
  }),
]);
export type Enrollment = z.infer<typeof enrollmentSchema>;

export const kioskSettingsSchema = z.object({
  /**
   * The `kiosk` of new audit entries: a local id until enrollment, then the Work System's id.
   * Each id has its own chain (§8: seq starts at 1 per kiosk).
   */
  kioskId: z.string().min(1).max(64),
  enrollment: enrollmentSchema,
  /** Synced audit entries older than this may be purged (unsynced ones never are). */
  retentionDays: z.int().min(30).max(3650),
  /** ETag of the last trust list fetched, for the conditional GET. */
  trustListEtag: z.string().max(200).nullable(),
  /** Last successful contact with the Work System, ISO time. */
  lastSyncAt: z.iso.datetime({ precision: 3 }).nullable(),
});
export type KioskSettings = z.infer<typeof kioskSettingsSchema>;

/** What an administrator may change from the settings screen. */
export type SettingsPatch = Partial<Pick<KioskSettings, 'retentionDays'>>;

export const DEFAULT_RETENTION_DAYS = 365;
const SETTINGS_KEY = 'kiosk';

/** Called after an administrator's change; the kiosk wiring records it in the audit log. */
export type SettingsChangeRecorder = (operator: string | null) => Promise<void>;

export class SettingsStore {
  private cached: KioskSettings;
  private recorder: SettingsChangeRecorder | null = null;

  private constructor(
    private readonly db: KioskDatabase,
    initial: KioskSettings,
  ) {
    this.cached = initial;
  }

  /** Loads the settings, creating them (with a fresh local kiosk id) on first start. */
  static async open(db: KioskDatabase): Promise<SettingsStore> {
    const stored = await db.settings.get(SETTINGS_KEY);
    const parsed = kioskSettingsSchema.safeParse(stored?.value);
    if (parsed.success) return new SettingsStore(db, parsed.data);
    // Keep the kiosk id of a damaged record when it survived: it names an existing chain.
    const oldId = z.object({ kioskId: z.string().min(1).max(64) }).safeParse(stored?.value);
    const fresh: KioskSettings = {
      kioskId: oldId.success ? oldId.data.kioskId : `local-${uuidv7()}`,
      enrollment: { state: 'none' },
      retentionDays: DEFAULT_RETENTION_DAYS,
      trustListEtag: null,
      lastSyncAt: null,
    };
    await db.settings.put({ key: SETTINGS_KEY, value: fresh });
    return new SettingsStore(db, fresh);
  }

  /** Synchronous view of the settings (kept in memory; every write goes through this store). */
  get current(): KioskSettings {
    return this.cached;
  }

  async get(): Promise<KioskSettings> {
    return this.cached;
  }

  setChangeRecorder(recorder: SettingsChangeRecorder): void {
    this.recorder = recorder;
  }

  /** An administrator's change; recorded as a `settings_change` audit entry. */
  async update(patch: SettingsPatch, operator: string | null): Promise<KioskSettings> {
    const next = await this.write(patch);
    await this.recorder?.(operator);
    return next;
  }

  /** Bookkeeping by the sync engine (enrollment, ETag, last sync): not an audited change. */
  async writeInternal(patch: Partial<KioskSettings>): Promise<KioskSettings> {
    return this.write(patch);
  }

  private async write(patch: Partial<KioskSettings>): Promise<KioskSettings> {
    const next = kioskSettingsSchema.parse({ ...this.cached, ...patch });
    await this.db.settings.put({ key: SETTINGS_KEY, value: next });
    this.cached = next;
    return next;
  }
}
