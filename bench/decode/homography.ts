// Plane-to-image homographies for a phone screen seen by a pinhole camera.
// A Mat3 is row-major: [a b c; d e f; g h i] maps (u, v, 1) to (x, y, w).

export type Mat3 = readonly [number, number, number, number, number, number, number, number, number];
export interface Point {
  readonly x: number;
  readonly y: number;
}

export function multiply(a: Mat3, b: Mat3): Mat3 {
  const out: number[] = [];
  for (let row = 0; row < 3; row++) {
    for (let col = 0; col < 3; col++) {
      out.push(a[row * 3]! * b[col]! + a[row * 3 + 1]! * b[3 + col]! + a[row * 3 + 2]! * b[6 + col]!);
    }
  }
  return out as unknown as Mat3;
}

export function invert(m: Mat3): Mat3 {
  const [a, b, c, d, e, f, g, h, i] = m;
  const A = e * i - f * h;
  const B = -(d * i - f * g);
  const C = d * h - e * g;
  const det = a * A + b * B + c * C;
  if (Math.abs(det) < 1e-12) throw new RangeError('singular homography');
  const s = 1 / det;
  return [
    A * s, -(b * i - c * h) * s, (b * f - c * e) * s,
    B * s, (a * i - c * g) * s, -(a * f - c * d) * s,
    C * s, -(a * h - b * g) * s, (a * e - b * d) * s,
  ];
}

export function apply(m: Mat3, u: number, v: number): Point {
  const w = m[6] * u + m[7] * v + m[8];
  return { x: (m[0] * u + m[1] * v + m[2]) / w, y: (m[3] * u + m[4] * v + m[5]) / w };
}

export function translation(dx: number, dy: number): Mat3 {
  return [1, 0, dx, 0, 1, dy, 0, 0, 1];
}

export interface CameraPose {
  /** Camera focal length in pixels (720p webcams: ~900–1200). */
  readonly focalPx: number;
  /** Image point the optical axis passes through. */
  readonly principal: Point;
  /** Tilt of the screen plane away from facing the camera, radians. */
  readonly tilt: number;
  /** Direction of the tilt axis within the screen plane, radians. */
  readonly tiltAxis: number;
  /** Rotation of the phone within its own plane, radians. */
  readonly roll: number;
  /** Pixels per screen unit at the centre of a face-on view. */
  readonly scale: number;
  /** Screen point that lands on the optical axis. */
  readonly anchor: Point;
}

/**
 * Maps screen-plane units to image pixels: the plane is rolled, tilted about an in-plane axis,
 * placed at distance focalPx on the optical axis and projected, so a face-on pose gives exactly
 * `scale` pixels per unit at the anchor.
 */
export function screenToImage(pose: CameraPose): Mat3 {
  const { focalPx: f, principal, tilt, tiltAxis, roll, scale, anchor } = pose;
  // Rodrigues rotation about the unit axis (cos a, sin a, 0) by `tilt`, after an in-plane roll.
  const ax = Math.cos(tiltAxis);
  const ay = Math.sin(tiltAxis);
  const ct = Math.cos(tilt);
  const st = Math.sin(tilt);
  const tiltR: Mat3 = [
    ct + ax * ax * (1 - ct), ax * ay * (1 - ct), ay * st,
    ax * ay * (1 - ct), ct + ay * ay * (1 - ct), -ax * st,
    -ay * st, ax * st, ct,
  ];
  const rollR: Mat3 = [Math.cos(roll), -Math.sin(roll), 0, Math.sin(roll), Math.cos(roll), 0, 0, 0, 1];
  const r = multiply(tiltR, rollR);
  // Columns r1, r2 of the rotation and translation (0, 0, f): the plane z = 0 seen from distance f.
  const planeToCamera: Mat3 = [r[0], r[1], 0, r[3], r[4], 0, r[6], r[7], f];
  const intrinsics: Mat3 = [f, 0, principal.x, 0, f, principal.y, 0, 0, 1];
  const screenToPlane: Mat3 = [scale, 0, -scale * anchor.x, 0, scale, -scale * anchor.y, 0, 0, 1];
  return multiply(intrinsics, multiply(planeToCamera, screenToPlane));
}

/** Area of a simple polygon (shoelace), absolute. */
export function polygonArea(points: readonly Point[]): number {
  let twice = 0;
  for (let i = 0; i < points.length; i++) {
    const a = points[i]!;
    const b = points[(i + 1) % points.length]!;
    twice += a.x * b.y - b.x * a.y;
  }
  return Math.abs(twice) / 2;
}
