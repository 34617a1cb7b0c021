// `npm run ws -- <command>`: the admin command of the reference Work System.
import { pathToFileURL } from 'node:url';
import { ADMIN_USAGE, enrollCodeCommand, revokeKeyCommand, revokePermitCommand, rotateKeyCommand } from './commands/admin';
import { AUDIT_USAGE, auditCommand, importAuditCommand } from './commands/audit';
import { INIT_USAGE, initCommand } from './commands/init';
import { ISSUE_USAGE, issueCommand } from './commands/issue';
import { START_USAGE, startCommand } from './commands/start';
import { CommandFailed, processIo, UsageError, type CliIo } from './cli-io';

const COMMANDS: Record<string, (argv: string[], io: CliIo) => Promise<number>> = {
  init: initCommand,
  start: startCommand,
  issue: issueCommand,
  'revoke-permit': revokePermitCommand,
  'rotate-key': rotateKeyCommand,
  'revoke-key': revokeKeyCommand,
  'enroll-code': enrollCodeCommand,
  audit: auditCommand,
  'import-audit': importAuditCommand,
};

export const USAGE = [
  'usage: npm run ws -- <command> [options]     (--data defaults to .data/work-system)',
  '',
  ...[INIT_USAGE, START_USAGE, ISSUE_USAGE, ...ADMIN_USAGE, ...AUDIT_USAGE].map((u) => `  ${u}`),
].join('\n');

/** Runs one command; returns the exit code: 0 done, 1 the command failed, 2 a usage error. */
export async function runWorkSystemCli(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    io.out(USAGE);
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`unknown command ${name}\n\n${USAGE}`);
    return 2;
  }
  try {
    return await command(rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`ws ${name}: ${err.message}\n(npm run ws -- help for usage)`);
      return 2;
    }
    if (err instanceof CommandFailed) {
      io.err(`ws ${name}: ${err.message}`);
      return 1;
    }
    io.err(`ws ${name}: ${(err as Error).message}`);
    return 1;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runWorkSystemCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
