// Updates are off unless an administrator sets an update URL (a generic electron-updater feed on
// https). A kiosk must never surprise its officer: updates install on the next quit.
import type { Logger } from '../../host-core/logger';

export interface UpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  setFeedURL(options: { provider: 'generic'; url: string }): void;
  checkForUpdates(): Promise<unknown>;
}

export async function checkForUpdatesIfConfigured(
  updater: UpdaterLike,
  updateUrl: string | null | undefined,
  isPackaged: boolean,
  logger: Logger,
): Promise<boolean> {
  if (!updateUrl || !isPackaged) return false;
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
