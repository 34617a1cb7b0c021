// Small raster operations on single-channel float images (values in sensor digital numbers,
// 0–255 after clipping). Written out by hand: the benchmark must not depend on an image library
// whose resampling could favour one decoder.
import { createRng, type Rng } from './prng';

export interface GrayImage {
  readonly width: number;
  readonly height: number;
  readonly data: Float32Array;
}

export function createGray(width: number, height: number): GrayImage {
  return { width, height, data: new Float32Array(width * height) };
}

function gaussianKernel(sigma: number): Float32Array {
  const radius = Math.max(1, Math.ceil(3 * sigma));
  const kernel = new Float32Array(2 * radius + 1);
  let sum = 0;
  for (let i = -radius; i <= radius; i++) {
    const weight = Math.exp(-(i * i) / (2 * sigma * sigma));
    kernel[i + radius] = weight;
    sum += weight;
  }
  for (let i = 0; i < kernel.length; i++) kernel[i]! /= sum;
  return kernel;
}

export interface PixelBox {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

/**
 * Separable Gaussian blur (defocus), edges clamped. Sigma below 0.2 px is a no-op. Only pixels
 * within `region` (inclusive) are written: the caller knows the rest is too smooth to change.
 */
export function gaussianBlur(image: GrayImage, sigma: number, region?: PixelBox): void {
  if (sigma < 0.2) return;
  const { width, height, data } = image;
  const kernel = gaussianKernel(sigma);
  const radius = (kernel.length - 1) / 2;
  const x0 = Math.max(0, region?.x0 ?? 0);
  const x1 = Math.min(width - 1, region?.x1 ?? width - 1);
  const y0 = Math.max(0, region?.y0 ?? 0);
  const y1 = Math.min(height - 1, region?.y1 ?? height - 1);
  const scratch = new Float32Array(data.length);
  // The horizontal pass covers `radius` extra rows so the vertical pass reads blurred input.
  for (let y = Math.max(0, y0 - radius); y <= Math.min(height - 1, y1 + radius); y++) {
    const row = y * width;
    for (let x = x0; x <= x1; x++) {
      let acc = 0;
      for (let k = -radius; k <= radius; k++) {
        const sx = x + k < 0 ? 0 : x + k >= width ? width - 1 : x + k;
        acc += kernel[k + radius]! * data[row + sx]!;
      }
      scratch[row + x] = acc;
    }
  }
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      let acc = 0;
      for (let k = -radius; k <= radius; k++) {
        const sy = y + k < 0 ? 0 : y + k >= height ? height - 1 : y + k;
        acc += kernel[k + radius]! * scratch[sy * width + x]!;
      }
      data[y * width + x] = acc;
    }
  }
}

const NORMAL_TABLE_SIZE = 1 << 16;
let sharedNormals: Float32Array | undefined;

/** Standard normal deviates drawn once (fixed seed): a per-pixel table lookup is far cheaper than Box–Muller. */
function normalTable(): Float32Array {
  if (!sharedNormals) {
    const rng = createRng(0x6e6f697a);
    sharedNormals = Float32Array.from({ length: NORMAL_TABLE_SIZE }, () => rng.normal());
  }
  return sharedNormals;
}

/**
 * Sensor read noise (Gaussian, `readSigma` DN) plus shot noise (variance proportional to the
 * signal), then clipping and 8-bit quantisation into an RGBA buffer as a canvas would give it.
 */
export function exposeToRgba(image: GrayImage, rng: Rng, readSigma: number, shotGain: number): Uint8ClampedArray {
  const { data } = image;
  const normals = normalTable();
  const rgba = new Uint8ClampedArray(data.length * 4);
  for (let i = 0; i < data.length; i++) {
    const signal = Math.min(255, Math.max(0, data[i]!));
    const sigma = Math.sqrt(readSigma * readSigma + shotGain * signal);
    const value = Math.round(signal + sigma * normals[(rng.next() * NORMAL_TABLE_SIZE) | 0]!);
    const o = i * 4;
    rgba[o] = value;
    rgba[o + 1] = value;
    rgba[o + 2] = value;
    rgba[o + 3] = 255;
  }
  return rgba;
}
