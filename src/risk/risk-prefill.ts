/**
 * A first answer to the criteria from what the processor's notice already says, so the DPO
 * starts from the facts on record rather than a blank form. Only suggestions: every value
 * names the notice field it came from, and the DPO confirms or changes it.
 */
export interface PrefillSource {
  criterion: string;
  from: string;
}

export interface RiskPrefill {
  criteria: Record<string, unknown>;
  sources: PrefillSource[];
}

type Count = { exact: number } | { min: number; max: number };
const upper = (c: Count) => ('exact' in c ? c.exact : c.max);

const NATIONAL_ID = /\b(bsn|burgerservicenummer|sofinummer|paspoort|passport|national id|id-?nummer|identiteitsbewijs)/i;
const CREDENTIALS = /(wachtwoord|password|inlog|credential|toegangscode|pincode|api[- ]?key)/i;
const FINANCIAL = /(iban|bankrekening|rekeningnummer|bank account|creditcard|credit card|salaris|salary|financi)/i;
const BEHAVIOURAL = /(locatie|location|gedrag|behaviou?r|surf|aankoop|purchase|voorkeur|preference)/i;
const VULNERABLE = /(kind|kinderen|child|leerling|pupil|minderjarig|minor|patiënt|patient|cliënt|client in zorg|zorgvrager)/i;

export function prefillFromNotice(fields: Record<string, unknown>): RiskPrefill {
  const criteria: Record<string, any> = {};
  const sources: PrefillSource[] = [];
  const set = (path: string, value: unknown, from: string) => {
    const keys = path.split('.');
    let node = criteria;
    for (const key of keys.slice(0, -1)) node = node[key] ??= {};
    node[keys.at(-1)!] = value;
    sources.push({ criterion: path, from });
  };

  const nature = fields.nature as { kinds: string[]; actions?: string[] } | null | undefined;
  if (nature) {
    const actions = nature.actions ?? [];
    if (!nature.kinds.includes('confidentiality')) set('confidentiality.extent', 'none', 'nature.kinds');
    else set('confidentiality.extent', actions.some((a) => a === 'read' || a === 'copied') ? 'disclosed' : 'possible', 'nature.actions');
    if (!nature.kinds.includes('integrity')) set('integrity.extent', 'none', 'nature.kinds');
    if (!nature.kinds.includes('availability')) set('availability.extent', 'none', 'nature.kinds');
    if (actions.includes('stolen')) set('malicious', 'yes', 'nature.actions');
  }

  const special = fields.specialCategories as string[] | null | undefined;
  const categories = ((fields.dataCategories as string[] | null | undefined) ?? []).join(' ');
  if (Array.isArray(special)) set('data.specialCategories', special.length > 0, 'specialCategories');
  if (special && special.length > 0) set('data.nature', 'sensitive', 'specialCategories');
  else if (FINANCIAL.test(categories)) set('data.nature', 'financial', 'dataCategories');
  else if (BEHAVIOURAL.test(categories)) set('data.nature', 'behavioural', 'dataCategories');
  else if (categories) set('data.nature', 'simple', 'dataCategories');
  if (NATIONAL_ID.test(categories)) set('data.nationalId', true, 'dataCategories');
  if (CREDENTIALS.test(categories)) set('data.credentials', true, 'dataCategories');

  const subjects = ((fields.subjectCategories as string[] | null | undefined) ?? []).join(' ');
  if (VULNERABLE.test(subjects)) set('vulnerableSubjects', 'yes', 'subjectCategories');

  const encryption = fields.encryption as { state: string } | null | undefined;
  if (encryption) set('encryption.state', encryption.state, 'encryption');

  if (fields.subjectCount) set('subjectCount', upper(fields.subjectCount as Count), 'subjectCount');
  if (fields.recordCount) set('recordCount', upper(fields.recordCount as Count), 'recordCount');
  return { criteria, sources };
}
