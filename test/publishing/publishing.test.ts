/**
 * Agencies publish through the gateway: API keys (missing, malformed, revoked, another agency's),
 * the review states DRAFT → REVIEWED → PUBLISHED → WITHDRAWN, what the public and the owner see,
 * idempotent resubmission, and field errors.
 */
import { agencyNamed } from '../support/builders';
import { startTestStack, type TestStack } from '../support/stack';

const LAND_BUREAU = agencyNamed('岳阳县国土资源局');
const COUNTY_GOVERNMENT = agencyNamed('岳阳县人民政府办公室');
const OTHER_BUREAU = agencyNamed('楚雄州国土资源局');

let stack: TestStack;
let landKey: string;
let governmentKey: string;
let otherKey: string;
let revokedKey: string;
let serial = 0;

function submission(overrides: { agency?: typeof LAND_BUREAU; title?: string; finalPrice?: string } = {}) {
  const agency = overrides.agency ?? LAND_BUREAU;
  serial += 1;
  return {
    type: 'LandTransfer',
    envelope: {
      indexNumber: `${agency._id}-/2024-${2_000_000 + serial}`,
      title: overrides.title ?? `岳阳县国有建设用地使用权挂牌出让结果公示第${serial}号`,
      category: '土地出让',
      agencyCode: agency._id,
      regionCode: agency.regionCode,
      subjectTerms: ['土地出让'],
      writtenOn: '2024-03-01',
      publishedAt: '2024-03-05T10:00:00+08:00',
      disclosureMode: 'FULL',
    },
    fields: {
      parcelNumber: `430621-2024-${serial}`,
      location: '荣家湾镇',
      areaSquareMetres: 10000,
      use: 'RESIDENTIAL',
      termYears: 70,
      method: 'LISTING',
      floorAreaRatio: 2,
      startingPrice: '1000000',
      finalPrice: overrides.finalPrice ?? '1200000.50',
      winningParty: '岳阳城投置业有限公司',
      transferredOn: '2024-02-28',
    },
  };
}

const SUBMIT = `mutation ($s: [DisclosureSubmission!]!) { submitDisclosures(submissions: $s) {
  accepted { position indexNumber status changed } rejected { position indexNumber errors { field rule message } } } }`;
const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

async function submit(key: string | undefined, submissions: unknown[]) {
  return stack.query<{ submitDisclosures: { accepted: Array<Record<string, unknown>>; rejected: Array<{ position: number; errors: Array<{ field: string; rule: string }> }> } }>(
    SUBMIT,
    { s: submissions },
    key ? bearer(key) : {},
  );
}

async function move(mutation: 'reviewDisclosures' | 'publishDisclosures' | 'withdrawDisclosures', key: string, indexNumbers: string[]) {
  return stack.query<Record<string, Array<{ indexNumber: string; status: string }>>>(
    `mutation ($ids: [String!]!) { ${mutation}(indexNumbers: $ids) { indexNumber status } }`,
    { ids: indexNumbers },
    bearer(key),
  );
}

async function publicView(indexNumber: string, key?: string) {
  const response = await stack.query<{ disclosure: { status: string; title: string } | null; catalogue: { totalCount: number } }>(
    `query ($id: String!) { disclosure(indexNumber: $id) { status title } catalogue(filter: { categories: ["土地出让"] }) { totalCount } }`,
    { id: indexNumber },
    key ? bearer(key) : {},
  );
  expect(response.errors).toBeUndefined();
  return response.data!;
}

async function storedCount(): Promise<number> {
  return stack.databases.catalogue.collection('entries').countDocuments();
}

beforeAll(async () => {
  stack = await startTestStack('publishing');
  landKey = (await stack.createKey(LAND_BUREAU._id, 'land bureau')).key;
  governmentKey = (await stack.createKey(COUNTY_GOVERNMENT._id, 'county government')).key;
  otherKey = (await stack.createKey(OTHER_BUREAU._id, 'another agency')).key;
  const revoked = await stack.createKey(LAND_BUREAU._id, 'revoked');
  expect(await stack.keys.revoke(revoked.id)).toEqual({ ok: true });
  revokedKey = revoked.key;
});
afterAll(async () => {
  await stack?.close();
});

