import { isDeepStrictEqual } from 'node:util';
import type { DataSource } from 'typeorm';
import { requireRole, type AuthUser } from '../auth/auth-user';
import { inTransaction, type Tx } from '../db/transaction';
import { agreementsOnTemplate, defaultProcessorId, insertTemplate, listTemplates, loadTemplate, saveTemplate, type TemplateRow } from '../domain/client-directory.repository';
import { TERM_KEYS, type AgreementTerms, type CreateTemplateInput, type UpdateTemplateInput } from '../domain/client-directory.schemas';
import { ConflictError, NotFoundError, ValidationError } from '../domain/errors';
import { effectiveTerms, saveAgreementState } from './manage-agreements.use-case';

type Deps = { dataSource: DataSource };

/** Who a template change reaches, controller by controller. */
export interface AffectedController {
  controllerId: string;
  controllerName: string;
  agreementId: string;
  /** The terms that change for this controller (a deviation keeps its own value). */
  changes: { term: keyof AgreementTerms; from: unknown; to: unknown }[];
  /** Terms the template changes that this controller deviates in: unchanged for it. */
  keptByDeviation: (keyof AgreementTerms)[];
  /** Tracks still open under the current terms: they keep them; new incidents get the new ones. */
  openTracks: number;
}

export interface TemplateChange { template: TemplateRow; affected: AffectedController[]; unchanged: number }

export async function listAgreementTemplates(user: AuthUser, deps: Deps) {
  requireRole(user, ['support', 'admin']);
  return listTemplates(deps.dataSource.manager);
}

export async function createAgreementTemplate(input: CreateTemplateInput, user: AuthUser, deps: Deps): Promise<TemplateRow> {
  requireRole(user, ['admin']);
  return inTransaction(deps.dataSource, async (tx) => {
    const id = await insertTemplate(tx, await defaultProcessorId(tx), input);
    if (!id) throw new ConflictError('duplicate_template_key', `A template with the key ${input.key} exists.`, { key: 'is already used' });
    return (await loadTemplate(tx, id))!;
  });
}

/** What the change would do, per controller on the template; written only when `apply`. */
async function changeTemplate(tx: Tx, id: string, input: UpdateTemplateInput, apply: boolean): Promise<TemplateChange> {
  const current = await loadTemplate(tx, id, true);
  if (!current) throw new NotFoundError('Template');
  const terms = effectiveTerms(current.terms, input.terms ?? {}, 'terms');
  const changed = TERM_KEYS.filter((k) => !isDeepStrictEqual(current.terms[k], terms[k]));
  const template: TemplateRow = { ...current, title: input.title ?? current.title, terms, version: current.version + (changed.length ? 1 : 0) };
  const affected: AffectedController[] = [];
  let unchanged = 0;
  for (const agreement of await agreementsOnTemplate(tx, id, apply)) {
    let next: AgreementTerms;
    try {
      next = effectiveTerms(terms, agreement.deviations);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      throw new ValidationError(`The change does not fit the deviations of ${agreement.controllerName}.`, { terms: `with the deviations of controller ${agreement.controllerId}: ${Object.values(error.fields ?? {}).join('; ')}` });
    }
    const changes = TERM_KEYS.filter((k) => !isDeepStrictEqual(agreement.terms[k], next[k])).map((term) => ({ term, from: agreement.terms[term], to: next[term] }));
    const keptByDeviation = changed.filter((k) => k in agreement.deviations);
    if (changes.length === 0) unchanged++;
    else affected.push({ controllerId: agreement.controllerId, controllerName: agreement.controllerName, agreementId: agreement.id, changes, keptByDeviation, openTracks: agreement.openTracks });
    if (apply && (changes.length > 0 || agreement.templateVersion !== template.version)) {
      const { controllerName: _n, openTracks: _o, hasTracks: _h, ...row } = agreement;
      const activeId = await saveAgreementState(tx, row, { ...row, templateVersion: template.version, terms: next });
      const entry = affected.find((a) => a.agreementId === agreement.id);
      if (entry) entry.agreementId = activeId;
    }
  }
  if (apply) await saveTemplate(tx, template);
  return { template, affected, unchanged };
}

/** The preview: who the change reaches and how, nothing written. */
export async function previewTemplateChange(id: string, input: UpdateTemplateInput, user: AuthUser, deps: Deps): Promise<TemplateChange> {
  requireRole(user, ['admin']);
  return deps.dataSource.transaction('REPEATABLE READ', (tx) => changeTemplate(tx, id, input, false));
}

/**
 * Changes the template and, in the same transaction, every controller's agreement on it:
 * from now on new incidents get the new terms; an agreement that tracks were opened under is
 * versioned, so those tracks keep the terms they started with.
 */
export async function updateAgreementTemplate(id: string, input: UpdateTemplateInput, user: AuthUser, deps: Deps): Promise<TemplateChange> {
  requireRole(user, ['admin']);
  return inTransaction(deps.dataSource, (tx) => changeTemplate(tx, id, input, true));
}
