import { createHash } from 'node:crypto';
import { TooManyRequestsError } from '../domain/errors';
import { countRecentFailures, deleteFailuresByKey, deleteFailuresOfAccount, insertFailures } from './login-attempt.repository';
import type { Queryable } from './user.repository';

/**
 * Failed logins counted in the database, so every instance sees the same count. Nothing locks
 * hard: past a few failures a key must wait, and the wait doubles with each further failure
 * (30 s, 1 min, 2 min, … at most 15 min), so guessing stays slow while a person who mistyped,
 * or a support desk under attack, gets in again soon.
 *
 * Three keys, so that one attacker cannot lock out others:
 * - the (client, account) pair: guessing one account from one place. The client is the browser's
 *   trusted-device id when it has one for this account (see trusted-device.ts), else the address;
 * - the account, from anywhere: guessing one account from many addresses;
 * - the address: guessing many accounts from one place.
 * A browser that logged in to the account before (a trusted device) is held back by its own pair
 * only: five wrong passwords from five addresses, or thirty from the office's shared address, do
 * not keep the support desk out. An admin's unlock clears every count of an account.
 */
export const LOGIN_LIMITS = {
  windowMinutes: 15,
  freeFailures: { pair: 5, account: 10, address: 30 },
  firstDelaySeconds: 30,
  maxDelaySeconds: 15 * 60,
};

export interface ThrottleKeys {
  /** Hash of the account alone: every row carries it, so an unlock finds them all. */
  account: string;
  pair: string;
  /** Counted always, enforced only for clients that are not a trusted device of the account. */
  accountWide: string;
  address: string | null;
  trustedDevice: boolean;
}

const hashed = (kind: string, value: string) => `${kind}:${createHash('sha256').update(value).digest('hex').slice(0, 40)}`;

export const accountHash = (email: string): string => hashed('account', email.trim().toLowerCase());

export function throttleKeys(email: string, client: { ip: string | null; trustedDeviceId: string | null }): ThrottleKeys {
  const account = accountHash(email);
  const clientId = client.trustedDeviceId ? `device:${client.trustedDeviceId}` : `address:${client.ip ?? 'unknown'}`;
  return {
    account,
    pair: hashed('pair', `${clientId}\0${account}`),
    accountWide: account,
    address: client.ip ? hashed('address', client.ip) : null,
    trustedDevice: client.trustedDeviceId !== null,
  };
}

/** Seconds to wait after `failures` failures when `free` are allowed without waiting. */
export function delaySeconds(failures: number, free: number): number {
  if (failures < free) return 0;
  return Math.min(LOGIN_LIMITS.maxDelaySeconds, LOGIN_LIMITS.firstDelaySeconds * 2 ** (failures - free));
}

/** A 429 naming the wait when a key this client is held to has to wait still. */
export async function assertLoginAllowed(db: Queryable, keys: ThrottleKeys): Promise<void> {
  const enforced: Array<[string, number]> = [[keys.pair, LOGIN_LIMITS.freeFailures.pair]];
  if (!keys.trustedDevice) {
    enforced.push([keys.accountWide, LOGIN_LIMITS.freeFailures.account]);
    if (keys.address) enforced.push([keys.address, LOGIN_LIMITS.freeFailures.address]);
  }
  const counts = await countRecentFailures(db, enforced.map(([key]) => key), LOGIN_LIMITS.windowMinutes);
  let waitMs = 0;
  for (const c of counts) {
    const free = enforced.find(([key]) => key === c.key)![1];
    waitMs = Math.max(waitMs, c.lastAt.getTime() + delaySeconds(c.failures, free) * 1000 - c.now.getTime());
  }
  if (waitMs > 0) {
    const seconds = Math.ceil(waitMs / 1000);
    throw new TooManyRequestsError(`Too many failed logins: try again in ${seconds} seconds.`, seconds);
  }
}

export async function recordLoginFailure(db: Queryable, keys: ThrottleKeys): Promise<void> {
  await insertFailures(db, [keys.pair, keys.accountWide, ...(keys.address ? [keys.address] : [])], keys.account);
}

/** A correct password clears its own pair's count; the account's and address's stay. */
export async function clearLoginFailures(db: Queryable, keys: ThrottleKeys): Promise<void> {
  await deleteFailuresByKey(db, keys.pair);
}

/** The admin's unlock: every count that concerns the account, from whichever client. */
export async function unlockAccount(db: Queryable, email: string): Promise<number> {
  return deleteFailuresOfAccount(db, accountHash(email));
}
