import { useEffect, useState } from 'react';

/** The current time, re-rendered every `intervalMs`. */
export function useNow(now: () => Date, intervalMs: number): Date {
  const [value, setValue] = useState(now);
  useEffect(() => {
    const timer = window.setInterval(() => setValue(now()), intervalMs);
    return () => window.clearInterval(timer);
  }, [now, intervalMs]);
  return value;
}
