import { createHmac, createSecretKey, hkdfSync, randomBytes, type KeyObject } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import jwt from 'jsonwebtoken';
import type { Config } from '../config';
import { GoneError, NotFoundError, UnauthorizedError } from '../domain/errors';
import type { AuthUser, Role } from './auth-user';
import { ackKey, decodeAckToken, encodeAckToken, type AckClaim } from './ack-link-token';

/**
 * Signed tokens: API sessions (JWT, verified with an explicit algorithm, issuer and audience,
 * never merely decoded) and acknowledgement links (compact HMAC tokens, see ack-link-token.ts).
 */
const ISSUER = 'meldplicht';
const API_AUDIENCE = 'meldplicht-api';
const ALGORITHMS: jwt.Algorithm[] = ['HS256'];

/** What a session token claims; each request checks it against the database (session-check.ts). */
export interface SessionClaims extends AuthUser {
  /** The `user_sessions` row: logout revokes it. */
  sessionId: string;
  /** The user's token version when the token was issued: a role or password change bumps it. */
  tokenVersion: number;
}

export interface Tokens {
  readonly sessionTtlSeconds: number;
  issueSession(user: AuthUser, session: { sessionId: string; tokenVersion: number }): { token: string; expiresAt: string };
  /** Signature, issuer, audience and expiry only; whether the session still holds is session-check.ts's question. */
  verifySession(token: string): SessionClaims;
  /** A compact signed link token (see ack-link-token.ts); `expiresAt` defaults to the configured TTL. */
  issueAckLink(claim: AckClaim, expiresAt?: Date): string;
  verifyAck(token: string): AckClaim;
  /** A keyed MAC for other signed values (CSRF tokens), with the same secret. */
  mac(purpose: string, value: string): string;
  /** 32-byte keys for one purpose (e.g. sealing TOTP secrets): from JWT_SECRET first, then JWT_SECRET_PREVIOUS. */
  keysFor(purpose: string): Buffer[];
}

export type { AckClaim };

/** In development a missing JWT_SECRET is generated once and kept under DATA_DIR. */
export async function resolveJwtSecret(config: Pick<Config, 'jwtSecret' | 'dataDir' | 'mode'>): Promise<string> {
  if (config.jwtSecret) return config.jwtSecret;
  if (config.mode === 'production') throw new Error('JWT_SECRET is required in production');
  const file = path.resolve(config.dataDir, 'jwt-secret');
  try {
    const stored = (await readFile(file, 'utf8')).trim();
    if (stored.length >= 32) return stored;
  } catch {
    // not there yet: generate below
  }
  const secret = randomBytes(48).toString('base64url');
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

/**
 * `previousSecret` (JWT_SECRET_PREVIOUS) is accepted for verification only, so a rotation does
 * not log everybody out or break acknowledgement links already sent; new tokens use `secret`.
 */
export function createTokens(secret: string, options: { sessionTtlSeconds?: number; ackTtlHours: number; previousSecret?: string }): Tokens {
  const linkKey = ackKey(secret);
  const secrets = [secret, ...(options.previousSecret ? [options.previousSecret] : [])];
  const linkKeys = secrets.map(ackKey);
  // Key objects made once: handed a plain string, jsonwebtoken first tries to parse it as a
  // PEM public key and catches the failure, on every request (measured in benchmark 1).
  const [signKey, ...restKeys] = secrets.map((s) => createSecretKey(Buffer.from(s, 'utf8')));
  const verifyKeys = [signKey, ...restKeys];
  const sessionTtlSeconds = options.sessionTtlSeconds ?? 8 * 3600;
  return {
    sessionTtlSeconds,
    issueSession(user, session) {
      const ttl = sessionTtlSeconds;
      const token = jwt.sign({ role: user.role, ctl: user.controllerId, sid: session.sessionId, ver: session.tokenVersion }, signKey, {
        algorithm: 'HS256', subject: user.id, issuer: ISSUER, audience: API_AUDIENCE, expiresIn: ttl,
      });
      return { token, expiresAt: new Date(Date.now() + ttl * 1000).toISOString() };
    },
    verifySession(token) {
      try {
        const claims = verifyWithAny(token, verifyKeys);
        const role = claims.role as Role;
        if (typeof claims.sub !== 'string' || !['support', 'admin', 'controller', 'dpo'].includes(role)) throw new Error('bad claims');
        if (typeof claims.sid !== 'string' || !Number.isInteger(claims.ver)) throw new Error('no revocable session');
        return { id: claims.sub, role, controllerId: typeof claims.ctl === 'string' ? claims.ctl : null, sessionId: claims.sid, tokenVersion: claims.ver as number };
      } catch (error) {
        if (error instanceof jwt.TokenExpiredError) throw new UnauthorizedError('Your session has expired: log in again.');
        throw new UnauthorizedError('The token is not valid: log in again.');
      }
    },
    issueAckLink(claim, expiresAt) {
      return encodeAckToken(linkKey, claim, expiresAt ?? new Date(Date.now() + options.ackTtlHours * 3_600_000));
    },
    verifyAck(token) {
      const results = linkKeys.map((key) => decodeAckToken(key, token));
      const result = results.find((r) => r.ok) ?? results.find((r) => !r.ok && r.reason === 'expired') ?? results[0];
      if (result.ok) return result.claim;
      if (result.reason === 'expired') throw new GoneError('link_expired', 'This acknowledgement link has expired. Ask the sender for a new one.');
      throw new NotFoundError('Acknowledgement link');
    },
    mac(purpose, value) {
      return createHmac('sha256', secret).update(`${purpose}\0${value}`).digest('base64url');
    },
    keysFor(purpose) {
      return secrets.map((s) => Buffer.from(hkdfSync('sha256', s, 'meldplicht', purpose, 32)));
    },
  };
}

/** The first secret that verifies the token; a wrong signature under all of them fails. */
function verifyWithAny(token: string, secrets: KeyObject[]): jwt.JwtPayload {
  let lastError: unknown;
  for (const key of secrets) {
    try {
      return jwt.verify(token, key, { algorithms: ALGORITHMS, issuer: ISSUER, audience: API_AUDIENCE }) as jwt.JwtPayload;
    } catch (error) {
      if (error instanceof jwt.TokenExpiredError) throw error;
      lastError = error;
    }
  }
  throw lastError;
}
