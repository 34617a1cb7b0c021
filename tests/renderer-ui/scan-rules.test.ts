import { describe, expect, it } from 'vitest';
import { createRepeatFilter, looksLikeEsscQr } from '../../renderer/screens/scan/repeat-filter';
import { GLARE_MIN_FAILED_FRAMES, lookAtFrame, suggestsGlare } from '../../renderer/screens/scan/glare';

describe('repeat filter: the same QR text within the window is processed once', () => {
  it('drops a repeat at 4.999 s and accepts it again after 5 s of absence', () => {
    let now = 0;
    const filter = createRepeatFilter(5000, () => now);
    expect(filter.accept('essc:/1234')).toBe(true);
    now = 4999;
    expect(filter.accept('essc:/1234')).toBe(false);
    // Still in view: each sighting extends the window.
    now = 9998;
    expect(filter.accept('essc:/1234')).toBe(false);
    now = 14_998;
    expect(filter.accept('essc:/1234')).toBe(true);
  });

  it('accepts a different code at once, and the first code again after it', () => {
    let now = 0;
    const filter = createRepeatFilter(5000, () => now);
    expect(filter.accept('essc:/11')).toBe(true);
    now = 100;
    expect(filter.accept('essc:/22')).toBe(true);
    now = 200;
    expect(filter.accept('essc:/11')).toBe(true);
  });

  it('hold() suppresses a code still on the reader after its result was cleared', () => {
    let now = 0;
    const filter = createRepeatFilter(5000, () => now);
    expect(filter.accept('essc:/11')).toBe(true);
    now = 60_000; // the result was shown for a minute, the camera paused meanwhile
    filter.hold('essc:/11');
    now = 60_100;
    expect(filter.accept('essc:/11')).toBe(false);
    now = 70_000; // the phone was taken away for more than 5 s, then shown again
    expect(filter.accept('essc:/11')).toBe(true);
  });

  it('reset() lets the same code through immediately (an explicit image import)', () => {
    const filter = createRepeatFilter(5000, () => 0);
    expect(filter.accept('essc:/11')).toBe(true);
    filter.reset();
    expect(filter.accept('essc:/11')).toBe(true);
  });
});

describe('looksLikeEsscQr (§2.1 prefix, case-insensitive, after scanner white space)', () => {
  it.each(['essc:/00', 'ESSC:/00', '\r\n\tEsSc:/12', '  essc:/'])('accepts %j', (text) => expect(looksLikeEsscQr(text)).toBe(true));
  it.each(['https://example.com', 'essc:00', 'xessc:/00', '', 'WIFI:S:net;;'])('refuses %j', (text) => expect(looksLikeEsscQr(text)).toBe(false));
});

function frame(width: number, height: number, pixel: (x: number, y: number) => number): Uint8ClampedArray {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const v = pixel(x, y);
      data.set([v, v, v, 255], (y * width + x) * 4);
    }
  return data;
}

describe('glare heuristic', () => {
  const W = 160;
  const H = 90;
  const qrLike = (x: number, y: number) => (((x >> 2) + (y >> 2)) % 2 ? 20 : 230);
  const withGlare = (x: number, y: number) => (x > 100 && y < 40 ? 255 : qrLike(x, y));

  it('measures clipped highlights and sharp edges', () => {
    const plain = lookAtFrame(frame(W, H, () => 128), W, H);
    expect(plain).toEqual({ clipped: 0, edges: 0 });
    const qr = lookAtFrame(frame(W, H, qrLike), W, H);
    expect(qr.clipped).toBe(0);
    expect(qr.edges).toBeGreaterThan(0.2);
    const glare = lookAtFrame(frame(W, H, withGlare), W, H);
    expect(glare.clipped).toBeGreaterThan(0.15);
  });

  it('hints only after a run of failed frames with a QR-like view and a highlight', () => {
    const glare = lookAtFrame(frame(W, H, withGlare), W, H);
    expect(suggestsGlare(glare, GLARE_MIN_FAILED_FRAMES - 1)).toBe(false);
    expect(suggestsGlare(glare, GLARE_MIN_FAILED_FRAMES)).toBe(true);
    expect(suggestsGlare(lookAtFrame(frame(W, H, qrLike), W, H), 100)).toBe(false); // no glare
    expect(suggestsGlare(lookAtFrame(frame(W, H, (x) => (x > 80 ? 255 : 128)), W, H), 100)).toBe(false); // glare, no QR
  });
});
