// The checked-in list of URLs the production build may contain, each with its reason.
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { BUILD_AREAS, type BuildArea } from './build-output';

const urlAllowEntrySchema = z.strictObject({
  url: z.string().min(2).refine(isValidRegex, 'not a valid regular expression'),
  in: z.array(z.enum(BUILD_AREAS)).min(1),
  reason: z.string().min(10),
});
export const urlAllowlistSchema = z.strictObject({ $comment: z.string().optional(), entries: z.array(urlAllowEntrySchema) });

export type UrlAllowEntry = z.infer<typeof urlAllowEntrySchema>;

export async function loadUrlAllowlist(path: string): Promise<UrlAllowEntry[]> {
  return urlAllowlistSchema.parse(JSON.parse(await readFile(path, 'utf8'))).entries;
}

/** The entry that justifies this URL in this build area, if any. */
export function allowedUrl(entries: readonly UrlAllowEntry[], url: string, area: BuildArea): UrlAllowEntry | undefined {
  return entries.find((entry) => entry.in.includes(area) && new RegExp(entry.url, 'u').test(url));
}

function isValidRegex(source: string): boolean {
  try {
    new RegExp(source, 'u');
    return true;
  } catch {
    return false;
  }
}
