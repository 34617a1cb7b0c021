// The configuration a kiosk starts with before an administrator changes anything.
import type { KioskConfig } from '../shared/host/host-api';
import type { AnchorsJwks } from './anchors';

export function defaultKioskConfig(anchors: AnchorsJwks, anchorsSource: KioskConfig['anchorsSource']): KioskConfig {
  return {
    workSystemUrl: null,
    kioskName: 'Kiosk',
    office: 'Unassigned office',
    anchors,
    anchorsSource,
    language: 'zh-CN',
    autoClearSeconds: 60,
    // Counter kiosks run locked down unless an administrator turns it off.
    kioskMode: true,
    demoEnrollCode: null,
    updateUrl: null,
  };
}
