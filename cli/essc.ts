// The `essc` command: verify and inspect ESSC QR codes with the kiosk's own verification code.
import { EXIT, processIo, UsageError, type CliIo } from './cli-io';
import { INSPECT_USAGE, runInspect } from './inspect-command';
import { runVerify, VERIFY_USAGE } from './verify-command';

const USAGE = `essc: verify e-SSC / work-permit notification QR codes offline

${VERIFY_USAGE}
${INSPECT_USAGE}

exit codes (verify): 0 valid, 1 invalid, 2 indeterminate, 3 usage or I/O error
`;

export async function runEssc(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'verify':
        return await runVerify(rest, io);
      case 'inspect':
        return await runInspect(rest, io);
      case 'help':
      case '--help':
      case '-h':
        io.stdout(USAGE);
        return 0;
      default:
        throw new UsageError(command === undefined ? 'no command given' : `unknown command ${JSON.stringify(command)}`);
    }
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`essc: ${err.message}\n`);
      if (!err.message.includes('usage:')) io.stderr(`run "essc help" for usage\n`);
      return EXIT.usage;
    }
    io.stderr(`essc: unexpected error: ${(err as Error).stack ?? String(err)}\n`);
    return EXIT.usage;
  }
}

export async function main(): Promise<void> {
  process.exitCode = await runEssc(process.argv.slice(2), processIo());
}
