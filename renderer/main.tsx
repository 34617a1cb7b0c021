// Renderer entry: wires the host, the data layer and the scanning tools into the app.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, type KioskBoot } from './app/App';
import { createMediaUi } from './app/media-ui';
import { getHost } from './host/host';
import { openKioskServices } from './kiosk/kiosk-services';
import { createQrDecoder, decodeImageFile, listenForWedgeScans } from './scan/decode';
import './styles/kiosk.css';

async function boot(): Promise<KioskBoot> {
  const host = getHost();
  const config = await host.getConfig();
  const services = await openKioskServices({ host });
  return {
    host,
    config,
    services,
    media: createMediaUi(services),
    scan: { createQrDecoder, decodeImageFile, listenForWedgeScans },
    kioskId: await services.kioskId(),
  };
}

// Opened once, even when StrictMode runs the boot effect twice in development.
let booting: Promise<KioskBoot> | undefined;
const bootOnce = () => (booting ??= boot());

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App boot={bootOnce} />
  </StrictMode>,
);
