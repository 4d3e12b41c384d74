import { readAgreementText } from '../../../src/agreement-import/agreement-text.reader';
import { AgreementTooLargeError } from '../../../src/agreement-import/docx-guard';
import { docxHtmlToText } from '../../../src/agreement-import/docx-html-to-text';
import { extractAgreementProfile } from '../../../src/agreement-import/extract-agreement-profile';
import { contactsFromProposal, draftFromProposal } from '../../../src/agreement-import/proposal-to-agreement';
import { docxListItem, docxParagraph, docxTable, makeDocxBomb, makeDocxXml, makePdf } from '../../support/document-files';

/**
 * The reader works from the document's structure, whatever its markers: texts written for
 * these tests, each in one of the shapes real agreements use.
 */
const PARTIES = 'Deze verwerkersovereenkomst geldt tussen de Klant en Voorbeeldhosting B.V., KvK 12345678 (hierna: Verwerker).';
const BREACH = '7.1 Verwerker meldt een datalek binnen 36 uur nadat hij er kennis van heeft genomen.';
const FIELDS = ['consequences', 'measures', 'nature', 'subjectCount'];

const read = (lines: string[]) => extractAgreementProfile(lines.join('\n\n'));
const requiredOf = (lines: string[]) => {
  const p = read(lines);
  return p.requiredFields.found ? [...p.requiredFields.value].sort() : p.requiredFields.reason;
};

describe('a notice content list, whatever its markers', () => {
  const items = ['de aard van het datalek;', 'het aantal personen dat het treft;', 'de waarschijnlijke gevolgen;', 'de genomen maatregelen.'];
  it.each([
    ['en dash bullets', items.map((i) => `– ${i}`)],
    ['hyphen bullets', items.map((i) => `- ${i}`)],
    ['bullets (•)', items.map((i) => `• ${i}`)],
    ['(a) letters', items.map((i, n) => `(${'abcd'[n]}) ${i}`)],
    ['(i) roman numerals', items.map((i, n) => `(${['i', 'ii', 'iii', 'iv'][n]}) ${i}`)],
    ['a) letters', items.map((i, n) => `${'abcd'[n]}) ${i}`)],
  ])('when the items are %s, then every field is read', (_style, list) => {
    expect(requiredOf([PARTIES, '7 Datalekken', BREACH, '7.2 De melding bevat ten minste de volgende informatie:', ...list])).toEqual(FIELDS);
  });

  it('when the list is inline "(a) … (b) …" in one sentence, then every field is read', () => {
    expect(requiredOf([PARTIES, BREACH, '7.2 De melding omvat (a) de aard van het datalek, (b) het aantal personen, (c) de waarschijnlijke gevolgen en (d) de genomen maatregelen.'])).toEqual(FIELDS);
  });

  it('when the list hangs under an unnumbered intro line, then every field is read', () => {
    expect(requiredOf([PARTIES, BREACH, 'De melding bevat in ieder geval:', ...items.map((i) => `– ${i}`)])).toEqual(FIELDS);
  });

  it('"aantal personen" is the number of people, not of records', () => {
    const fields = requiredOf([PARTIES, BREACH, 'De melding bevat ten minste: het aantal personen dat het treft, en de maatregelen.']);
    expect(fields).toContain('subjectCount');
    expect(fields).not.toContain('recordCount');
  });
});

describe('vocabulary', () => {
  it('"bij (vermoeden van) een Datalek" makes a suspicion notifiable', () => {
    const p = read([PARTIES, '7 Datalekken', '7.1 Bij (vermoeden van) een Datalek informeert Verwerker de Klant binnen 24 uur nadat hij er kennis van heeft genomen.']);
    expect(p.notifySuspicion).toMatchObject({ found: true, value: true });
  });

  it('when the text is silent on suspicions, the draft asks rather than assuming "no"', () => {
    const p = read([PARTIES, BREACH]);
    expect(p.notifySuspicion.found).toBe(false);
    const draft = draftFromProposal(p);
    expect(draft.agreement.notifySuspicion).toBe(true);
    expect(draft.needsReview).toContain('notifySuspicion');
  });

  it('the controller\'s 72 hours towards the authority (art. 33) is not the processor\'s deadline', () => {
    const p = read([PARTIES, 'Bij een (vermoedelijk) datalek:', '1. Informeert de Verwerker de Klant binnen 24 uur nadat hij er kennis van heeft gekregen.', 'Melding vereist binnen 72 uur na vaststelling van het datalek (art. 33 AVG).']);
    expect(p.deadline).toMatchObject({ found: true, value: { hours: 24 } });
  });
});

