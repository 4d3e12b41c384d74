import type { Controller } from '../../../domain/directory.repository';
import { NOTICE_FIELD_KEYS, type NoticeFieldKey } from '../../../domain/notice-fields';
import { t, type Language } from '../../../i18n/messages';
import { ui, type UiMessages } from '../../../i18n/ui-messages';
import { list, type FormBody } from '../forms/form-values';
import { STATE } from '../forms/report-incident.form';
import { choices, input, textarea, withErrors, type Control } from './form-controls';

const KINDS = ['confidentiality', 'integrity', 'availability'];
const ACTIONS = ['read', 'copied', 'altered', 'deleted', 'destroyed', 'stolen', 'lost'];
const ENCRYPTION = ['encrypted', 'hashed', 'partly', 'none'];

/** Categories offered: those in the annexes, plus any already chosen (an edit keeps them). */
function categoryOptions(body: FormBody, name: string, fromAnnex: string[]) {
  return [...new Set([...fromAnnex, ...list(body, name)])].map((c) => ({ value: c, label: c }));
}

function count(body: FormBody, m: UiMessages, key: string): Control[] {
  return [
    input(body, `${key}_exact`, m.countExact, 'number'),
    input(body, `${key}_min`, m.countMin, 'number'),
    input(body, `${key}_max`, m.countMax, 'number'),
  ];
}

function fieldControls(lang: Language, m: UiMessages, body: FormBody, key: NoticeFieldKey, controllers: Controller[]): Control[] {
  const annex = (pick: 'subjectCategories' | 'dataCategories') => controllers.flatMap((c) => c.agreement?.[pick] ?? []);
  switch (key) {
    case 'nature':
      return [
        choices(body, 'nature_kinds', m.natureKinds, KINDS.map((k) => ({ value: k, label: t(lang, `kind_${k}` as never) })), 'checkbox'),
        choices(body, 'nature_actions', m.natureActions, ACTIONS.map((a) => ({ value: a, label: t(lang, `action_${a}` as never) })), 'checkbox'),
        textarea(body, 'nature_description', m.description),
      ];
    case 'subjectCategories':
    case 'dataCategories':
      return [
        choices(body, key, m.fromAnnex, categoryOptions(body, key, annex(key)), 'checkbox'),
        textarea(body, `${key}_other`, m.otherCategories, { hint: m.onePerLine }),
      ];
    case 'specialCategories':
      return [textarea(body, key, m.specialCategoriesList, { hint: m.specialCategoriesHint })];
    case 'subjectCount':
    case 'recordCount':
      return count(body, m, key);
    case 'occurred':
      return [input(body, 'occurred_from', m.occurredFrom, 'datetime-local'), input(body, 'occurred_until', m.occurredUntil, 'datetime-local')];
    case 'encryption':
      return [
        choices(body, 'encryption_state', m.encryptionState, ENCRYPTION.map((e) => ({ value: e, label: t(lang, `encryption_${e}` as never) })), 'radio'),
        textarea(body, 'encryption_description', m.description),
      ];
    case 'measures':
      return [textarea(body, 'measures_taken', m.measuresTaken), textarea(body, 'measures_planned', m.measuresPlanned)];
    case 'contactPoint':
      return [
        input(body, 'contactPoint_name', m.name, 'text', { autocomplete: 'name' }),
        input(body, 'contactPoint_role', m.role),
        input(body, 'contactPoint_email', m.email, 'email', { autocomplete: 'email' }),
        input(body, 'contactPoint_phone', m.phone, 'tel', { autocomplete: 'tel' }),
      ];
    default:
      return [textarea(body, key, t(lang, `field_${key}` as never))];
  }
}

/**
 * The incident form (new and edit): every notice field as a group with an explicit
 * "nog niet bekend" choice, errors next to their group, everything typed kept.
 */
export function buildIncidentForm(lang: Language, body: FormBody, errors: Record<string, string>, controllers: Controller[], options: { withControllers: boolean }) {
  const m = ui(lang);
  const state = (key: NoticeFieldKey) => (list(body, STATE(key))[0] === 'known' ? 'known' : 'unknown');
  const groups = NOTICE_FIELD_KEYS.map((key) => ({
    key,
    id: `group-${key}`,
    legend: t(lang, `field_${key}` as never),
    state: choices({ [STATE(key)]: state(key) }, STATE(key), m.knownQuestion, [
      { value: 'unknown', label: m.notYetKnown },
      { value: 'known', label: m.known },
    ], 'radio'),
    controls: withErrors(fieldControls(lang, m, body, key, controllers), errors),
    error: errors[key] ?? '',
    hasError: Boolean(errors[key]),
  }));
  const top = withErrors([
    textarea(body, 'summary', m.summaryLabel, { hint: m.summaryHint }),
    input(body, 'discoveredAt', m.discoveredAtLabel, 'datetime-local', { hint: m.localTimeHint }),
    choices(body, 'discoveredBy', m.discoveredByLabel, [
      { value: 'processor', label: m.discoveredByUs },
      { value: 'sub_processor', label: m.discoveredBySub },
    ], 'radio'),
    input(body, 'subProcessorName', m.subProcessorName),
    input(body, 'subProcessorDiscoveredAt', m.subProcessorDiscoveredAt, 'datetime-local'),
  ], errors);
  const controllerPicker = withErrors([
    choices(body, 'controllerIds', m.controllersLabel, controllers.filter((c) => c.agreement).map((c) => ({ value: c.id, label: c.name })), 'checkbox'),
  ], errors)[0];
  const errorCount = Object.keys(errors).length;
  return {
    top,
    withControllers: options.withControllers,
    controllerPicker,
    groups,
    hasErrors: errorCount > 0,
    errorSummary: m.errorSummary.replace('{n}', String(errorCount)),
    expectedVersion: list(body, 'expectedVersion')[0] ?? '',
  };
}
