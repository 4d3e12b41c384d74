import type { AgreementTerms, CreateTemplateInput } from '../../src/domain/client-directory.schemas';

/** Builders for the client directory's API (issue 15): agreement terms, templates, contacts. */
export const STANDARD_TERMS: AgreementTerms = {
  language: 'nl',
  deadlineHours: 24,
  clockStart: 'processor_discovery',
  notifySuspicion: true,
  regardlessOfImpact: false,
  triggerText: null,
  deadlineClause: null,
  requiredFields: ['nature', 'dataCategories', 'measures'],
  ackWindowHours: 2,
  warningShares: [0.5, 0.8],
  autoNoticeShare: null,
  dataCategories: ['NAW-gegevens', 'e-mailadressen'],
  subjectCategories: ['klanten'],
};

export function aTemplate(key: string, overrides: Partial<AgreementTerms> = {}): CreateTemplateInput {
  return { key, title: `Standaard verwerkersovereenkomst ${key}`, terms: { ...STANDARD_TERMS, ...overrides } };
}

export function aContact(controllerId: string, overrides: Record<string, unknown> = {}) {
  return {
    controllerId,
    name: 'Petra de Wit',
    role: 'breach_contact',
    email: 'petra@klant.example',
    mobile: '06 12345678',
    position: 1,
    receivesBreachNotice: true,
    ...overrides,
  };
}
