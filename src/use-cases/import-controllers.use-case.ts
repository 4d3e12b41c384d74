import type { DataSource } from 'typeorm';
import { requireRole, type AuthUser } from '../auth/auth-user';
import { inTransaction } from '../db/transaction';
import { defaultProcessorId, lockAgreement, templatesByKey } from '../domain/client-directory.repository';
import {
  activeAgreementsOf, activeContactsOf, deactivateContacts, insertContacts, insertControllers, insertTemplateAgreements,
  lockControllersByExternalKey, setStandIns, updateContacts, updateControllers, type ContactColumns,
} from '../domain/controller-import.repository';
import { ValidationError } from '../domain/errors';
import { formatOf, ImportFileError, readControllerFile } from '../directory-import/controller-file.reader';
import { ControllerRows, type ImportController, type ImportError } from '../directory-import/controller-rows';
import { effectiveTerms, saveAgreementState } from './manage-agreements.use-case';

export interface ImportProgress { phase: 'read' | 'write'; done: number; total: number }

export interface ImportResult {
  dryRun: boolean;
  /** Nothing was written: a dry run, or a file with errors. */
  applied: boolean;
  rows: number;
  controllers: { total: number; created: number; updated: number };
  contacts: { total: number; created: number; updated: number; deactivated: number };
  errors: ImportError[];
}

/**
 * An admin brings in the client base from the CRM's export: every row is checked first (a
 * dry run stops there); then the whole file is written in one transaction, keyed on the CRM
 * id, so importing the same file again updates instead of duplicating. Contacts are matched
 * by e-mail within a controller; a contact that is no longer in the file leaves the annex.
 */
