import type { AgreementProfileProposal, ContactProposal, Extracted, SourceRef } from '../../../agreement-import/agreement-profile.types';
import type { Controller } from '../../../domain/directory.repository';
import { NOTICE_FIELD_KEYS } from '../../../domain/notice-fields';
import { t, type Language } from '../../../i18n/messages';
import { ui, type UiMessages } from '../../../i18n/ui-messages';
import { contactField, rowsOf, subField } from '../forms/agreement-review.form';
import { str, type FormBody } from '../forms/form-values';
import { choices, input, select, textarea, withErrors, type Control } from './form-controls';
import { label } from './track-panel.view-model';

/**
 * The review page: on the left the proposed profile as a form, every value with its
 * confidence and clause and a link to its highlight; on the right the agreement's text cut
 * into plain and marked segments. The template prints the segments as they are (escaped);
 * all offsets and ids are worked out here.
 */

// ---------- the text with its highlights ----------

export interface TextSegment {
  text: string;
  mark: boolean;
  id: string;
  backLinks: Array<{ href: string; label: string }>;
}

interface MarkGroup {
  id: string;
  start: number;
  end: number;
  backLinks: Array<{ href: string; label: string }>;
}

/** Every source reference in a proposal, wherever it sits (values, conflicts, hits, contacts). */
export function sourcesIn(value: unknown, out: SourceRef[] = []): SourceRef[] {
  if (Array.isArray(value)) for (const v of value) sourcesIn(v, out);
  else if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.sentence === 'string' && typeof o.start === 'number' && typeof o.end === 'number') out.push(o as unknown as SourceRef);
    else for (const v of Object.values(o)) sourcesIn(v, out);
  }
  return out;
}

/**
 * Overlapping source sentences become one highlight (one `<mark id>`), so marks never nest;
 * each value links to the highlight that holds its sentence, and the highlight links back.
 */
export class Highlights {
  private readonly groups: MarkGroup[] = [];

  constructor(private readonly text: string, refs: SourceRef[]) {
    const ranges = refs
      .map((r) => ({ start: Math.max(0, Math.min(r.start, text.length)), end: Math.max(0, Math.min(r.end, text.length)) }))
      .filter((r) => r.end > r.start)
      .sort((a, b) => a.start - b.start || b.end - a.end);
    for (const r of ranges) {
      const last = this.groups.at(-1);
      if (last && r.start < last.end) last.end = Math.max(last.end, r.end);
      else this.groups.push({ id: '', start: r.start, end: r.end, backLinks: [] });
    }
    this.groups.forEach((g, i) => (g.id = `src-${i + 1}`));
  }

  /** The `#anchor` of the highlight holding `ref` ('' when it is not in the text); it links back to `backHref`. */
  link(ref: SourceRef, backHref: string, backLabel: string): string {
    const group = this.groups.find((g) => ref.start >= g.start && ref.start < g.end);
    if (!group) return '';
    if (!group.backLinks.some((b) => b.href === backHref)) group.backLinks.push({ href: backHref, label: backLabel });
    return `#${group.id}`;
  }

  segments(): TextSegment[] {
    const out: TextSegment[] = [];
    let at = 0;
    for (const g of this.groups) {
      if (g.start > at) out.push({ text: this.text.slice(at, g.start), mark: false, id: '', backLinks: [] });
      out.push({ text: this.text.slice(g.start, g.end), mark: true, id: g.id, backLinks: g.backLinks });
      at = g.end;
    }
    if (at < this.text.length) out.push({ text: this.text.slice(at), mark: false, id: '', backLinks: [] });
    return out;
  }
}

// ---------- where each value came from ----------

type Tone = 'ok' | 'low' | 'missing' | 'conflict' | 'default' | 'none';

export interface SourceLink {
  href: string;
  text: string;
}

export interface Provenance {
  id: string;
  tone: Tone;
  flagged: boolean;
  status: string;
  confidence: string;
  source: SourceLink | null;
  reason: string;
  candidates: Array<SourceLink & { value: string }>;
  alsoIn: SourceLink[];
  notes: string[];
}

const LOW_CONFIDENCE = 0.6;

