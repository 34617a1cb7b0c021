// Trust anchors and issuer keys: private JWKs in <data>/keys/<kid>.jwk (0600), their public
// facts (issuer, validity, revocation) in SQLite. A key file whose kid does not match its name
// is refused: the kid is always recomputed from the key (§1).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { JWK } from 'jose';
import {
  generateSigningKeyPair,
  signingKeyPairFromPrivateJwk,
  toJwks,
  type SigningKeyPair,
} from '../issuer';
import type { WorkSystemDatabase } from './database';
import { readMeta, writeMeta } from './database';
import { ensureOwnerOnlyDir, readSecretFile, writePublicFile, writeSecretFile, type DataDirPaths } from './data-dir';

export const DEFAULT_ISSUERS: readonly { iss: string; name: string }[] = [
  { iss: 'CN-110000', name: '北京市外国人工作管理服务' },
  { iss: 'CN-310000', name: '上海市外国人工作管理服务' },
  { iss: 'CN-440300', name: '深圳市外国人工作管理服务' },
];

/** Issuer keys sign tokens for two years; a rotation closes the old key's window at once. */
export const ISSUER_KEY_LIFETIME_SECONDS = 2 * 365 * 86_400;
/** nbf a little in the past so a card issued right after key creation is inside the window. */
const NBF_MARGIN_SECONDS = 60;

export interface IssuerKeyRecord {
  readonly kid: string;
  readonly iss: string;
  readonly nbf: number;
  readonly exp: number;
  readonly revoked: number | null;
  readonly createdAt: number;
}

export class KeyStoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyStoreError';
  }
}

interface IssuerKeyRow {
  kid: string;
  iss: string;
  nbf: number;
  exp: number;
  revoked: number | null;
  created_at: number;
}

export class KeyStore {
  private readonly pairs = new Map<string, SigningKeyPair>();
  private anchorPair: SigningKeyPair | undefined;

  constructor(
    private readonly db: WorkSystemDatabase,
    private readonly paths: DataDirPaths,
  ) {}

  get anchor(): SigningKeyPair {
    if (!this.anchorPair) throw new KeyStoreError('key store not loaded');
    return this.anchorPair;
  }

  anchorsJwks(): { keys: unknown[] } {
    return toJwks([this.anchor]);
  }

  /** Loads every key file; on a fresh data dir creates the anchor and one key per default issuer. */
  async loadOrCreate(nowSec: number): Promise<{ created: boolean }> {
    ensureOwnerOnlyDir(this.paths.keysDir);
    await this.loadNewKeyFiles();
    let created = false;
    let anchorKid = readMeta(this.db, 'anchor_kid');
    if (anchorKid === undefined) {
      const anchor = await this.createPair();
      anchorKid = anchor.kid;
      writeMeta(this.db, 'anchor_kid', anchorKid);
      created = true;
    }
    const anchor = this.pairs.get(anchorKid);
    if (!anchor) throw new KeyStoreError(`the anchor key ${anchorKid} is missing from ${this.paths.keysDir}`);
    this.anchorPair = anchor;
    writePublicFile(this.paths.anchorsJwks, `${JSON.stringify(this.anchorsJwks(), null, 2)}\n`);

    const insertIssuer = this.db.prepare('INSERT OR IGNORE INTO issuers (iss, name) VALUES (?, ?)');
    for (const issuer of DEFAULT_ISSUERS) insertIssuer.run(issuer.iss, issuer.name);
    for (const issuer of DEFAULT_ISSUERS) {
      if (this.keysOf(issuer.iss).length === 0) {
        await this.addIssuerKey(issuer.iss, nowSec);
        created = true;
      }
    }
    for (const record of this.listIssuerKeys()) {
      if (!this.pairs.has(record.kid)) {
        throw new KeyStoreError(`the private key of ${record.kid} (${record.iss}) is missing`);
      }
    }
    return { created };
  }

