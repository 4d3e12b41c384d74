import { Router } from 'express';
import { formatDateTime } from '../i18n/messages';
import { ui } from '../i18n/ui-messages';
import { proofOfNotice, type ProofOfNotice } from '../use-cases/proof-of-notice.use-case';
import type { AppDeps } from './app-deps';
import { userOf } from './auth.middleware';
import { renderWebPage } from './web/page-context';
import { label } from './web/view-models/track-panel.view-model';
import { idParam } from './validate';

const when = (iso: string | null) => (iso ? formatDateTime('nl', iso) : '—');
/** The printed proof is bilingual: each status in Dutch and English. */
const statusText = (status: string) => {
  const [nl, en] = [ui('nl'), ui('en')].map((m) => label(m, `notice_${status}`, status));
  return nl === en ? nl : `${nl} / ${en}`;
};

/** The printable page: the same proof, every value prepared here. */
export function proofView(proof: ProofOfNotice) {
  return {
    language: 'nl',
    title: `Bewijs van melding / proof of notice ${proof.reference}`,
    controller: proof.controller,
    agreementTitle: proof.agreement.title,
    deadlineRule: proof.agreement.deadlineRule,
    facts: [
      { label: 'Termijn / deadline', value: when(proof.track.notifyDeadlineAt) },
      { label: 'Eerste melding / first notice', value: when(proof.track.firstNotifiedAt) },
      { label: 'Bij de verwerkingsverantwoordelijke / controller aware', value: when(proof.track.controllerAwareAt) },
      { label: 'AP-termijn (72 uur) / AP deadline', value: when(proof.track.apDeadlineAt) },
      { label: 'Reden vertraging / reason for delay', value: proof.track.lateReason ?? '—' },
    ],
    versions: proof.versions.map((v) => ({
      ...v,
      createdAt: when(v.createdAt),
      changes: v.changes.join(', '),
      deliveries: v.deliveries.map((d) => ({
        ...d, status: statusText(d.status), isEscalation: d.reason !== 'notice',
        // The outbox accepted nothing on a provider's behalf: no acceptance time is claimed.
        acceptedAt: d.status === 'outbox' ? '—' : when(d.acceptedAt), deliveredAt: when(d.deliveredAt), providerId: d.providerId ?? '—', sentContentHash: d.sentContentHash ?? '—' })),
      acknowledgements: v.acknowledgements.map((a) => ({ ...a, at: when(a.at) })),
    })),
    generatedAt: when(proof.generatedAt),
  };
}

export function proofApiRoutes(deps: AppDeps): Router {
  const router = Router();
  router.get('/api/tracks/:id/proof', async (req, res) => {
    const proof = await proofOfNotice(idParam(req.params.id, 'Track'), userOf(req), deps);
    if (req.query.format === 'html') renderWebPage(req, res, 200, 'proof-of-notice', proofView(proof));
    else res.json(proof);
  });
  return router;
}
