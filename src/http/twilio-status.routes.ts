import { Router } from 'express';
import twilio from 'twilio';
import { z } from 'zod';
import { recordDeliveryStatus } from '../use-cases/record-delivery-status.use-case';
import type { AppDeps } from './app-deps';
import { ForbiddenError } from '../domain/errors';
import { parse } from './validate';

const callbackSchema = z.object({ MessageSid: z.string().min(1).max(64), MessageStatus: z.string().min(1).max(32) }).passthrough();

/**
 * Twilio's status callbacks. Only requests signed with our auth token count
 * (`X-Twilio-Signature` over the public URL and the form fields); anything else is a 403.
 * 204 when applied or ignored as old news; 202 when held for a message not on record yet.
 */
export function twilioStatusRoutes(deps: AppDeps): Router {
  const router = Router();
  router.post('/api/twilio/status', async (req, res) => {
    const authToken = deps.config.twilio?.authToken;
    const signature = req.get('x-twilio-signature');
    const url = `${deps.config.publicUrl}${req.originalUrl}`;
    const params = (req.body ?? {}) as Record<string, string>;
    if (!authToken || !signature || !twilio.validateRequest(authToken, signature, url, params)) {
      throw new ForbiddenError('The request is not signed by Twilio.');
    }
    const callback = parse(callbackSchema, params);
    const outcome = await recordDeliveryStatus(callback.MessageSid, callback.MessageStatus, deps);
    res.status(outcome === 'held' ? 202 : 204).end();
  });
  return router;
}
