import { Role } from '../../src/auth/auth.types';
import { signDevelopmentToken } from '../../src/auth/tokens';

/** The signing secret of test apps (at least 32 characters, as the config demands). */
export const TEST_JWT_SECRET = 'test-secret-of-the-vielfalt-api-0123456789';

/** A coordinator's bearer header. */
export async function coordinatorAuth(): Promise<Record<string, string>> {
  return {
    authorization: `Bearer ${await signDevelopmentToken(TEST_JWT_SECRET, { role: Role.COORDINATOR })}`,
  };
}

/** A partner's bearer header. */
export async function partnerAuth(
  partnerId: string,
  expiresIn?: string,
): Promise<Record<string, string>> {
  const token = await signDevelopmentToken(TEST_JWT_SECRET, {
    role: Role.PARTNER,
    partnerId,
    expiresIn,
  });
  return { authorization: `Bearer ${token}` };
}
