// Builds the object the preload exposes as window.esscHost: one named function per HostApi
// method, each calling exactly one channel. Nothing else crosses the bridge.
import type { HostApi } from '../../shared/host/host-api';
import { HOST_METHOD_CHANNELS } from '../../shared/host/host-methods';

export type Invoke = (channel: string, ...args: unknown[]) => Promise<unknown>;

export function createPreloadHostApi(invoke: Invoke): HostApi {
  // A void channel is invoked with no argument at all, so main sees exactly what the schema expects.
  const call = (channel: string) => (request?: unknown) => (request === undefined ? invoke(channel) : invoke(channel, request));
  return {
    appInfo: call(HOST_METHOD_CHANNELS.appInfo),
    getConfig: call(HOST_METHOD_CHANNELS.getConfig),
    setConfig: call(HOST_METHOD_CHANNELS.setConfig),
    workSystem: call(HOST_METHOD_CHANNELS.workSystem),
    printSlip: call(HOST_METHOD_CHANNELS.printSlip),
    saveSlipPdf: call(HOST_METHOD_CHANNELS.saveSlipPdf),
  } as HostApi;
}
