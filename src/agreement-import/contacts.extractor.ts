import type { ContactProposal, EscalationRule, Extracted } from './agreement-profile.types';
import { decide, notFound } from './candidates';
import { sourceOf, sourceOfLines, type SplitAgreement, type TextLine } from './clause-splitter';
import { looksLikeName, roleOf } from './contact-roles';
import { noticeSentences } from './deadline.extractor';
import { EMAIL, parsePhone } from './phone-numbers';
import { CONTROLLER_SIDE, PROCESSOR_SIDE, STAND_IN } from './vocabulary';

/**
 * Contacts from the annex and from the notice clause:
 * - tables (tab-separated columns, as annexes are pasted): one contact per column, the
 *   column headers or the label lines above ("Primair aanspreekpunt Verwerker:", "Bij
 *   afwezigheid:") give side and stand-in; "*Naam" placeholders mark blanks to be filled in;
 * - blocks: a label line ("Primaire melding:") followed by a name, an e-mail and a phone;
 * - "meldt … via Edwin Thier of via de Security Officer": the processor's own senders.
 * Phone numbers go to E.164; a mobile number (06…) is kept apart because only it takes SMS.
 */
type Draft = Omit<ContactProposal, 'key' | 'order' | 'standInForKey'> & { standInFor: Draft | null };

const PLACEHOLDER = /^\*\s*(naam|name|e-?mail|telefoon|phone|tel|mobiel|mobile|gsm)\b/i;

function sideOf(text: string, processorName: string | null): ContactProposal['side'] | null {
  if (CONTROLLER_SIDE.test(text)) return 'controller';
  if (PROCESSOR_SIDE.test(text)) return 'processor';
  if (processorName) {
    const core = processorName.replace(/\s*\b(B\.?V\.?|N\.?V\.?|Ltd\.?|GmbH)\s*$/i, '').trim();
    if (core.length > 3 && text.toLowerCase().includes(core.toLowerCase())) return 'processor';
  }
  return null;
}

function emptyDraft(source: ContactProposal['source'], confidence: number): Draft {
  return { side: 'unknown', role: 'breach_contact', roleLabel: '', name: null, email: null, phone: null, mobile: null, blank: false, confidence, source, standInFor: null };
}

function fill(draft: Draft, cell: string): boolean {
  const text = cell.trim();
  if (!text) return false;
  if (PLACEHOLDER.test(text)) return (draft.blank = true);
  const email = EMAIL.exec(text);
  if (email) return Boolean((draft.email ??= email[0]));
  const phone = parsePhone(text);
  if (phone) {
    if (phone.mobile) draft.mobile ??= phone.e164;
    else draft.phone ??= phone.e164;
    return true;
  }
  if (looksLikeName(text) && !draft.name) return Boolean((draft.name = text));
  return false;
}

function labelsAbove(lines: TextLine[], at: number): TextLine[] {
  const labels: TextLine[] = [];
  for (let i = at - 1; i >= 0 && labels.length < 3; i--) {
    if (!/:\s*$/.test(lines[i].body) || lines[i].raw.includes('\t')) break;
    labels.unshift(lines[i]);
  }
  return labels;
}

function fromTable(doc: SplitAgreement, rows: TextLine[], processorName: string | null): Draft[] {
  const cells = rows.map((r) => r.raw.replace(/\s+$/, '').split('\t').map((c) => c.trim()));
  const width = Math.max(...cells.map((r) => r.length));
  const columns = [...Array(width).keys()].filter((c) => cells.some((r) => (r[c] ?? '') !== ''));
  const headerRows = cells.filter((r) => r.every((c) => c === '' || /:\s*$/.test(c)));
  const labels = labelsAbove(doc.lines, doc.lines.indexOf(rows[0])).map((l) => l.body);
  const headers = columns.map((c, i) => [...headerRows.map((r) => r[c] ?? ''), labels.length === columns.length ? labels[i] : labels.join(' ')].join(' ').trim());
  const tableSide = headers.map((h) => sideOf(h, processorName)).find((s) => s !== null) ?? 'unknown';
  const source = sourceOfLines(doc.text, rows[0], rows[rows.length - 1]);
  const drafts: Draft[] = [];
  const standIn: boolean[] = [];
  columns.forEach((c, i) => {
    const draft = emptyDraft(source, 0.85);
    let roleCell: string | null = null;
    for (const row of cells) {
      const cell = row[c] ?? '';
      if (/:\s*$/.test(cell)) continue;
      if (!fill(draft, cell) && cell && !roleCell && roleOf(cell) && cell.length < 40) roleCell = cell;
    }
    const role = roleOf(roleCell ?? '') ?? roleOf(headers[i]);
    draft.role = role?.role ?? 'breach_contact';
    draft.roleLabel = roleCell ?? role?.label ?? headers[i].replace(/:\s*$/, '');
    draft.side = sideOf(headers[i], processorName) ?? tableSide;
    draft.blank = draft.blank && !draft.name && !draft.email && !draft.phone && !draft.mobile;
    if (!draft.blank && !draft.name && !draft.email && !draft.phone && !draft.mobile && !roleCell) return;
    drafts.push(draft);
    standIn.push(STAND_IN.test(headers[i]));
  });
  const primary = drafts.find((_, i) => !standIn[i]) ?? null;
  drafts.forEach((d, i) => {
    if (standIn[i] && d !== primary) d.standInFor = primary;
  });
  return drafts;
}

