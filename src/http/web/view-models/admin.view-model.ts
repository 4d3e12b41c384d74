import type { Controller } from '../../../domain/directory.repository';
import { NOTICE_FIELD_KEYS } from '../../../domain/notice-fields';
import { t, type Language } from '../../../i18n/messages';
import type { UiMessages } from '../../../i18n/ui-messages';
import type { FormBody } from '../forms/form-values';
import { choices, input, select, textarea, withErrors } from './form-controls';
import { label } from './track-panel.view-model';

const yesNo = (m: UiMessages) => [{ value: 'yes', label: m.yes }, { value: 'no', label: m.no }];
const languages = (m: UiMessages) => [{ value: 'nl', label: m.language_nl }, { value: 'en', label: m.language_en }];

export function controllerControls(lang: Language, m: UiMessages, body: FormBody, errors: Record<string, string>) {
  return withErrors([
    input(body, 'name', m.colName),
    input(body, 'kvkNumber', m.kvkNumber),
    input(body, 'sector', m.sector),
    input(body, 'city', m.city),
    input(body, 'title', m.agreementTitle),
    choices(body, 'language', m.agreementLanguage, languages(m), 'radio'),
    input(body, 'deadlineHours', m.deadlineHours, 'number', { hint: m.deadlineHoursHint }),
    choices(body, 'clockStart', m.clockStart, ['processor_discovery', 'first_discovery', 'establishment'].map((v) => ({ value: v, label: label(m, `clock_${v}`, v) })), 'radio'),
    choices(body, 'notifySuspicion', m.notifySuspicion, yesNo(m), 'radio'),
    choices(body, 'regardlessOfImpact', m.regardlessOfImpact, yesNo(m), 'radio'),
    textarea(body, 'triggerText', m.triggerText),
    input(body, 'deadlineClause', m.deadlineClause),
    choices(body, 'requiredFields', m.requiredFields, NOTICE_FIELD_KEYS.map((k) => ({ value: k, label: t(lang, `field_${k}` as never) })), 'checkbox'),
    input(body, 'ackWindowHours', m.ackWindowHours, 'number'),
    textarea(body, 'warningShares', m.warningShares, { hint: m.warningSharesHint }),
    textarea(body, 'dataCategories', m.dataCategories, { hint: m.onePerLine }),
    textarea(body, 'subjectCategories', m.subjectCategories, { hint: m.onePerLine }),
  ], errors);
}

export function contactControls(m: UiMessages, body: FormBody, errors: Record<string, string>, others: Array<{ id: string; name: string }>) {
  return withErrors([
    input(body, 'name', m.colName, 'text', { autocomplete: 'name' }),
    select(body, 'role', m.contactRole, ['breach_contact', 'dpo', 'iso', 'director', 'support_desk'].map((v) => ({ value: v, label: label(m, `contact_${v}`, v) }))),
    input(body, 'email', m.email, 'email', { autocomplete: 'email' }),
    input(body, 'phone', m.phone, 'tel'),
    input(body, 'mobile', m.mobile, 'tel'),
    input(body, 'position', m.position, 'number'),
    select(body, 'standInForId', m.standInFor, [{ value: '', label: m.nobody }, ...others.map((o) => ({ value: o.id, label: o.name }))]),
    choices(body, 'receivesBreachNotice', m.receivesBreachNotice, yesNo(m), 'radio'),
  ], errors);
}

export function userControls(m: UiMessages, body: FormBody, errors: Record<string, string>, controllers: Controller[]) {
  return withErrors([
    input(body, 'email', m.email, 'email', { autocomplete: 'off' }),
    input(body, 'name', m.colName),
    select(body, 'role', m.userRole, ['support', 'admin', 'controller', 'dpo'].map((r) => ({ value: r, label: label(m, `role_${r}`, r) }))),
    select(body, 'controllerId', m.userController, [{ value: '', label: m.nobody }, ...controllers.map((c) => ({ value: c.id, label: c.name }))]),
    choices(body, 'language', m.userLanguage, languages(m), 'radio'),
    input(body, 'password', m.newPassword, 'password', { autocomplete: 'new-password', value: '' }),
  ], errors);
}

export function userEditControls(m: UiMessages, body: FormBody, errors: Record<string, string>, controllers: Controller[]) {
  return withErrors([
    select(body, 'role', m.userRole, ['support', 'admin', 'controller', 'dpo'].map((r) => ({ value: r, label: label(m, `role_${r}`, r) }))),
    select(body, 'controllerId', m.userController, [{ value: '', label: m.nobody }, ...controllers.map((c) => ({ value: c.id, label: c.name }))]),
    choices(body, 'active', m.userActive, yesNo(m), 'radio', { hint: m.userActiveHint }),
  ], errors);
}

export const errorSummary = (m: UiMessages, errors: Record<string, string>) => ({
  hasErrors: Object.keys(errors).length > 0,
  errorSummary: m.errorSummary.replace('{n}', String(Object.keys(errors).length)),
});