function sourceText(m: UiMessages, clause: string | null): string {
  if (!clause) return m.provSentence;
  return (/^\d/.test(clause) ? m.provClause : m.provAnnex).replace('{clause}', clause);
}

class ProvenanceBuilder {
  constructor(private readonly m: UiMessages, private readonly highlights: Highlights) {}

  link(ref: SourceRef, key: string, backLabel: string): SourceLink {
    return { href: this.highlights.link(ref, `#item-${key}`, backLabel), text: sourceText(this.m, ref.clause) };
  }

  of<T>(key: string, fieldLabel: string, e: Extracted<T> | null, show: (v: T) => string, notes: string[] = []): Provenance {
    const m = this.m;
    const base = { id: `prov-${key}`, confidence: '', source: null, reason: '', candidates: [], alsoIn: [], notes };
    if (!e) return { ...base, tone: 'none', flagged: false, status: '' };
    if (!e.found) return { ...base, tone: 'missing', flagged: true, status: m.provNotFound, reason: e.reason };
    const conflicted = Boolean(e.conflicts?.length);
    const low = e.confidence < LOW_CONFIDENCE;
    const source = this.link(e.source, key, fieldLabel);
    return {
      ...base,
      tone: conflicted ? 'conflict' : low ? 'low' : 'ok',
      flagged: conflicted || low,
      status: conflicted ? m.provConflict : low ? m.provLow : m.provFound,
      confidence: m.provConfidence.replace('{p}', String(Math.round(e.confidence * 100))),
      source,
      candidates: conflicted ? [{ value: show(e.value), ...source }, ...e.conflicts!.map((c) => ({ value: show(c.value), ...this.link(c.source, key, fieldLabel) }))] : [],
      alsoIn: (e.alsoIn ?? []).map((ref) => this.link(ref, key, fieldLabel)),
    };
  }

  contact(key: string, fieldLabel: string, c: ContactProposal | undefined, incomplete: boolean): Provenance {
    const m = this.m;
    const base = { id: `prov-${key}`, confidence: '', source: null, reason: '', candidates: [], alsoIn: [], notes: [] };
    if (!c) return { ...base, tone: 'none', flagged: false, status: '' };
    const flagged = c.blank || incomplete;
    const sideUnsure = c.side === 'unknown';
    return {
      ...base,
      tone: flagged ? 'missing' : sideUnsure || c.confidence < LOW_CONFIDENCE ? 'low' : 'ok',
      flagged: flagged || sideUnsure || c.confidence < LOW_CONFIDENCE,
      status: flagged ? m.provBlank : sideUnsure ? m.provSideUnsure : m.provFound,
      confidence: m.provConfidence.replace('{p}', String(Math.round(c.confidence * 100))),
      source: this.link(c.source, key, fieldLabel),
      notes: c.roleLabel ? [`“${c.roleLabel}”`] : [],
    };
  }

  fixed(key: string, status: string, notes: string[] = []): Provenance {
    return { id: `prov-${key}`, tone: 'default', flagged: false, status, confidence: '', source: null, reason: '', candidates: [], alsoIn: [], notes };
  }
}

// ---------- the form ----------

export interface ReviewControl extends Omit<Control, 'options'> {
  describedBy: string;
  isHidden: boolean;
  /** One checkbox that stands on its own (no group). */
  isCheckbox: boolean;
  checked: boolean;
  options: Array<Control['options'][number] & { source: SourceLink | null }>;
}

export interface ReviewItem {
  key: string;
  legend: string;
  /** The item is a group of controls (a fieldset with a legend), not one control. */
  grouped: boolean;
  controls: ReviewControl[];
  prov: Provenance;
  extras: Array<{ label: string; source: SourceLink | null }>;
}

export interface ReviewSection {
  id: string;
  /** A message about the section as a whole (e.g. nobody receives the notice). */
  error: string;
  heading: string;
  hint: string;
  items: ReviewItem[];
  notes: Array<{ label: string; source: SourceLink | null }>;
  notesIntro: string;
}

