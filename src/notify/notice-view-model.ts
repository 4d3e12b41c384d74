import type { NoticeContent } from '../domain/notice-content';
import { NOTICE_FIELD_KEYS, type FieldChange } from '../domain/notice-fields';
import { formatDateTime, hasMessage, t, type Language } from '../i18n/messages';

/**
 * Everything a notice template prints, prepared here: templates hold no logic.
 */
export interface NoticeRow {
  label: string;
  value: string;
  notYetKnown: boolean;
}

export interface NoticeView {
  language: Language;
  subject: string;
  heading: string;
  intro: string;
  facts: NoticeRow[];
  rows: NoticeRow[];
  hasChanges: boolean;
  changesHeading: string;
  changes: Array<{ label: string; text: string }>;
  lateReason: NoticeRow | null;
  ackIntro: string;
  ackLabel: string;
  ackUrl: string;
  contactUs: string;
}

type Count = { exact: number } | { min: number; max: number };

/** One field's value in words; `null` when not yet known. */
export function formatField(language: Language, key: string, value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const words = (prefix: string, items: string[]) => items.map((i) => (hasMessage(`${prefix}_${i}`) ? t(language, `${prefix}_${i}` as never) : i));
  switch (key) {
    case 'nature': {
      const v = value as { kinds: string[]; actions?: string[]; description?: string };
      const parts = [words('kind', v.kinds).join(', ')];
      if (v.actions?.length) parts.push(words('action', v.actions).join(', '));
      if (v.description) parts.push(v.description);
      return parts.join('; ');
    }
    case 'subjectCount':
    case 'recordCount': {
      const v = value as Count;
      return 'exact' in v ? v.exact.toLocaleString(language === 'nl' ? 'nl-NL' : 'en-GB') : `${v.min.toLocaleString(language === 'nl' ? 'nl-NL' : 'en-GB')} – ${v.max.toLocaleString(language === 'nl' ? 'nl-NL' : 'en-GB')}`;
    }
    case 'occurred': {
      const v = value as { from: string; until?: string };
      return v.until
        ? `${t(language, 'from')} ${formatDateTime(language, v.from)} ${t(language, 'until')} ${formatDateTime(language, v.until)}`
        : formatDateTime(language, v.from);
    }
    case 'encryption': {
      const v = value as { state: string; description?: string };
      return [words('encryption', [v.state])[0], v.description].filter(Boolean).join('; ');
    }
    case 'measures': {
      const v = value as { taken: string; planned?: string };
      return v.planned ? `${v.taken} (${t(language, 'measuresPlanned')}: ${v.planned})` : v.taken;
    }
    case 'contactPoint': {
      const v = value as { name: string; role: string; email: string; phone: string };
      return `${v.name} (${v.role}), ${v.email}, ${v.phone}`;
    }
    case 'specialCategories':
      return (value as string[]).length === 0 ? t(language, 'none') : (value as string[]).join(', ');
    case 'discoveredAt':
    case 'subProcessorDiscoveredAt':
      return formatDateTime(language, value as string);
    case 'suspicion':
      return t(language, value ? 'yes' : 'no');
    default:
      return Array.isArray(value) ? value.join(', ') : String(value);
  }
}

function row(language: Language, label: string, value: string | null): NoticeRow {
  return { label, value: value ?? t(language, 'notYetKnown'), notYetKnown: value === null };
}

const VARIANTS: Partial<Record<NoticeContent['kind'], 'Final' | 'Supplement' | 'Confirmation' | 'Retraction'>> = {
  final: 'Final', supplement: 'Supplement', confirmation: 'Confirmation', retraction: 'Retraction',
};

export function buildNoticeView(content: NoticeContent, changes: FieldChange[], recipientName: string, ackUrl: string): NoticeView {
  const lang = content.language;
  const names = { reference: content.reference, processor: content.processorName, controller: content.controllerName, contact: recipientName, version: content.version };
  const variant = VARIANTS[content.kind] ?? (content.preliminary ? 'Preliminary' : content.suspicion ? 'Suspicion' : 'Initial');
  const subjectKey = `subject${variant}` as const;
  const headingKey = `heading${variant}` as const;
  const introKey = variant === 'Initial' || variant === 'Supplement' ? 'intro' : (`intro${variant}` as const);
  // A suspicion does not start the controller's 72 hours (EDPB 9/2022): every notice that is still about one says so.
  const termNote = content.suspicion && content.kind !== 'retraction' ? ` ${t(lang, 'suspicionTerm')}` : '';
  const facts = [
    row(lang, t(lang, 'reference'), content.reference),
    row(lang, t(lang, 'version'), String(content.version)),
    row(lang, t(lang, 'summary'), content.summary),
    row(lang, t(lang, 'discoveredAt'), formatDateTime(lang, content.discoveredAt)),
    ...(content.discoveredBy === 'sub_processor'
      ? [row(lang, t(lang, 'discoveredBySubProcessor', { name: content.subProcessorName ?? '' }), content.subProcessorDiscoveredAt ? formatDateTime(lang, content.subProcessorDiscoveredAt) : null)]
      : []),
    row(lang, t(lang, 'deadline'), content.notifyDeadlineAt
      ? `${content.deadlineRule}${content.deadlineClause ? ` (art. ${content.deadlineClause})` : ''}, ${t(lang, 'deadlineAt', { at: formatDateTime(lang, content.notifyDeadlineAt) })}`
      : content.deadlineRule),
  ];
  const rows = NOTICE_FIELD_KEYS.map((key) => row(lang, t(lang, `field_${key}`), formatField(lang, key, content.fields[key])));
  const cp = content.contactPoint;
  return {
    language: lang,
    subject: t(lang, subjectKey, names),
    heading: t(lang, headingKey),
    intro: t(lang, introKey, { ...names, reason: content.retractReason ?? '' }) + termNote,
    facts,
    rows,
    hasChanges: changes.length > 0,
    changesHeading: t(lang, 'changesHeading'),
    changes: changes.map((c) => ({
      label: hasMessage(`field_${c.field}`) ? t(lang, `field_${c.field}` as never) : c.field,
      text: t(lang, 'changeFromTo', {
        from: formatField(lang, c.field, c.from) ?? t(lang, 'notYetKnown'),
        to: formatField(lang, c.field, c.to) ?? t(lang, 'notYetKnown'),
      }),
    })),
    lateReason: content.lateReason ? row(lang, t(lang, 'lateReason'), content.lateReason) : null,
    ackIntro: t(lang, 'ackIntro'),
    ackLabel: t(lang, 'ackButton'),
    ackUrl,
    contactUs: t(lang, 'contactUs', { name: cp.name, role: cp.role, email: cp.email, phone: cp.phone }),
  };
}

/** The SMS: reference, our name, the controller's name and the link. No personal data. */
export function buildSmsView(content: NoticeContent, ackUrl: string): { text: string } {
  // "… voor De Vonk B.V. Lees …", not "B.V.. Lees".
  const controllerEnd = content.controllerName.endsWith('.') ? content.controllerName : `${content.controllerName}.`;
  const names = { reference: content.reference, processor: content.processorName, controllerEnd, version: content.version, link: ackUrl };
  return { text: t(content.language, content.kind === 'initial' ? 'sms' : 'smsSupplement', names) };
}
