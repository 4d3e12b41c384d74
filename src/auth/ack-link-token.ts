import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Acknowledgement links are read on phones and travel by SMS, so the token is compact: the
 * claim in binary (track, contact, notice version, expiry) plus a truncated HMAC-SHA256 under
 * a key derived for this one purpose. 68 characters instead of a JWT's 300+, the same
 * guarantees: signed, single-purpose, expiring.
 */
export interface AckClaim {
  trackId: string;
  contactId: string;
  version: number;
}

const FORMAT = 1;
const PAYLOAD_BYTES = 1 + 16 + 16 + 2 + 4;
const MAC_BYTES = 12;

export type AckVerification = { ok: true; claim: AckClaim } | { ok: false; reason: 'invalid' | 'expired' };

export function ackKey(secret: string): Buffer {
  return createHmac('sha256', secret).update('meldplicht:acknowledgement-link:v1').digest();
}

export function encodeAckToken(key: Buffer, claim: AckClaim, expiresAt: Date): string {
  const payload = Buffer.alloc(PAYLOAD_BYTES);
  payload.writeUInt8(FORMAT, 0);
  uuidBytes(claim.trackId).copy(payload, 1);
  uuidBytes(claim.contactId).copy(payload, 17);
  payload.writeUInt16BE(claim.version, 33);
  payload.writeUInt32BE(Math.floor(expiresAt.getTime() / 1000), 35);
  return Buffer.concat([payload, mac(key, payload)]).toString('base64url');
}

export function decodeAckToken(key: Buffer, token: string, now = new Date()): AckVerification {
  if (!/^[A-Za-z0-9_-]{60,80}$/.test(token)) return { ok: false, reason: 'invalid' };
  const bytes = Buffer.from(token, 'base64url');
  if (bytes.length !== PAYLOAD_BYTES + MAC_BYTES || bytes.readUInt8(0) !== FORMAT) return { ok: false, reason: 'invalid' };
  const payload = bytes.subarray(0, PAYLOAD_BYTES);
  if (!timingSafeEqual(bytes.subarray(PAYLOAD_BYTES), mac(key, payload))) return { ok: false, reason: 'invalid' };
  if (payload.readUInt32BE(35) * 1000 <= now.getTime()) return { ok: false, reason: 'expired' };
  return {
    ok: true,
    claim: {
      trackId: uuidText(payload.subarray(1, 17)),
      contactId: uuidText(payload.subarray(17, 33)),
      version: payload.readUInt16BE(33),
    },
  };
}

function mac(key: Buffer, payload: Buffer): Buffer {
  return createHmac('sha256', key).update(payload).digest().subarray(0, MAC_BYTES);
}

function uuidBytes(uuid: string): Buffer {
  const hex = uuid.replace(/-/g, '');
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) throw new Error('not a uuid');
  return Buffer.from(hex, 'hex');
}

function uuidText(bytes: Buffer): string {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
