export const PIN_PATTERN = /^\d{6,12}$/;
export const OPERATOR_ID_PATTERN = /^[A-Za-z0-9-]{1,32}$/;

export function isWorkSystemUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
