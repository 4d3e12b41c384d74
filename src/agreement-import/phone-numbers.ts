import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/** A Dutch (or international) phone number as E.164, and whether it is a mobile (SMS-able) one. */
export function parsePhone(text: string): { e164: string; mobile: boolean } | null {
  const cleaned = text.replace(/\([^)]*[a-z][^)]*\)/gi, ' ').trim(); // "(kantoortijden)"
  if (!/^[+(]?\d[\d\s().\-/]{7,}$/.test(cleaned)) return null;
  const parsed = parsePhoneNumberFromString(cleaned, 'NL');
  if (!parsed || !parsed.isValid()) return null;
  return { e164: parsed.number, mobile: parsed.getType() === 'MOBILE' };
}

export const EMAIL = /[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,24}/;
