// The decode benchmark's frame generator: seeded, geometrically exact, and true to §2.1 symbols.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { frameCacheDirectory, FrameStore, GENERATOR_VERSION } from '../../bench/decode/frame-store';
import { FRAME_HEIGHT, FRAME_WIDTH, synthesizeFrame } from '../../bench/decode/frames';
import { apply, invert, multiply, screenToImage } from '../../bench/decode/homography';
import { createRng, frameSeed } from '../../bench/decode/prng';
import { meanModulePx, symbolCorners } from '../../bench/decode/scene';
import { benchTokens, qrSymbolOf, type QrSymbol } from '../../bench/decode/tokens';
import { decodeQrText } from '../../shared/codec/numeric-qr';
import { qrVersionOf } from '../../work-system/wallet/qr-image';

const sha = (bytes: Uint8ClampedArray): string => createHash('sha256').update(bytes).digest('hex');

describe('seeded randomness', () => {
  it('repeats exactly for a seed and differs between seeds', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const seqA = Array.from({ length: 50 }, () => a.next());
    expect(Array.from({ length: 50 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 50 }, () => c.next())).not.toEqual(seqA);
    expect(frameSeed(1, 0)).not.toBe(frameSeed(1, 1));
  });

  it('draws uniforms in range and standard normals', () => {
    const rng = createRng(7);
    const normals = Array.from({ length: 20_000 }, () => rng.normal());
    const mean = normals.reduce((s, x) => s + x, 0) / normals.length;
    const sd = Math.sqrt(normals.reduce((s, x) => s + (x - mean) ** 2, 0) / normals.length);
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(sd - 1)).toBeLessThan(0.03);
    for (let i = 0; i < 1000; i++) {
      const n = rng.int(3, 5);
      expect(n).toBeGreaterThanOrEqual(3);
      expect(n).toBeLessThanOrEqual(5);
    }
  });
});

describe('camera homography', () => {
  const base = { focalPx: 1000, principal: { x: 640, y: 360 }, tiltAxis: 0, roll: 0, scale: 5, anchor: { x: 40, y: 40 } };

  it('puts the anchor on the principal point at `scale` px per unit when face-on', () => {
    const h = screenToImage({ ...base, tilt: 0 });
    expect(apply(h, 40, 40).x).toBeCloseTo(640, 9);
    expect(apply(h, 41, 40).x - apply(h, 40, 40).x).toBeCloseTo(5, 9);
    expect(meanModulePx(h, 80)).toBeCloseTo(5, 9);
    const round = multiply(invert(h), h);
    [1, 0, 0, 0, 1, 0, 0, 0, 1].forEach((v, i) => expect(round[i]! / round[8]).toBeCloseTo(v, 9));
  });

  it('foreshortens a tilted plane: the far side gets smaller modules than the near side', () => {
    const h = screenToImage({ ...base, tilt: (30 * Math.PI) / 180 });
    const [tl, , , bl] = symbolCorners(h, 80);
    const top = apply(h, 1, 0).x - tl!.x;
    const bottom = apply(h, 1, 80).x - bl!.x;
    expect(Math.abs(top - bottom)).toBeGreaterThan(0.3);
  });
});

describe('card symbols', () => {
  let texts: string[];
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bench-decode-'));
    texts = (await benchTokens(99, 6, join(dir, 'tokens.json'))).texts;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('are real essc QR texts, segmented as the wallet does it (same version)', () => {
    for (const text of texts) {
      expect(decodeQrText(text).split('.')).toHaveLength(3);
      const symbol = qrSymbolOf(text);
      expect(symbol.version).toBe(qrVersionOf(text));
      expect(symbol.size).toBe(17 + 4 * symbol.version);
      // Finder pattern corner module is dark, the separator next to it light.
      expect(symbol.modules[0]).toBe(1);
      expect(symbol.modules[7]).toBe(0);
    }
  });

  it('are reused from the cache for the same seed', async () => {
    const again = await benchTokens(99, 6, join(dir, 'tokens.json'));
    expect(again.fromCache).toBe(true);
    expect(again.texts).toEqual(texts);
  });
});

