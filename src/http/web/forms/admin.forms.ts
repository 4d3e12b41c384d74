import type { Contact, Controller } from '../../../domain/directory.repository';
import { lines, list, numberOrText, optional, str, type FormBody } from './form-values';

/** Admin forms ↔ the shapes of `directory.schemas.ts`. */
const bool = (body: FormBody, name: string) => str(body, name) === 'yes';
const shares = (body: FormBody) => lines(body, 'warningShares').map((v) => numberOrText(v.replace('%', '')) as number);

export function toControllerInput(body: FormBody): unknown {
  const immediately = str(body, 'deadlineHours') === '';
  return {
    name: str(body, 'name'),
    kvkNumber: optional(str(body, 'kvkNumber')),
    sector: optional(str(body, 'sector')),
    city: optional(str(body, 'city')),
    agreement: {
      title: str(body, 'title'),
      language: str(body, 'language'),
      deadlineHours: immediately ? null : numberOrText(str(body, 'deadlineHours')),
      clockStart: str(body, 'clockStart'),
      notifySuspicion: bool(body, 'notifySuspicion'),
      regardlessOfImpact: bool(body, 'regardlessOfImpact'),
      triggerText: optional(str(body, 'triggerText')),
      deadlineClause: optional(str(body, 'deadlineClause')),
      requiredFields: list(body, 'requiredFields'),
      ackWindowHours: numberOrText(str(body, 'ackWindowHours')),
      warningShares: shares(body),
      dataCategories: lines(body, 'dataCategories'),
      subjectCategories: lines(body, 'subjectCategories'),
    },
  };
}

export function controllerToBody(c: Controller): FormBody {
  const a = c.agreement;
  return {
    name: c.name, kvkNumber: c.kvkNumber ?? '', sector: c.sector ?? '', city: c.city ?? '',
    ...(a
      ? {
          title: a.title, language: a.language, deadlineHours: a.deadlineHours === null ? '' : String(a.deadlineHours), clockStart: a.clockStart,
          notifySuspicion: a.notifySuspicion ? 'yes' : 'no', regardlessOfImpact: a.regardlessOfImpact ? 'yes' : 'no',
          triggerText: a.triggerText ?? '', deadlineClause: a.deadlineClause ?? '', requiredFields: a.requiredFields,
          ackWindowHours: String(a.ackWindowHours), warningShares: a.warningShares.join('\n'),
          dataCategories: a.dataCategories.join('\n'), subjectCategories: a.subjectCategories.join('\n'),
        }
      : {}),
  };
}

export const NEW_CONTROLLER_BODY: FormBody = {
  language: 'nl', deadlineHours: '24', clockStart: 'processor_discovery', notifySuspicion: 'no', regardlessOfImpact: 'no',
  ackWindowHours: '2', warningShares: '0.5\n0.8',
};

/** Schema paths → form names: `agreement.title` is the `title` control. */
export const adminFieldOf = (path: string): string => path.replace(/^agreement\./, '').split('.')[0] || 'name';

export function toContactInput(body: FormBody): unknown {
  return {
    name: str(body, 'name'),
    role: str(body, 'role'),
    email: str(body, 'email'),
    phone: optional(str(body, 'phone')),
    mobile: optional(str(body, 'mobile').replace(/\s+/g, '')),
    position: numberOrText(str(body, 'position')),
    standInForId: optional(str(body, 'standInForId')),
    receivesBreachNotice: bool(body, 'receivesBreachNotice'),
  };
}

export function contactToBody(c: Contact): FormBody {
  return {
    name: c.name, role: c.role, email: c.email, phone: c.phone ?? '', mobile: c.mobile ?? '', position: String(c.position),
    standInForId: c.standInForId ?? '', receivesBreachNotice: c.receivesBreachNotice ? 'yes' : 'no',
  };
}

export function toUserInput(body: FormBody): unknown {
  return {
    email: str(body, 'email'),
    name: str(body, 'name'),
    role: str(body, 'role'),
    controllerId: optional(str(body, 'controllerId')),
    language: str(body, 'language'),
    password: typeof body.password === 'string' ? body.password : '',
  };
}

/** The user edit form: role (with its controller) and active as a yes/no choice. */
export function toUserUpdate(body: FormBody): unknown {
  const active = str(body, 'active');
  return {
    role: optional(str(body, 'role')),
    controllerId: optional(str(body, 'controllerId')) ?? null,
    active: active === 'yes' ? true : active === 'no' ? false : undefined,
  };
}
