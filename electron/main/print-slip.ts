// The verification slip: printed from the window that asked, or saved as a PDF. In kiosk mode no
// dialog is shown (the officer cannot reach a file system there): the PDF goes to a fixed folder.
import { mkdir, writeFile, access } from 'node:fs/promises';
import { join, parse } from 'node:path';
import type { WebContents } from 'electron';

export function printSlip(contents: Pick<WebContents, 'print'>, options: { silent: boolean }): Promise<{ printed: boolean }> {
  return new Promise((resolve) => {
    contents.print({ silent: options.silent, printBackground: true }, (success) => resolve({ printed: success }));
  });
}

export interface SavePdfDeps {
  readonly kioskMode: boolean;
  /** Folder for kiosk-mode saves, e.g. <documents>/essc-slips. */
  readonly slipsDir: string;
  /** Shows a save dialog; resolves to the chosen path or null when cancelled. */
  readonly askForPath: (defaultPath: string) => Promise<string | null>;
}

export async function saveSlipPdf(
  contents: Pick<WebContents, 'printToPDF'>,
  fileName: string,
  deps: SavePdfDeps,
): Promise<{ saved: boolean; path: string | null }> {
  const target = deps.kioskMode ? await freePath(deps.slipsDir, fileName) : await deps.askForPath(join(deps.slipsDir, fileName));
  if (!target) return { saved: false, path: null };
  const pdf = await contents.printToPDF({ printBackground: true, pageSize: 'A4' });
  if (deps.kioskMode) await mkdir(deps.slipsDir, { recursive: true });
  await writeFile(target, pdf);
  return { saved: true, path: target };
}

/** Never overwrite an earlier slip: add -2, -3… before the extension. */
export async function freePath(dir: string, fileName: string): Promise<string> {
  const { name, ext } = parse(fileName);
  for (let n = 1; n < 1000; n += 1) {
    const candidate = join(dir, n === 1 ? fileName : `${name}-${n}${ext}`);
    try {
      await access(candidate);
    } catch {
      return candidate;
    }
  }
  throw new Error(`too many slips named ${fileName}`);
}
