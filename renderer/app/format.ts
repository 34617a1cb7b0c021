// Display formatting that must not pass calendar dates through a time zone.
import type { TFunction } from 'i18next';

/** Age of a NumericDate relative to now, in words. */
export function formatAge(t: TFunction, iatSeconds: number, now: Date): string {
  const seconds = Math.floor(now.getTime() / 1000) - iatSeconds;
  if (seconds < -300) return t('age.future');
  if (seconds < 60) return t('age.justNow');
  if (seconds < 3600) return t('age.minutes', { count: Math.floor(seconds / 60) });
  if (seconds < 86_400) return t('age.hours', { count: Math.floor(seconds / 3600) });
  return t('age.days', { count: Math.floor(seconds / 86_400) });
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A moment in the kiosk's local time, YYYY-MM-DD HH:MM:SS (an instant, so a zone applies). */
export function formatLocalDateTime(at: Date): string {
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())} ${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())}`;
}

export function formatEpochSeconds(seconds: number): string {
  return formatLocalDateTime(new Date(seconds * 1000));
}

/**
 * A calendar date from the card (`YYYY-MM-DD`), shown exactly as signed. It is never parsed
 * into a Date: a verifier that did showed birthdays a day early west of UTC.
 */
export function formatCalendarDate(value: string): string {
  return value;
}
