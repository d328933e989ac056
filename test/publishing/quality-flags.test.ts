/**
 * Data as it comes: records whose published dates and numbers disagree (seed 002's date written is
 * after its date published, its index number is from a third year) are stored and flagged, not
 * refused, and the catalogue filters and counts by flag.
 */
import { qualityFlagsOf } from '../../model/quality';
import { landTransferSubmission } from '../support/builders';
import { startTestStack, type TestStack } from '../support/stack';

const AGENCY = '楚雄州国土资源局';

describe('qualityFlagsOf', () => {
  const at = (iso: string) => new Date(iso);
  it.each([
    ['a consistent record', { indexNumber: 'X-/2014-1', documentNumber: '楚政办〔2014〕3号', writtenOn: '2014-01-10', publishedAt: at('2014-01-13T07:45:00+08:00') }, []],
    [
      'seed 002 (written 2018, published 2014, numbered 2017)',
      { indexNumber: '115323000151673132-/2017-1019636', documentNumber: null, writtenOn: '2018-01-04', publishedAt: at('2014-01-13T07:45:00+08:00') },
      ['WRITTEN_AFTER_PUBLISHED', 'INDEX_NUMBER_YEAR_MISMATCH'],
    ],
    ['written on the day published (Beijing time, though the instant is the day before in UTC)', { indexNumber: 'X', documentNumber: null, writtenOn: '2014-01-13', publishedAt: at('2014-01-13T07:45:00+08:00') }, []],
    ['numbered by the year written', { indexNumber: '11370900004341590P/2016-00150', documentNumber: null, writtenOn: '2016-12-30', publishedAt: at('2017-01-05T10:00:00+08:00') }, []],
    ['an index number without a year segment', { indexNumber: 'ABC-2017-001', documentNumber: null, writtenOn: null, publishedAt: at('2014-01-13T10:00:00+08:00') }, []],
    ['a document number of another year than written', { indexNumber: 'X', documentNumber: '含政办〔2017〕38号', writtenOn: '2016-05-01', publishedAt: at('2017-06-01T10:00:00+08:00') }, ['DOCUMENT_NUMBER_YEAR_MISMATCH']],
    ['a document number in square brackets after the year published, no date written', { indexNumber: 'X', documentNumber: '岳政发[2019]2号', writtenOn: null, publishedAt: at('2018-06-01T10:00:00+08:00') }, ['DOCUMENT_NUMBER_YEAR_MISMATCH']],
    ['a document number of the year before publication, no date written', { indexNumber: 'X', documentNumber: '岳政发（2017）2号', writtenOn: null, publishedAt: at('2018-06-01T10:00:00+08:00') }, []],
  ])('%s', (_name, envelope, expected) => {
    expect(qualityFlagsOf(envelope)).toEqual(expected);
  });
});

