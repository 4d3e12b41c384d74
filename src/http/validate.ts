import type { RequestHandler } from 'express';
import { z } from 'zod';
import { NotFoundError, ValidationError } from '../domain/errors';
import { toValidationError } from './error.middleware';

/** Parses input with its schema or throws the 422 that names every wrong field. */
export function parse<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input ?? {});
  if (!result.success) throw toValidationError(result.error);
  return result.data;
}

const uuid = z.uuid();

/** An id in the path that is not even a uuid names nothing: 404, like an unknown one. */
export function idParam(value: string | string[] | undefined, what: string): string {
  if (typeof value !== 'string' || !uuid.safeParse(value).success) throw new NotFoundError(what);
  return value.toLowerCase(); // uuids are case-insensitive; the use cases compare ids as strings
}

/** The first path in a parsed body whose key or string value holds a NUL character, if any. */
function nulPath(value: unknown, path: string[], depth = 0): string[] | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (value === null || typeof value !== 'object' || depth > 64) return null;
  for (const [key, item] of Object.entries(value)) {
    if (key.includes('\u0000')) return [...path, key.replace(/\u0000/g, '\\0')];
    const found = nulPath(item, [...path, key], depth + 1);
    if (found) return found;
  }
  return null;
}

/**
 * PostgreSQL stores no NUL character in text or jsonb: a body carrying one would fail at the
 * INSERT as a 500. No field has a use for it, so every body (JSON or form) that holds one is
 * refused up front with the 422 that names the field.
 */
export const refuseNulCharacters: RequestHandler = (req, _res, next) => {
  const path = nulPath(req.body, []);
  if (path) {
    const key = path.join('.') || '(body)';
    throw new ValidationError(`Check ${key}.`, { [key]: 'must not contain the NUL character (\\u0000)' });
  }
  next();
};
