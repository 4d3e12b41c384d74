import { formatOf, readAgreementText } from '../../../src/agreement-import/agreement-text.reader';
import { AgreementTextError, extractAgreementProfile } from '../../../src/agreement-import/extract-agreement-profile';
import { makeDocx, makePdf, SHORT_DPA } from '../../support/document-files';

describe('reading an agreement file', () => {
  it.each([
    ['dpa.txt', 'text'], ['DPA.DOCX', 'docx'], ['dpa.pdf', 'pdf'], ['dpa.md', 'text'], ['dpa.exe', null],
  ])('%s is %p', (name, format) => {
    expect(formatOf(name)).toBe(format);
  });

  it('plain text', async () => {
    const text = await readAgreementText({ buffer: Buffer.from(SHORT_DPA.join('\n')), fileName: 'dpa.txt' });
    expect(extractAgreementProfile(text).deadline).toMatchObject({ found: true, value: { hours: 48 }, source: { clause: '6.1' } });
  });

  it('a .docx file', async () => {
    const text = await readAgreementText({ buffer: await makeDocx(SHORT_DPA.filter(Boolean)), fileName: 'dpa.docx' });
    expect(text).toContain('achtenveertig (48) uur');
    const p = extractAgreementProfile(text);
    expect(p.deadline).toMatchObject({ found: true, value: { hours: 48 }, source: { clause: '6.1' } });
    expect(p.clockStart).toMatchObject({ found: true, value: 'processor_discovery' });
  });

  it('a .pdf file', async () => {
    const text = await readAgreementText({ buffer: makePdf(SHORT_DPA.filter(Boolean)), fileName: 'dpa.pdf' });
    expect(text).toContain('Inbreuk');
    expect(extractAgreementProfile(text).deadline).toMatchObject({ found: true, value: { hours: 48 } });
  });

  it.each([
    ['an unknown extension', Buffer.from('x'), 'dpa.exe'],
    ['an empty file', Buffer.alloc(0), 'dpa.txt'],
    ['a .docx that is no zip', Buffer.from('not a word file'), 'dpa.docx'],
    ['a .pdf that is no pdf', Buffer.from('not a pdf'), 'dpa.pdf'],
  ])('%s is a clear error', async (_name, buffer, fileName) => {
    await expect(readAgreementText({ buffer, fileName })).rejects.toBeInstanceOf(AgreementTextError);
  });
});
