import type { Request, Response } from 'express';

/** Express 5 parses no cookies; the pages need three, so a small parser beats a dependency. */
export function readCookie(req: Request, name: string): string | undefined {
  for (const part of (req.get('cookie') ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() !== name) continue;
    try {
      return decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      return undefined;
    }
  }
  return undefined;
}

export interface CookieOptions {
  secure: boolean;
  maxAgeMs?: number;
}

/** Every cookie the pages set is httpOnly and SameSite=Lax; Secure whenever PUBLIC_URL is https. */
export function setCookie(res: Response, name: string, value: string, options: CookieOptions): void {
  res.cookie(name, value, { httpOnly: true, sameSite: 'lax', secure: options.secure, path: '/', maxAge: options.maxAgeMs });
}

export function clearCookie(res: Response, name: string, options: CookieOptions): void {
  res.clearCookie(name, { httpOnly: true, sameSite: 'lax', secure: options.secure, path: '/' });
}