describe('parties', () => {
  it.each([
    ['"Verwerker: X, KvK …"', ['Verwerker: Voorbeeldhosting, KvK 12345678, Utrecht', BREACH], 'Voorbeeldhosting', '12345678'],
    ['a name with the role in quotes', ['**Voorbeeld Hosting Limited** ("Processor", "we", "us")', 'The Processor shall notify the Customer of a breach within 48 hours.'], 'Voorbeeld Hosting Limited', null],
    ['"agreement between X and the Customer"', ['This DPA is part of the agreement between Voorbeeld and the Customer.', 'Voorbeeld shall notify the Customer of a breach within 48 hours.'], 'Voorbeeld', null],
  ])('when the processor is named by %s, then it is found', (_how, lines, name, kvk) => {
    expect(read(lines).processor).toMatchObject({ found: true, value: { name, kvkNumber: kvk } });
  });

  it('when the page footer names another registration number, then both are shown as a conflict', () => {
    const p = read([PARTIES, BREACH, '© 2026 Voorbeeldhosting B.V. · KvK 87654321 · Utrecht']);
    expect(p.processor).toMatchObject({ found: true, value: { kvkNumber: '12345678' }, conflicts: [{ value: { kvkNumber: '87654321' } }] });
  });
});

describe('categories', () => {
  it('from a label with a list below, and a table of kinds of data', () => {
    const p = read([PARTIES, BREACH, '3.1 Categorieën van betrokkenen', '– Klanten van de Klant', '– Medewerkers van de Klant', 'Om welke gegevens het gaat', 'Soort | Wat |', 'Contactgegevens | Naam, e-mailadres |', 'Bestelgegevens | Producten, bedragen |']);
    expect(p.subjectCategories).toMatchObject({ found: true, value: ['Klanten van de Klant', 'Medewerkers van de Klant'] });
    expect(p.dataCategories).toMatchObject({ found: true, value: ['Contactgegevens: Naam, e-mailadres', 'Bestelgegevens: Producten, bedragen'] });
  });

  it('from an inline label "Categorieën van persoonsgegevens: …"', () => {
    const p = read([PARTIES, BREACH, '3.2 Categorieën van persoonsgegevens: naam, telefoonnummer en e-mailadres.']);
    expect(p.dataCategories).toMatchObject({ found: true, value: ['naam', 'telefoonnummer', 'e-mailadres'] });
  });
});

describe('sub-processors', () => {
  it.each([
    ['a list with "Name: what it does"', ['6. Subverwerkers', 'De klant geeft toestemming voor onderstaande subverwerkers.', '- Hostbedrijf: hosting van de applicatie.', '- Mailbedrijf: verzending van e-mail.']],
    ['a table with a row per line', ['In gebruik zijnde sub-verwerkers:', '| Sub-verwerker | Doel |', '|---|---|', '| Hostbedrijf | hosting |', '| Mailbedrijf | e-mail |']],
    ['a table with a cell per line', ['5.1 Verwerker gebruikt de volgende subverwerkers:', 'Subverwerker |\nFunctie |', 'Hostbedrijf |\nHosting |', 'Mailbedrijf |\nE-mail |']],
  ])('when they are given in %s, then each is named', (_shape, lines) => {
    expect(read([PARTIES, BREACH, ...lines]).subProcessors).toMatchObject({ found: true, value: [{ name: 'Hostbedrijf' }, { name: 'Mailbedrijf' }] });
  });

  it('a sentence in the list is no sub-processor', () => {
    expect(read([PARTIES, BREACH, 'Verwerker schakelt de volgende subverwerkers in:', '1. Verwerker zal de Klant vooraf informeren.']).subProcessors.found).toBe(false);
  });
});

