import type { Language } from '../i18n/messages';

/**
 * What the internal alerts say. Placeholders: {reference}, {controller}, {deadline}, {rule},
 * {contact}, {channel}, {step}, {apDeadline}, {link}. The SMS variants carry no personal data.
 */
export type AlertKind =
  | 'deadline_warning'
  | 'due_now'
  | 'overdue'
  | 'notice_failed'
  | 'notice_unknown'
  | 'escalated'
  | 'no_stand_in'
  | 'dpo_reminder';

interface AlertText {
  subject: string;
  lines: string[];
  sms?: string;
}

const nl: Record<AlertKind, AlertText> = {
  deadline_warning: {
    subject: 'Termijn loopt: datalek {reference} voor {controller}, uiterlijk {deadline}',
    lines: ['De melding aan {controller} moet uiterlijk {deadline} verstuurd zijn ({rule}).', 'Er is nog geen melding verstuurd.'],
  },
  due_now: {
    subject: 'Melding nu vereist: datalek {reference} voor {controller}',
    lines: ['De overeenkomst met {controller} eist een melding {rule}.', 'Er is nog geen melding verstuurd.'],
  },
  overdue: {
    subject: 'TERMIJN VERSTREKEN: datalek {reference} voor {controller}',
    lines: ['De termijn voor de melding aan {controller} is verstreken op {deadline} ({rule}).', 'Verstuur de melding nu en geef de reden van de vertraging op.'],
    sms: 'Meldplicht: termijn verstreken voor datalek {reference} ({controller}). Zie {link}',
  },
  notice_failed: {
    subject: 'Melding niet afgeleverd: {reference} aan {contact} ({channel})',
    lines: ['De melding {reference} kon niet worden afgeleverd aan {contact} via {channel}.', 'Waar mogelijk gaat de melding via het andere kanaal of naar de vervanger; controleer of {controller} bereikt is.'],
  },
  notice_unknown: {
    subject: 'Controleer handmatig: melding {reference} aan {contact} ({channel})',
    lines: ['Het versturen van melding {reference} aan {contact} via {channel} is onderbroken; of de melding is aangekomen is onbekend.', 'Meldplicht verstuurt deze melding niet automatisch opnieuw. Ga na of {controller} haar ontving.'],
  },
  escalated: {
    subject: 'Niet bevestigd: melding {reference} doorgezet naar {step}',
    lines: ['De melding {reference} aan {controller} is niet binnen de afgesproken tijd bevestigd.', 'Zij is nu ook verstuurd naar: {contact}.'],
  },
  no_stand_in: {
    subject: 'Niet bevestigd en niemand meer op de lijst: melding {reference} ({controller})',
    lines: ['De melding {reference} aan {controller} is niet bevestigd en de bijlage noemt geen {step}.', 'Neem telefonisch contact op met {controller}.'],
  },
  dpo_reminder: {
    subject: 'Herinnering: uw 72-uurstermijn voor datalek {reference} loopt af op {apDeadline}',
    lines: ['Er is nog geen besluit vastgelegd over een melding aan de Autoriteit Persoonsgegevens.', 'Uw termijn van 72 uur loopt af op {apDeadline}.'],
  },
};

const en: Record<AlertKind, AlertText> = {
  deadline_warning: {
    subject: 'Deadline running: breach {reference} for {controller}, at the latest {deadline}',
    lines: ['The notice to {controller} must be sent by {deadline} ({rule}).', 'No notice has been sent yet.'],
  },
  due_now: {
    subject: 'Notice due now: breach {reference} for {controller}',
    lines: ['The agreement with {controller} requires a notice {rule}.', 'No notice has been sent yet.'],
  },
  overdue: {
    subject: 'DEADLINE PASSED: breach {reference} for {controller}',
    lines: ['The deadline for the notice to {controller} passed at {deadline} ({rule}).', 'Send the notice now and give the reason for the delay.'],
    sms: 'Meldplicht: deadline passed for breach {reference} ({controller}). See {link}',
  },
  notice_failed: {
    subject: 'Notice not delivered: {reference} to {contact} ({channel})',
    lines: ['Notice {reference} could not be delivered to {contact} by {channel}.', 'Where possible it goes by the other channel or to the stand-in; check that {controller} was reached.'],
  },
  notice_unknown: {
    subject: 'Check by hand: notice {reference} to {contact} ({channel})',
    lines: ['Sending notice {reference} to {contact} by {channel} was interrupted; whether it arrived is unknown.', 'Meldplicht does not resend it automatically. Check whether {controller} received it.'],
  },
  escalated: {
    subject: 'Not acknowledged: notice {reference} passed on to {step}',
    lines: ['Notice {reference} to {controller} was not acknowledged in the agreed time.', 'It has now also been sent to: {contact}.'],
  },
  no_stand_in: {
    subject: 'Not acknowledged and nobody left to try: notice {reference} ({controller})',
    lines: ['Notice {reference} to {controller} was not acknowledged and the annex names no {step}.', 'Call {controller}.'],
  },
  dpo_reminder: {
    subject: 'Reminder: your 72-hour term for breach {reference} ends at {apDeadline}',
    lines: ['No decision on reporting to the Dutch DPA (Autoriteit Persoonsgegevens) has been recorded yet.', 'Your 72-hour term ends at {apDeadline}.'],
  },
};

const fill = (text: string, values: Record<string, string>) => text.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? `{${k}}`);

export function alertText(language: Language, kind: AlertKind, values: Record<string, string>): { subject: string; lines: string[]; sms: string } {
  const entry = (language === 'en' ? en : nl)[kind];
  const subject = fill(entry.subject, values);
  return {
    subject,
    lines: entry.lines.map((line) => fill(line, values)),
    // Without an SMS text of its own, the SMS says only what the subject says, with the link.
    sms: entry.sms ? fill(entry.sms, values) : `Meldplicht: ${fill(entry.subject.split(':')[0], values)} ${values.reference}. ${values.link}`,
  };
}