function reviewControl(c: Control, provId: string, extra: Partial<ReviewControl> = {}): ReviewControl {
  const describedBy = [c.hasError ? `${c.id}-error` : '', c.hasHint ? `${c.id}-hint` : '', provId].filter(Boolean).join(' ');
  return { ...c, describedBy, isHidden: false, isCheckbox: false, checked: false, options: c.options.map((o) => ({ ...o, source: null })), ...extra };
}

const hidden = (body: FormBody, name: string): ReviewControl => reviewControl(input(body, name, name, 'hidden'), '', { isInput: false, isHidden: true, describedBy: '' });

/** A lone yes/no checkbox: `name=yes` when ticked. */
const checkbox = (body: FormBody, name: string, text: string): Control & { isCheckbox: true; checked: boolean } => ({
  ...input(body, name, text, 'checkbox'), isInput: false, isCheckbox: true, checked: str(body, name) === 'yes', value: 'yes',
});

type AnyControl = Control & { isCheckbox?: boolean; checked?: boolean };

function item(key: string, legend: string, prov: Provenance, controls: AnyControl[], errors: Record<string, string>, options: { grouped?: boolean; extras?: ReviewItem['extras']; hidden?: ReviewControl[] } = {}): ReviewItem {
  const grouped = options.grouped ?? false;
  // A group's fieldset is described by the provenance once; a lone control by itself.
  const provId = grouped || prov.tone === 'none' ? '' : prov.id;
  return {
    key,
    legend,
    grouped,
    controls: [...(options.hidden ?? []), ...(withErrors(controls, errors) as AnyControl[]).map((c) => reviewControl(c, provId, { isCheckbox: Boolean(c.isCheckbox), checked: Boolean(c.checked) }))],
    prov,
    extras: options.extras ?? [],
  };
}

export interface ReviewSource {
  name: string;
  text: string;
  proposal: AgreementProfileProposal | null;
}

