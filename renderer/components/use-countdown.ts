import { useEffect, useRef, useState } from 'react';

/** Counts `seconds` down to 0 and then calls `onZero`, restarting whenever `key` changes. */
export function useCountdown(key: string, seconds: number, onZero: () => void): number {
  const [state, setState] = useState({ key, left: seconds });
  const onZeroRef = useRef(onZero);
  useEffect(() => {
    onZeroRef.current = onZero;
  }, [onZero]);
  useEffect(() => {
    const deadline = Date.now() + seconds * 1000;
    const timer = window.setInterval(() => {
      const left = Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
      setState({ key, left });
      if (left === 0) {
        window.clearInterval(timer);
        onZeroRef.current();
      }
    }, 250);
    return () => window.clearInterval(timer);
  }, [key, seconds]);
  // A new key shows the full time at once, before the first tick.
  return state.key === key ? state.left : seconds;
}
