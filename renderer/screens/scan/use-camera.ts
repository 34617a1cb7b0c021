// Live camera: lists video inputs, opens the chosen one, and stops tracks on change or unmount.
import { useEffect, useRef, useState, type RefObject } from 'react';

export type CameraState =
  | { readonly kind: 'starting' }
  | { readonly kind: 'live' }
  | { readonly kind: 'none' }
  | { readonly kind: 'error'; readonly message: string };

export function useCamera(deviceId: string | null): {
  videoRef: RefObject<HTMLVideoElement | null>;
  state: CameraState;
  devices: MediaDeviceInfo[];
} {
  const videoRef = useRef<HTMLVideoElement | null>(null);
  // The state belongs to one device choice: a new choice reads as 'starting' until it opens.
  const [opened, setOpened] = useState<{ deviceId: string | null; state: CameraState }>({ deviceId, state: { kind: 'starting' } });
  const setState = (state: CameraState) => setOpened({ deviceId, state });
  const supported = typeof navigator !== 'undefined' && !!navigator.mediaDevices?.getUserMedia;
  const [devices, setDevices] = useState<MediaDeviceInfo[]>([]);

  useEffect(() => {
    let stream: MediaStream | null = null;
    let cancelled = false;
    if (!supported) return;
    const constraints: MediaStreamConstraints = {
      audio: false,
      video: deviceId ? { deviceId: { exact: deviceId } } : { width: { ideal: 1280 }, height: { ideal: 720 }, facingMode: 'environment' },
    };
    navigator.mediaDevices
      .getUserMedia(constraints)
      .then(async (s) => {
        if (cancelled) return s.getTracks().forEach((t) => t.stop());
        stream = s;
        const video = videoRef.current;
        if (video) {
          video.srcObject = s;
          await video.play().catch(() => undefined);
        }
        // Labels are only available once permission was granted.
        const all = await navigator.mediaDevices.enumerateDevices();
        if (!cancelled) {
          setDevices(all.filter((d) => d.kind === 'videoinput'));
          setState({ kind: 'live' });
        }
      })
      .catch((e: unknown) => {
        if (cancelled) return;
        const name = e instanceof DOMException ? e.name : '';
        setState(name === 'NotFoundError' || name === 'OverconstrainedError' ? { kind: 'none' } : { kind: 'error', message: e instanceof Error ? e.message : String(e) });
      });
    return () => {
      cancelled = true;
      stream?.getTracks().forEach((t) => t.stop());
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- setState is bound to this deviceId
  }, [deviceId, supported]);

  const state: CameraState = !supported ? { kind: 'none' } : opened.deviceId === deviceId ? opened.state : { kind: 'starting' };
  return { videoRef, state, devices };
}
