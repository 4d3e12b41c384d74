/**
 * A local stand-in for Twilio's Messages API. The REAL `twilio` library talks to it:
 * only the transport is swapped (via the client's `httpClient` option), so request
 * building, auth headers, form encoding and error mapping are all twilio's own code.
 *
 *   const client = twilio(accountSid, authToken, { httpClient: standIn.httpClient });
 */
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import twilio from 'twilio';
import type RequestClientBase from 'twilio/lib/base/RequestClient';
import type Response from 'twilio/lib/http/response';

export type SmsStatus = 'queued' | 'sent' | 'delivered' | 'undelivered' | 'failed';

export interface ReceivedSms {
  sid: string;
  to: string;
  from: string;
  body: string;
  statusCallback?: string;
  /** Last status reported through sendStatusCallback ('queued' until then). */
  status: SmsStatus;
  /** Every form field as sent, for assertions on less common parameters. */
  params: Record<string, string>;
  /** Date.now() when the stand-in answered 201 Created: for latency benchmarks. */
  acceptedAt: number;
}

export type Injection = { status: number; times?: number } | { hang: true; times?: number };

// Any *.twilio.com host (edges/regions included) goes to the stand-in, so a test can
// never reach the real API by accident; unknown paths get a Twilio-style 404.
const TWILIO_ORIGIN = /^https:\/\/([a-z0-9-]+\.)*twilio\.com(:\d+)?(?=\/|$)/i;

/**
 * twilio's own RequestClient, pointed at the stand-in. With a custom httpClient, twilio()
 * ignores its `timeout`/`autoRetry` options (they only configure the default client), so
 * pass those here instead — see TwilioStandIn.createHttpClient.
 */
export class StandInRequestClient extends twilio.RequestClient {
  constructor(
    private readonly baseUrl: string,
    options?: RequestClientBase.RequestClientOptions,
  ) {
    super(options);
  }

  override request<TData>(opts: RequestClientBase.RequestOptions<TData>): Promise<Response<TData>> {
    return super.request({ ...opts, uri: opts.uri.replace(TWILIO_ORIGIN, this.baseUrl) });
  }
}

/** The X-Twilio-Signature Twilio would put on a webhook to `url` with these form params. */
export function signTwilioRequest(authToken: string, url: string, params: Record<string, string>): string {
  return twilio.getExpectedTwilioSignature(authToken, url, params);
}

export interface TwilioStandIn {
  baseUrl: string;
  messages: ReceivedSms[];
  httpClient: StandInRequestClient;
  /** A client with other RequestClient options, e.g. { timeout: 500 } for hang tests. */
  createHttpClient(options?: RequestClientBase.RequestClientOptions): StandInRequestClient;
  /** Calls that reached the Messages endpoint, failed/injected ones included (for retry tests). */
  requestCount(): number;
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedSms[]>;
  /** Queue a failure for the next `times` (default 1) create calls, before auth is checked. */
  respondWith(next: Injection): void;
  sendStatusCallback(sid: string, status: SmsStatus, targetUrl?: string, extra?: Record<string, string>): Promise<number>;
  close(): Promise<void>;
}

