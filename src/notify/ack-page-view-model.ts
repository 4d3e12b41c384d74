import { formatDateTime, t } from '../i18n/messages';
import type { AckPageData } from '../use-cases/acknowledge-notice.use-case';
import { buildNoticeView } from './notice-view-model';

/** The acknowledgement page: every version of the notice, newest first, and the button. */
export function buildAckPageView(data: AckPageData, formAction: string) {
  const lang = data.language;
  const latest = data.versions[0];
  const reference = latest?.content.reference ?? '';
  return {
    language: lang,
    title: t(lang, 'ackPageTitle', { reference }),
    forLine: t(lang, 'ackFor', { contact: data.contact.name, controller: data.controllerName }),
    acknowledged: data.acknowledgedAt !== null,
    acknowledgedText: data.acknowledgedAt ? t(lang, 'ackDone', { at: formatDateTime(lang, data.acknowledgedAt) }) : '',
    ackIntro: t(lang, 'ackIntro'),
    ackLabel: t(lang, 'ackButton'),
    formAction,
    versions: data.versions.map((v) => ({
      version: v.version,
      sentLine: t(lang, 'versionSent', { version: v.version, at: formatDateTime(lang, v.sentAt) }),
      ...buildNoticeView(v.content, v.changes, data.contact.name, formAction),
    })),
  };
}
