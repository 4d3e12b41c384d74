import { Router, type Request, type Response } from 'express';
import { requireRole, PROCESSOR_ROLES } from '../../auth/auth-user';
import { DomainError, NotFoundError, ValidationError } from '../../domain/errors';
import { incidentEventSchema } from '../../domain/incident.schemas';
import { formatDateTime } from '../../i18n/messages';
import { ui, type UiMessages } from '../../i18n/ui-messages';
import { applyIncidentEvent } from '../../use-cases/apply-incident-event.use-case';
import { previewNotices, type NoticePreview, type PreviewAction } from '../../use-cases/preview-notice.use-case';
import type { AppDeps } from '../app-deps';
import { idParam } from '../validate';
import { list, str, type FormBody } from './forms/form-values';
import { renderWebPage } from './page-context';
import { languageOf, pageUser } from './page-session';
import { refusalLines } from './refusal-text';
import { label } from './view-models/track-panel.view-model';

const actionOf = (value: unknown): PreviewAction => (value === 'final' ? 'final' : value === 'confirm' ? 'confirm' : 'notice');

function titleOf(m: UiMessages, p: NoticePreview): string {
  const key = p.event === 'CONFIRM' ? m.previewConfirmTitle : p.kind === 'final' ? m.previewFinalTitle : p.kind === 'initial' ? m.previewTitle : m.previewSupplementTitle;
  return key.replace('{controller}', p.controllerName);
}

function submitOf(m: UiMessages, p: NoticePreview): string {
  return p.event === 'CONFIRM' ? m.sendConfirm : p.kind === 'final' ? m.sendFinal : p.kind === 'initial' ? m.sendNotice : m.sendSupplement;
}

/**
 * The preview page for one track or for several at once (an incident-wide action): the exact
 * e-mails and SMS that will go out, what differs per controller, then one button.
 */
export async function showCombinedPreview(
  req: Request, res: Response, deps: AppDeps, incidentId: string, trackIds: string[], action: PreviewAction, status: number, problem: string[], lateReason = '',
): Promise<void> {
  const lang = languageOf(req);
  const m = ui(lang);
  const user = pageUser(req);
  let previews: NoticePreview[];
  try {
    previews = await previewNotices(incidentId, trackIds, user, { dataSource: deps.dataSource, publicUrl: deps.config.publicUrl }, m.personalLink, action);
  } catch (error) {
    if (!(error instanceof DomainError) || error.status !== 422) throw error;
    res.redirect(303, `/incidents/${incidentId}`);
    return;
  }
  const events = new Set(previews.map((p) => `${p.event}:${p.kind}`));
  const combined = previews.length > 1;
  const first = previews[0];
  const query = action === 'notice' ? '' : `?action=${action}`;
  renderWebPage(req, res, events.size > 1 ? 422 : status, 'notice-preview', {
    title: combined ? m.combinedTitle.replace('{n}', String(previews.length)).replace('{reference}', '') : titleOf(m, first),
    backHref: combined ? `/incidents/${incidentId}` : `/incidents/${incidentId}#track-${first.trackId}`,
    intro: combined ? m.combinedIntro : m.previewIntro,
    combined,
    differences: previews.map((p) => ({
      controller: p.controllerName,
      language: label(m, `lang_${p.language}`, p.language),
      recipients: p.recipients.map((r) => r.name).join(', '),
      deadline: p.notifyDeadlineAt ? formatDateTime(lang, p.notifyDeadlineAt) : m.noDeadlineYet,
      kind: `${label(m, `kind_${p.kind}`, p.kind)} · ${m.versionN.replace('{n}', String(p.version))}`,
    })),
    groups: previews.map((p) => ({
      heading: titleOf(m, p),
      version: m.versionN.replace('{n}', String(p.version)),
      recipients: p.recipients.map((r, i) => ({
        heading: r.name,
        to: r.mobile ? `${r.email} · ${r.mobile}` : r.email,
        subject: r.rendered.subject,
        text: r.rendered.text,
        htmlHref: `/incidents/${incidentId}/tracks/${p.trackId}/notice/email/${r.contactId}${query}`,
        frameTitle: m.emailFrameTitle.replace('{name}', r.name),
        sms: r.sms ?? '',
        open: !combined && i === 0,
      })),
    })),
    hasRecipients: previews.every((p) => p.recipients.length > 0) && events.size === 1,
    problem: events.size > 1 ? [m.combinedMixed] : problem,
    action: combined ? `/incidents/${incidentId}/notice` : `/incidents/${incidentId}/tracks/${first.trackId}/notice`,
    trackIds: previews.map((p) => p.trackId),
    previewAction: action,
    type: first.event,
    final: first.kind === 'final',
    askLateReason: previews.some((p) => p.event === 'NOTIFY' && p.overdue),
    lateReason,
    offerFinal: !combined && first.event === 'SUPPLEMENT' && first.kind !== 'final',
    finalHref: `/incidents/${incidentId}/tracks/${first.trackId}/notice?action=final`,
    submitLabel: combined ? `${m.sendAll.replace('{n}', String(previews.length))} (${label(m, `kind_${first.kind}`, first.kind)})` : submitOf(m, first),
  });
}