function twilioError(res: http.ServerResponse, status: number, code: number, message: string): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify({ code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status }));
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startTwilioStandIn(opts: { accountSid: string; authToken: string }): Promise<TwilioStandIn> {
  const messages: ReceivedSms[] = [];
  const injections: Array<{ next: Injection; left: number }> = [];
  const waiters = new Set<() => void>();
  let requests = 0;
  const expectedAuth = 'Basic ' + Buffer.from(`${opts.accountSid}:${opts.authToken}`).toString('base64');

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://stand-in').pathname;
    const route = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/.exec(path);
    if (req.method !== 'POST' || !route) return twilioError(res, 404, 20404, `The requested resource ${path} was not found`);
    requests++;

    const injection = injections[0];
    if (injection) {
      if (--injection.left <= 0) injections.shift();
      if ('hang' in injection.next) return; // never answer; close() tears the socket down
      return twilioError(res, injection.next.status, 20000 + injection.next.status, `Injected HTTP ${injection.next.status}`);
    }
    if (req.headers.authorization !== expectedAuth || route[1] !== opts.accountSid) {
      return twilioError(res, 401, 20003, 'Authenticate');
    }

    const params = Object.fromEntries(new URLSearchParams(await readBody(req)));
    if (!params.To) return twilioError(res, 400, 21604, "A 'To' phone number is required.");
    if (!params.From && !params.MessagingServiceSid) return twilioError(res, 400, 21603, "A 'From' phone number is required.");
    if (!params.Body && !params.MediaUrl && !params.ContentSid) return twilioError(res, 400, 21602, 'Message body is required.');

    const sid = 'SM' + randomBytes(16).toString('hex');
    messages.push({ sid, to: params.To, from: params.From ?? '', body: params.Body ?? '', statusCallback: params.StatusCallback, status: 'queued', params, acceptedAt: Date.now() });
    const now = new Date().toUTCString().replace('GMT', '+0000'); // Twilio's RFC 2822 form
    res.writeHead(201, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({
      sid, account_sid: opts.accountSid, api_version: '2010-04-01', status: 'queued', direction: 'outbound-api',
      to: params.To, from: params.From ?? null, messaging_service_sid: params.MessagingServiceSid ?? null,
      body: params.Body ?? '', num_segments: '1', num_media: '0', price: null, price_unit: 'USD',
      error_code: null, error_message: null, date_created: now, date_updated: now, date_sent: null,
      uri: `/2010-04-01/Accounts/${opts.accountSid}/Messages/${sid}.json`,
      subresource_uris: { media: `/2010-04-01/Accounts/${opts.accountSid}/Messages/${sid}/Media.json` },
    }));
    waiters.forEach((wake) => wake());
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: Error) => twilioError(res, 500, 20500, `Stand-in crashed: ${err.message}`));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const createHttpClient = (options?: RequestClientBase.RequestClientOptions) => new StandInRequestClient(baseUrl, options);

  return {
    baseUrl,
    messages,
    httpClient: createHttpClient(),
    createHttpClient,
    requestCount: () => requests,
    waitFor(count, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          if (messages.length < count) return;
          cleanup();
          resolve(messages.slice());
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`Twilio stand-in: expected ${count} message(s) within ${timeoutMs} ms, got ${messages.length}`));
        }, timeoutMs);
        const cleanup = (): void => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    respondWith(next) {
      injections.push({ next, left: next.times ?? 1 });
    },
    async sendStatusCallback(sid, status, targetUrl, extra = {}) {
      const msg = messages.find((m) => m.sid === sid);
      if (!msg) throw new Error(`Twilio stand-in: no message ${sid}`);
      const url = targetUrl ?? msg.statusCallback;
      if (!url) throw new Error(`Twilio stand-in: message ${sid} has no StatusCallback and no targetUrl was given`);
      msg.status = status;
      // The field set Twilio posts for outbound SMS status changes.
      const params: Record<string, string> = {
        AccountSid: opts.accountSid, ApiVersion: '2010-04-01', From: msg.from, To: msg.to,
        MessageSid: sid, SmsSid: sid, MessageStatus: status, SmsStatus: status,
        ...(status === 'failed' || status === 'undelivered' ? { ErrorCode: '30003' } : {}),
        ...extra,
      };
      const res = await fetch(url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          'X-Twilio-Signature': signTwilioRequest(opts.authToken, url, params),
        },
        body: new URLSearchParams(params).toString(),
      });
      await res.arrayBuffer(); // drain so the connection is released
      return res.status;
    },
    close() {
      return new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections(); // includes hung requests and keep-alive sockets
      });
    },
  };
}
