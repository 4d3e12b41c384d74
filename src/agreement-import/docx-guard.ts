import { fromBuffer, type Entry, type ZipFile } from 'yauzl';
import { AgreementTextError } from './extract-agreement-profile';

/**
 * A .docx is a zip the client made: before mammoth inflates it in full, the central
 * directory is read (yauzl) and every entry is inflated once as a stream, counting bytes,
 * so a zip bomb (a small file that inflates to gigabytes, or an entry that lies about its
 * size) is refused with a clear error instead of taking the process's memory.
 */
export const DOCX_LIMITS = {
  /** All entries together, inflated (images included). */
  maxUncompressedBytes: 60 * 1024 * 1024,
  /** The XML mammoth parses into a tree; a 300-page Word document is a few MB of it. */
  maxXmlBytes: 12 * 1024 * 1024,
  /** Inflated size per compressed byte; text XML compresses ~10–20×, bombs ~1000×. */
  maxRatio: 200,
  maxEntries: 5000,
};

export class AgreementTooLargeError extends AgreementTextError {
  constructor(message: string) {
    super(message);
    this.name = 'AgreementTooLargeError';
  }
}

const tooLarge = () => new AgreementTooLargeError(`The .docx file inflates to more than ${DOCX_LIMITS.maxUncompressedBytes / 1024 / 1024} MB or compresses suspiciously well; it was not read.`);

function open(buffer: Buffer): Promise<ZipFile> {
  return new Promise((resolve, reject) => fromBuffer(buffer, { lazyEntries: true, validateEntrySizes: true }, (err, zip) => (err ? reject(err) : resolve(zip))));
}

function inflatedSize(zip: ZipFile, entry: Entry, budget: number): Promise<number> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => {
      if (err) return reject(err);
      let bytes = 0;
      stream.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        if (bytes > budget) {
          stream.destroy();
          reject(tooLarge());
        }
      });
      stream.on('error', reject);
      stream.on('end', () => resolve(bytes));
    });
  });
}

export async function assertSafeDocx(buffer: Buffer): Promise<void> {
  let zip: ZipFile;
  try {
    zip = await open(buffer);
  } catch {
    throw new AgreementTextError('The .docx file could not be read (is it a Word document?).');
  }
  if (zip.entryCount > DOCX_LIMITS.maxEntries) {
    zip.close();
    throw tooLarge();
  }
  let declared = 0;
  let inflated = 0;
  let xml = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('error', reject);
      zip.on('end', () => resolve());
      zip.on('entry', (entry: Entry) => {
        declared += entry.uncompressedSize;
        if (/\.(xml|rels)$/i.test(entry.fileName)) xml += entry.uncompressedSize;
        if (xml > DOCX_LIMITS.maxXmlBytes) return reject(tooLarge());
        const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
        if (declared > DOCX_LIMITS.maxUncompressedBytes || (entry.uncompressedSize > 1024 * 1024 && ratio > DOCX_LIMITS.maxRatio)) return reject(tooLarge());
        if (entry.fileName.endsWith('/')) return zip.readEntry();
        // The declared size may lie: inflate it once, counting, within what is left of the budget.
        const budget = /\.(xml|rels)$/i.test(entry.fileName) ? Math.min(DOCX_LIMITS.maxXmlBytes, DOCX_LIMITS.maxUncompressedBytes - inflated) : DOCX_LIMITS.maxUncompressedBytes - inflated;
        inflatedSize(zip, entry, budget).then((bytes) => {
          inflated += bytes;
          zip.readEntry();
        }, reject);
      });
      zip.readEntry();
    });
  } catch (error) {
    if (error instanceof AgreementTextError) throw error;
    throw new AgreementTextError('The .docx file could not be read (is it a Word document?).');
  } finally {
    zip.close();
  }
}