  /**
   * Reads key files this process has not loaded yet: an admin command run beside a running
   * server (rotate-key) adds keys the server must be able to sign with.
   */
  async loadNewKeyFiles(): Promise<void> {
    for (const file of readdirSync(this.paths.keysDir)) {
      if (!file.endsWith('.jwk') || this.pairs.has(file.slice(0, -4))) continue;
      const pair = await signingKeyPairFromPrivateJwk(
        JSON.parse(readSecretFile(join(this.paths.keysDir, file))) as JWK,
      );
      if (`${pair.kid}.jwk` !== file) throw new KeyStoreError(`key file ${file} holds key ${pair.kid}`);
      this.pairs.set(pair.kid, pair);
    }
  }

  listIssuers(): { iss: string; name: string }[] {
    return this.db.prepare('SELECT iss, name FROM issuers ORDER BY iss').all() as { iss: string; name: string }[];
  }

  listIssuerKeys(): IssuerKeyRecord[] {
    const rows = this.db.prepare('SELECT * FROM issuer_keys ORDER BY iss, created_at, kid').all() as IssuerKeyRow[];
    return rows.map(toRecord);
  }

  keysOf(iss: string): IssuerKeyRecord[] {
    return this.listIssuerKeys().filter((k) => k.iss === iss);
  }

  pairOf(kid: string): SigningKeyPair {
    const pair = this.pairs.get(kid);
    if (!pair) throw new KeyStoreError(`no private key for ${kid}`);
    return pair;
  }

  /** The key an issuer signs with now: the newest one whose window holds `nowSec`, not revoked. */
  signingKeyOf(iss: string, nowSec: number): SigningKeyPair {
    const usable = this.keysOf(iss).filter(
      (k) => k.nbf <= nowSec && nowSec < k.exp && (k.revoked === null || nowSec < k.revoked),
    );
    const newest = usable.at(-1);
    if (!newest) throw new KeyStoreError(`issuer ${iss} has no usable key`);
    return this.pairOf(newest.kid);
  }

  async addIssuerKey(iss: string, nowSec: number): Promise<IssuerKeyRecord> {
    if (!this.listIssuers().some((i) => i.iss === iss)) throw new KeyStoreError(`unknown issuer ${iss}`);
    const pair = await this.createPair();
    const record: IssuerKeyRecord = {
      kid: pair.kid,
      iss,
      nbf: nowSec - NBF_MARGIN_SECONDS,
      exp: nowSec + ISSUER_KEY_LIFETIME_SECONDS,
      revoked: null,
      createdAt: nowSec,
    };
    this.db
      .prepare('INSERT INTO issuer_keys (kid, iss, nbf, exp, revoked, created_at) VALUES (?, ?, ?, ?, NULL, ?)')
      .run(record.kid, record.iss, record.nbf, record.exp, record.createdAt);
    return record;
  }

  /** New key for `iss`; the previous keys stop signing now (tokens they signed stay valid). */
  async rotate(iss: string, nowSec: number): Promise<IssuerKeyRecord> {
    const previous = this.keysOf(iss);
    const next = await this.addIssuerKey(iss, nowSec);
    const close = this.db.prepare('UPDATE issuer_keys SET exp = ? WHERE kid = ? AND exp > ?');
    // A revoked key keeps its window: closing it would add KEY_NOT_VALID to its verdicts.
    for (const key of previous) if (key.revoked === null) close.run(nowSec, key.kid, nowSec);
    return next;
  }

  /** §3: tokens with iat ≥ `at` are refused; 0 refuses every token of the key. */
  revoke(kid: string, at: number): IssuerKeyRecord {
    const result = this.db.prepare('UPDATE issuer_keys SET revoked = ? WHERE kid = ?').run(at, kid);
    if (result.changes === 0) throw new KeyStoreError(`unknown issuer key ${kid}`);
    return toRecord(this.db.prepare('SELECT * FROM issuer_keys WHERE kid = ?').get(kid) as IssuerKeyRow);
  }

  private async createPair(): Promise<SigningKeyPair> {
    const pair = await generateSigningKeyPair();
    writeSecretFile(join(this.paths.keysDir, `${pair.kid}.jwk`), JSON.stringify(pair.privateJwk));
    this.pairs.set(pair.kid, pair);
    return pair;
  }
}

function toRecord(row: IssuerKeyRow): IssuerKeyRecord {
  return { kid: row.kid, iss: row.iss, nbf: row.nbf, exp: row.exp, revoked: row.revoked, createdAt: row.created_at };
}
