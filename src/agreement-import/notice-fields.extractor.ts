import type { ExtraItemHit, ExtraNoticeItem, Extracted, NoticeFieldKey, RequiredFieldHit, SourceRef } from './agreement-profile.types';
import { notFound } from './candidates';
import { lineMatches, sourceOf, type Sentence, type SplitAgreement, type TextLine } from './clause-splitter';
import { BREACH } from './vocabulary';

/**
 * The content a notice must carry. The rules find the clause that introduces a list ("De
 * meldplicht behelst:", "wordt ten minste het volgende meegedeeld", "shall at least
 * contain:") and map each list item onto BRIEF §3's fields; items that ask for more than a
 * field (min–max counts, the period, when a sub-processor knew, encryption) become extra
 * items. "Alle informatie … voor een volledige melding" asks for every field.
 */
export const ALL_NOTICE_FIELDS: NoticeFieldKey[] = [
  'nature', 'cause', 'subjectCategories', 'subjectCount', 'dataCategories', 'specialCategories', 'recordCount',
  'occurred', 'encryption', 'consequences', 'measures', 'contactPoint', 'informedParties',
];

const LIST_INTRO = /\b(behelst|bevat|omvat|vermeldt|ten minste het volgende|tenminste het volgende|in ieder geval|shall (at least )?(contain|include|state|describe)|must (at least )?(contain|include)|at least the following|the following information)\b/i;
const INLINE_INTRO = /\b(omvat|bevat|vermeldt|behelst|met daarin|met (?=de aard)|waaronder|shall (?:at least )?(?:include|contain|describe)|must (?:at least )?(?:include|contain)|including|which includes?|with a description of)\b\s*(?:ten minste|tenminste|at least|minimaal)?\s*:?/i;
const NOTICE_CONTEXT = /\b(meldplicht|melding|kennisgeving|notificatie|notification|notice)\b/i;
const ALL_INFO = /\b(alle informatie|all (the )?information)\b.{0,300}?\b(volledige melding|melding bij|complete notification|notify|report to)\b/i;
const STAGED = /\b(in stappen|gefaseerd|voorlopige melding|in fasen|in phases|in stages|preliminary (notice|notification))\b/i;

// People are not records: "aantal personen / hoeveel mensen" counts data subjects.
const SUBJECTS = /\b(betrokkenen|data subjects|personen|mensen|people|individuals|persons)\b/i;
const DATA = /\b(persoonsgegevens\w*|personal data|records|gegevens|data records)\b/i;
const CATEGORIES = /\b(categorie\w*|categor\w+|soorten|types?|om welke)\b/i;
const COUNT = /\b(aantal\w*|number|numbers|omvang|hoeveel|approximate number)\b/i;

interface ItemRule {
  keys: NoticeFieldKey[];
  extras?: ExtraNoticeItem[];
}

function mapItem(item: string): ItemRule {
  const keys = new Set<NoticeFieldKey>();
  const extras = new Set<ExtraNoticeItem>();
  const measures = /\b(maatregel\w*|measures?)\b/i.test(item);
  if (/\b(aard|nature|type of (the )?breach|wat er (is )?gebeurd|what happened|description of the (breach|incident))\b/i.test(item)) keys.add('nature');
  if (/\b(oorzaak|cause)\b/i.test(item)) keys.add('cause');
  if (CATEGORIES.test(item) && SUBJECTS.test(item)) keys.add('subjectCategories');
  if (CATEGORIES.test(item) && /\b(persoonsgegevens\w*|personal data|gegevens|data records)\b/i.test(item)) keys.add('dataCategories');
  if (COUNT.test(item) && SUBJECTS.test(item)) keys.add('subjectCount');
  if (COUNT.test(item) && DATA.test(item)) keys.add('recordCount');
  if (/\b(bijzondere (categorie\w*|persoonsgegevens)|special categor\w*)\b/i.test(item)) keys.add('specialCategories');
  if (/\b(periode|tijdvak|period|datum|tijdstip|date|when|wanneer)\b/i.test(item) && /\b(plaatsgevonden|voorgedaan|plaatsvond|ontstaan|occurred|happened|took place|gebeurd)\b/i.test(item)) keys.add('occurred');
  if (/\b(versleutel\w*|encrypt\w*|hash\w*|onbegrijpelijk|unintelligible)\b/i.test(item)) { keys.add('encryption'); extras.add('encryption_state'); }
  if (!measures && /\b(gevolg\w*|consequences?|effects)\b/i.test(item)) keys.add('consequences');
  if (measures) keys.add('measures');
  if (/\b(contactgegevens|contactpunt|contactpersoon|functionaris voor gegevensbescherming|contact point|contact details|data protection officer)\b/i.test(item)) keys.add('contactPoint');
  if (/\b(wie (is )?geïnformeerd|geïnformeerd is|who has been informed|informed parties|parties informed)\b/i.test(item)) keys.add('informedParties');
  if (/\b(minimum|maximum|minimaal|maximaal)\b/i.test(item) && COUNT.test(item)) extras.add('count_range');
  if (/\b(periode|tijdvak|period)\b/i.test(item)) extras.add('occurred_period');
  if (/\b(sub-?verwerker\w*|sub-?processor\w*)\b/i.test(item) && /\b(bekend|known|ontdekt|discover\w*|aware)\b/i.test(item)) extras.add('sub_processor_known_at');
  if (/\b(enige andere informatie|alle andere( relevante)? informatie|overige informatie|any other (relevant )?information)\b/i.test(item)) extras.add('open_ended');
  return { keys: [...keys], extras: [...extras] };
}

