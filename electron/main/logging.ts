// electron-log to a rotating file in the user-data logs folder (main.log, rotated to main.old.log
// at 5 MiB), one scope per module so every line says where it came from.
import { ipcMain } from 'electron';
import log from 'electron-log/main';
import type { Logger } from '../../host-core/logger';

/** The IPC channel electron-log opens at import for renderer-side logging. */
export const ELECTRON_LOG_CHANNEL = '__ELECTRON_LOG__';

export const LOG_FILE_MAX_BYTES = 5 * 1024 * 1024;

export function configureLogging(): void {
  log.transports.file.level = 'info';
  log.transports.file.maxSize = LOG_FILE_MAX_BYTES;
  log.transports.console.level = process.env.NODE_ENV === 'production' ? 'warn' : 'info';
  // Uncaught errors are recorded by crash-handling.ts, which also recovers; no dialog here.
  log.errorHandler.stopCatching();
  // electron-log registers an ipcMain handler and listener at import, outside our validated IPC
  // wrapper. Our renderer logs nothing through IPC (it has no ipcRenderer), so close that door:
  // every channel main answers goes through electron/main/ipc.ts.
  ipcMain.removeHandler(ELECTRON_LOG_CHANNEL);
  ipcMain.removeAllListeners(ELECTRON_LOG_CHANNEL);
}

export function moduleLogger(prefix: string): Logger {
  return log.scope(prefix);
}

export function logFilePath(): string {
  return log.transports.file.getFile().path;
}
