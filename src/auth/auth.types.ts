import { registerEnumType } from 'type-graphql';

/**
 * Who may do what. PUBLIC is the absence of a token; PARTNER acts for one partner organisation
 * (its own profile, its own actions); COORDINATOR (the city's coordination office) may do
 * everything and see private fields.
 */
export enum Role {
  PARTNER = 'PARTNER',
  COORDINATOR = 'COORDINATOR',
}
registerEnumType(Role, {
  name: 'Role',
  description: 'PARTNER or COORDINATOR (Koordinierungsstelle).',
});

/** The caller of an operation, from a verified token; `null` in the context for PUBLIC. */
export interface AuthUser {
  /** The token's `sub`: who the person or system is. */
  subject: string;
  role: Role;
  /** Set for PARTNER: the partner organisation the caller acts for. */
  partnerId?: string;
  /** When the token expires, in seconds since the epoch. */
  expiresAt?: number;
  /** When the token was issued (`iat`), in seconds since the epoch; the token sweep compares it. */
  issuedAt?: number;
}
