import { z } from 'zod';
import { NotFoundError } from '../domain/errors';
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