export async function importControllers(
  file: { buffer: Buffer; fileName: string },
  options: { dryRun: boolean; onProgress?: (p: ImportProgress) => void },
  user: AuthUser,
  deps: { dataSource: DataSource },
): Promise<ImportResult> {
  requireRole(user, ['admin']);
  const progress = options.onProgress ?? (() => {});
  const templates = await templatesByKey(deps.dataSource.manager, await defaultProcessorId(deps.dataSource.manager));
  const rows = new ControllerRows(new Set(templates.keys()));
  try {
    for await (const row of readControllerFile(file.buffer, formatOf(file.fileName, file.buffer))) {
      rows.add(row);
      if (rows.rows % 500 === 0) progress({ phase: 'read', done: rows.rows, total: 0 });
    }
  } catch (error) {
    if (error instanceof ImportFileError) throw new ValidationError(error.message, { file: error.message });
    throw error;
  }
  rows.finish();
  progress({ phase: 'read', done: rows.rows, total: rows.rows });
  const controllers = [...rows.controllers.values()];
  const contactTotal = controllers.reduce((n, c) => n + c.contacts.length, 0);
  const result: ImportResult = {
    dryRun: options.dryRun, applied: false, rows: rows.rows,
    controllers: { total: controllers.length, created: 0, updated: 0 },
    contacts: { total: contactTotal, created: 0, updated: 0, deactivated: 0 },
    errors: rows.errors,
  };
  // A file with errors is refused whole: the answer names every error; nothing is written.
  if (rows.errors.length > 0) return result;

  await inTransaction(deps.dataSource, async (tx) => {
    const processorId = await defaultProcessorId(tx);
    const existing = await lockControllersByExternalKey(tx, processorId, controllers.map((c) => c.externalKey));
    const fresh = controllers.filter((c) => !existing.has(c.externalKey));
    const known = controllers.filter((c) => existing.has(c.externalKey));
    result.controllers.created = fresh.length;
    result.controllers.updated = known.length;
    if (options.dryRun) {
      // What the apply would do to contacts, counted on the same data.
      const agreements = await activeAgreementsOf(tx, known.map((c) => existing.get(c.externalKey)!));
      const current = await activeContactsOf(tx, [...agreements.values()].map((a) => a.id));
      countContacts(result, controllers, (c) => agreements.get(existing.get(c.externalKey) ?? '')?.id ?? null, current);
      return;
    }
    const columns = (list: ImportController[]) => ({
      externalKey: list.map((c) => c.externalKey), name: list.map((c) => c.name), kvkNumber: list.map((c) => c.kvkNumber),
      sector: list.map((c) => c.sector), city: list.map((c) => c.city),
    });
    const created = await insertControllers(tx, processorId, columns(fresh));
    await updateControllers(tx, known.map((c) => existing.get(c.externalKey)!), columns(known));
    const idOf = (c: ImportController) => existing.get(c.externalKey) ?? created.get(c.externalKey)!;
    progress({ phase: 'write', done: Math.round(controllers.length / 3), total: controllers.length });

    // Agreements: on the file's template. A controller on another one (or its own terms) moves over.
    const agreements = await activeAgreementsOf(tx, controllers.map(idOf));
    const agreementOf = new Map<string, string>();
    const withoutAgreement: ImportController[] = [];
    for (const c of controllers) {
      const template = templates.get(c.templateKey)!;
      const current = agreements.get(idOf(c));
      if (!current) withoutAgreement.push(c);
      else if (current.templateId === template.id) agreementOf.set(c.externalKey, current.id);
      else {
        const row = (await lockAgreement(tx, current.id))!;
        const next = { ...row, title: template.title, templateId: template.id, templateVersion: template.version, deviations: {}, terms: effectiveTerms(template.terms, {}) };
        agreementOf.set(c.externalKey, await saveAgreementState(tx, row, next));
      }
    }
    const inserted = await insertTemplateAgreements(tx, withoutAgreement.map(idOf), withoutAgreement.map((c) => templates.get(c.templateKey)!.id));
    for (const c of withoutAgreement) agreementOf.set(c.externalKey, inserted.get(idOf(c))!);
    progress({ phase: 'write', done: Math.round((2 * controllers.length) / 3), total: controllers.length });

    // Contacts: matched by e-mail within the agreement.
    const current = await activeContactsOf(tx, [...agreementOf.values()]);
    const plan = countContacts(result, controllers, (c) => agreementOf.get(c.externalKey)!, current);
    await insertContacts(tx, plan.insert);
    await updateContacts(tx, plan.updateIds, plan.update);
    await deactivateContacts(tx, plan.deactivate);
    const all = controllers.flatMap((c) => c.contacts.map((k) => ({ agreementId: agreementOf.get(c.externalKey)!, email: k.email, standIn: k.standInForEmail })));
    await setStandIns(tx, all.map((k) => k.agreementId), all.map((k) => k.email), all.map((k) => k.standIn));
    progress({ phase: 'write', done: controllers.length, total: controllers.length });
  });
  result.applied = !options.dryRun;
  return result;
}

/** Which file contacts are new, which update a contact on record, and which on record are gone. */
function countContacts(
  result: ImportResult,
  controllers: ImportController[],
  agreementOf: (c: ImportController) => string | null,
  current: { id: string; agreementId: string; email: string }[],
) {
  const onRecord = new Map(current.map((k) => [`${k.agreementId} ${k.email}`, k.id]));
  const seen = new Set<string>();
  const empty = (): ContactColumns => ({ agreementId: [], name: [], role: [], email: [], phone: [], mobile: [], position: [], receivesBreachNotice: [] });
  const insert = empty();
  const update = empty();
  const updateIds: string[] = [];
  for (const c of controllers) {
    const agreementId = agreementOf(c);
    for (const k of c.contacts) {
      const id = agreementId ? onRecord.get(`${agreementId} ${k.email}`) : undefined;
      const target = id ? update : insert;
      if (id) {
        updateIds.push(id);
        seen.add(id);
      }
      target.agreementId.push(agreementId ?? '');
      target.name.push(k.name); target.role.push(k.role); target.email.push(k.email); target.phone.push(k.phone);
      target.mobile.push(k.mobile); target.position.push(k.position); target.receivesBreachNotice.push(k.receivesBreachNotice);
    }
  }
  const deactivate = current.filter((k) => !seen.has(k.id)).map((k) => k.id);
  result.contacts.created = insert.name.length;
  result.contacts.updated = updateIds.length;
  result.contacts.deactivated = deactivate.length;
  return { insert, update, updateIds, deactivate };
}
