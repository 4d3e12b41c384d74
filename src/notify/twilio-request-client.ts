import twilio from 'twilio';
import type RequestClientBase from 'twilio/lib/base/RequestClient';
import type Response from 'twilio/lib/http/response';

const TWILIO_ORIGIN = /^https:\/\/([a-z0-9-]+\.)*twilio\.com(:\d+)?(?=\/|$)/i;

/**
 * twilio's own HTTP client, sending to another base URL: an egress proxy in production, a
 * local stand-in of the API in tests (TWILIO_API_URL). Everything else stays twilio's code.
 */
export class RebasedTwilioClient extends twilio.RequestClient {
  constructor(private readonly baseUrl: string, options?: RequestClientBase.RequestClientOptions) {
    super(options);
  }

  override request<TData>(opts: RequestClientBase.RequestOptions<TData>): Promise<Response<TData>> {
    return super.request({ ...opts, uri: opts.uri.replace(TWILIO_ORIGIN, this.baseUrl.replace(/\/+$/, '')) });
  }
}
