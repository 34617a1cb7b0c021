// Frame synthesis: a seeded draw of pose, phone layout, lighting and sensor, rendered and degraded
// into the RGBA buffer a kiosk gets from canvas.getImageData on a 1280×720 camera frame.
import { apply, screenToImage, translation, multiply, type Mat3 } from './homography';
import { createRng, frameSeed, type Rng } from './prng';
import { exposeToRgba, gaussianBlur } from './raster';
import { meanModulePx, renderScene, symbolCorners, type Backdrop, type PhoneLayout, type Rect, type Scene } from './scene';
import type { QrSymbol } from './tokens';

export const FRAME_WIDTH = 1280;
export const FRAME_HEIGHT = 720;
/** Shot-noise variance per DN of signal. */
const SHOT_NOISE_GAIN = 0.06;

/** The knobs drawn for one frame; reported so failures can be binned by cause. */
export interface FrameConditions {
  readonly targetModulePx: number;
  readonly modulePx: number;
  readonly tiltDeg: number;
  readonly rollDeg: number;
  readonly blurSigma: number;
  readonly noiseSigma: number;
  readonly glarePeak: number;
  readonly glareOverSymbol: boolean;
  /** (light − dark) / 255 of the QR modules after exposure, before glare and noise. */
  readonly contrast: number;
}

export interface Frame {
  readonly index: number;
  readonly width: number;
  readonly height: number;
  readonly rgba: Uint8ClampedArray;
  readonly text: string;
  readonly version: number;
  readonly conditions: FrameConditions;
}

function layoutFor(rng: Rng, size: number): PhoneLayout {
  const quiet = rng.uniform(2, 4.5);
  const card: Rect = { x0: -quiet, y0: -quiet, x1: size + quiet, y1: size + quiet };
  const screenWidth = (size + 2 * quiet) / rng.uniform(0.72, 0.9);
  const screenHeight = screenWidth * rng.uniform(2.0, 2.2);
  const centreX = size / 2;
  const screenTop = size / 2 - screenHeight * rng.uniform(0.4, 0.52);
  const screen: Rect = { x0: centreX - screenWidth / 2, y0: screenTop, x1: centreX + screenWidth / 2, y1: screenTop + screenHeight };
  const side = screenWidth * rng.uniform(0.025, 0.05);
  const end = screenWidth * rng.uniform(0.04, 0.09);
  const body: Rect = { x0: screen.x0 - side, y0: screen.y0 - end, x1: screen.x1 + side, y1: screen.y1 + end };
  const header: Rect = { x0: screen.x0, y0: screen.y0, x1: screen.x1, y1: screen.y0 + screenHeight * rng.uniform(0.08, 0.14) };
  const marks: (Rect & { luminance: number })[] = [];
  const lineHeight = rng.uniform(1.2, 2.5);
  // Text lines above and below the card: name, permit number, a refresh countdown.
  for (const [from, to] of [[header.y1 + 2, card.y0 - 2], [card.y1 + 3, screen.y1 - 4]] as const) {
    for (let top = from; top + lineHeight < to; top += lineHeight * rng.uniform(2.5, 4)) {
      const left = screen.x0 + screenWidth * rng.uniform(0.06, 0.2);
      marks.push({ x0: left, y0: top, x1: left + screenWidth * rng.uniform(0.2, 0.7), y1: top + lineHeight, luminance: rng.uniform(0.05, 0.35) });
    }
  }
  const lightModule = rng.uniform(0.85, 1);
  return {
    card,
    screen,
    body,
    bodyCornerRadius: screenWidth * 0.1,
    header,
    marks,
    // Screen black is lifted by room light reflected off the glass.
    darkModule: rng.uniform(0.02, 0.25),
    lightModule,
    screenBackground: rng.uniform(0.3, 0.95),
    headerLuminance: rng.uniform(0.2, 0.7),
    bezel: rng.uniform(0.02, 0.1),
  };
}

function backdropFor(rng: Rng): Backdrop {
  const columnTerm = new Float32Array(FRAME_WIDTH);
  const rowTerm = new Float32Array(FRAME_HEIGHT);
  const base = rng.uniform(0.15, 0.5);
  const [cSlope, cWave, cPhase] = [rng.uniform(-0.15, 0.15), rng.uniform(0, 0.1), rng.uniform(0, 6.3)];
  const [rSlope, rWave, rPhase] = [rng.uniform(-0.15, 0.15), rng.uniform(0, 0.1), rng.uniform(0, 6.3)];
  for (let x = 0; x < FRAME_WIDTH; x++) columnTerm[x] = base / 2 + cSlope * (x / FRAME_WIDTH - 0.5) + cWave * Math.sin(cPhase + x / 97);
  for (let y = 0; y < FRAME_HEIGHT; y++) rowTerm[y] = base / 2 + rSlope * (y / FRAME_HEIGHT - 0.5) + rWave * Math.sin(rPhase + y / 71);
  return { columnTerm, rowTerm };
}

