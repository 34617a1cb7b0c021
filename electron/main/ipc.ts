// The one place ipcMain.handle is called. Before any handler runs, the sender must be the top
// frame of a page from our origin, and the request must parse with its channel's schema; the
// response is parsed too. Errors reach the renderer as a code and a message, never a stack.
import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { HOST_CHANNELS, type HostChannel } from '../../shared/host/host-api';
import { dispatchHostRequest, HostPayloadError, type HostHandlers } from '../../host-core/host-channels';
import type { Logger } from '../../host-core/logger';
import { isAppUrl } from './app-origin';

export interface IpcContext {
  readonly sender: WebContents;
}

/** The part of ipcMain used here (kept narrow so tests can pass a fake). */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

export class IpcSenderRefused extends Error {
  override readonly name = 'IpcSenderRefused';
}

/** Top frame (no parent) of a page whose URL is on our origin. */
export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'senderFrame'>, appOrigin: string): boolean {
  const frame = event.senderFrame;
  if (!frame) return false;
  return frame.parent === null && isAppUrl(frame.url, appOrigin);
}

export function registerHostHandlers(
  ipcMain: IpcMainLike,
  handlers: HostHandlers<IpcContext>,
  options: { readonly appOrigin: string; readonly logger: Logger },
): () => void {
  const channels = Object.keys(HOST_CHANNELS) as HostChannel[];
  for (const channel of channels) {
    ipcMain.handle(channel, async (event, ...args) => {
      if (!isTrustedSender(event, options.appOrigin)) {
        options.logger.warn(`${channel}: refused sender ${event.senderFrame?.url ?? '(gone)'}`);
        throw new IpcSenderRefused(`FORBIDDEN: ${channel} is not available to this page`);
      }
      if (args.length > 1) throw new Error(`BAD_REQUEST: ${channel} takes at most one argument`);
      try {
        return await dispatchHostRequest(handlers, channel, args[0], { sender: event.sender });
      } catch (error) {
        if (error instanceof HostPayloadError) {
          options.logger.warn(error.message);
          throw new Error(`${error.direction === 'request' ? 'BAD_REQUEST' : 'INTERNAL'}: ${error.message}`);
        }
        options.logger.error(`${channel} failed`, error);
        throw new Error(`INTERNAL: ${channel} failed${error instanceof Error ? ` (${error.message})` : ''}`);
      }
    });
  }
  return () => channels.forEach((channel) => ipcMain.removeHandler(channel));
}
