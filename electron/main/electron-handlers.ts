// The host channels as Electron answers them: the shared core plus printing from the window that
// asked. Kept apart from index.ts so the wiring can be read (and tested) without starting an app.
import { join } from 'node:path';
import type { BrowserWindow } from 'electron';
import type { HostHandlers } from '../../host-core/host-channels';
import type { KioskHost } from '../../host-core/kiosk-host';
import type { IpcContext } from './ipc';
import { printSlip, saveSlipPdf } from './print-slip';

export interface ElectronHandlerDeps {
  readonly host: KioskHost;
  readonly documentsDir: string;
  readonly showSaveDialog: (win: BrowserWindow | null, defaultPath: string) => Promise<string | null>;
  readonly windowOf: (context: IpcContext) => BrowserWindow | null;
}

export function createElectronHandlers(deps: ElectronHandlerDeps): HostHandlers<IpcContext> {
  return {
    ...deps.host.handlers,
    // Kiosk mode prints straight to the default printer: the counter has no one to click a dialog.
    'slip:print': async (_request, context) => printSlip(context.sender, { silent: (await deps.host.config.get()).kioskMode }),
    'slip:save-pdf': async ({ fileName }, context) => {
      const { kioskMode } = await deps.host.config.get();
      return saveSlipPdf(context.sender, fileName, {
        kioskMode,
        slipsDir: join(deps.documentsDir, 'essc-slips'),
        askForPath: (defaultPath) => deps.showSaveDialog(deps.windowOf(context), defaultPath),
      });
    },
  };
}