export function buildReviewPage(lang: Language, controller: Controller, source: ReviewSource, body: FormBody, errors: Record<string, string>) {
  const m = ui(lang);
  const p = source.proposal;
  const highlights = new Highlights(source.text, p ? sourcesIn(p) : []);
  const b = new ProvenanceBuilder(m, highlights);
  const yesNo = [{ value: 'yes', label: m.yes }, { value: 'no', label: m.no }];
  const bool = (v: boolean) => (v ? m.yes : m.no);
  const hours = (v: { hours: number | null }) => (v.hours === null ? m.valueImmediately : m.valueHours.replace('{n}', String(v.hours)));
  const fieldLabel = (k: string) => t(lang, `field_${k}` as never);
  const none = b.of('none', '', null, String);

  // Parties and version: not saved, shown so the admin sees whose agreement this is.
  const parties = p
    ? ([
        ['processor', m.party_processor, p.processor, (v: { name: string; kvkNumber: string | null }) => (v.kvkNumber ? `${v.name} (KvK ${v.kvkNumber})` : v.name)],
        ['controller', m.party_controller, p.controller, (v: { name: string; kvkNumber: string | null }) => (v.kvkNumber ? `${v.name} (KvK ${v.kvkNumber})` : v.name)],
        ['version', m.party_version, p.version, (v: { text: string; date: string | null }) => v.text],
      ] as const).map(([key, name, e, show]) => ({
        key: `party-${key}`,
        name,
        value: e.found ? (show as (v: unknown) => string)(e.value) : '',
        prov: b.of(`party-${key}`, name, e as Extracted<unknown>, show as (v: unknown) => string),
      }))
    : [];

  const deadlineProv = p ? b.of('deadline', m.deadlineLegend, p.deadline, hours, p.deadline.found && p.deadline.value.withoutUndueDelay ? [m.withoutUndueDelay] : []) : none;
  const clock = (v: string) => label(m, `clock_${v}`, v);
  const deadlineSection: ReviewSection = {
    id: 'deadline', error: '', heading: m.reviewSectionDeadline, hint: '', notes: [], notesIntro: '',
    items: [
      item('title', m.agreementTitle, p ? b.of('title', m.agreementTitle, p.processor, (v) => v.name) : none, [input(body, 'title', m.agreementTitle)], errors),
      item('deadline', m.deadlineLegend, deadlineProv, [
        choices(body, 'deadlineMode', m.deadlineModeLegend, [{ value: 'hours', label: m.deadlineModeHours }, { value: 'immediately', label: m.deadlineModeImmediately }], 'radio'),
        input(body, 'deadlineHours', m.deadlineHoursCount, 'number'),
        input(body, 'deadlineClause', m.deadlineClause),
      ], errors, { grouped: true }),
      item('clockStart', m.clockStart, p ? b.of('clockStart', m.clockStart, p.clockStart, clock) : none, [
        choices(body, 'clockStart', m.clockStart, ['processor_discovery', 'first_discovery', 'establishment'].map((v) => ({ value: v, label: clock(v) })), 'radio'),
      ], errors),
      item('notifySuspicion', m.notifySuspicion, p ? b.of('notifySuspicion', m.notifySuspicion, p.notifySuspicion, bool) : none, [choices(body, 'notifySuspicion', m.notifySuspicion, yesNo, 'radio')], errors),
      item('regardlessOfImpact', m.regardlessOfImpact, p ? b.of('regardlessOfImpact', m.regardlessOfImpact, p.regardlessOfImpact, bool) : none, [choices(body, 'regardlessOfImpact', m.regardlessOfImpact, yesNo, 'radio')], errors),
      item('triggerText', m.triggerText, none, [textarea(body, 'triggerText', m.triggerText)], errors),
      item('escalationRule', m.escalationRule, p ? b.of('escalationRule', m.escalationRule, p.escalation, (v) => v.text) : none, [textarea(body, 'escalationRule', m.escalationRule)], errors),
    ],
  };

  // Required fields: one checkbox each, with the list item that asks for it.
  const requiredControl = withErrors([choices(body, 'requiredFields', m.requiredFields, NOTICE_FIELD_KEYS.map((k) => ({ value: k, label: fieldLabel(k) })), 'checkbox')], errors)[0];
  const requiredProv = p ? b.of('requiredFields', m.requiredFields, p.requiredFields, (v) => v.map(fieldLabel).join(', ')) : none;
  const required = reviewControl(requiredControl, requiredProv.id);
  required.options = required.options.map((o) => {
    const hit = p?.requiredFieldHits.find((h) => h.key === o.value);
    return { ...o, source: hit ? b.link(hit.source, 'requiredFields', m.requiredFields) : null };
  });
  const extraItems = (p?.extraItems ?? []).map((x) => ({ label: label(m, `extra_${x.item}`, x.item), source: b.link(x.source, 'requiredFields', m.requiredFields) }));
  const languageProv = p ? b.fixed('language', m.provFound, [m.languageDetected]) : none;
  const contentSection: ReviewSection = {
    id: 'content', error: '', heading: m.reviewSectionContent, hint: '', notes: [], notesIntro: '',
    items: [
      { key: 'requiredFields', legend: m.requiredFields, grouped: false, controls: [required], prov: requiredProv, extras: extraItems },
      item('language', m.agreementLanguage, languageProv, [choices(body, 'language', m.agreementLanguage, [{ value: 'nl', label: m.language_nl }, { value: 'en', label: m.language_en }], 'radio')], errors),
    ],
  };

  const defaultsSection: ReviewSection = {
    id: 'defaults', error: '', heading: m.reviewSectionDefaults, hint: m.reviewDefaultsHint, notes: [], notesIntro: '',
    items: [
      item('ackWindowHours', m.ackWindowHours, b.fixed('ackWindowHours', m.provDefault), [input(body, 'ackWindowHours', m.ackWindowHours, 'number')], errors),
      item('warningShares', m.warningShares, b.fixed('warningShares', m.provDefault), [textarea(body, 'warningShares', m.warningShares, { hint: m.warningSharesHint })], errors),
    ],
  };

  // Contacts: one group per row; stand-ins chosen among the other rows.
  const rows = rowsOf(body, 'contact');
  const proposed = p?.contacts.found ? p.contacts.value : [];
  const roleOptions = ['breach_contact', 'dpo', 'iso', 'director', 'support_desk'].map((v) => ({ value: v, label: label(m, `contact_${v}`, v) }));
  const keyName = (row: number, n: number) => str(body, contactField(row, 'name')) || m.contactLegend.replace('{n}', String(n));
  const contactItems = rows.map((row, n) => {
    const key = str(body, contactField(row, 'key'));
    const isNew = /^new\d*$/.test(key);
    const legend = isNew ? m.contactNewLegend : m.contactLegend.replace('{n}', String(n + 1));
    const others = rows.map((r, i) => ({ r, i })).filter(({ r }) => r !== row && !/^new\d*$/.test(str(body, contactField(r, 'key'))));
    const f = (c: Parameters<typeof contactField>[1]) => contactField(row, c);
    const itemKey = `contact-${row}`;
    const incomplete = !str(body, f('name')) || !str(body, f('email'));
    const prov = b.contact(itemKey, legend, proposed.find((c) => c.key === key), incomplete);
    return item(itemKey, legend, prov, [
      input(body, f('name'), m.colName, 'text', { autocomplete: 'off' }),
      select(body, f('role'), m.contactRole, roleOptions),
      input(body, f('email'), m.email, 'email', { autocomplete: 'off' }),
      input(body, f('phone'), m.phone, 'tel'),
      input(body, f('mobile'), m.mobile, 'tel'),
      input(body, f('order'), m.position, 'number'),
      select(body, f('standInForKey'), m.standInFor, [{ value: '', label: m.nobody }, ...others.map(({ r, i }) => ({ value: str(body, contactField(r, 'key')), label: keyName(r, i + 1) }))]),
      checkbox(body, f('receives'), m.contactReceives),
      ...(isNew ? [] : [checkbox(body, f('leaveOut'), m.contactLeaveOut)]),
    ], errors, { grouped: true, hidden: [hidden(body, f('key'))] });
  });
  const recipients = new Set(rows.map((r) => str(body, contactField(r, 'key'))));
  const otherContacts = proposed
    .filter((c) => !recipients.has(c.key))
    .map((c) => ({
      label: [c.roleLabel, c.name, c.email, c.phone, c.mobile].filter(Boolean).join(' · '),
      source: b.link(c.source, 'contacts', m.reviewSectionContacts),
    }));
  const contactsError = errors.contacts ?? '';
  const contactsSection: ReviewSection = {
    id: 'contacts', error: contactsError, heading: m.reviewSectionContacts, hint: m.reviewContactsHint, items: contactItems,
    notes: otherContacts, notesIntro: otherContacts.length ? m.otherContacts : '',
  };

  // Annex: sub-processors (rows), categories, retention.
  const subRows = rowsOf(body, 'sub');
  const subProv = p ? b.of('subProcessors', m.subProcessorsLegend, p.subProcessors, (v) => v.map((s) => s.name).join(', ')) : none;
  const subItems = subRows.map((row, n) => {
    const isNew = n === subRows.length - 1 && !str(body, subField(row, 'name')) && !str(body, subField(row, 'address'));
    const legend = isNew ? m.subProcessorNewLegend : m.subProcessorLegend.replace('{n}', String(n + 1));
    return item(`sub-${row}`, legend, n === 0 ? subProv : { ...none, id: `prov-sub-${row}` }, [
      input(body, subField(row, 'name'), m.subProcessorRowName),
      input(body, subField(row, 'address'), m.subProcessorRowAddress),
    ], errors, { grouped: true });
  });
  const months = (v: number) => m.valueMonths.replace('{n}', String(v));
  const annexSection: ReviewSection = {
    id: 'annex', error: '', heading: m.reviewSectionAnnex, hint: '', notes: [], notesIntro: '',
    items: [
      ...subItems,
      item('dataCategories', m.dataCategories, p ? b.of('dataCategories', m.dataCategories, p.dataCategories, (v) => v.join('; ')) : none, [textarea(body, 'dataCategories', m.dataCategories, { hint: m.onePerLine })], errors),
      item('subjectCategories', m.subjectCategories, p ? b.of('subjectCategories', m.subjectCategories, p.subjectCategories, (v) => v.join('; ')) : none, [textarea(body, 'subjectCategories', m.subjectCategories, { hint: m.onePerLine })], errors),
      item('retentionMonthsAfterEnd', m.retentionMonths, p ? b.of('retentionMonthsAfterEnd', m.retentionMonths, p.retentionMonthsAfterEnd, months) : none, [input(body, 'retentionMonthsAfterEnd', m.retentionMonths, 'number', { hint: m.retentionHint })], errors),
    ],
  };

  const sections = [deadlineSection, contentSection, contactsSection, annexSection, defaultsSection];
  const toCheck = sections.flatMap((s) => s.items).filter((i) => i.prov.flagged).map((i) => ({ href: `#item-${i.key}`, label: i.legend, status: i.prov.status }));
  const errorCount = Object.keys(errors).length;
  const items = sections.flatMap((s) => s.items);
  const errorLinks = Object.entries(errors).map(([field, message]) => {
    const owner = items.find((i) => i.controls.some((c) => c.name === field));
    const control = owner?.controls.find((c) => c.name === field);
    const name = owner ? (control && control.label !== owner.legend && owner.grouped ? `${owner.legend} – ${control.label}` : owner.legend) : field === 'contacts' ? m.reviewSectionContacts : field;
    return { href: owner ? `#item-${owner.key}` : field === 'contacts' ? '#h-contacts' : '#h-profile', label: name, message };
  });
  // What needs a person before this is saved, up front: nobody on the controller's side to
  // notify, contacts of unclear side, contradictions, and defaults the text did not settle.
  const attention: string[] = [];
  if (p) {
    const all = p.contacts.found ? p.contacts.value : [];
    if (!all.some((c) => c.side === 'controller')) attention.push(m.attentionNoControllerContact);
    const unsure = all.filter((c) => c.side === 'unknown').length;
    if (unsure) attention.push(m.attentionSideUnsure.replace('{n}', String(unsure)));
    const names: Record<string, string> = {
      processor: m.party_processor, controller: m.party_controller, deadline: m.deadlineLegend, clockStart: m.clockStart,
      notifySuspicion: m.notifySuspicion, regardlessOfImpact: m.regardlessOfImpact, requiredFields: m.requiredFields,
    };
    const conflicted = (Object.keys(names) as Array<keyof typeof names>).filter((k) => {
      const v = (p as unknown as Record<string, { found: boolean; conflicts?: unknown[] }>)[k];
      return v?.found && Boolean(v.conflicts?.length);
    });
    if (conflicted.length) attention.push(m.attentionConflicts.replace('{fields}', conflicted.map((k) => names[k]).join(', ')));
    const silent = (['notifySuspicion', 'regardlessOfImpact'] as const).filter((k) => !p[k].found);
    if (silent.length) attention.push(m.attentionSaferDefault.replace('{fields}', silent.map((k) => names[k]).join(', ')));
  }
  return {
    attentionHeading: m.reviewNeedsPerson,
    attention,
    title: m.reviewTitle,
    reviewFor: m.reviewFor.replace('{name}', controller.name),
    backHref: `/admin/controllers/${controller.id}/agreement/import`,
    backLabel: m.importTitle,
    action: `/admin/controllers/${controller.id}/agreement`,
    hasErrors: errorCount > 0,
    errorSummary: m.errorSummary.replace('{n}', String(errorCount)),
    errorLinks,
    sourceError: errors.source ?? '',
    parties,
    toCheckHeading: m.reviewToCheck.replace('{n}', String(toCheck.length)),
    toCheck,
    nothingToCheck: toCheck.length === 0 ? m.reviewNothingToCheck : '',
    warnings: p?.warnings ?? [],
    sections,
    // The text exactly as analysed (not trimmed), so the next read gives the same offsets.
    sourceHidden: [{ ...hidden(body, 'sourceName'), value: source.name }, { ...hidden(body, 'sourceText'), value: source.text }],
    hasText: source.text !== '',
    textHeading: `${m.reviewTextHeading} (${source.name})`,
    segments: highlights.segments(),
  };
}

export type ReviewPage = ReturnType<typeof buildReviewPage>;
