// electron-log to a rotating file in the user-data logs folder (main.log, rotated to main.old.log
// at 5 MiB), one scope per module so every line says where it came from.
import log from 'electron-log/main';
import type { Logger } from '../../host-core/logger';

export const LOG_FILE_MAX_BYTES = 5 * 1024 * 1024;

export function configureLogging(): void {
  log.transports.file.level = 'info';
  log.transports.file.maxSize = LOG_FILE_MAX_BYTES;
  log.transports.console.level = process.env.NODE_ENV === 'production' ? 'warn' : 'info';
  // Uncaught errors are recorded by crash-handling.ts, which also recovers; no dialog here.
  log.errorHandler.stopCatching();
}

export function moduleLogger(prefix: string): Logger {
  return log.scope(prefix);
}

export function logFilePath(): string {
  return log.transports.file.getFile().path;
}