describe('flagged records through the gateway', () => {
  let stack: TestStack;
  let key: string;
  const seedShaped = landTransferSubmission(AGENCY, {
    envelope: { writtenOn: '2018-01-04', publishedAt: '2014-01-13T07:45:00+08:00', indexNumber: '115323000151673132-/2017-1019636' },
  });
  const clean = landTransferSubmission(AGENCY);
  const numberedElsewhere = landTransferSubmission(AGENCY, { envelope: { documentNumber: '楚国土资〔2016〕9号' } });

  const SUBMIT = `mutation ($s: [DisclosureSubmission!]!) { submitDisclosures(submissions: $s) {
    accepted { indexNumber qualityFlags } rejected { position errors { field rule } } } }`;

  beforeAll(async () => {
    stack = await startTestStack('quality');
    const agencyCode = seedShaped.envelope.agencyCode as string;
    seedShaped.envelope.indexNumber = `${agencyCode}-/2017-1019636`;
    key = (await stack.createKey(agencyCode, 'quality')).key;
    const headers = { authorization: `Bearer ${key}` };
    const submitted = await stack.query<{ submitDisclosures: { accepted: Array<{ indexNumber: string; qualityFlags: string[] }>; rejected: unknown[] } }>(
      SUBMIT,
      { s: [seedShaped, clean, numberedElsewhere] },
      headers,
    );
    expect(submitted.errors).toBeUndefined();
    expect(submitted.data?.submitDisclosures.rejected).toEqual([]);
    expect(submitted.data?.submitDisclosures.accepted).toEqual([
      { indexNumber: seedShaped.envelope.indexNumber, qualityFlags: ['WRITTEN_AFTER_PUBLISHED', 'INDEX_NUMBER_YEAR_MISMATCH'] },
      { indexNumber: clean.envelope.indexNumber, qualityFlags: [] },
      { indexNumber: numberedElsewhere.envelope.indexNumber, qualityFlags: ['DOCUMENT_NUMBER_YEAR_MISMATCH'] },
    ]);
    const ids = [seedShaped, clean, numberedElsewhere].map((s) => s.envelope.indexNumber);
    for (const mutation of ['reviewDisclosures', 'publishDisclosures']) {
      const moved = await stack.query(`mutation ($ids: [String!]!) { ${mutation}(indexNumbers: $ids) { status } }`, { ids }, headers);
      expect(moved.errors).toBeUndefined();
    }
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('stores a record written after it was published, flagged, with no publication delay', async () => {
    const response = await stack.query<{ disclosure: Record<string, unknown> }>(
      `query ($id: String!) { disclosure(indexNumber: $id) { writtenOn publishedOn publicationDelayWorkingDays publishedLate qualityFlags } }`,
      { id: seedShaped.envelope.indexNumber },
    );
    expect(response.data?.disclosure).toEqual({
      writtenOn: '2018-01-04',
      publishedOn: '2014-01-13',
      publicationDelayWorkingDays: null,
      publishedLate: null,
      qualityFlags: ['WRITTEN_AFTER_PUBLISHED', 'INDEX_NUMBER_YEAR_MISMATCH'],
    });
  });

  it('filters the catalogue and a typed list by flag, and counts by flag', async () => {
    const response = await stack.query<{
      flagged: { edges: Array<{ node: { indexNumber: string } }> };
      byDocumentNumber: { edges: Array<{ node: { indexNumber: string } }> };
      typed: { totalCount: number };
      counts: Array<{ keys: Array<{ value: string }>; count: number }>;
      all: { facets: { qualityFlag: Array<{ value: string; count: number }> } };
    }>(
      `query ($agency: ID!) {
        flagged: catalogue(filter: { agencyCodes: [$agency], qualityFlags: [WRITTEN_AFTER_PUBLISHED, INDEX_NUMBER_YEAR_MISMATCH] }) { edges { node { indexNumber } } }
        byDocumentNumber: catalogue(filter: { agencyCodes: [$agency], qualityFlags: [DOCUMENT_NUMBER_YEAR_MISMATCH] }) { edges { node { indexNumber } } }
        typed: landTransfers(envelope: { agencyCodes: [$agency], qualityFlags: [WRITTEN_AFTER_PUBLISHED] }) { totalCount }
        counts: catalogueCounts(filter: { agencyCodes: [$agency] }, by: [QUALITY_FLAG]) { keys { value } count }
        all: catalogue(filter: { agencyCodes: [$agency] }) { facets { qualityFlag { value count } } }
      }`,
      { agency: seedShaped.envelope.agencyCode },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.flagged.edges.map((e) => e.node)).toEqual([{ indexNumber: seedShaped.envelope.indexNumber }]);
    expect(response.data?.byDocumentNumber.edges.map((e) => e.node)).toEqual([{ indexNumber: numberedElsewhere.envelope.indexNumber }]);
    expect(response.data?.typed.totalCount).toBe(1);
    expect(response.data?.counts).toEqual([
      { keys: [{ value: 'DOCUMENT_NUMBER_YEAR_MISMATCH' }], count: 1 },
      { keys: [{ value: 'INDEX_NUMBER_YEAR_MISMATCH' }], count: 1 },
      { keys: [{ value: 'WRITTEN_AFTER_PUBLISHED' }], count: 1 },
    ]);
    expect(response.data?.all.facets.qualityFlag).toEqual([
      { value: 'DOCUMENT_NUMBER_YEAR_MISMATCH', count: 1 },
      { value: 'INDEX_NUMBER_YEAR_MISMATCH', count: 1 },
      { value: 'WRITTEN_AFTER_PUBLISHED', count: 1 },
    ]);
  });

  it('refuses an unknown flag naming the argument', async () => {
    const response = await stack.query(`{ catalogue(filter: { qualityFlags: [LOOKS_ODD] }) { totalCount } }`);
    expect(response.status).toBe(400);
    expect(response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0].message).toContain('QualityFlag');
  });
});
