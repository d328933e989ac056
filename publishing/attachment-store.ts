/**
 * The bytes of attachments, kept by the subgraph that owns their record, in its own database: a
 * GridFS bucket (`attachments.files`, `attachments.chunks`; chunks of 255 KiB), one file per record
 * and SHA-256, named `<index number>/<sha256>`. Only metadata travels beside the record (its
 * `attachments`), in the revision feed and into the catalogue; the bytes never leave the owner but
 * to be served (subgraphs/kit/attachments.ts).
 */
import type { Readable } from 'node:stream';
import { GridFSBucket, type Db } from 'mongodb';
import type { AttachmentUpload } from '../model/attachments';
import { ensureIndexes } from '../storage/mongo';

const BUCKET = 'attachments';

const fileName = (indexNumber: string, sha256: string) => `${indexNumber}/${sha256}`;

export class AttachmentStore {
  private readonly bucket: GridFSBucket;

  constructor(private readonly db: Db) {
    this.bucket = new GridFSBucket(db, { bucketName: BUCKET });
  }

  /** The indexes GridFS reads by (the driver makes them only on an empty bucket's first upload, and not on every engine). */
  async ensureIndexes(): Promise<void> {
    await ensureIndexes(this.db.collection(`${BUCKET}.files`), [{ key: { filename: 1, uploadDate: 1 }, name: 'filename_1_uploadDate_1' }]);
    await ensureIndexes(this.db.collection(`${BUCKET}.chunks`), [{ key: { files_id: 1, n: 1 }, name: 'files_id_1_n_1', unique: true }]);
  }

  /** Stores the files of a record that are not stored yet (the same bytes under the same record are kept once). */
  async put(indexNumber: string, files: readonly AttachmentUpload[]): Promise<void> {
    for (const file of files) {
      const filename = fileName(indexNumber, file.sha256);
      if (await this.bucket.find({ filename }, { limit: 1 }).hasNext()) continue;
      await new Promise<void>((resolve, reject) => {
        const upload = this.bucket.openUploadStream(filename, { metadata: { indexNumber, sha256: file.sha256 } });
        upload.once('finish', () => resolve());
        upload.once('error', reject);
        upload.end(file.content);
      });
    }
  }

  /** The stored bytes of a record's file, or null when there are none. */
  async open(indexNumber: string, sha256: string): Promise<{ length: number; stream: () => Readable } | null> {
    const [file] = await this.bucket.find({ filename: fileName(indexNumber, sha256) }, { limit: 1 }).toArray();
    if (!file) return null;
    return { length: file.length, stream: () => this.bucket.openDownloadStream(file._id) };
  }
}
