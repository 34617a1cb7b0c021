// Picks the host implementation: the Electron preload's named functions, else same-origin HTTP.
import type { HostApi } from '../../shared/host/host-api';
import { createBrowserHostClient } from './browser-host-client';

declare global {
  interface Window {
    /** Exposed by electron/preload with contextBridge; absent in a plain browser. */
    esscHost?: HostApi;
  }
}

let cached: HostApi | undefined;

export function getHost(): HostApi {
  cached ??= isHostApi(window.esscHost) ? window.esscHost : createBrowserHostClient();
  return cached;
}

function isHostApi(value: unknown): value is HostApi {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Partial<HostApi>).getConfig === 'function' &&
    typeof (value as Partial<HostApi>).appInfo === 'function'
  );
}