describe('the side of a contact', () => {
  const annex = [PARTIES, BREACH, 'Bijlage 3 Contactgegevens', 'Primaire melding via de supportdesk van Verwerker:', 'Supportdesk Voorbeeldhosting', 'support@voorbeeldhosting.example', 'Contactpersoon Verwerkingsverantwoordelijke:', 'Fenna de Graaf', 'fg@klant.example'];

  it('the processor\'s own support desk is never proposed as the controller\'s recipient', () => {
    const p = read(annex);
    expect(p.contacts.found && p.contacts.value.map((c) => [c.side, c.email])).toEqual([['processor', 'support@voorbeeldhosting.example'], ['controller', 'fg@klant.example']]);
    expect(contactsFromProposal(p, []).map((c) => c.email)).toEqual(['fg@klant.example']);
  });

  it('a contact whose side the text does not make clear is kept, and listed for a person to decide', () => {
    const p = read([PARTIES, BREACH, 'Bijlage 3', 'Meldpunt:', 'Jan Jansen', 'jan@example.com']);
    const review: string[] = [];
    const contacts = contactsFromProposal(p, review);
    expect(contacts.map((c) => c.email)).toEqual(['jan@example.com']);
    expect(review.some((r) => /^contacts\.c\d+\.side$/.test(r))).toBe(true);
  });
});

describe('.docx through its HTML', () => {
  it('Word\'s bullet and numbered lists keep their markers; table rows keep their cells', async () => {
    const buffer = await makeDocxXml([
      docxParagraph(PARTIES), docxParagraph(BREACH), docxParagraph('7.2 De melding bevat ten minste de volgende informatie:'),
      docxListItem('de aard van het datalek;'), docxListItem('het aantal personen dat het treft;'), docxListItem('de waarschijnlijke gevolgen;'), docxListItem('de genomen maatregelen.'),
      docxParagraph('Bijlage 2 Contactgegevens'), docxTable([['Rol', 'Naam', 'E-mail'], ['FG Verwerkingsverantwoordelijke', 'Fenna de Graaf', 'fg@klant.example']]),
      docxListItem('eerste stap', 2), docxListItem('tweede stap', 2),
    ].join(''));
    const text = await readAgreementText({ buffer, fileName: 'dpa.docx' });
    expect(text).toContain('- de aard van het datalek;');
    expect(text).toContain('1. eerste stap\n\n2. tweede stap');
    expect(text).toContain('FG Verwerkingsverantwoordelijke\tFenna de Graaf\tfg@klant.example');
    const p = extractAgreementProfile(text);
    expect(p.requiredFields.found && [...p.requiredFields.value].sort()).toEqual(FIELDS);
    expect(p.contacts.found && p.contacts.value.some((c) => c.email === 'fg@klant.example')).toBe(true);
  });

  it('HTML entities, nested lists and empty cells are read as text', () => {
    expect(docxHtmlToText('<p>A &amp; B &#8211; C</p><ul><li>een<ul><li>twee</li></ul></li></ul><table><tr><td>x</td><td></td><td>y</td></tr></table>'))
      .toBe('A & B – C\n\n- een\n\n  - twee\n\nx\t\ty');
  });

  it('a zip bomb (a document.xml that inflates to 40 MB) is refused before mammoth reads it', async () => {
    const bomb = await makeDocxBomb(40);
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    await expect(readAgreementText({ buffer: bomb, fileName: 'bomb.docx' })).rejects.toBeInstanceOf(AgreementTooLargeError);
  });
});

describe('PDF line wraps', () => {
  it('a party line and a deadline sentence broken at the page width are read whole', async () => {
    const text = await readAgreementText({
      buffer: makePdf([
        'Deze verwerkersovereenkomst wordt gesloten tussen de Klant en Voorbeeldhosting B.V., gevestigd te Utrecht en ingeschreven bij de Kamer van Koophandel onder nummer 12345678 (hierna: Verwerker).',
        '7.1 Verwerker informeert de Klant over ieder datalek zonder onredelijke vertraging en in ieder geval binnen achtenveertig (48) uur nadat hij er kennis van heeft genomen.',
      ]),
      fileName: 'dpa.pdf',
    });
    const p = extractAgreementProfile(text);
    expect(p.processor).toMatchObject({ found: true, value: { name: 'Voorbeeldhosting B.V.', kvkNumber: '12345678' } });
    expect(p.deadline).toMatchObject({ found: true, value: { hours: 48 } });
    expect(p.clockStart).toMatchObject({ found: true, value: 'processor_discovery' });
  });
});