describe('who may publish', () => {
  it.each([
    ['no key', undefined, 'no API key'],
    ['a malformed key', 'not-a-key', 'must be "Bearer gdk_'],
    ['an unknown key', 'gdk_0000000000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', 'unknown API key'],
    ['a revoked key', 'REVOKED', 'revoked'],
  ])('refuses a submission with %s as UNAUTHENTICATED and stores nothing', async (_name, key, reason) => {
    const before = await storedCount();
    const response = await submit(key === 'REVOKED' ? revokedKey : key, [submission()]);
    expect(response.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(response.errors?.[0].message).toContain(reason);
    expect(await storedCount()).toBe(before);
  });

  it('refuses another agency’s records as FORBIDDEN and stores none of the batch', async () => {
    const before = await storedCount();
    const response = await submit(otherKey, [submission({ agency: OTHER_BUREAU }), submission()]);
    expect(response.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await storedCount()).toBe(before);
  });

  it('lets a government’s key act for the departments under it, but a department not for its government', async () => {
    const department = await submit(governmentKey, [submission()]);
    expect(department.errors).toBeUndefined();
    expect(department.data?.submitDisclosures.accepted).toHaveLength(1);
    const upward = await submit(landKey, [submission({ agency: COUNTY_GOVERNMENT })]);
    expect(upward.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses to review, publish or withdraw another agency’s record', async () => {
    const mine = submission();
    await submit(landKey, [mine]);
    for (const mutation of ['reviewDisclosures', 'withdrawDisclosures'] as const) {
      const response = await move(mutation, otherKey, [mine.envelope.indexNumber]);
      expect(response.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    expect((await publicView(mine.envelope.indexNumber, landKey)).disclosure?.status).toBe('DRAFT');
  });
});

describe('review before publication', () => {
  it('keeps drafts and reviewed records from the public, shows them to the owner, publishes, withdraws', async () => {
    const record = submission();
    const id = record.envelope.indexNumber;
    const publicBefore = (await publicView(id)).catalogue.totalCount;

    const submitted = await submit(landKey, [record]);
    expect(submitted.data?.submitDisclosures.accepted).toEqual([{ position: 0, indexNumber: id, status: 'DRAFT', changed: true }]);
    expect(await publicView(id)).toEqual({ disclosure: null, catalogue: { totalCount: publicBefore } });
    expect((await publicView(id, landKey)).disclosure).toEqual({ status: 'DRAFT', title: record.envelope.title });
    expect((await publicView(id, otherKey)).disclosure).toBeNull();

    const early = await move('publishDisclosures', landKey, [id]);
    expect(early.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(early.errors?.[0].message).toContain('it is DRAFT; only REVIEWED records can become PUBLISHED');

    expect((await move('reviewDisclosures', landKey, [id])).data?.reviewDisclosures).toEqual([{ indexNumber: id, status: 'REVIEWED' }]);
    expect((await publicView(id)).disclosure).toBeNull();
    expect((await move('publishDisclosures', landKey, [id])).data?.publishDisclosures).toEqual([{ indexNumber: id, status: 'PUBLISHED' }]);
    expect(await publicView(id)).toEqual({ disclosure: { status: 'PUBLISHED', title: record.envelope.title }, catalogue: { totalCount: publicBefore + 1 } });

    const typed = await stack.query<{ landTransfer: { finalPrice: { yuan: string } } | null }>(
      `query ($id: String!) { landTransfer(indexNumber: $id) { finalPrice { yuan } } }`,
      { id },
    );
    expect(typed.data?.landTransfer).toEqual({ finalPrice: { yuan: '1200000.50' } });

    expect((await move('withdrawDisclosures', landKey, [id])).data?.withdrawDisclosures).toEqual([{ indexNumber: id, status: 'WITHDRAWN' }]);
    expect(await publicView(id)).toEqual({ disclosure: null, catalogue: { totalCount: publicBefore } });
    const typedAfter = await stack.query(`query ($id: String!) { landTransfer(indexNumber: $id) { id } }`, { id });
    expect(typedAfter.data).toEqual({ landTransfer: null });
  });

  it('changes nothing when the same record is submitted again, and sends a changed one back to review', async () => {
    const record = submission();
    const id = record.envelope.indexNumber;
    await submit(landKey, [record]);
    await move('reviewDisclosures', landKey, [id]);
    await move('publishDisclosures', landKey, [id]);

    const again = await submit(landKey, [record]);
    expect(again.data?.submitDisclosures.accepted).toEqual([{ position: 0, indexNumber: id, status: 'PUBLISHED', changed: false }]);
    expect((await publicView(id)).disclosure?.status).toBe('PUBLISHED');

    const changed = await submit(landKey, [{ ...record, fields: { ...record.fields, finalPrice: '1300000' } }]);
    expect(changed.data?.submitDisclosures.accepted).toEqual([{ position: 0, indexNumber: id, status: 'DRAFT', changed: true }]);
    expect((await publicView(id)).disclosure).toBeNull();
  });

  it('refuses a whole transition when one record cannot move, changing none', async () => {
    const a = submission();
    const b = submission();
    await submit(landKey, [a, b]);
    await move('reviewDisclosures', landKey, [a.envelope.indexNumber]);
    const response = await move('publishDisclosures', landKey, [a.envelope.indexNumber, b.envelope.indexNumber, 'no-such-record']);
    expect(response.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'indexNumbers', rule: 'transition' });
    expect(response.errors?.[0].message).toContain('no-such-record: no such record');
    expect((await publicView(a.envelope.indexNumber, landKey)).disclosure?.status).toBe('REVIEWED');
  });
});

describe('index numbers', () => {
  it('takes one in the agency’s own scheme through review and publication to the public', async () => {
    const portalNumbered = submission();
    portalNumbered.envelope.indexNumber = `${LAND_BUREAU._id}/2024.land_${serial}`;
    const response = await submit(landKey, [portalNumbered]);
    expect(response.data?.submitDisclosures.rejected).toEqual([]);
    await move('reviewDisclosures', landKey, [portalNumbered.envelope.indexNumber]);
    const published = await move('publishDisclosures', landKey, [portalNumbered.envelope.indexNumber]);
    expect(published.data?.publishDisclosures).toEqual([{ indexNumber: portalNumbered.envelope.indexNumber, status: 'PUBLISHED' }]);
    expect((await publicView(portalNumbered.envelope.indexNumber)).disclosure).toEqual({ status: 'PUBLISHED', title: portalNumbered.envelope.title });
  });

  it('refuses another agency’s record under a number already taken, storing nothing', async () => {
    const first = submission();
    expect((await submit(landKey, [first])).data?.submitDisclosures.rejected).toEqual([]);
    const before = await storedCount();
    const taken = submission({ agency: OTHER_BUREAU });
    taken.envelope.indexNumber = first.envelope.indexNumber;
    const response = await submit(otherKey, [taken]);
    expect(response.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await storedCount()).toBe(before);
  });
});

describe('validation', () => {
  it('stores the valid records of a batch and returns every error of the others by position', async () => {
    const good = submission();
    const negative = submission({ finalPrice: '-1' });
    const badDate = { ...submission(), envelope: { ...submission().envelope, publishedAt: '2024-02-30T10:00:00+08:00' } };
    const response = await submit(landKey, [negative, good, badDate]);
    expect(response.errors).toBeUndefined();
    const result = response.data!.submitDisclosures;
    expect(result.accepted.map((a) => [a.position, a.indexNumber])).toEqual([[1, good.envelope.indexNumber]]);
    expect(result.rejected.map((r) => [r.position, r.errors.map((e) => [e.field, e.rule])])).toEqual([
      [0, [['fields.finalPrice', 'non-negative']]],
      [2, [['envelope.publishedAt', 'format']]],
    ]);
    const stored = await stack.databases.catalogue.collection('entries').countDocuments({ _id: { $in: [negative.envelope.indexNumber] } as never });
    expect(stored).toBe(0);
  });
});
