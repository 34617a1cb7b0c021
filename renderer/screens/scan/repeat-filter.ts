/**
 * Drops a QR text seen again within `windowMs`: a phone held in front of the camera yields the
 * same code on every frame, and one person must give one verification (and one audit entry).
 */
export function createRepeatFilter(windowMs: number, now: () => number = Date.now) {
  let last: { text: string; at: number } | null = null;
  return {
    accept(text: string): boolean {
      const t = now();
      if (last && last.text === text && t - last.at < windowMs) {
        last = { text, at: t }; // still in view: keep suppressing
        return false;
      }
      last = { text, at: t };
      return true;
    },
    /**
     * Treats `text` as seen now. Called when a result is cleared: a phone left on the reader
     * must not be verified (and audited) again and again, only after it left the view.
     */
    hold(text: string): void {
      last = { text, at: now() };
    },
    reset(): void {
      last = null;
    },
  };
}

/** §2.1: the prefix is matched case-insensitively after trimming ASCII white space. */
export function looksLikeEsscQr(text: string): boolean {
  return /^[ \t\r\n]*essc:\//i.test(text);
}
