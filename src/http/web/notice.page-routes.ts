import { Router, type Request, type Response } from 'express';
import { requireRole, PROCESSOR_ROLES } from '../../auth/auth-user';
import { DomainError, NotFoundError } from '../../domain/errors';
import { incidentEventSchema } from '../../domain/incident.schemas';
import { ui } from '../../i18n/ui-messages';
import { applyIncidentEvent } from '../../use-cases/apply-incident-event.use-case';
import { previewNotice } from '../../use-cases/preview-notice.use-case';
import type { AppDeps } from '../app-deps';
import { idParam } from '../validate';
import { str, type FormBody } from './forms/form-values';
import { renderWebPage } from './page-context';
import { languageOf, pageUser } from './page-session';

/** "Send notice": first the exact e-mails and SMS that will go out, then the button. */
export function noticePageRoutes(deps: AppDeps): Router {
  const router = Router();
  const ids = (req: Request) => ({ id: idParam(req.params.id, 'Incident'), trackId: idParam(req.params.trackId, 'Track') });
  const preview = (req: Request) => {
    const { id, trackId } = ids(req);
    return previewNotice(id, trackId, pageUser(req), { dataSource: deps.dataSource, publicUrl: deps.config.publicUrl }, ui(languageOf(req)).personalLink);
  };

  const show = async (req: Request, res: Response, status: number, problem: string, lateReason: string) => {
    const m = ui(languageOf(req));
    const p = await preview(req);
    const base = `/incidents/${p.incidentId}/tracks/${p.trackId}/notice`;
    renderWebPage(req, res, status, 'notice-preview', {
      title: (p.kind === 'initial' ? m.previewTitle : m.previewSupplementTitle).replace('{controller}', p.controllerName),
      backHref: `/incidents/${p.incidentId}#track-${p.trackId}`,
      intro: m.previewIntro,
      version: m.versionN.replace('{n}', String(p.version)),
      recipients: p.recipients.map((r, i) => ({
        heading: r.name,
        to: r.mobile ? `${r.email} · ${r.mobile}` : r.email,
        subject: r.rendered.subject,
        text: r.rendered.text,
        htmlHref: `${base}/email/${r.contactId}`,
        frameTitle: m.emailFrameTitle.replace('{name}', r.name),
        sms: r.sms ?? '',
        open: i === 0,
      })),
      hasRecipients: p.recipients.length > 0,
      action: base,
      type: p.kind === 'initial' ? 'NOTIFY' : 'SUPPLEMENT',
      askLateReason: p.kind === 'initial' && p.overdue,
      lateReason,
      problem,
      submitLabel: p.kind === 'initial' ? m.sendNotice : m.sendSupplement,
    });
  };

  router.get('/incidents/:id/tracks/:trackId/notice', async (req, res) => {
    requireRole(pageUser(req), PROCESSOR_ROLES);
    await show(req, res, 200, '', '');
  });

  // The HTML e-mail on its own, for the preview's frame: same origin, same CSP.
  router.get('/incidents/:id/tracks/:trackId/notice/email/:contactId', async (req, res) => {
    const recipient = (await preview(req)).recipients.find((r) => r.contactId === String(req.params.contactId));
    if (!recipient) throw new NotFoundError('Recipient');
    res.type('html').send(recipient.rendered.html);
  });

  router.post('/incidents/:id/tracks/:trackId/notice', async (req, res) => {
    const user = pageUser(req);
    requireRole(user, PROCESSOR_ROLES);
    const { id, trackId } = ids(req);
    const body = req.body as FormBody;
    const m = ui(languageOf(req));
    const type = str(body, 'type');
    const lateReason = str(body, 'lateReason');
    const parsed = incidentEventSchema.safeParse(type === 'NOTIFY' ? { type, trackId, ...(lateReason ? { lateReason } : {}) } : { type, trackId });
    if (!parsed.success || !['NOTIFY', 'SUPPLEMENT'].includes(type)) return show(req, res, 422, m.errLateReason, lateReason);
    try {
      await applyIncidentEvent(id, parsed.data, user, deps);
      res.redirect(303, `/incidents/${id}#track-${trackId}`);
    } catch (error) {
      if (!(error instanceof DomainError) || (error.status !== 409 && error.status !== 422)) throw error;
      await show(req, res, error.status, `${m.eventRefused} (${error.message})`, lateReason);
    }
  });
  return router;
}