function fromBlock(doc: SplitAgreement, label: TextLine, values: TextLine[], processorName: string | null): Draft | null {
  const draft = emptyDraft(sourceOfLines(doc.text, label, values[values.length - 1]), 0.85);
  let firstText: string | null = null;
  for (const v of values) if (!fill(draft, v.body) && !firstText) firstText = v.body;
  if (!draft.email && !draft.phone && !draft.mobile) return null;
  draft.name ??= firstText;
  const role = roleOf(draft.name ?? '') ?? roleOf(label.body);
  draft.role = role?.role ?? 'breach_contact';
  draft.roleLabel = label.body.replace(/:\s*$/, '');
  draft.side = sideOf(`${draft.name ?? ''} ${label.body}`, processorName) ?? 'unknown';
  return draft;
}

function annexDrafts(doc: SplitAgreement, processorName: string | null): Draft[] {
  const drafts: Draft[] = [];
  const lines = doc.lines;
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].raw.includes('\t')) {
      let j = i;
      while (j + 1 < lines.length && lines[j + 1].raw.includes('\t') && lines[j + 1].index === lines[j].index + 1) j++;
      const rows = lines.slice(i, j + 1);
      if (rows.some((r) => EMAIL.test(r.raw) || PLACEHOLDER.test(r.raw.trim()) || r.raw.split('\t').some((c) => parsePhone(c) !== null))) {
        drafts.push(...fromTable(doc, rows, processorName));
      }
      i = j;
      continue;
    }
    if (/:\s*$/.test(lines[i].body) && lines[i].body.length < 80) {
      const values: TextLine[] = [];
      for (let j = i + 1; j < lines.length && values.length < 4; j++) {
        const b = lines[j].body;
        if (lines[j].raw.includes('\t') || /:\s*$/.test(b) || b.length > 80 || /[.!?]$/.test(b) && !EMAIL.test(b)) break;
        values.push(lines[j]);
      }
      const draft = values.length ? fromBlock(doc, lines[i], values, processorName) : null;
      if (draft) {
        drafts.push(draft);
        i += values.length;
      }
    }
  }
  return drafts;
}

function viaDrafts(doc: SplitAgreement): Draft[] {
  const drafts: Draft[] = [];
  for (const s of noticeSentences(doc.sentences)) {
    const at = s.text.search(/\bvia\b/i);
    if (at < 0) continue;
    const segments = s.text.slice(at).split(/\b(?:of|or|en|and)?\s*via\b/i).map((p) => p.trim().replace(/[.;,]+$/, '').replace(/^(de|het|the)\s+/i, '')).filter(Boolean);
    for (const segment of segments) {
      const draft = emptyDraft(sourceOf(s), 0.7);
      draft.side = 'processor';
      const role = roleOf(segment);
      if (role) Object.assign(draft, { role: role.role, roleLabel: role.label });
      else if (looksLikeName(segment)) Object.assign(draft, { name: segment, roleLabel: segment });
      else continue;
      drafts.push(draft);
    }
  }
  return drafts;
}

export function extractContacts(doc: SplitAgreement, processorName: string | null): Extracted<ContactProposal[]> {
  const drafts = [...annexDrafts(doc, processorName), ...viaDrafts(doc)].sort((a, b) => a.source.start - b.source.start);
  if (drafts.length === 0) return notFound('No annex lists contacts (names, e-mail addresses, phone numbers), and no clause names who notifies.');
  const keys = new Map(drafts.map((d, i) => [d, `c${i + 1}`]));
  const contacts: ContactProposal[] = drafts.map(({ standInFor, ...d }, i) => ({
    key: keys.get(drafts[i])!,
    ...d,
    standInForKey: standInFor ? keys.get(standInFor) ?? null : null,
    order: i + 1,
  }));
  const first = contacts[0];
  return { found: true, value: contacts, confidence: Math.min(...contacts.map((c) => c.confidence)), source: first.source };
}

const UNREACHABLE = /\b(niet bereikbaar|onbereikbaar|not (be )?reachable|unreachable|cannot be reached|can ?not be contacted)\b/i;

const PERSON = /\b(contactpersoon|contactpunt|aanspreekpunt|contact person|contact point|contact|FG|DPO|functionaris)\b/i;

/** "Mocht deze contactpersoon niet bereikbaar zijn, … de bestuurder van de klant informeren." */
export function extractEscalation(doc: SplitAgreement): Extracted<EscalationRule> {
  // Servers are unreachable too: only a person or contact point who cannot be reached escalates.
  const hits = doc.sentences.filter((s) => UNREACHABLE.test(s.text) && PERSON.test(s.text)).map((s) => {
    const after = s.text.slice(s.text.search(UNREACHABLE));
    const role = roleOf(after)?.role ?? 'breach_contact';
    return { value: { role, text: s.text }, confidence: 0.75, source: sourceOf(s) };
  });
  return decide(hits, 'The text names nobody to inform when the designated contact cannot be reached.', (a, b) => a.role === b.role);
}
