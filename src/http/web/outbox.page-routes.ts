import { Router } from 'express';
import { formatDateTime } from '../../i18n/messages';
import { ui } from '../../i18n/ui-messages';
import { listOutbox } from '../../use-cases/list-outbox.use-case';
import type { AppDeps } from '../app-deps';
import { renderWebPage } from './page-context';
import { languageOf, pageUser } from './page-session';

const ACK_LINK = /https?:\/\/\S+\/ack\/[A-Za-z0-9._-]+/;

/** Every message as it would have been sent, when no SMTP server or Twilio account is set. */
export function outboxPageRoutes(deps: AppDeps): Router {
  const router = Router();
  router.get('/outbox', async (req, res) => {
    const lang = languageOf(req);
    const m = ui(lang);
    const messages = await listOutbox(pageUser(req), deps);
    renderWebPage(req, res, 200, 'outbox', {
      title: m.outboxTitle,
      intro: m.outboxIntro,
      hasMessages: messages.length > 0,
      messages: messages.map((msg) => {
        const link = ACK_LINK.exec(msg.text)?.[0] ?? '';
        return {
          channel: msg.channel === 'email' ? m.channel_email : m.channel_sms,
          to: msg.to,
          subject: msg.subject ?? '',
          at: formatDateTime(lang, msg.createdAt),
          text: msg.text,
          link,
          hasLink: link !== '',
        };
      }),
    });
  });
  return router;
}
