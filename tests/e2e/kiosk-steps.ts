// What an officer does, as reusable steps for the browser tests.
import type { Page } from 'playwright-core';

export interface Account {
  readonly id: string;
  readonly name: string;
  readonly pin: string;
}

/** First-run wizard; `language` is the visible label of the language button. */
export async function runSetup(page: Page, options: { language: 'English' | '中文'; url: string; admin: Account }): Promise<void> {
  await page.getByTestId('setup-wizard').waitFor();
  await page.getByText(options.language, { exact: true }).click();
  await page.getByTestId('setup-next').click();
  await page.getByTestId('setup-url').fill(options.url);
  await page.getByTestId('setup-next').click();
  await page.getByTestId('setup-next').click(); // keep the pinned anchors
  await page.getByTestId('setup-admin-id').fill(options.admin.id);
  await page.getByTestId('setup-admin-name').fill(options.admin.name);
  await page.getByTestId('setup-admin-pin').fill(options.admin.pin);
  await page.getByTestId('setup-admin-pin-repeat').fill(options.admin.pin);
  await page.getByTestId('setup-finish').click();
  await page.getByTestId('sign-in-id').waitFor();
}

export async function signIn(page: Page, account: Account): Promise<void> {
  await page.getByTestId('sign-in-id').fill(account.id);
  await page.getByTestId('sign-in-pin').fill(account.pin);
  await page.getByTestId('sign-in-submit').click();
  await page.getByTestId('nav').waitFor();
}

export async function goTo(page: Page, label: string | RegExp): Promise<void> {
  await page.getByTestId('nav').getByText(label, { exact: true }).click();
}

/** A keyboard-wedge scanner: the text as one burst of key presses ending in Enter. */
export async function wedgeScan(page: Page, text: string): Promise<void> {
  await page.evaluate((t) => {
    for (const key of [...t, 'Enter']) {
      document.body.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
    }
  }, text);
}

/** Drops a file anywhere on the page, as dragging it from the desktop would. */
export async function dropFile(page: Page, file: { name: string; type: string; bytes: Buffer }): Promise<void> {
  const transfer = await page.evaluateHandle(
    ({ name, type, base64 }) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], name, { type }));
      return dt;
    },
    { name: file.name, type: file.type, base64: file.bytes.toString('base64') },
  );
  await page.dispatchEvent('main, .shell-content', 'dragover', { dataTransfer: transfer });
  await page.dispatchEvent('main, .shell-content', 'drop', { dataTransfer: transfer });
}
