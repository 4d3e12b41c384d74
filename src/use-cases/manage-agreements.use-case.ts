import type { DataSource } from 'typeorm';
import { isControllerSide, requireRole, type AuthUser } from '../auth/auth-user';
import { inTransaction, type Tx } from '../db/transaction';
import {
  activeAgreementOf, agreementHasTracks, insertAgreement, lockAgreement, lockController, loadTemplate, newAgreementVersion, pageAgreements,
  updateAgreementRow, type AgreementRow,
} from '../domain/client-directory.repository';
import { agreementTermsSchema, type AgreementsQuery, type AgreementTerms, type CreateAgreementInput, type PartialTerms, type UpdateAgreementInput } from '../domain/client-directory.schemas';
import { ConflictError, NotFoundError, ValidationError } from '../domain/errors';

type Deps = { dataSource: DataSource };

/** A template's terms with the controller's deviations over them; checked as a whole. */
export function effectiveTerms(base: AgreementTerms, deviations: PartialTerms, field = 'deviations'): AgreementTerms {
  const merged = { ...base, ...deviations };
  const result = agreementTermsSchema.safeParse(merged);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new ValidationError(`Check ${field}.`, { [[field, ...issue.path].join('.')]: issue.message });
  }
  return result.data;
}

/**
 * Writes an agreement's new state. When a track was ever opened under it, the row is history
 * (its terms and recipients are what that track runs on) and a new version takes its place;
 * otherwise it is changed in place. Returns the id that is now active.
 */
export async function saveAgreementState(tx: Tx, current: AgreementRow, next: AgreementRow): Promise<string> {
  if (current.active && next.active && (await agreementHasTracks(tx, current.id))) return newAgreementVersion(tx, current, next);
  await updateAgreementRow(tx, next);
  return current.id;
}

export async function listAgreementPage(q: AgreementsQuery, user: AuthUser, deps: Deps) {
  const { agreements, total } = await pageAgreements(deps.dataSource.manager, q, isControllerSide(user) ? user.controllerId : null);
  return { agreements, page: q.page, pageSize: q.pageSize, total };
}

export async function readAgreement(id: string, user: AuthUser, deps: Deps): Promise<AgreementRow> {
  const [row] = await deps.dataSource.transaction(async (tx) => [await lockAgreement(tx, id)]);
  if (!row || (isControllerSide(user) && user.controllerId !== row.controllerId)) throw new NotFoundError('Agreement');
  return row;
}

/** The controller's active agreement, on a template (with deviations) or with its own terms. */
export async function createAgreement(input: CreateAgreementInput, user: AuthUser, deps: Deps): Promise<AgreementRow> {
  requireRole(user, ['admin']);
  const id = await inTransaction(deps.dataSource, async (tx) => {
    const controller = await lockController(tx, input.controllerId);
    if (!controller) throw new ValidationError('Unknown controller.', { controllerId: 'unknown controller' });
    if (await activeAgreementOf(tx, controller.id)) {
      throw new ConflictError('agreement_exists', 'The controller has an active agreement: change it, or deactivate it first.', { controllerId: 'has an active agreement' });
    }
    if (input.templateId) {
      const template = await loadTemplate(tx, input.templateId);
      if (!template || !template.active) throw new ValidationError('Unknown template.', { templateId: 'unknown template' });
      const deviations = input.deviations ?? {};
      return insertAgreement(tx, {
        controllerId: controller.id, title: input.title ?? template.title, templateId: template.id, templateVersion: template.version,
        deviations, terms: effectiveTerms(template.terms, deviations),
      });
    }
    return insertAgreement(tx, { controllerId: controller.id, title: input.title!, templateId: null, templateVersion: null, deviations: {}, terms: input.terms! });
  });
  return readAgreement(id, user, deps);
}

/**
 * Changes an agreement's title, own terms, template or deviations. Open tracks keep the
 * terms they started with (see saveAgreementState); the answer is the active version.
 */
export async function updateAgreement(id: string, input: UpdateAgreementInput, user: AuthUser, deps: Deps): Promise<AgreementRow> {
  requireRole(user, ['admin']);
  const activeId = await inTransaction(deps.dataSource, async (tx) => {
    const current = await lockAgreement(tx, id);
    if (!current) throw new NotFoundError('Agreement');
    if (!current.active) throw new ConflictError('agreement_inactive', 'This agreement is no longer active: change the active one.');
    const templateId = input.templateId === undefined ? current.templateId : input.templateId;
    let next: AgreementRow;
    if (templateId) {
      if (input.terms) throw new ValidationError('Check terms.', { terms: 'an agreement on a template takes deviations, not terms' });
      const template = await loadTemplate(tx, templateId);
      if (!template || !template.active) throw new ValidationError('Unknown template.', { templateId: 'unknown template' });
      const deviations = input.deviations ?? (templateId === current.templateId ? current.deviations : {});
      next = { ...current, templateId, templateVersion: template.version, deviations, terms: effectiveTerms(template.terms, deviations) };
    } else {
      if (input.deviations) throw new ValidationError('Check deviations.', { deviations: 'deviations need a templateId' });
      // Leaving a template keeps the terms it gave as the agreement's own.
      next = { ...current, templateId: null, templateVersion: null, deviations: {}, terms: effectiveTerms(current.terms, input.terms ?? {}, 'terms') };
    }
    if (input.title) next.title = input.title;
    return saveAgreementState(tx, current, next);
  });
  return readAgreement(activeId, user, deps);
}

/** The controller has no active agreement afterwards; tracks opened under it keep it. */
export async function deactivateAgreement(id: string, user: AuthUser, deps: Deps): Promise<AgreementRow> {
  requireRole(user, ['admin']);
  await inTransaction(deps.dataSource, async (tx) => {
    const current = await lockAgreement(tx, id);
    if (!current) throw new NotFoundError('Agreement');
    if (current.active) await updateAgreementRow(tx, { ...current, active: false });
  });
  return readAgreement(id, user, deps);
}
