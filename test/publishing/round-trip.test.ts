/**
 * Every record type's input schema against the sample generator: a stored record written back in
 * the form publishers send (yuan strings, RFC 3339 instants, GraphQL names, derived fields left
 * out) validates to exactly the envelope and fields that were stored, and de-identification finds
 * nothing to mask in it (no amount, code or number of the sample is taken for personal data).
 */
import { publicSubmission } from '../../scripts/sample/public-form';
import { FIELD_SCHEMAS } from '../../model/records';
import { RECORD_TYPE_NAMES } from '../../model/record-types';
import { validateSubmission } from '../../model/input';
import { sampleRecords } from '../support/builders';

describe.each(RECORD_TYPE_NAMES)('%s in the public form', (type) => {
  const records = sampleRecords(type, 25);

  it('validates to exactly the stored record, for 25 sample records', () => {
    for (const record of records) {
      const submission = publicSubmission(record);
      const result = validateSubmission(submission, FIELD_SCHEMAS);
      expect(result).toEqual({
        ok: true,
        input: {
          type,
          envelope: { documentNumber: null, writtenOn: null, interpretationIndexNumber: null, sourceUrl: null, ...record.envelope },
          fields: record.fields,
        },
        submission,
      });
    }
  });

  it('is refused when a field of its own is renamed', () => {
    const submission = publicSubmission(records[0]);
    const [name] = Object.keys(submission.fields);
    const { [name]: value, ...rest } = submission.fields;
    const result = validateSubmission({ ...submission, fields: { ...rest, [`${name}X`]: value } }, FIELD_SCHEMAS);
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.errors.map((e) => [e.field, e.rule])).toEqual(
      expect.arrayContaining([[`fields.${name}X`, 'unknown-field']]),
    );
  });
});
