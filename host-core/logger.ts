// The logging surface host-core needs. Electron main passes electron-log scopes (rotating file);
// the browser host server passes console-backed loggers. Both carry a per-module prefix.
export interface Logger {
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
}

export function consoleLogger(prefix: string): Logger {
  const tag = `[${prefix}]`;
  return {
    info: (...args) => console.info(tag, ...args),
    warn: (...args) => console.warn(tag, ...args),
    error: (...args) => console.error(tag, ...args),
  };
}

/** For tests and tools that must stay quiet but still want to see what was logged. */
export function memoryLogger(): Logger & { readonly lines: { level: 'info' | 'warn' | 'error'; text: string }[] } {
  const lines: { level: 'info' | 'warn' | 'error'; text: string }[] = [];
  const push = (level: 'info' | 'warn' | 'error') => (...args: unknown[]) => {
    lines.push({ level, text: args.map((a) => (a instanceof Error ? a.message : String(a))).join(' ') });
  };
  return { lines, info: push('info'), warn: push('warn'), error: push('error') };
}
