import type { Request, Response } from 'express';

/**
 * Under https every cookie is named `__Host-…`: the browser then only accepts it Secure, for
 * path / and from this very host, so a sibling subdomain or a plain-http page cannot plant one.
 */
export function cookieName(name: string, secure: boolean): string {
  return secure ? `__Host-${name}` : name;
}

/** Express 5 parses no cookies; the pages need three, so a small parser beats a dependency. */
export function readCookie(req: Request, name: string, secure: boolean): string | undefined {
  const wanted = cookieName(name, secure);
  for (const part of (req.get('cookie') ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() !== wanted) continue;
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
  res.cookie(cookieName(name, options.secure), value, { httpOnly: true, sameSite: 'lax', secure: options.secure, path: '/', maxAge: options.maxAgeMs });
}

export function clearCookie(res: Response, name: string, options: CookieOptions): void {
  res.clearCookie(cookieName(name, options.secure), { httpOnly: true, sameSite: 'lax', secure: options.secure, path: '/' });
}