/** "Send notice": first the exact e-mails and SMS that will go out, then the button. */
export function noticePageRoutes(deps: AppDeps): Router {
  const router = Router();
  const ids = (req: Request) => ({ id: idParam(req.params.id, 'Incident'), trackId: idParam(req.params.trackId, 'Track') });

  router.get('/incidents/:id/tracks/:trackId/notice', async (req, res) => {
    requireRole(pageUser(req), PROCESSOR_ROLES);
    const { id, trackId } = ids(req);
    await showCombinedPreview(req, res, deps, id, [trackId], actionOf(req.query.action), 200, []);
  });

  // The HTML e-mail on its own, for the preview's frame: same origin, same CSP.
  router.get('/incidents/:id/tracks/:trackId/notice/email/:contactId', async (req, res) => {
    const user = pageUser(req);
    const { id, trackId } = ids(req);
    const [p] = await previewNotices(id, [trackId], user, { dataSource: deps.dataSource, publicUrl: deps.config.publicUrl }, ui(languageOf(req)).personalLink, actionOf(req.query.action));
    const recipient = p.recipients.find((r) => r.contactId === String(req.params.contactId));
    if (!recipient) throw new NotFoundError('Recipient');
    res.type('html').send(recipient.rendered.html);
  });

  const send = async (req: Request, res: Response, id: string, trackIds: string[]) => {
    const user = pageUser(req);
    requireRole(user, PROCESSOR_ROLES);
    const body = req.body as FormBody;
    const lang = languageOf(req);
    const m = ui(lang);
    const type = str(body, 'type');
    const lateReason = str(body, 'lateReason');
    const action = actionOf(str(body, 'previewAction'));
    const target = trackIds.length === 1 ? { trackId: trackIds[0] } : { trackIds };
    const input = type === 'NOTIFY' ? { type, ...target, ...(lateReason ? { lateReason } : {}) }
      : type === 'SUPPLEMENT' ? { type, ...target, ...(str(body, 'final') === 'yes' ? { final: true } : {}) }
        : { type, ...target };
    const parsed = incidentEventSchema.safeParse(input);
    if (!parsed.success || !['NOTIFY', 'SUPPLEMENT', 'CONFIRM'].includes(type)) return showCombinedPreview(req, res, deps, id, trackIds, action, 422, [m.errLateReason], lateReason);
    try {
      await applyIncidentEvent(id, parsed.data, user, deps);
      res.redirect(303, trackIds.length === 1 ? `/incidents/${id}#track-${trackIds[0]}` : `/incidents/${id}`);
    } catch (error) {
      if (!(error instanceof DomainError) || (error.status !== 409 && error.status !== 422)) throw error;
      await showCombinedPreview(req, res, deps, id, trackIds, action, error.status, refusalLines(lang, error), lateReason);
    }
  };

  router.post('/incidents/:id/tracks/:trackId/notice', async (req, res) => {
    const { id, trackId } = ids(req);
    await send(req, res, id, [trackId]);
  });

  router.post('/incidents/:id/notice', async (req, res) => {
    requireRole(pageUser(req), PROCESSOR_ROLES);
    const id = idParam(req.params.id, 'Incident');
    const trackIds = list(req.body as FormBody, 'trackIds').map((t) => idParam(t, 'Track'));
    if (trackIds.length === 0) throw new ValidationError('Choose at least one controller.', { trackIds: 'choose at least one' });
    await send(req, res, id, trackIds);
  });
  return router;
}
