import type { DataSource } from 'typeorm';
import { requireRole, type AuthUser } from '../auth/auth-user';
import { ConflictError } from '../domain/errors';
import type { Language } from '../i18n/messages';
import { dataSubjectDraftView } from '../notify/data-subject-view-model';
import { textTemplate } from '../notify/templates';
import { loadTrackFacts } from './ap-sheet.use-case';

export interface DataSubjectDraft {
  language: Language;
  /** individual: a message to each person; public: a public communication (art. 34(3)(c)). */
  channel: 'individual' | 'public';
  subject: string;
  text: string;
  /** What the draft could not fill from the record: placeholders in the text. */
  missing: string[];
}

/** A draft for the controller to adapt and send; only once the decision is to inform. */
export async function dataSubjectDraft(trackId: string, language: Language | undefined, user: AuthUser, deps: { dataSource: DataSource }): Promise<DataSubjectDraft> {
  // The DPO's working papers: the controller's DPO and the processor's staff, not its other contacts.
  requireRole(user, ['dpo', 'support', 'admin']);
  const facts = await loadTrackFacts(deps.dataSource.manager, trackId, user);
  if (!facts.decision?.informSubjects) {
    throw new ConflictError('not_informing_subjects', 'The recorded decision is not to inform the data subjects (or there is none yet): no draft.');
  }
  const lang = language ?? facts.controller.agreement?.language ?? 'nl';
  const { view, missing } = dataSubjectDraftView(facts, lang);
  return {
    language: lang,
    channel: facts.risk?.result.recommendation.subjectNotice === 'public' ? 'public' : 'individual',
    subject: view.subject,
    text: textTemplate(`data-subject/notice.${lang}.text.hbs`)(view),
    missing,
  };
}
