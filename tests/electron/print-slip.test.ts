import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WebContents } from 'electron';
import { printSlip, saveSlipPdf } from '../../electron/main/print-slip';
import { FakeWebContents } from './electron-mock';

vi.mock('electron', async () => (await import('./electron-mock')).electronModule());

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'essc-slips-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('printing the slip', () => {
  it('prints silently in kiosk mode and reports the printer result', async () => {
    const contents = new FakeWebContents();
    contents.print.mockImplementation((_options: unknown, done: (ok: boolean) => void) => done(false));
    expect(await printSlip(contents as unknown as WebContents, { silent: true })).toEqual({ printed: false });
    expect(contents.print).toHaveBeenCalledWith({ silent: true, printBackground: true }, expect.any(Function));
  });
});

describe('saving the slip as PDF', () => {
  it('kiosk mode: no dialog, into the slips folder, never overwriting an earlier slip', async () => {
    const contents = new FakeWebContents();
    const askForPath = vi.fn();
    const slipsDir = join(dir, 'essc-slips');
    const first = await saveSlipPdf(contents as unknown as WebContents, 'slip.pdf', { kioskMode: true, slipsDir, askForPath });
    const second = await saveSlipPdf(contents as unknown as WebContents, 'slip.pdf', { kioskMode: true, slipsDir, askForPath });
    expect(first).toEqual({ saved: true, path: join(slipsDir, 'slip.pdf') });
    expect(second).toEqual({ saved: true, path: join(slipsDir, 'slip-2.pdf') });
    expect(askForPath).not.toHaveBeenCalled();
    expect(await readFile(join(slipsDir, 'slip-2.pdf'), 'utf8')).toBe('%PDF-1.7 fake');
  });

  it('desktop mode: asks where; cancelling saves nothing and renders nothing', async () => {
    const contents = new FakeWebContents();
    const cancelled = await saveSlipPdf(contents as unknown as WebContents, 'slip.pdf', { kioskMode: false, slipsDir: dir, askForPath: async () => null });
    expect(cancelled).toEqual({ saved: false, path: null });
    expect(contents.printToPDF).not.toHaveBeenCalled();
    const chosen = join(dir, 'chosen.pdf');
    expect(await saveSlipPdf(contents as unknown as WebContents, 'slip.pdf', { kioskMode: false, slipsDir: dir, askForPath: async () => chosen })).toEqual({
      saved: true,
      path: chosen,
    });
  });
});
