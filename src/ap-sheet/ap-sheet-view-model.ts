import type { Language } from '../i18n/messages';
import { formatDateTime } from '../i18n/messages';
import type { ApSheet } from './ap-sheet';
import { word } from './ap-sheet-labels';

const WORDS = {
  nl: {
    title: 'Meldformulier AP – kopieerblad',
    intro: 'Neem de velden over in het online meldformulier van de Autoriteit Persoonsgegevens, in deze volgorde. Gemarkeerde velden ontbreken nog.',
    gaps: 'Nog in te vullen',
    history: 'Geschiedenis van de melding bij de AP',
    noHistory: 'Nog niet gemeld bij de AP.',
    generated: 'Gemaakt op',
    otherLanguage: 'English labels',
  },
  en: {
    title: 'AP report form – copy sheet',
    intro: "Copy the fields into the Dutch DPA's (Autoriteit Persoonsgegevens) online form, in this order. Marked fields are still missing.",
    gaps: 'Still to fill in',
    history: 'History of the report to the AP',
    noHistory: 'Not reported to the AP yet.',
    generated: 'Generated on',
    otherLanguage: 'Nederlandse labels',
  },
} as const;

/** Everything the printable page prints, prepared: the template only lays it out. */
export function apSheetPageView(sheet: ApSheet, trackId: string) {
  const lang: Language = sheet.language;
  const w = WORDS[lang];
  return {
    language: lang,
    title: `${w.title} ${sheet.reference}`,
    heading: `${w.title} · ${sheet.reference}`,
    subheading: sheet.controller,
    intro: w.intro,
    gapCount: sheet.gaps.length,
    gapsLabel: w.gaps,
    chapters: sheet.chapters.map((c) => ({
      title: c.title,
      fields: c.fields.map((f) => ({ label: f.label, text: f.value ?? word(lang, 'gap'), rowClass: f.gap ? 'gap' : 'filled' })),
    })),
    historyTitle: w.history,
    history: sheet.history.map((h) => ({ ...h, note: h.note ?? '' })),
    hasHistory: sheet.history.length > 0,
    noHistory: w.noHistory,
    generated: `${w.generated} ${formatDateTime(lang, sheet.generatedAt)}`,
    otherLanguageLink: `/api/tracks/${trackId}/ap-sheet?format=html&lang=${lang === 'nl' ? 'en' : 'nl'}`,
    otherLanguage: w.otherLanguage,
  };
}
