import type { DemoAgreementSeed, DemoContactSeed } from '../seed/demo-agreements';
import type { AgreementProfileProposal, Extracted } from './agreement-profile.types';
import { ALL_NOTICE_FIELDS } from './notice-fields.extractor';

/**
 * From a proposal to the agreement the admin edits and saves. A value found without a
 * contradiction is taken; anything else takes the fallback (a default, or for the demo the
 * hand-written profile) and is listed in `needsReview`, so nothing is filled in unseen.
 */
export type AgreementDraft = DemoAgreementSeed['agreement'];

export interface Draft {
  agreement: AgreementDraft;
  contacts: DemoContactSeed[];
  needsReview: string[];
}

// Where the text is silent the default is the safer reading (notify suspicions, notify every
// breach), and the field is listed for review: never a guess that notifies less than asking would.
const DEFAULTS: AgreementDraft = {
  title: '', seedFile: '', language: 'nl', deadlineHours: 24, clockStart: 'processor_discovery', notifySuspicion: true,
  regardlessOfImpact: true, triggerText: '', deadlineClause: '', requiredFields: [...ALL_NOTICE_FIELDS], ackWindowHours: 2,
  warningShares: [0.5, 0.8], dataCategories: [], subjectCategories: [], subProcessors: [], retentionMonthsAfterEnd: null, escalationRule: null,
};

function take<T>(name: string, value: Extracted<T>, fallback: T, review: string[]): T {
  if (value.found && !value.conflicts?.length) return value.value;
  review.push(name);
  return fallback;
}

/**
 * The recipients: the controller's contacts. The processor's own people (its support desk,
 * its FG) send the notice and never receive it; a contact whose side the text does not make
 * clear is kept but listed for review (`contacts.<key>.side`), so a person decides.
 */
export function contactsFromProposal(p: AgreementProfileProposal, review: string[]): DemoContactSeed[] {
  if (!p.contacts.found) return [];
  const recipients = p.contacts.value.filter((c) => c.side === 'controller' || c.side === 'unknown');
  return recipients.map((c, i) => {
    if (c.side === 'unknown') review.push(`contacts.${c.key}.side`);
    if (!c.name) review.push(`contacts.${c.key}.name`);
    if (!c.email) review.push(`contacts.${c.key}.email`);
    return {
      key: c.key,
      name: c.name ?? '',
      role: c.role,
      email: c.email ?? '',
      ...(c.phone ? { phone: c.phone } : {}),
      ...(c.mobile ? { mobile: c.mobile } : {}),
      order: i + 1,
      ...(c.standInForKey && recipients.some((r) => r.key === c.standInForKey) ? { standInForKey: c.standInForKey } : {}),
      receivesBreachNotice: !c.standInForKey,
    };
  });
}

export function draftFromProposal(p: AgreementProfileProposal, fallback: AgreementDraft = DEFAULTS): Draft {
  const review: string[] = [];
  const deadline = take('deadlineHours', p.deadline, { hours: fallback.deadlineHours, withoutUndueDelay: false }, review);
  const escalation = take('escalationRule', p.escalation, null, review);
  if (!p.requiredFields.found || p.requiredFields.conflicts?.length) review.push('requiredFields');
  const agreement: AgreementDraft = {
    ...fallback,
    language: p.language,
    deadlineHours: deadline.hours,
    deadlineClause: p.deadline.found ? p.deadline.source.clause ?? fallback.deadlineClause : fallback.deadlineClause,
    clockStart: take('clockStart', p.clockStart, fallback.clockStart, review),
    notifySuspicion: take('notifySuspicion', p.notifySuspicion, fallback.notifySuspicion, review),
    regardlessOfImpact: take('regardlessOfImpact', p.regardlessOfImpact, fallback.regardlessOfImpact, review),
    requiredFields: ALL_NOTICE_FIELDS.filter((f) => take('requiredFields', p.requiredFields, fallback.requiredFields, []).includes(f)),
    dataCategories: take('dataCategories', p.dataCategories, fallback.dataCategories, review),
    subjectCategories: take('subjectCategories', p.subjectCategories, fallback.subjectCategories, review),
    subProcessors: take('subProcessors', p.subProcessors, fallback.subProcessors, review),
    retentionMonthsAfterEnd: take('retentionMonthsAfterEnd', p.retentionMonthsAfterEnd, fallback.retentionMonthsAfterEnd, review),
    escalationRule: escalation && p.escalation.found ? `${p.escalation.source.clause ? `${p.escalation.source.clause}: ` : ''}${escalation.text}` : fallback.escalationRule,
  };
  const contacts = contactsFromProposal(p, review);
  if (contacts.length === 0) review.push('contacts');
  return { agreement, contacts, needsReview: review };
}

/**
 * The demo's recipients: the order, roles and stand-in relations the annex gives, with the
 * invented demo people's details (real names and numbers from the seeds are never used);
 * demo contacts the annex has no place for are added after them.
 */
export function mergeDemoContacts(imported: DemoContactSeed[], demo: DemoContactSeed[]): DemoContactSeed[] {
  if (imported.length === 0) return demo;
  const pool = [...demo];
  const keyOf = new Map<string, string>();
  const merged: DemoContactSeed[] = [];
  for (const c of imported) {
    const standIn = Boolean(c.standInForKey);
    let i = pool.findIndex((d) => d.role === c.role && Boolean(d.standInForKey) === standIn);
    if (i < 0) i = pool.findIndex((d) => Boolean(d.standInForKey) === standIn);
    if (i < 0) continue;
    const [d] = pool.splice(i, 1);
    keyOf.set(c.key, d.key);
    merged.push({ ...d, order: merged.length + 1, standInForKey: undefined, receivesBreachNotice: c.receivesBreachNotice });
    merged[merged.length - 1].standInForKey = c.standInForKey;
  }
  // Demo contacts the annex has no place for (e.g. our own support desk, which the annex puts on
  // the processor's side) keep their place in the hand-written list; the placed ones fill the
  // other places in the annex's order.
  const placed = [...merged];
  const unplaced = new Set(pool.map((d) => d.key));
  const ordered = demo.map((d) => (unplaced.has(d.key) ? d : placed.shift()!)).filter(Boolean).map((d, i) => ({ ...d, order: i + 1 }));
  const demoKeys = new Set(ordered.map((m) => m.key));
  return ordered.map((m) => {
    const standIn = m.standInForKey ? keyOf.get(m.standInForKey) ?? (demoKeys.has(m.standInForKey) ? m.standInForKey : undefined) : undefined;
    const { standInForKey: _drop, ...rest } = m;
    return standIn ? { ...rest, standInForKey: standIn } : rest;
  });
}
