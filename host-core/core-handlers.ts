// The channels both hosts answer the same way: app info, configuration and Work System requests.
// Printing differs per host and is supplied by each.
import type { AppInfo } from '../shared/host/host-api';
import type { HostHandlers } from './host-channels';
import type { KioskConfigStore } from './kiosk-config-store';
import type { WorkSystemTransport } from './work-system-transport';

export type CoreChannel = 'app:info' | 'config:get' | 'config:set' | 'work-system:request';

export function createCoreHandlers<Ctx>(deps: {
  readonly appInfo: AppInfo;
  readonly config: KioskConfigStore;
  readonly transport: WorkSystemTransport;
}): Pick<HostHandlers<Ctx>, CoreChannel> {
  return {
    'app:info': async () => deps.appInfo,
    'config:get': () => deps.config.get(),
    'config:set': (patch) => deps.config.update(patch),
    'work-system:request': (request) => deps.transport(request),
  };
}
