import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { installUncaughtErrorHandlers, startLocalCrashReporter, type ProcessEvents } from '../../electron/main/crash-handling';
import { ReloadBackoff } from '../../electron/main/reload-backoff';
import { checkForUpdatesIfConfigured } from '../../electron/main/updater';
import { memoryLogger } from '../../host-core/logger';

vi.mock('electron', async () => (await import('./electron-mock')).electronModule());

describe('crash dumps stay local', () => {
  it('crashReporter starts with uploadToServer false', () => {
    const crashReporter = { start: vi.fn() };
    startLocalCrashReporter(crashReporter);
    expect(crashReporter.start).toHaveBeenCalledWith(expect.objectContaining({ uploadToServer: false }));
    expect(crashReporter.start.mock.calls[0]?.[0]).not.toHaveProperty('submitURL');
  });
});

describe('uncaught errors are recorded and recovered from', () => {
  it('logs uncaught exceptions and rejections and calls recover; a failing recover is logged too', () => {
    const processEvents = new EventEmitter();
    const logger = memoryLogger();
    const recover = vi.fn().mockImplementationOnce(() => undefined).mockImplementationOnce(() => {
      throw new Error('window gone');
    });
    installUncaughtErrorHandlers(processEvents as unknown as ProcessEvents, logger, recover);
    processEvents.emit('uncaughtException', new Error('boom'), 'uncaughtException');
    processEvents.emit('unhandledRejection', new Error('late'));
    expect(recover).toHaveBeenCalledTimes(2);
    expect(logger.lines.map((l) => l.text)).toEqual(['uncaught uncaughtException boom', 'unhandled rejection late', 'recovery failed window gone']);
  });
});

describe('a crashed or hung renderer is reloaded with backoff', () => {
  it('doubles from 1 s to the 60 s cap, and resets after 5 quiet minutes', () => {
    let now = 0;
    const backoff = new ReloadBackoff({ now: () => now });
    const delays = Array.from({ length: 8 }, () => {
      now += 1000;
      return backoff.nextDelayMs();
    });
    expect(delays).toEqual([1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000]);
    now += 5 * 60_000; // exactly the reset window: still counts as the same episode
    expect(backoff.nextDelayMs()).toBe(60000);
    now += 5 * 60_000 + 1;
    expect(backoff.nextDelayMs()).toBe(1000);
  });
});

describe('updates are off unless an administrator sets a URL', () => {
  const updater = () => ({ autoDownload: false, autoInstallOnAppQuit: false, setFeedURL: vi.fn(), checkForUpdates: vi.fn(async () => null) });

  it('no URL or an unpackaged app: no updater constructed, no feed, no check', async () => {
    const u = updater();
    const getUpdater = vi.fn(() => u);
    expect(await checkForUpdatesIfConfigured(getUpdater, null, true, memoryLogger())).toBe(false);
    expect(getUpdater).not.toHaveBeenCalled();
    expect(await checkForUpdatesIfConfigured(() => u, null, true, memoryLogger())).toBe(false);
    expect(await checkForUpdatesIfConfigured(() => u, 'https://updates.example/essc', false, memoryLogger())).toBe(false);
    expect(u.setFeedURL).not.toHaveBeenCalled();
    expect(u.checkForUpdates).not.toHaveBeenCalled();
  });

  it('a URL on a packaged app: generic feed, checked; a failing check is logged, not thrown', async () => {
    const u = updater();
    expect(await checkForUpdatesIfConfigured(() => u, 'https://updates.example/essc', true, memoryLogger())).toBe(true);
    expect(u.setFeedURL).toHaveBeenCalledWith({ provider: 'generic', url: 'https://updates.example/essc' });
    u.checkForUpdates.mockRejectedValueOnce(new Error('offline'));
    const logger = memoryLogger();
    expect(await checkForUpdatesIfConfigured(() => u, 'https://updates.example/essc', true, logger)).toBe(false);
    expect(logger.lines[0]?.text).toContain('offline');
  });
});
