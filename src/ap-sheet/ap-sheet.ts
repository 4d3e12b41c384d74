import type { ApReport, StoredRiskAssessment } from '../domain/dpo-records.repository';
import type { Controller, Processor } from '../domain/directory.repository';
import type { IncidentRow, TrackRow } from '../domain/incident.repository';
import { formatDateTime, type Language } from '../i18n/messages';
import { CHAPTERS, pick, word } from './ap-sheet-labels';
import { fieldValues } from './ap-sheet-values';

export interface ApSheetDecision {
  reportToAp: boolean;
  informSubjects: boolean;
  subjectReasons: string;
  apLateReason: string | null;
  decidedBy: { name: string; email: string };
}

/** Everything the sheet is filled from. */
export interface ApSheetFacts {
  incident: IncidentRow;
  track: TrackRow;
  controller: Controller;
  processor: Processor;
  decision: ApSheetDecision | null;
  risk: StoredRiskAssessment | null;
  apReports: ApReport[];
  currentMeldnummer: string | null;
}

export interface ApSheetField {
  key: string;
  label: string;
  /** Ready to copy into the AP's form; null where nothing is on record. */
  value: string | null;
  /** Something the form asks that is not on record yet: fill it in before (or while) reporting. */
  gap: boolean;
}

export interface ApSheet {
  reference: string;
  language: Language;
  controller: string;
  generatedAt: string;
  chapters: Array<{ number: number; key: string; title: string; fields: ApSheetField[] }>;
  gaps: string[];
  history: Array<{ kind: string; kindLabel: string; meldnummer: string; at: string; note: string | null }>;
}

/**
 * The copy-across sheet for the AP's online form, chapters 1–10 in the form's order. Pure:
 * the use case loads the facts, this arranges and words them.
 */
export function buildApSheet(facts: ApSheetFacts, language: Language, now: Date): ApSheet {
  const values = fieldValues(facts, language);
  const chapters = CHAPTERS.map((chapter, index) => ({
    number: index + 1,
    key: chapter.key,
    title: pick(language, chapter.title),
    fields: chapter.fields.map(([key, label]) => {
      const value = values[`${chapter.key}.${key}`] ?? null;
      return { key, label: pick(language, label), value, gap: value === null };
    }),
  }));
  return {
    reference: facts.incident.reference,
    language,
    controller: facts.controller.name,
    generatedAt: now.toISOString(),
    chapters,
    gaps: chapters.flatMap((c) => c.fields.filter((f) => f.gap).map((f) => `${c.key}.${f.key}`)),
    history: facts.apReports.map((r) => ({
      kind: r.kind,
      kindLabel: word(language, r.kind),
      meldnummer: r.meldnummer,
      at: formatDateTime(language, r.at),
      note: r.note,
    })),
  };
}
