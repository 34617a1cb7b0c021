// The highest audit seq this kiosk has written to removable media, per chain. An acknowledgement
// file coming back is unsigned, so it may only confirm entries that did leave on media.
import { z } from 'zod';
import type { KioskDatabase } from '../db/database';

const MEDIA_EXPORT_KEY = 'sync.mediaExport';

const mediaExportSchema = z.object({ kiosk: z.string(), throughSeq: z.int().min(0), at: z.string() });
export type MediaExportRecord = z.infer<typeof mediaExportSchema>;

export async function readMediaExport(db: KioskDatabase): Promise<MediaExportRecord | null> {
  const stored = await db.settings.get(MEDIA_EXPORT_KEY);
  return mediaExportSchema.safeParse(stored?.value).data ?? null;
}

/** Keeps the highest seq exported for the chain (a later, shorter export never lowers it). */
export async function recordMediaExport(db: KioskDatabase, record: MediaExportRecord): Promise<void> {
  await db.transaction('rw', db.settings, async () => {
    const previous = await readMediaExport(db);
    const throughSeq = previous?.kiosk === record.kiosk ? Math.max(previous.throughSeq, record.throughSeq) : record.throughSeq;
    await db.settings.put({ key: MEDIA_EXPORT_KEY, value: { ...record, throughSeq } });
  });
}
