import path from 'node:path';
import { AgreementTextError } from './extract-agreement-profile';
import { AgreementTooLargeError, assertSafeDocx } from './docx-guard';
import { docxHtmlToText } from './docx-html-to-text';

/**
 * Turns an uploaded file into plain text: .txt/.md as UTF-8, .docx through mammoth's HTML
 * (after the zip is checked for bombs; lists keep their markers, tables come out as
 * tab-separated rows), .pdf through unpdf (pdf.js, no native parts), page by page up to a
 * cap. Tables in a .pdf come out one cell per line (see docs/AGREEMENT-IMPORT.md).
 */
export type AgreementFormat = 'text' | 'docx' | 'pdf';

export function formatOf(fileName: string, mimeType?: string): AgreementFormat | null {
  const ext = path.extname(fileName).toLowerCase();
  if (ext === '.docx' || mimeType === 'application/vnd.openxmlformats-officedocument.wordprocessingml.document') return 'docx';
  if (ext === '.pdf' || mimeType === 'application/pdf') return 'pdf';
  if (['.txt', '.text', '.md', ''].includes(ext) || mimeType?.startsWith('text/')) return 'text';
  return null;
}

export async function readAgreementText(file: { buffer: Buffer; fileName: string; mimeType?: string }): Promise<string> {
  const format = formatOf(file.fileName, file.mimeType);
  if (!format) throw new AgreementTextError(`Cannot read "${path.extname(file.fileName)}" files: upload .txt, .docx or .pdf.`);
  if (file.buffer.length === 0) throw new AgreementTextError('The file is empty.');
  if (format === 'text') return file.buffer.toString('utf8');
  if (format === 'docx') {
    await assertSafeDocx(file.buffer);
    const mammoth = await import('mammoth');
    try {
      // Through HTML, not raw text: raw text drops Word's list markers and flattens tables.
      // Images are dropped, not inlined as base64: they hold no agreement text.
      const result = await mammoth.convertToHtml({ buffer: file.buffer }, { convertImage: mammoth.images.imgElement(async () => ({ src: '' })) });
      return capped(docxHtmlToText(result.value));
    } catch {
      throw new AgreementTextError('The .docx file could not be read (is it a Word document?).');
    }
  }
  const { getDocumentProxy } = await import('unpdf');
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    pdf = await getDocumentProxy(new Uint8Array(file.buffer), { verbosity: 0 });
  } catch {
    throw new AgreementTextError('The .pdf file could not be read (is it a PDF with text, not a scan?).');
  }
  // Page by page, stopping at the cap: a small PDF can hold tens of millions of characters.
  const pages: string[] = [];
  let chars = 0;
  try {
    for (let n = 1; n <= pdf.numPages; n++) {
      const content = await (await pdf.getPage(n)).getTextContent();
      const page = content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join('');
      chars += page.length;
      if (chars > MAX_EXTRACTED_CHARS) throw tooMuchText();
      pages.push(page);
    }
  } catch (error) {
    if (error instanceof AgreementTextError) throw error;
    throw new AgreementTextError('The .pdf file could not be read (is it a PDF with text, not a scan?).');
  } finally {
    await pdf.destroy().catch(() => undefined);
  }
  return reflowPdfText(pages.join('\n'));
}

/** Text read out of a file is capped well below the 10 MB upload: no DPA runs to 2 M characters. */
export const MAX_EXTRACTED_CHARS = 2_000_000;
const tooMuchText = () => new AgreementTooLargeError(`The file holds more than ${MAX_EXTRACTED_CHARS} characters of text; no agreement is that long. It was not read.`);

function capped(text: string): string {
  if (text.length > MAX_EXTRACTED_CHARS) throw tooMuchText();
  return text;
}

/**
 * A PDF breaks a paragraph into lines at the page width; the clause rules read sentences,
 * so a line that does not end a sentence is joined with a next line that starts in lower case.
 */
export function reflowPdfText(text: string): string {
  const joined = text.replace(/([^.:;!?\n])\n(?=[a-zà-ÿ(])/g, '$1 ');
  // A line that leaves a bracket open ("(hierna:" / "Verwerker)") goes on in the next one,
  // whatever case that starts with.
  const lines = joined.split('\n');
  const out: string[] = [];
  for (const line of lines) {
    const prev = out[out.length - 1];
    if (prev !== undefined && prev.trim() && line.trim() && opensBracket(prev)) out[out.length - 1] = `${prev} ${line.trimStart()}`;
    else out.push(line);
  }
  return out.join('\n');
}

function opensBracket(line: string): boolean {
  let depth = 0;
  for (const c of line) {
    if (c === '(') depth++;
    else if (c === ')' && depth > 0) depth--;
  }
  return depth > 0;
}
