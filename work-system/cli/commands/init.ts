import { dataOption, parseCommandArgs, withStore, type CliIo } from '../cli-io';

export const INIT_USAGE = 'init [--data DIR]                      create the data dir, anchor, issuer keys and database';

export async function initCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(argv, dataOption);
  await withStore(values.data, async (store) => {
    io.out(`data dir:      ${store.paths.root}`);
    io.out(`anchors JWKS:  ${store.paths.anchorsJwks} (anchor ${store.anchor.kid})`);
    io.out(`trust list:    seq ${store.currentTrustList().seq}`);
    for (const key of store.keys.listIssuerKeys()) {
      const revoked = key.revoked === null ? '' : ` revoked from ${key.revoked}`;
      io.out(`issuer key:    ${key.iss} ${key.kid} valid ${key.nbf}–${key.exp}${revoked}`);
    }
  });
  return 0;
}
