// Crash dumps stay on the machine (no upload server exists for a counter kiosk), and an uncaught
// error in main is recorded and survived rather than taking the counter down.
import type { CrashReporter } from 'electron';
import type { Logger } from '../../host-core/logger';

export function startLocalCrashReporter(crashReporter: Pick<CrashReporter, 'start'>): void {
  crashReporter.start({ uploadToServer: false, compress: true, ignoreSystemCrashHandler: false });
}

export interface ProcessEvents {
  on(event: 'uncaughtException', listener: (error: Error, origin: string) => void): unknown;
  on(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
}

/** `recover` is given the error and may e.g. reload or recreate the window. */
export function installUncaughtErrorHandlers(process: ProcessEvents, logger: Logger, recover: (error: unknown) => void): void {
  process.on('uncaughtException', (error, origin) => {
    logger.error(`uncaught ${origin}`, error);
    safely(recover, error, logger);
  });
  process.on('unhandledRejection', (reason) => {
    logger.error('unhandled rejection', reason);
    safely(recover, reason, logger);
  });
}

function safely(recover: (error: unknown) => void, error: unknown, logger: Logger): void {
  try {
    recover(error);
  } catch (recoveryError) {
    logger.error('recovery failed', recoveryError);
  }
}
