import type { ApSheetFacts } from '../ap-sheet/ap-sheet';
import { formatDateTime, t, type Language } from '../i18n/messages';

/**
 * The values of the draft message to data subjects (GDPR art. 34(2)): in plain language the
 * nature of the breach, who to contact, the likely consequences and the measures taken or
 * proposed, including what people can do themselves. What is not on record becomes a
 * visible placeholder and is listed in `missing`, so the controller cannot miss it.
 */
const WORDS = {
  nl: {
    subject: 'Belangrijk: inbreuk op uw persoonsgegevens bij {controller}',
    salutation: 'heer/mevrouw',
    fill: '[AANVULLEN: {what}]',
    unknownWhen: 'nog niet precies bekend',
    planned: 'Verder zijn wij van plan: {planned}',
    advice: 'Wees alert op berichten, e-mails of telefoontjes die om gegevens, wachtwoorden of betalingen vragen; klik niet op onverwachte links. Heeft u een wachtwoord bij ons gebruikt, wijzig het dan ook waar u hetzelfde wachtwoord gebruikt.',
    dpo: 'functionaris gegevensbescherming',
    what: { whatHappened: 'wat er gebeurde', dataCategories: 'welke gegevens', consequences: 'de mogelijke gevolgen', measuresTaken: 'de genomen maatregelen', contact: 'een contactpersoon' },
  },
  en: {
    subject: 'Important: a breach involving your personal data at {controller}',
    salutation: 'Sir or Madam',
    fill: '[TO FILL IN: {what}]',
    unknownWhen: 'not yet known exactly',
    planned: 'We also plan to: {planned}',
    advice: 'Be alert to messages, e-mails or calls asking for data, passwords or payments; do not click unexpected links. If you used a password with us, also change it wherever you use the same password.',
    dpo: 'data protection officer',
    what: { whatHappened: 'what happened', dataCategories: 'which data', consequences: 'the possible consequences', measuresTaken: 'the measures taken', contact: 'a contact person' },
  },
} as const;

export interface DataSubjectDraftView {
  subject: string; salutation: string; controllerName: string; whatHappened: string; when: string; dataCategories: string;
  consequences: string; measuresTaken: string; measuresPlanned: string; advice: string; contactName: string; contactRole: string; contactDetails: string;
}

export function dataSubjectDraftView(facts: ApSheetFacts, lang: Language): { view: DataSubjectDraftView; missing: string[] } {
  const w = WORDS[lang];
  const missing: string[] = [];
  const fields = facts.incident.fields as Record<string, any>;
  const need = (key: keyof typeof w.what, value: string | null | undefined): string => {
    if (value) return value;
    missing.push(key);
    return w.fill.replace('{what}', w.what[key]);
  };
  const kinds = fields.nature ? (fields.nature.kinds as string[]).map((k) => t(lang, `kind_${k}` as 'kind_integrity')).join(', ') : null;
  const dpo = facts.controller.agreement?.contacts.find((k) => k.role === 'dpo');
  return {
    view: {
      subject: w.subject.replace('{controller}', facts.controller.name),
      salutation: w.salutation,
      controllerName: facts.controller.name,
      whatHappened: need('whatHappened', [fields.nature?.description ?? facts.incident.summary, kinds ? `(${kinds})` : null].filter(Boolean).join(' ')),
      when: fields.occurred?.from ? formatDateTime(lang, fields.occurred.from) : w.unknownWhen,
      dataCategories: need('dataCategories', fields.dataCategories?.length ? (fields.dataCategories as string[]).join(', ') : null),
      consequences: need('consequences', fields.consequences),
      measuresTaken: need('measuresTaken', fields.measures?.taken),
      measuresPlanned: fields.measures?.planned ? w.planned.replace('{planned}', fields.measures.planned) : '',
      advice: w.advice,
      contactName: need('contact', dpo?.name),
      contactRole: dpo ? w.dpo : '',
      contactDetails: dpo ? [dpo.email, dpo.phone ?? dpo.mobile].filter(Boolean).join(', ') : '',
    },
    missing,
  };
}
