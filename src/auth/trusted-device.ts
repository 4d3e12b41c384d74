import { randomUUID, timingSafeEqual } from 'node:crypto';

/**
 * A browser that logged in to an account before carries a signed "known device" value for it
 * (a cookie on the pages). It authenticates nothing; it only lets the login throttle tell the
 * account's own desk apart from someone guessing its password elsewhere (login-throttle.ts).
 * The value names a random device id, the account's hash and an expiry, under a keyed MAC.
 */
export const TRUSTED_DEVICE_DAYS = 90;
const PURPOSE = 'trusted-device';

type Mac = (purpose: string, value: string) => string;

export function issueTrustedDevice(mac: Mac, accountHash: string, deviceId: string = randomUUID(), now = Date.now()): string {
  const expires = Math.floor(now / 1000) + TRUSTED_DEVICE_DAYS * 86_400;
  return `${deviceId}.${expires}.${mac(PURPOSE, `${deviceId}.${expires}.${accountHash}`)}`;
}

/** The device id when `value` is a valid, unexpired device value for this account; else null. */
export function trustedDeviceId(mac: Mac, value: string | undefined, accountHash: string, now = Date.now()): string | null {
  const match = /^([0-9a-f-]{36})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(value ?? '');
  if (!match) return null;
  const [, deviceId, expires, signature] = match;
  const expected = Buffer.from(mac(PURPOSE, `${deviceId}.${expires}.${accountHash}`));
  if (expected.length !== signature.length || !timingSafeEqual(expected, Buffer.from(signature))) return null;
  return Number(expires) * 1000 > now ? deviceId : null;
}
