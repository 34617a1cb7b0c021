// HostApi method name → host channel. Kept apart from host-api.ts so the sandboxed preload and
// the browser client can map methods to channels without bundling zod (type imports only).
import type { HostApi, HostChannel } from './host-api';

export const HOST_METHOD_CHANNELS = {
  appInfo: 'app:info',
  getConfig: 'config:get',
  setConfig: 'config:set',
  workSystem: 'work-system:request',
  printSlip: 'slip:print',
  saveSlipPdf: 'slip:save-pdf',
} as const satisfies Record<keyof HostApi, HostChannel>;

export type HostMethod = keyof typeof HOST_METHOD_CHANNELS;

/** URL path of a channel on the browser host server (same origin as the renderer). */
export function browserHostPath(channel: HostChannel): string {
  return `/__host/${channel}`;
}
