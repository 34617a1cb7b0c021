import { readFile } from 'node:fs/promises';

/** The outside world of a CLI run; tests pass their own to run commands in-process. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly readStdin: () => Promise<string>;
  readonly readTextFile: (path: string) => Promise<string>;
}

export const EXIT = { valid: 0, invalid: 1, indeterminate: 2, usage: 3 } as const;

/** A usage or I/O problem: printed to stderr, exit code 3 (§6). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export function processIo(): CliIo {
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
    readTextFile: (path) => readFile(path, 'utf8'),
  };
}

/** Reads a file the user named, turning any failure into a UsageError that names it. */
export async function readNamedFile(io: CliIo, what: string, path: string): Promise<string> {
  try {
    return await io.readTextFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : (err as Error).message;
    throw new UsageError(`cannot read ${what} file ${JSON.stringify(path)}: ${why}`);
  }
}

/** `<qr-text | @file | ->`: a literal, a file's content, or standard input. */
export async function readQrArgument(io: CliIo, arg: string): Promise<string> {
  // A file or a pipe ends with a newline that is not part of the QR text; the 4,296-character
  // cap (§9: before trimming) must not count it. A literal argument is taken exactly as given.
  if (arg === '-') return stripFinalNewline(await io.readStdin());
  if (arg.startsWith('@')) return stripFinalNewline(await readNamedFile(io, 'QR text', arg.slice(1)));
  return arg;
}

function stripFinalNewline(text: string): string {
  return text.replace(/\r?\n$/, '');
}
