import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { AppConfig } from '../config';
import type { TokenVerification } from './tokens';

/** Where development generates its local signing secret once (git-ignored). */
export const DEVELOPMENT_SECRET_FILE = path.join('.data', 'jwt-secret');

/**
 * Decides how tokens are verified: the identity provider's JWKS when configured, else the
 * configured secret, else (development and test only; config refuses it in production) a secret
 * generated once into {@link DEVELOPMENT_SECRET_FILE}.
 */
export async function resolveTokenVerification(
  auth: AppConfig['auth'],
): Promise<TokenVerification> {
  if (auth.jwksUrl) {
    return {
      mode: 'jwks',
      jwksUrl: auth.jwksUrl,
      issuer: auth.issuer as string,
      audience: auth.audience as string,
    };
  }
  const base = { issuer: auth.issuer, audience: auth.audience };
  if (auth.secret) return { mode: 'secret', secret: auth.secret, ...base };
  return { mode: 'secret', secret: await developmentSecret(), ...base };
}

async function developmentSecret(): Promise<string> {
  if (existsSync(DEVELOPMENT_SECRET_FILE)) {
    return (await readFile(DEVELOPMENT_SECRET_FILE, 'utf8')).trim();
  }
  const secret = randomBytes(32).toString('base64url');
  await mkdir(path.dirname(DEVELOPMENT_SECRET_FILE), { recursive: true });
  await writeFile(DEVELOPMENT_SECRET_FILE, `${secret}\n`, { mode: 0o600 });
  return secret;
}
