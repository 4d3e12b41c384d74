import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export interface EmbeddedPostgres {
  /** A postgres:// URL that TypeORM, pg and the job queue connect to like any server. */
  readonly connectionString: string;
  stop(): Promise<void>;
}

/**
 * PostgreSQL in WASM (PGlite), served over the wire protocol on 127.0.0.1 so that every
 * part of the service talks to it exactly as to a real server. `dataDir` undefined keeps
 * it in memory (tests).
 *
 * PGlite is one connection: the socket server multiplexes clients and serializes whole
 * transactions, so code must never wait inside a transaction for a second connection.
 */
export async function startEmbeddedPostgres(options: { dataDir?: string; port?: number }): Promise<EmbeddedPostgres> {
  let dataDir: string | undefined;
  if (options.dataDir) {
    dataDir = path.resolve(options.dataDir, 'pgdata');
    await mkdir(dataDir, { recursive: true });
  }
  const db = await PGlite.create(dataDir ? { dataDir } : {});
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: options.port ?? 0, maxConnections: 32 });
  keepExtendedQueryBatchesTogether(server, db);
  await server.start();
  const address = server.getServerConn(); // "127.0.0.1:PORT"
  return {
    connectionString: `postgres://postgres@${address}/postgres?sslmode=disable`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}

interface QueuedMessage {
  handlerId: number;
  message: Uint8Array;
  onData: (data: Uint8Array) => void;
  resolve: (bytes: number) => void;
  reject: (error: Error) => void;
}

interface QueryQueueInternals {
  queue: QueuedMessage[];
  processing: boolean;
  lastHandlerId: number | null;
  processQueue: () => Promise<void>;
}

/** Messages after which a client's unnamed statement and portal are no longer needed. */
const BATCH_END = new Set([0x53 /* Sync */, 0x51 /* Query */, 0x58 /* Terminate */]);

/**
 * pglite-socket (0.2.x) keeps a client's messages together only inside an explicit
 * transaction. An extended-protocol query (Parse, Bind, Execute, Sync) outside one can be
 * interleaved with another client's, which then overwrites the unnamed portal ("portal
 * does not exist") — exactly what a job queue polling beside the web requests does.
 * Here the queue also sticks to one client until it ends its batch with Sync or Query.
 */
function keepExtendedQueryBatchesTogether(server: PGLiteSocketServer, db: PGlite): void {
  const queue = (server as unknown as { queryQueue: QueryQueueInternals }).queryQueue;
  let midBatch = false;
  queue.processQueue = async function processQueue(this: QueryQueueInternals) {
    if (this.processing || this.queue.length === 0) return;
    this.processing = true;
    try {
      while (this.queue.length > 0) {
        let next: QueuedMessage | undefined;
        if ((midBatch || db.isInTransaction()) && this.lastHandlerId !== null) {
          const index = this.queue.findIndex((q) => q.handlerId === this.lastHandlerId);
          if (index === -1) break; // wait for the rest of that client's batch
          next = this.queue.splice(index, 1)[0];
        } else {
          next = this.queue.shift();
        }
        if (!next) break;
        const query = next;
        let bytes = 0;
        try {
          await db.runExclusive(() =>
            db.execProtocolRawStream(query.message, {
              onRawData: (data: Uint8Array) => {
                bytes += data.length;
                query.onData(data);
              },
            }),
          );
        } catch (error) {
          query.reject(error as Error);
          continue;
        }
        // A startup message has no type byte; treat it as a complete batch.
        midBatch = query.message.length > 0 && !BATCH_END.has(query.message[0]) && !isStartupMessage(query.message);
        this.lastHandlerId = query.handlerId;
        query.resolve(bytes);
      }
    } finally {
      this.processing = false;
    }
  };
}

function isStartupMessage(message: Uint8Array): boolean {
  if (message.length < 8) return false;
  const version = ((message[4] << 24) | (message[5] << 16) | (message[6] << 8) | message[7]) >>> 0;
  return version === 0x00030000 || version === 80877103 || version === 80877102;
}
