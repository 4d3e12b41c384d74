import { extractAgreementProfile } from '../../../src/agreement-import/extract-agreement-profile';

/** The deadline, clock and trigger rules on phrasings the seeds do not use. */
const dpa = (clause: string) =>
  `Verwerkersovereenkomst\n\n7. Meldplicht\n\n7.1 ${clause}\n\n8. Overig\n\n8.1 Verwerker verwerkt persoonsgegevens voor Verantwoordelijke.`;

describe('notice deadline', () => {
  it.each([
    ['Verwerker meldt een datalek binnen vierentwintig (24) uur aan Verantwoordelijke.', 24],
    ['Verwerker meldt een datalek uiterlijk binnen 48 uur aan Verantwoordelijke.', 48],
    ['Verwerker informeert Verantwoordelijke binnen achtenveertig uur over een datalek.', 48],
    ['Verwerker meldt een datalek binnen 2 dagen aan Verantwoordelijke.', 48],
    ['Processor shall notify Controller of a personal data breach within twenty-four hours.', 24],
    ['Processor shall notify Controller of a breach no later than 12 hours after becoming aware of it.', 12],
  ])('%s → %i hours', (clause, hours) => {
    expect(extractAgreementProfile(dpa(clause)).deadline).toMatchObject({ found: true, value: { hours }, source: { clause: '7.1' } });
  });

  it.each([
    'Verwerker meldt een datalek onverwijld aan Verantwoordelijke.',
    'Verwerker meldt een datalek zonder onredelijke vertraging aan Verantwoordelijke.',
    'Verwerker zal een datalek direct melden aan Verantwoordelijke.',
    'Processor shall notify Controller without undue delay of any personal data breach.',
  ])('"%s" is immediate (no hours)', (clause) => {
    expect(extractAgreementProfile(dpa(clause)).deadline).toMatchObject({ found: true, value: { hours: null, withoutUndueDelay: true } });
  });

  it('two different deadlines are both shown, with a lower confidence and a warning', () => {
    const p = extractAgreementProfile(dpa('Verwerker meldt een datalek binnen 24 uur aan Verantwoordelijke. Verwerker meldt een datalek binnen 48 uur aan de FG.'));
    expect(p.deadline).toMatchObject({ found: true, value: { hours: 24 }, conflicts: [{ value: { hours: 48 } }] });
    expect(p.deadline.found && p.deadline.confidence).toBeLessThanOrEqual(0.5);
    expect(p.warnings.join(' ')).toMatch(/2 different notice deadlines/);
  });

  it('"onverwijld" next to an hour count elsewhere is a contradiction too', () => {
    const p = extractAgreementProfile(dpa('Verwerker meldt een datalek binnen 24 uur. Verwerker informeert Verantwoordelijke onverwijld over een datalek.'));
    expect(p.deadline).toMatchObject({ found: true, value: { hours: 24 }, conflicts: [{ value: { hours: null } }] });
  });

  it('the controller\'s own 72 hours towards the AP and support times are no notice deadline', () => {
    const p = extractAgreementProfile(dpa('Verantwoordelijke meldt een datalek binnen 72 uur aan de Autoriteit Persoonsgegevens. Een storing wordt binnen 4 uur hersteld.'));
    expect(p.deadline.found).toBe(false);
  });

  it('words and digits that disagree: the digits, and a warning', () => {
    const p = extractAgreementProfile(dpa('Verwerker meldt een datalek binnen twintig (24) uur.'));
    expect(p.deadline).toMatchObject({ found: true, value: { hours: 24 } });
    expect(p.warnings.join(' ')).toMatch(/20 in words but 24 in digits/);
  });
});

describe('clock start and trigger', () => {
  it.each([
    ['binnen 24 uur nadat het datalek bij Verwerker bekend is geworden', 'processor_discovery'],
    ['binnen 24 uur na het vaststellen van het datalek', 'establishment'],
    ['binnen 24 uur na de eerste ontdekking van het datalek, door Verwerker of een subverwerker', 'first_discovery'],
    ['within 24 hours after the breach was confirmed', 'establishment'],
  ])('"%s" → %s', (phrase, clock) => {
    expect(extractAgreementProfile(dpa(`Verwerker meldt een datalek ${phrase}.`)).clockStart).toMatchObject({ found: true, value: clock });
  });

  it('a deadline without a clock phrase leaves the clock not found', () => {
    expect(extractAgreementProfile(dpa('Verwerker meldt een datalek binnen 24 uur.')).clockStart.found).toBe(false);
  });

  it('a suspicion, regardless of impact', () => {
    const p = extractAgreementProfile(dpa('Verwerker meldt ieder vermoeden van een datalek binnen 24 uur, ongeacht de impact.'));
    expect(p.notifySuspicion).toMatchObject({ found: true, value: true });
    expect(p.regardlessOfImpact).toMatchObject({ found: true, value: true });
  });

  it('only breaches with a risk: impact matters', () => {
    const p = extractAgreementProfile(dpa('Verwerker meldt een datalek binnen 24 uur, maar alleen indien het datalek een risico oplevert voor betrokkenen.'));
    expect(p.regardlessOfImpact).toMatchObject({ found: true, value: false });
  });
});
