/**
 * Personal data kept readable only to whoever holds the deployment's data key: sealed with
 * AES-256-GCM (node:crypto) before it is stored, so the database never holds the raw values. The key
 * is derived (HKDF-SHA256) from a setting of at least MIN_DATA_KEY_LENGTH characters; each sealed
 * value has its own random 96-bit nonce and is bound to the record it belongs to (the associated
 * data), so a sealed block copied onto another record does not open.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { z } from 'zod';

export const MIN_DATA_KEY_LENGTH = 32;

/** REQUESTS_DATA_KEY: the secret the requests subgraph seals applicants' identities with. */
export const dataKeySetting = z
  .string({ error: `required to serve: at least ${MIN_DATA_KEY_LENGTH} characters (e.g. openssl rand -base64 32), kept with the database's backups` })
  .min(MIN_DATA_KEY_LENGTH, { error: `must be at least ${MIN_DATA_KEY_LENGTH} characters (e.g. openssl rand -base64 32)` });

/** A fresh random data key (256 bits): what the stack uses for a run when none is set. */
export function generateDataKey(): string {
  return randomBytes(32).toString('base64url');
}

/** A sealed value as stored: format version, nonce, authentication tag and ciphertext, base64. */
export interface SealedValue {
  v: 1;
  iv: string;
  tag: string;
  data: string;
}

const ALGORITHM = 'aes-256-gcm';

export class DataSeal {
  private readonly key: Buffer;

  /** `purpose` separates the keys of different uses of one secret. */
  constructor(secret: string, purpose: string) {
    this.key = Buffer.from(hkdfSync('sha256', secret, '', `disclosure sealed data: ${purpose}`, 32));
  }

  seal(value: unknown, boundTo: string): SealedValue {
    const iv = randomBytes(12);
    const cipher = createCipheriv(ALGORITHM, this.key, iv);
    cipher.setAAD(Buffer.from(boundTo, 'utf8'));
    const data = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
    return { v: 1, iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
  }

  /** The value, or undefined when it was sealed under another key or for another record, or altered. */
  open(sealed: SealedValue, boundTo: string): unknown {
    try {
      const decipher = createDecipheriv(ALGORITHM, this.key, Buffer.from(sealed.iv, 'base64'));
      decipher.setAAD(Buffer.from(boundTo, 'utf8'));
      decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
      const text = Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]).toString('utf8');
      return JSON.parse(text) as unknown;
    } catch {
      return undefined;
    }
  }
}
