// Hands camera frames to the decoder as fast as it can take them: one frame in flight, frames
// arriving meanwhile are dropped (never queued, never on a fixed timer). requestVideoFrameCallback
// fires once per presented video frame; requestAnimationFrame is the fallback.
import type { QrDecoderUi } from '../../app/kiosk-contract';
import { lookAtFrame, suggestsGlare } from './glare';

export interface FrameLoopEvents {
  onText(text: string): void;
  onGlare(glare: boolean): void;
}

export interface FrameLoopStats {
  offered: number;
  decoded: number;
  dropped: number;
}

const GLARE_SAMPLE_EVERY = 6;
const GLARE_SAMPLE_WIDTH = 160;

export function startFrameLoop(
  video: HTMLVideoElement,
  decoder: QrDecoderUi,
  events: FrameLoopEvents,
  isPaused: () => boolean,
): { stop(): void; stats: FrameLoopStats } {
  let stopped = false;
  let busy = false;
  let failed = 0;
  let glare = false;
  let handle = 0;
  const stats: FrameLoopStats = { offered: 0, decoded: 0, dropped: 0 };
  const sampler = document.createElement('canvas');
  const hasVfc = 'requestVideoFrameCallback' in HTMLVideoElement.prototype;

  const schedule = () => {
    if (stopped) return;
    handle = hasVfc ? video.requestVideoFrameCallback(onFrame) : requestAnimationFrame(onFrame);
  };

  const setGlare = (value: boolean) => {
    if (value !== glare) events.onGlare((glare = value));
  };

  const sampleGlare = () => {
    const w = GLARE_SAMPLE_WIDTH;
    const h = Math.max(1, Math.round((video.videoHeight / video.videoWidth) * w));
    sampler.width = w;
    sampler.height = h;
    const ctx = sampler.getContext('2d', { willReadFrequently: true });
    if (!ctx) return;
    ctx.drawImage(video, 0, 0, w, h);
    setGlare(suggestsGlare(lookAtFrame(ctx.getImageData(0, 0, w, h).data, w, h), failed));
  };

  const decodeOne = async () => {
    busy = true;
    try {
      const bitmap = await createImageBitmap(video);
      const text = await decoder.decode(bitmap);
      if (text !== null) {
        stats.decoded++;
        failed = 0;
        setGlare(false);
        // A decode that finishes after the view paused (a result from another input is shown)
        // must not replace that result.
        if (!isPaused()) events.onText(text);
      } else if (++failed % GLARE_SAMPLE_EVERY === 0) {
        sampleGlare();
      }
    } catch {
      failed++;
    } finally {
      busy = false;
    }
  };

  function onFrame() {
    schedule();
    if (isPaused() || video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA || video.videoWidth === 0) return;
    stats.offered++;
    if (busy) {
      stats.dropped++;
      return;
    }
    void decodeOne();
  }

  schedule();
  return {
    stats,
    stop() {
      stopped = true;
      if (hasVfc) video.cancelVideoFrameCallback(handle);
      else cancelAnimationFrame(handle);
    },
  };
}