/**
 * Pose for a requested mean module pitch: the scale is corrected for foreshortening, shrunk until
 * the symbol fits the frame, and the symbol is shifted to a random spot where it lies wholly inside.
 */
function poseFor(rng: Rng, size: number, requestedModulePx: number, layout: PhoneLayout, overrides: FrameOverrides): { matrix: Mat3; tiltDeg: number; rollDeg: number } {
  const drawnTilt = rng.uniform(0, 40);
  const tiltAxis = rng.uniform(0, 2 * Math.PI);
  const drawnRoll = rng.chance(0.75) ? rng.uniform(-20, 20) : rng.uniform(-180, 180);
  let tilt = (overrides.tiltDeg ?? drawnTilt) * (Math.PI / 180);
  const roll = (overrides.rollDeg ?? drawnRoll) * (Math.PI / 180);
  const focalPx = rng.uniform(900, 1200);
  const principal = { x: FRAME_WIDTH / 2, y: FRAME_HEIGHT / 2 };
  const anchor = { x: size / 2, y: size / 2 };
  let target = requestedModulePx;
  let scale = target;
  let matrix = screenToImage({ focalPx, principal, tilt, tiltAxis, roll, scale, anchor });
  for (let attempt = 0; attempt < 40; attempt++) {
    for (let step = 0; step < 4; step++) {
      scale *= target / meanModulePx(matrix, size);
      matrix = screenToImage({ focalPx, principal, tilt, tiltAxis, roll, scale, anchor });
    }
    // The phone body must stay well in front of the camera for the projection to be physical.
    if (!bodyInFront(matrix, layout.body, anchor)) {
      tilt *= 0.85;
      continue;
    }
    const { spanX, spanY } = extent(symbolCorners(matrix, size));
    const fit = Math.min((FRAME_WIDTH - 8) / spanX, (FRAME_HEIGHT - 8) / spanY);
    if (fit >= 1) break;
    target *= fit * 0.98;
  }
  const corners = symbolCorners(matrix, size);
  const { minX, minY, spanX, spanY } = extent(corners);
  if (spanX > FRAME_WIDTH - 8 || spanY > FRAME_HEIGHT - 8) throw new RangeError('symbol does not fit the frame');
  const dx = rng.uniform(4 - minX, FRAME_WIDTH - 4 - (minX + spanX));
  const dy = rng.uniform(4 - minY, FRAME_HEIGHT - 4 - (minY + spanY));
  return { matrix: multiply(translation(dx, dy), matrix), tiltDeg: (tilt * 180) / Math.PI, rollDeg: (roll * 180) / Math.PI };
}

/** Every body corner at least a quarter of the symbol centre's depth from the camera. */
function bodyInFront(matrix: Mat3, body: Rect, anchor: { x: number; y: number }): boolean {
  const depth = (u: number, v: number): number => matrix[6] * u + matrix[7] * v + matrix[8];
  const corners = [[body.x0, body.y0], [body.x1, body.y0], [body.x1, body.y1], [body.x0, body.y1]] as const;
  return corners.every(([u, v]) => depth(u, v) > 0.25 * depth(anchor.x, anchor.y));
}

function extent(points: readonly { x: number; y: number }[]): { minX: number; minY: number; spanX: number; spanY: number } {
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const minX = Math.min(...xs);
  const minY = Math.min(...ys);
  return { minX, minY, spanX: Math.max(...xs) - minX, spanY: Math.max(...ys) - minY };
}

/** Knobs a test can pin (every draw still happens, so the rest of the frame is unchanged). */
export interface FrameOverrides {
  readonly modulePx?: number;
  readonly tiltDeg?: number;
  readonly rollDeg?: number;
  readonly blurSigma?: number;
  readonly noiseSigma?: number;
  readonly glarePeak?: number;
}

