import { requireRole, type AuthUser } from '../auth/auth-user';
import type { AgreementProfileProposal } from '../agreement-import/agreement-profile.types';
import { readAgreementText } from '../agreement-import/agreement-text.reader';
import { normaliseAgreementText } from '../agreement-import/clause-splitter';
import { AgreementTextError, extractAgreementProfile } from '../agreement-import/extract-agreement-profile';
import { draftFromProposal, type Draft } from '../agreement-import/proposal-to-agreement';
import { DomainError, ValidationError } from '../domain/errors';
import { AgreementTooLargeError } from '../agreement-import/docx-guard';

/**
 * Reads an agreement and proposes its profile; saves nothing. The answer carries the text
 * exactly as it was analysed (the sources' offsets point into it, for highlighting), the
 * proposal with its sources and confidences, and a draft of the agreement to confirm.
 */
export type ImportAgreementInput =
  | { text: string; name?: string }
  | { file: { buffer: Buffer; fileName: string; mimeType?: string } };

export interface ImportAgreementResult {
  proposal: AgreementProfileProposal;
  /** The agreement to confirm: POST it (corrected) to /api/controllers/:id/agreement. */
  draft: Omit<Draft['agreement'], 'seedFile' | 'triggerText' | 'deadlineClause'> & { triggerText: string | null; deadlineClause: string | null; contacts: Draft['contacts']; source: { name: string; text: string } };
  /** Draft fields the text did not settle (not found, contradicted, or blank in the annex). */
  needsReview: string[];
}

export async function importAgreement(input: ImportAgreementInput, user: AuthUser): Promise<ImportAgreementResult> {
  requireRole(user, ['admin']);
  const field = 'file' in input ? 'file' : 'text';
  try {
    const raw = 'file' in input ? await readAgreementText(input.file) : input.text;
    const proposal = extractAgreementProfile(raw);
    const name = 'file' in input ? input.file.fileName : input.name ?? 'pasted text';
    const { agreement, contacts, needsReview } = draftFromProposal(proposal);
    const { seedFile: _unused, ...terms } = agreement;
    const title = proposal.processor.found ? `${proposal.language === 'en' ? 'Data processing agreement' : 'Verwerkersovereenkomst'} ${proposal.processor.value.name}` : name;
    return {
      proposal,
      draft: { ...terms, title, triggerText: terms.triggerText || null, deadlineClause: terms.deadlineClause || null, contacts, source: { name, text: normaliseAgreementText(raw) } },
      needsReview,
    };
  } catch (error) {
    if (error instanceof AgreementTooLargeError) throw new DomainError(413, 'agreement_too_large', error.message, { [field]: error.message });
    if (error instanceof AgreementTextError) throw new ValidationError(error.message, { [field]: error.message });
    throw error;
  }
}
