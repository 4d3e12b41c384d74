import type { Writable } from 'node:stream';
import type { DataSource } from 'typeorm';
import { isControllerSide, type AuthUser } from '../auth/auth-user';
import type { Tx } from '../db/transaction';
import { latestSentContent } from '../domain/controller-visibility';
import type { RegisterQuery } from '../domain/dpo.schemas';
import { ValidationError } from '../domain/errors';
import { CSV_HEADER, csvLine, toRegisterRow, type RegisterRow } from '../register/register-row';
import { decodeCursor, encodeCursor, registerBatch, type RegisterCursor, type RegisterFilter } from '../register/register.repository';

/** The processor's staff see every controller's entries; controller-side users only their own. */
function filterFor(user: AuthUser, query: RegisterQuery): RegisterFilter {
  const own = isControllerSide(user) ? user.controllerId! : null;
  // Another controller's id from a controller-side user matches nothing (no hint that it exists).
  const controllerId = own && query.controllerId && query.controllerId !== own ? '00000000-0000-0000-0000-000000000000' : own ?? query.controllerId ?? null;
  return { controllerId, from: query.from ?? null, to: query.to ?? null, state: query.state ?? null, notifiedOnly: own !== null };
}

/**
 * A batch of register rows as this reader may see them: for the controller side, the facts as
 * its latest notice told them, not the processor's unsent edits.
 */
async function readBatch(tx: Tx, filter: RegisterFilter, after: RegisterCursor | null, limit: number): Promise<Array<Record<string, any>>> {
  const rows = await registerBatch(tx, filter, after, limit);
  if (!filter.notifiedOnly || rows.length === 0) return rows;
  const sent = await latestSentContent(tx, rows.map((r) => r.track_id));
  return rows.map((r) => {
    const told = sent.get(r.track_id);
    if (!told || typeof told.summary !== 'string' || r.details_erased_at) return r;
    return { ...r, summary: told.summary, fields: told.fields, discovered_at: told.discoveredAt };
  });
}

function cursorOf(query: RegisterQuery): RegisterCursor | null {
  if (!query.after) return null;
  const cursor = decodeCursor(query.after);
  if (!cursor) throw new ValidationError('Check after.', { after: 'must be the nextCursor of an earlier page' });
  return cursor;
}

/** One page of the register, oldest first; `nextCursor` fetches the next. */
export async function readRegister(query: RegisterQuery, user: AuthUser, deps: { dataSource: DataSource }): Promise<{ entries: RegisterRow[]; nextCursor: string | null }> {
  const rows = await readBatch(deps.dataSource.manager, filterFor(user, query), cursorOf(query), query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    entries: page.map(toRegisterRow),
    nextCursor: rows.length > query.limit && last ? encodeCursor({ createdAt: last.cursor_created_at, id: last.track_id }) : null,
  };
}

export const EXPORT_BATCH = 1000;

/**
 * The whole (filtered) register to a stream, batch by batch, waiting for the client to
 * drain: memory stays at one batch whatever the size. Each batch is its own query, not one
 * long transaction, so an export never holds the embedded database's single session; an
 * entry changed during the export shows as it was when its batch was read.
 */
export async function exportRegister(format: 'csv' | 'json', query: RegisterQuery, user: AuthUser, deps: { dataSource: DataSource }, out: Writable): Promise<number> {
  const filter = filterFor(user, query);
  let cursor = cursorOf(query);
  let count = 0;
  const write = async (chunk: string) => {
    if (out.write(chunk)) return;
    // Whichever comes first removes the other: a listener left behind per wait piled up
    // (MaxListenersExceededWarning after ten, one per batch on a large export; benchmark 4).
    await new Promise<void>((resolve, reject) => {
      const drained = () => {
        out.off('close', closed);
        resolve();
      };
      const closed = () => {
        out.off('drain', drained);
        reject(new Error('client went away'));
      };
      out.once('drain', drained);
      out.once('close', closed);
    });
  };
  await write(format === 'csv' ? `\uFEFF${CSV_HEADER}` : '[');
  for (;;) {
    const rows = await readBatch(deps.dataSource.manager, filter, cursor, EXPORT_BATCH);
    if (rows.length === 0) break;
    const text = format === 'csv'
      ? rows.map((r) => csvLine(toRegisterRow(r))).join('')
      : rows.map((r, i) => `${count + i === 0 ? '' : ','}\n${JSON.stringify(toRegisterRow(r))}`).join('');
    count += rows.length;
    const last = rows.at(-1)!;
    cursor = { createdAt: last.cursor_created_at, id: last.track_id };
    await write(text);
    if (rows.length < EXPORT_BATCH) break;
  }
  await write(format === 'csv' ? '' : '\n]\n');
  return count;
}