/** Frame `index` of the run: a pure function of (runSeed, index, symbol, overrides). */
export function synthesizeFrame(runSeed: number, index: number, symbol: QrSymbol, overrides: FrameOverrides = {}): Frame {
  const rng = createRng(frameSeed(runSeed, index));
  const layout = layoutFor(rng, symbol.size);
  const backdrop = backdropFor(rng);
  const drawnModulePx = rng.uniform(3, 8);
  const targetModulePx = overrides.modulePx ?? drawnModulePx;
  const { matrix, tiltDeg, rollDeg } = poseFor(rng, symbol.size, targetModulePx, layout, overrides);
  const scene: Scene = { symbol, layout, backdrop, screenToImage: matrix };
  const { luminance, phoneCoverage, phoneBox } = renderScene(scene, FRAME_WIDTH, FRAME_HEIGHT);

  // Exposure: black level, gain, and a lighting gradient across the frame.
  const blackLevel = rng.uniform(0, 40);
  const gain = rng.uniform(130, 250) - blackLevel;
  const gradX = rng.uniform(-0.25, 0.25);
  const gradY = rng.uniform(-0.25, 0.25);
  // Glare: a soft specular ellipse on the phone glass, clipping to white at its core.
  const hasGlare = rng.chance(0.65);
  const centre = apply(matrix, rng.uniform(-0.2, 1.2) * symbol.size, rng.uniform(-0.2, 1.2) * symbol.size);
  const modulePx = meanModulePx(matrix, symbol.size);
  const glareA = rng.uniform(0.1, 0.6) * symbol.size * modulePx;
  const glareB = glareA * rng.uniform(0.25, 1);
  const glareAngle = rng.uniform(0, Math.PI);
  const drawnGlare = rng.uniform(60, 300);
  const glarePeak = overrides.glarePeak ?? (hasGlare ? drawnGlare : 0);
  const [cos, sin] = [Math.cos(glareAngle), Math.sin(glareAngle)];
  const data = luminance.data;
  for (let y = 0; y < FRAME_HEIGHT; y++) {
    for (let x = 0; x < FRAME_WIDTH; x++) {
      const i = y * FRAME_WIDTH + x;
      const light = 1 + gradX * (x / FRAME_WIDTH - 0.5) + gradY * (y / FRAME_HEIGHT - 0.5);
      let value = blackLevel + gain * data[i]! * light;
      if (glarePeak > 0 && phoneCoverage[i]! > 0) {
        const dx = x - centre.x;
        const dy = y - centre.y;
        const along = (dx * cos + dy * sin) / glareA;
        const across = (-dx * sin + dy * cos) / glareB;
        const r2 = along * along + across * across;
        if (r2 < 8) value += glarePeak * phoneCoverage[i]! * Math.exp(-2 * r2);
      }
      data[i] = value;
    }
  }
  const drawnBlur = rng.uniform(0.2, 1.5);
  // Webcam frames arrive after the ISP's denoiser: ~1–4 DN of read noise plus shot noise of
  // ~3.5 DN at white. (A first cut used 1–8 DN with 5.5 DN at white; see the benchmark notes.)
  const drawnNoise = rng.uniform(0.5, 4);
  const blurSigma = overrides.blurSigma ?? drawnBlur;
  // Outside the phone box the frame is a gradient far smoother than any blur kernel.
  gaussianBlur(luminance, blurSigma, { x0: phoneBox.x0 - 8, y0: phoneBox.y0 - 8, x1: phoneBox.x1 + 8, y1: phoneBox.y1 + 8 });
  const noiseSigma = overrides.noiseSigma ?? drawnNoise;
  const rgba = exposeToRgba(luminance, rng, noiseSigma, noiseSigma === 0 ? 0 : SHOT_NOISE_GAIN);
  const contrast = (gain * (layout.lightModule - layout.darkModule)) / 255;
  return {
    index,
    width: FRAME_WIDTH,
    height: FRAME_HEIGHT,
    rgba,
    text: symbol.text,
    version: symbol.version,
    conditions: {
      targetModulePx,
      modulePx,
      tiltDeg,
      rollDeg,
      blurSigma,
      noiseSigma,
      glarePeak,
      glareOverSymbol: glarePeak > 0 && glareCoversSymbol(centre, symbolCorners(matrix, symbol.size)),
      contrast,
    },
  };
}

function glareCoversSymbol(centre: { x: number; y: number }, corners: { x: number; y: number }[]): boolean {
  // Point-in-convex-quad: the glare core sits on the symbol.
  let sign = 0;
  for (let k = 0; k < 4; k++) {
    const p = corners[k]!;
    const q = corners[(k + 1) % 4]!;
    const cross = (q.x - p.x) * (centre.y - p.y) - (q.y - p.y) * (centre.x - p.x);
    if (cross !== 0) {
      if (sign === 0) sign = Math.sign(cross);
      else if (Math.sign(cross) !== sign) return false;
    }
  }
  return true;
}

/** The control: the symbol as printed, axis-aligned, `scale` px per module, 4-module margin, black on white. */
export function printedSymbol(symbol: QrSymbol, scale: number): { width: number; height: number; rgba: Uint8ClampedArray } {
  const side = (symbol.size + 8) * scale;
  const rgba = new Uint8ClampedArray(side * side * 4).fill(255);
  for (let y = 0; y < side; y++) {
    const row = Math.floor(y / scale) - 4;
    for (let x = 0; x < side; x++) {
      const col = Math.floor(x / scale) - 4;
      if (row >= 0 && col >= 0 && row < symbol.size && col < symbol.size && symbol.modules[row * symbol.size + col]) {
        const o = (y * side + x) * 4;
        rgba[o] = rgba[o + 1] = rgba[o + 2] = 0;
      }
    }
  }
  return { width: side, height: side, rgba };
}
