import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { Role } from './auth.types';
import { signDevelopmentToken } from './tokens';
import { resolveTokenVerification } from './verification';

const USAGE =
  'usage: npm run token -- --role coordinator | --role partner --partner <id> [--expires 8h]';

/** `npm run token`: prints a development token signed with the local secret. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { role: { type: 'string' }, partner: { type: 'string' }, expires: { type: 'string' } },
  });
  const role = values.role?.toUpperCase();
  if (role !== Role.COORDINATOR && role !== Role.PARTNER) throw new Error(USAGE);
  if (role === Role.PARTNER && !values.partner) throw new Error(USAGE);
  const verification = await resolveTokenVerification(loadConfig(process.env).auth);
  if (verification.mode !== 'secret') {
    throw new Error('JWT_JWKS_URL is set: tokens come from the identity provider, not from here.');
  }
  const token = await signDevelopmentToken(verification.secret, {
    role,
    partnerId: values.partner,
    expiresIn: values.expires,
  });
  process.stdout.write(`${token}\n`);
}

main().catch((error: Error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
});