describe('frames', () => {
  let symbol: QrSymbol;
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-decode-'));
    symbol = qrSymbolOf((await benchTokens(5, 1, join(dir, 'tokens.json'))).texts[0]!);
    rmSync(dir, { recursive: true, force: true });
  });

  it('are a pure function of seed and index', () => {
    const a = synthesizeFrame(11, 3, symbol);
    const b = synthesizeFrame(11, 3, symbol);
    const c = synthesizeFrame(11, 4, symbol);
    expect(a.rgba).toHaveLength(FRAME_WIDTH * FRAME_HEIGHT * 4);
    expect(sha(b.rgba)).toBe(sha(a.rgba));
    expect(sha(c.rgba)).not.toBe(sha(a.rgba));
    expect(b.conditions).toEqual(a.conditions);
  });

  it('meet the requested module pitch and keep the symbol inside the frame', () => {
    for (const modulePx of [3, 5.5]) {
      const frame = synthesizeFrame(11, 1, symbol, { modulePx });
      expect(frame.conditions.modulePx).toBeCloseTo(modulePx, 1);
    }
    // 8 px of a version ≥ 16 symbol cannot fit 720 rows: the pitch is reduced until it does.
    const big = synthesizeFrame(11, 2, symbol, { modulePx: 8, tiltDeg: 0 });
    expect(big.conditions.modulePx).toBeLessThanOrEqual((FRAME_HEIGHT - 8) / symbol.size + 1e-6);
  });

  it('apply noise, blur and glare as drawn', () => {
    const clean = synthesizeFrame(11, 5, symbol, { blurSigma: 0, noiseSigma: 0, glarePeak: 0, tiltDeg: 0, rollDeg: 0 });
    const glared = synthesizeFrame(11, 5, symbol, { blurSigma: 0, noiseSigma: 0, glarePeak: 400, tiltDeg: 0, rollDeg: 0 });
    const mean = (f: typeof clean): number => {
      let sum = 0;
      for (let i = 0; i < f.rgba.length; i += 4) sum += f.rgba[i]!;
      return sum / (f.rgba.length / 4);
    };
    expect(mean(glared)).toBeGreaterThan(mean(clean) + 1);
    // Gradient energy (mean squared neighbour difference): noise raises it, blur spreads edges and lowers it.
    const roughness = (f: typeof clean): number => {
      let sum = 0;
      for (let i = 4; i < f.rgba.length; i += 4) sum += (f.rgba[i]! - f.rgba[i - 4]!) ** 2;
      return sum / (f.rgba.length / 4);
    };
    const noisy = synthesizeFrame(11, 5, symbol, { blurSigma: 0, noiseSigma: 6, glarePeak: 0, tiltDeg: 0, rollDeg: 0 });
    const blurred = synthesizeFrame(11, 5, symbol, { blurSigma: 1.5, noiseSigma: 0, glarePeak: 0, tiltDeg: 0, rollDeg: 0 });
    expect(roughness(noisy)).toBeGreaterThan(roughness(clean) * 1.5);
    expect(roughness(blurred)).toBeLessThan(roughness(clean) * 0.9);
  });

  it('round-trip through the frame cache byte for byte', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-decode-'));
    try {
      const first = new FrameStore(dir, 11);
      const rendered = first.frame(3, symbol);
      const second = new FrameStore(dir, 11);
      const loaded = second.frame(3, symbol);
      expect([first.rendered, second.loaded]).toEqual([1, 1]);
      expect(sha(loaded.rgba)).toBe(sha(rendered.rgba));
      expect(loaded.conditions).toEqual(rendered.conditions);
      expect(sha(loaded.rgba)).toBe(sha(synthesizeFrame(11, 3, symbol).rgba));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keep one generator version in the cache: older versions are removed, other files kept', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-decode-'));
    try {
      for (const stale of ['frames', 'frames-v1', 'samples']) mkdirSync(join(dir, stale));
      expect(frameCacheDirectory(dir)).toBe(join(dir, `frames-v${GENERATOR_VERSION}`));
      expect(['frames', 'frames-v1', 'samples'].map((d) => existsSync(join(dir, d)))).toEqual([false, false, true]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
