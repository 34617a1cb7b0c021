// A phone showing a card QR, as the kiosk camera sees it: screen-plane geometry (units of QR
// modules, QR at [0, n]²), a pinhole projection, and a supersampled (moiré-free) renderer.
import { apply, invert, type Mat3, polygonArea, type Point } from './homography';
import { createGray, type GrayImage } from './raster';
import type { QrSymbol } from './tokens';

export interface Rect {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

/** What is drawn on the phone, in screen-plane units; luminances are 0 (black) – 1 (white). */
export interface PhoneLayout {
  /** White card behind the QR (the app's quiet zone). */
  readonly card: Rect;
  readonly screen: Rect;
  readonly body: Rect;
  readonly bodyCornerRadius: number;
  readonly header: Rect;
  /** Text-like bars and icons around the card. */
  readonly marks: readonly (Rect & { readonly luminance: number })[];
  readonly darkModule: number;
  readonly lightModule: number;
  readonly screenBackground: number;
  readonly headerLuminance: number;
  readonly bezel: number;
}

/** The room behind the phone: a smooth separable gradient in image coordinates. */
export interface Backdrop {
  readonly columnTerm: Float32Array;
  readonly rowTerm: Float32Array;
}

export interface Scene {
  readonly symbol: QrSymbol;
  readonly layout: PhoneLayout;
  readonly backdrop: Backdrop;
  /** Screen units → image pixels. */
  readonly screenToImage: Mat3;
}

const inside = (r: Rect, u: number, v: number): boolean => u >= r.x0 && u < r.x1 && v >= r.y0 && v < r.y1;

function insideRounded(r: Rect, radius: number, u: number, v: number): boolean {
  if (!inside(r, u, v)) return false;
  const cx = u < r.x0 + radius ? r.x0 + radius : u > r.x1 - radius ? r.x1 - radius : u;
  const cy = v < r.y0 + radius ? r.y0 + radius : v > r.y1 - radius ? r.y1 - radius : v;
  return (u - cx) ** 2 + (v - cy) ** 2 <= radius * radius;
}

/** Luminance at a screen-plane point, or -1 when the point is not on the phone. */
function phoneLuminance(scene: Scene, u: number, v: number): number {
  const { layout, symbol } = scene;
  // The card lies well inside the screen and body, and most samples fall on it: test it first.
  if (inside(layout.card, u, v)) {
    if (u >= 0 && v >= 0 && u < symbol.size && v < symbol.size) {
      return symbol.modules[Math.floor(v) * symbol.size + Math.floor(u)] ? layout.darkModule : layout.lightModule;
    }
    return layout.lightModule;
  }
  if (!insideRounded(layout.body, layout.bodyCornerRadius, u, v)) return -1;
  if (!inside(layout.screen, u, v)) return layout.bezel;
  if (inside(layout.header, u, v)) return layout.headerLuminance;
  for (const mark of layout.marks) if (inside(mark, u, v)) return mark.luminance;
  return layout.screenBackground;
}

export interface RenderedScene {
  /** Scene luminance 0–1 per image pixel, area-averaged. */
  readonly luminance: GrayImage;
  /** Fraction of each pixel covered by the phone (where screen glare can fall). */
  readonly phoneCoverage: Float32Array;
  /** Pixel box holding the phone; outside it the frame is smooth backdrop. */
  readonly phoneBox: Rect;
}

/** Supersampling grid for pixels that straddle an edge. */
const EDGE_SAMPLES = 3;

/**
 * Each pixel is an area average of the projected scene, so fine module grids do not alias into
 * moiré that no real lens would produce. A first pass samples pixel centres; pixels whose
 * centre differs from a neighbour's straddle an edge and are re-rendered from a 3×3 grid.
 */
export function renderScene(scene: Scene, width: number, height: number): RenderedScene {
  const luminance = createGray(width, height);
  const phoneCoverage = new Float32Array(width * height);
  const centre = new Float32Array(width * height);
  const toScreen = invert(scene.screenToImage);
  const [a, b, c, d, e, f, g, h, i] = toScreen;
  const { columnTerm, rowTerm } = scene.backdrop;
  const box = phoneBoundingBox(scene, width, height);
  const sample = (px: number, py: number): number => {
    const w = g * px + h * py + i;
    return phoneLuminance(scene, (a * px + b * py + c) / w, (d * px + e * py + f) / w);
  };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const index = y * width + x;
      const inBox = x >= box.x0 && x <= box.x1 && y >= box.y0 && y <= box.y1;
      centre[index] = inBox ? sample(x + 0.5, y + 0.5) : -1;
    }
  }
  const weight = 1 / (EDGE_SAMPLES * EDGE_SAMPLES);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const index = y * width + x;
      const backdrop = columnTerm[x]! + rowTerm[y]!;
      const value = centre[index]!;
      const uniform =
        (x === 0 || centre[index - 1] === value) &&
        (x === width - 1 || centre[index + 1] === value) &&
        (y === 0 || centre[index - width] === value) &&
        (y === height - 1 || centre[index + width] === value);
      if (uniform) {
        luminance.data[index] = value < 0 ? backdrop : value;
        phoneCoverage[index] = value < 0 ? 0 : 1;
        continue;
      }
      let sum = 0;
      let covered = 0;
      for (let sy = 0; sy < EDGE_SAMPLES; sy++) {
        const py = y + (sy + 0.5) / EDGE_SAMPLES;
        for (let sx = 0; sx < EDGE_SAMPLES; sx++) {
          const v = sample(x + (sx + 0.5) / EDGE_SAMPLES, py);
          if (v < 0) sum += backdrop;
          else {
            sum += v;
            covered++;
          }
        }
      }
      luminance.data[index] = sum * weight;
      phoneCoverage[index] = covered * weight;
    }
  }
  return { luminance, phoneCoverage, phoneBox: box };
}

function phoneBoundingBox(scene: Scene, width: number, height: number): Rect {
  const { body } = scene.layout;
  const corners = [apply(scene.screenToImage, body.x0, body.y0), apply(scene.screenToImage, body.x1, body.y0), apply(scene.screenToImage, body.x1, body.y1), apply(scene.screenToImage, body.x0, body.y1)];
  const xs = corners.map((p) => p.x);
  const ys = corners.map((p) => p.y);
  return {
    x0: Math.max(0, Math.floor(Math.min(...xs)) - 1),
    y0: Math.max(0, Math.floor(Math.min(...ys)) - 1),
    x1: Math.min(width - 1, Math.ceil(Math.max(...xs)) + 1),
    y1: Math.min(height - 1, Math.ceil(Math.max(...ys)) + 1),
  };
}

/** The QR symbol's four corners in the image. */
export function symbolCorners(screenToImage: Mat3, size: number): Point[] {
  return [apply(screenToImage, 0, 0), apply(screenToImage, size, 0), apply(screenToImage, size, size), apply(screenToImage, 0, size)];
}

/** Mean module pitch in image pixels: sqrt(symbol area in the image) / modules per side. */
export function meanModulePx(screenToImage: Mat3, size: number): number {
  return Math.sqrt(polygonArea(symbolCorners(screenToImage, size))) / size;
}
