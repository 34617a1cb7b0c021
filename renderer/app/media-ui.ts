// Removable-media actions for the UI, bound to the real data layer (renderer/sync/media-import).
import type { KioskServices } from '../kiosk/kiosk-services';
import { importAuditAck, importTrustFiles } from '../sync/media-import';
import type { MediaUi } from './kiosk-contract';

export function createMediaUi(services: KioskServices): MediaUi {
  return {
    importAuditAck: (text, operator) => importAuditAck(services, text, operator),
    importTrustFiles: (files, options) => importTrustFiles(services.trust, files, options),
  };
}
