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

/** Half of a UTF-16 surrogate pair without its other half. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** What is wrong with a string PostgreSQL cannot store, if anything. */
function unstorable(text: string): string | null {
  if (text.includes('\u0000')) return 'must not contain the NUL character (\\u0000)';
  if (LONE_SURROGATE.test(text)) return 'must not contain a lone UTF-16 surrogate (\\ud800–\\udfff without its pair)';
  return null;
}

/** The first path in a parsed body whose key or string value PostgreSQL cannot store, and why. */
function unstorablePath(value: unknown, path: string[], depth = 0): { path: string[]; problem: string } | null {
  if (typeof value === 'string') {
    const problem = unstorable(value);
    return problem ? { path, problem } : null;
  }
  if (value === null || typeof value !== 'object' || depth > 64) return null;
  for (const [key, item] of Object.entries(value)) {
    const problem = unstorable(key);
    if (problem) return { path: [...path, JSON.stringify(key).slice(1, -1)], problem };
    const found = unstorablePath(item, [...path, key], depth + 1);
    if (found) return found;
  }
  return null;
}

/**
 * PostgreSQL stores no NUL character in text or jsonb, and jsonb refuses half a surrogate
 * pair (which a JSON text may carry as `"\ud800"`): a body carrying either would fail at the
 * INSERT as a 500. No field has a use for them, so every body (JSON or form) that holds one
 * is refused up front with the 422 that names the field.
 */
export const refuseNulCharacters: RequestHandler = (req, _res, next) => {
  const found = unstorablePath(req.body, []);
  if (found) {
    const key = found.path.join('.') || '(body)';
    throw new ValidationError(`Check ${key}.`, { [key]: found.problem });
  }
  next();
};
