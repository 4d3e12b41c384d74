import { list, str, type FormBody } from '../forms/form-values';

/**
 * A form control as the generic partial (templates/partials/control.hbs) prints it. The view
 * model decides type, value and checked state; the template only lays them out.
 */
export interface Control {
  id: string;
  name: string;
  label: string;
  type: string;
  value: string;
  hint: string;
  hasHint: boolean;
  isInput: boolean;
  isTextarea: boolean;
  isChoices: boolean;
  isSelect: boolean;
  autocomplete: string;
  options: Array<{ id: string; value: string; label: string; checked: boolean }>;
  error: string;
  hasError: boolean;
}

const base = (name: string, label: string): Control => ({
  id: `f-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`, name, label, type: 'text', value: '', hint: '', hasHint: false,
  isInput: false, isTextarea: false, isChoices: false, isSelect: false, autocomplete: 'off', options: [], error: '', hasError: false,
});

export function input(body: FormBody, name: string, label: string, type = 'text', extra: Partial<Control> = {}): Control {
  return { ...base(name, label), isInput: true, type, value: str(body, name), ...extra, hasHint: Boolean(extra.hint) };
}

export function textarea(body: FormBody, name: string, label: string, extra: Partial<Control> = {}): Control {
  return { ...base(name, label), isTextarea: true, value: str(body, name), ...extra, hasHint: Boolean(extra.hint) };
}

/** Checkboxes (many) or radios (one); options the body named stay checked on a re-render. */
export function choices(body: FormBody, name: string, label: string, options: Array<{ value: string; label: string }>, type: 'checkbox' | 'radio', extra: Partial<Control> = {}): Control {
  const chosen = list(body, name);
  return {
    ...base(name, label),
    isChoices: true,
    type,
    options: options.map((o, i) => ({ id: `f-${name}-${i}`, value: o.value, label: o.label, checked: chosen.includes(o.value) })),
    ...extra,
    hasHint: Boolean(extra.hint),
  };
}

export function select(body: FormBody, name: string, label: string, options: Array<{ value: string; label: string }>, extra: Partial<Control> = {}): Control {
  const chosen = str(body, name);
  return {
    ...base(name, label),
    isSelect: true,
    options: options.map((o, i) => ({ id: `f-${name}-${i}`, value: o.value, label: o.label, checked: chosen === o.value })),
    ...extra,
    hasHint: Boolean(extra.hint),
  };
}

/** Puts each error next to the control of the same name. */
export function withErrors(controls: Control[], errors: Record<string, string>): Control[] {
  return controls.map((c) => (errors[c.name] ? { ...c, error: errors[c.name], hasError: true } : c));
}