/** The list items after an intro line: lines of the same clause (or its lettered sub-clauses). */
function itemsAfter(lines: TextLine[], intro: TextLine): TextLine[] {
  const items: TextLine[] = [];
  const base = intro.clause;
  for (let i = lines.indexOf(intro) + 1; i < lines.length; i++) {
    const line = lines[i];
    const sameClause = base !== null && (line.clause === base || line.clause?.startsWith(`${base} `));
    if (!sameClause || line.isHeading) break;
    if (line.listItem || line.clause !== base) items.push(line);
  }
  return items;
}

export interface NoticeFieldsResult {
  requiredFields: Extracted<NoticeFieldKey[]>;
  requiredFieldHits: RequiredFieldHit[];
  extraItems: ExtraItemHit[];
}

const lineSource = (line: TextLine): SourceRef => ({ clause: line.clause, sentence: line.body, start: line.bodyStart, end: line.bodyStart + line.body.length });

export function extractNoticeFields(doc: SplitAgreement): NoticeFieldsResult {
  const hits: RequiredFieldHit[] = [];
  const extras: ExtraItemHit[] = [];
  let intro: Sentence | null = null;
  for (const sentence of doc.sentences) {
    const isIntro = LIST_INTRO.test(sentence.text) && /:\s*$|volgende|following/i.test(sentence.text);
    if (!isIntro) continue;
    const context = NOTICE_CONTEXT.test(sentence.text) || lineMatches(sentence.line, NOTICE_CONTEXT) || lineMatches(sentence.line, BREACH);
    if (!context) continue;
    const items = itemsAfter(doc.lines, sentence.line);
    const mapped = items.map((line) => ({ line, rule: mapItem(line.body) }));
    if (!mapped.some((m) => m.rule.keys.length || m.rule.extras?.length)) continue;
    intro = sentence;
    for (const { line, rule } of mapped) {
      for (const key of rule.keys) if (!hits.some((h) => h.key === key)) hits.push({ key, source: lineSource(line) });
      for (const item of rule.extras ?? []) extras.push({ item, source: lineSource(line) });
    }
    break;
  }
  for (const sentence of doc.sentences) {
    if (STAGED.test(sentence.text) && (lineMatches(sentence.line, NOTICE_CONTEXT) || /informatie|information/i.test(sentence.text))) {
      if (!extras.some((e) => e.item === 'staged_delivery')) extras.push({ item: 'staged_delivery', source: sourceOf(sentence) });
    }
  }
  if (!intro) {
    // "De melding omvat de aard van het incident, de categorieën en aantallen betrokkenen en
    // gegevens, en de genomen maatregelen": the list is inline, each part one item.
    for (const sentence of doc.sentences) {
      const at = INLINE_INTRO.exec(sentence.text);
      if (!at) continue;
      const context = NOTICE_CONTEXT.test(sentence.text) || BREACH.test(sentence.text) || lineMatches(sentence.line, BREACH);
      if (!context) continue;
      const parts = sentence.text.slice(at.index + at[0].length).split(/,|;|\s(?=(?:en|and)\s(?:de|het|the|any|a)\s)|\s(?=\(?[a-z]{1,4}\)\s)/i);
      const mapped = parts.map((part) => mapItem(part)).filter((r) => r.keys.length);
      if (mapped.length < 2) continue;
      intro = sentence;
      for (const rule of mapped) for (const key of rule.keys) if (!hits.some((h) => h.key === key)) hits.push({ key, source: sourceOf(sentence) });
      for (const rule of mapped) for (const item of rule.extras ?? []) extras.push({ item, source: sourceOf(sentence) });
      break;
    }
  }
  if (intro) {
    const keys = hits.map((h) => h.key);
    return { requiredFields: { found: true, value: keys, confidence: 0.85, source: sourceOf(intro) }, requiredFieldHits: hits, extraItems: extras };
  }
  const all = doc.sentences.find((s) => ALL_INFO.test(s.text));
  if (all) {
    const source = sourceOf(all);
    // Asking for everything a full report needs is every field, but it is a reading: say so.
    return {
      requiredFields: { found: true, value: [...ALL_NOTICE_FIELDS], confidence: 0.6, source },
      requiredFieldHits: ALL_NOTICE_FIELDS.map((key) => ({ key, source })),
      extraItems: extras,
    };
  }
  return { requiredFields: notFound('No clause lists what a notice must contain.'), requiredFieldHits: [], extraItems: extras };
}
