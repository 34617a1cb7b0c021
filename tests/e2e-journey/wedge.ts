// A keyboard-wedge scanner for the journey. First as the brief of the suite asks: Playwright's
// page.keyboard.type with 5 ms between keys, then Enter. On a loaded machine the driver's
// round trip per key can stall for hundreds of ms (the page sees the gap in event.timeStamp) and
// the kiosk rightly refuses such a burst as human typing (> 35 ms). A hardware scanner's keys are
// stamped by the OS as they arrive, without such stalls; so when (and only when) the page saw a
// driver stall, the journey sends the burst again as in-page KeyboardEvents with no gaps
// (tests/e2e/kiosk-steps.ts wedgeScan). CDP Input.dispatchKeyEvent with explicit timestamps was
// tried: Chromium still stamped the events on arrival, with the same stalls.
import type { Page } from 'playwright-core';

/** Longest gap between keydowns the page saw since `resetKeyLog`. */
export async function longestKeyGap(page: Page): Promise<{ keys: number; maxGap: number }> {
  const times = await page.evaluate(() => (window as unknown as { __keyTimes: number[] }).__keyTimes);
  return { keys: times.length, maxGap: Math.max(0, ...times.slice(1).map((t, i) => t - times[i]!)) };
}

export async function resetKeyLog(page: Page): Promise<void> {
  await page.evaluate(() => ((window as unknown as { __keyTimes: number[] }).__keyTimes.length = 0));
}

/** Installs the keydown time log (call once per context, before the page loads). */
export async function logKeyTimes(page: Page): Promise<void> {
  await page.context().addInitScript(() => {
    const times: number[] = [];
    (window as unknown as { __keyTimes: number[] }).__keyTimes = times;
    window.addEventListener('keydown', (e) => times.push(e.timeStamp), { capture: true });
  });
}

export async function typeLikePlaywright(page: Page, text: string): Promise<void> {
  await page.keyboard.type(text, { delay: 5 });
  await page.keyboard.press('Enter');
}

