import type { AuthUser } from '../../../auth/auth-user';
import type { IncidentView } from '../../../domain/incident.views';
import type { Language } from '../../../i18n/messages';
import { ui } from '../../../i18n/ui-messages';
import { label } from './track-panel.view-model';
import type { DataSubjectDraft } from '../../../use-cases/data-subject-draft.use-case';

/** The draft message to the data subjects, to copy: subject, text, what is still to fill in. */
export function buildDataSubjectDraftPage(lang: Language, user: AuthUser, incident: IncidentView, trackId: string, draft: DataSubjectDraft) {
  const m = ui(lang);
  const back = user.role === 'dpo'
    ? { href: `/tracks/${trackId}/assessment`, label: m.backToDecision }
    : { href: `/incidents/${incident.id}#track-${trackId}`, label: m.backToIncident };
  return {
    title: m.draftTitle.replace('{reference}', incident.reference),
    backHref: back.href,
    backLabel: back.label,
    intro: m.draftIntro,
    channel: draft.channel === 'public' ? m.draftChannel_public : m.draftChannel_individual,
    draftLanguage: draft.language,
    subject: draft.subject,
    text: draft.text,
    missing: draft.missing.map((key) => label(m, `draftMissing_${key}`, key)),
    hasMissing: draft.missing.length > 0,
    languages: [
      { href: `/tracks/${trackId}/data-subject-draft?lang=nl`, label: m.draftInDutch, lang: 'nl', current: draft.language === 'nl' },
      { href: `/tracks/${trackId}/data-subject-draft?lang=en`, label: m.draftInEnglish, lang: 'en', current: draft.language === 'en' },
    ],
  };
}
