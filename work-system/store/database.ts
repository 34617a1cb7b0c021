// SQLite schema of the reference Work System. WAL so readers (trust list, revocations) never
// wait for an audit write; synchronous=FULL because an audit acknowledgement must mean the
// batch is on disk — the kiosk may purge what the server acknowledged.
import Database from 'better-sqlite3';

export type WorkSystemDatabase = Database.Database;

const SCHEMA_VERSION = 1;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS issuers (iss TEXT PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS issuer_keys (
  kid TEXT PRIMARY KEY,
  iss TEXT NOT NULL REFERENCES issuers(iss),
  nbf INTEGER NOT NULL,
  exp INTEGER NOT NULL,
  revoked INTEGER,
  created_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS trust_lists (seq INTEGER PRIMARY KEY, iat INTEGER NOT NULL, jws TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS revoked_permits (h TEXT PRIMARY KEY, permit_no TEXT NOT NULL, revoked_at INTEGER NOT NULL);
-- One row per published revocation seq with its own add/del, so a delta from any known seq
-- can be composed (§4).
CREATE TABLE IF NOT EXISTS revocation_publications (
  seq INTEGER PRIMARY KEY,
  iat INTEGER NOT NULL,
  added TEXT NOT NULL,
  deleted TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS enrollment_codes (
  code TEXT PRIMARY KEY,
  created_at INTEGER NOT NULL,
  used_at INTEGER,
  kiosk_id TEXT
);
CREATE TABLE IF NOT EXISTS kiosks (
  kiosk_id TEXT PRIMARY KEY,
  kid TEXT NOT NULL UNIQUE,
  jwk TEXT NOT NULL,
  name TEXT NOT NULL,
  office TEXT NOT NULL,
  enrolled_at INTEGER NOT NULL,
  last_seq INTEGER NOT NULL DEFAULT 0,
  last_hash TEXT
);
` + auditTableSql('audit_entries');

/**
 * The audit table; a function so the ingest benchmark's bare-insert baseline builds exactly the
 * same shape. \`body\` is the RFC 8785 form of the entry without \`hash\` — the very bytes hashed.
 */
export function auditTableSql(table: string): string {
  return `
CREATE TABLE IF NOT EXISTS ${table} (
  kiosk_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  id TEXT NOT NULL UNIQUE,
  hash TEXT NOT NULL,
  at TEXT NOT NULL,
  event TEXT NOT NULL,
  body TEXT NOT NULL,
  received_at INTEGER NOT NULL,
  PRIMARY KEY (kiosk_id, seq)
) WITHOUT ROWID;`;
}

export function applyPragmas(db: WorkSystemDatabase): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
}

export function openWorkSystemDatabase(path: string): WorkSystemDatabase {
  const db = new Database(path);
  applyPragmas(db);
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SCHEMA_VERSION) {
    db.close();
    throw new Error(`database schema ${version} is newer than this server (${SCHEMA_VERSION})`);
  }
  db.exec(SCHEMA);
  db.pragma(`user_version = ${SCHEMA_VERSION}`);
  return db;
}

export function readMeta(db: WorkSystemDatabase, key: string): string | undefined {
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value;
}

export function writeMeta(db: WorkSystemDatabase, key: string, value: string): void {
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
}
