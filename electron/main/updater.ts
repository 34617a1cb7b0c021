// Updates are off unless an administrator sets an update URL (a generic electron-updater feed on
// https). A kiosk must never surprise its officer: updates install on the next quit.
import type { Logger } from '../../host-core/logger';

export interface UpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  setFeedURL(options: { provider: 'generic'; url: string }): void;
  checkForUpdates(): Promise<unknown>;
}

/** `getUpdater` is called only when updates are on, so an off kiosk never constructs one. */
export async function checkForUpdatesIfConfigured(
  getUpdater: () => UpdaterLike,
  updateUrl: string | null | undefined,
  isPackaged: boolean,
  logger: Logger,
): Promise<boolean> {
  if (!updateUrl || !isPackaged) return false;
  const updater = getUpdater();
  updater.autoDownload = true;
  updater.autoInstallOnAppQuit = true;
  updater.setFeedURL({ provider: 'generic', url: updateUrl });
  try {
    await updater.checkForUpdates();
    return true;
  } catch (error) {
    logger.warn('update check failed', error);
    return false;
  }
}
