/**
 * Agencies by unified social credit code or organisation code: a government registers a body known
 * only by its 9-character organisation code (GB 11714), which then gets a key and publishes under
 * that code; every wrong registration is refused naming the field and the rule, storing nothing.
 */
import { agencyNamed, landTransferSubmission } from '../support/builders';
import { startTestStack, type TestStack } from '../support/stack';

const COUNTY_GOVERNMENT = agencyNamed('岳阳县人民政府办公室');
const LAND_BUREAU = agencyNamed('岳阳县国土资源局');
/** 岳阳县 land reserve centre, printed with its organisation code as `00434159-0`. */
const RESERVE_CENTRE = { code: '00434159-0', name: '岳阳县土地储备中心', kind: 'DEPARTMENT', parentCode: COUNTY_GOVERNMENT._id, regionCode: '430621' };

const REGISTER = `mutation ($agency: AgencyRegistration!) {
  registerAgency(agency: $agency) { code name level kind parent { code } region { code } } }`;

let stack: TestStack;
let governmentKey: string;
let bureauKey: string;

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
const register = (agency: Record<string, unknown>, key: string | undefined = governmentKey) =>
  stack.query<{ registerAgency: Record<string, unknown> }>(REGISTER, { agency }, key ? bearer(key) : {});
// Every registration here names the county government as parent.
const storedAgencies = () => stack.databases.catalogue.collection('agencies').countDocuments({ parentCode: COUNTY_GOVERNMENT._id });

beforeAll(async () => {
  stack = await startTestStack('agency_registration');
  governmentKey = (await stack.createKey(COUNTY_GOVERNMENT._id, 'county government')).key;
  bureauKey = (await stack.createKey(LAND_BUREAU._id, 'land bureau')).key;
});
afterAll(async () => {
  await stack?.close();
});

describe('registering an agency known by its organisation code', () => {
  const registered = {
    code: '004341590',
    name: '岳阳县土地储备中心',
    level: 'COUNTY',
    kind: 'DEPARTMENT',
    parent: { code: COUNTY_GOVERNMENT._id },
    region: { code: '430621' },
  };

  it('stores it under the code without its hyphen, with its region’s level, beside its parent’s departments', async () => {
    const response = await register(RESERVE_CENTRE);
    expect(response.errors).toBeUndefined();
    expect(response.data?.registerAgency).toEqual(registered);
    const read = await stack.query<{ agency: unknown; parent: { children: Array<{ code: string }> } }>(
      `query ($code: ID!, $parent: ID!) { agency(code: $code) { code name level kind parent { code } region { code } } parent: agency(code: $parent) { children { code } } }`,
      { code: '004341590', parent: COUNTY_GOVERNMENT._id },
    );
    expect(read.data?.agency).toEqual(registered);
    expect(read.data?.parent.children.map((c) => c.code)).toContain('004341590');
  });

  it('changes nothing when registered again, and refuses the code with other details', async () => {
    const before = await storedAgencies();
    expect((await register(RESERVE_CENTRE)).data?.registerAgency).toEqual(registered);
    const renamed = await register({ ...RESERVE_CENTRE, name: '岳阳县自然资源储备中心' });
    expect(renamed.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'agency.code', rule: 'unique' });
    expect(renamed.errors?.[0].message).toContain('already registered, as 岳阳县土地储备中心');
    expect(await storedAgencies()).toBe(before);
  });

  it('lets it publish under that code with a key of its own, and serves its feed', async () => {
    const key = (await stack.createKey('004341590', 'reserve centre')).key;
    const record = landTransferSubmission('岳阳县国土资源局', {
      envelope: { agencyCode: '00434159-0', indexNumber: '004341590/2014-00001' },
    });
    const submitted = await stack.query<{ submitDisclosures: { accepted: Array<{ indexNumber: string }>; rejected: unknown[] } }>(
      `mutation ($s: [DisclosureSubmission!]!) { submitDisclosures(submissions: $s) { accepted { indexNumber } rejected { errors { field rule } } } }`,
      { s: [record] },
      bearer(key),
    );
    expect(submitted.data?.submitDisclosures).toEqual({ accepted: [{ indexNumber: '004341590/2014-00001' }], rejected: [] });
    for (const mutation of ['reviewDisclosures', 'publishDisclosures']) {
      const moved = await stack.query(`mutation ($ids: [String!]!) { ${mutation}(indexNumbers: $ids) { status } }`, { ids: ['004341590/2014-00001'] }, bearer(key));
      expect(moved.errors).toBeUndefined();
    }
    const published = await stack.query<{ disclosure: { agency: { code: string; name: string } } }>(
      `{ disclosure(indexNumber: "004341590/2014-00001") { agency { code name } } }`,
    );
    expect(published.data?.disclosure.agency).toEqual({ code: '004341590', name: '岳阳县土地储备中心' });
    const feed = await fetch(`${stack.gatewayUrl}feeds/agency/004341590.json`);
    expect(feed.status).toBe(200);
    expect(((await feed.json()) as { items: Array<{ id: string }> }).items.map((item) => item.id)).toEqual([
      expect.stringContaining('004341590/2014-00001'),
    ]);
  });
});

describe('what is refused, storing nothing', () => {
  it.each([
    ['a wrong check character', { ...RESERVE_CENTRE, code: '00434159-1' }, 'agency.code', 'check-character'],
    ['a credit code with a wrong check character', { ...RESERVE_CENTRE, code: '11430621059724804X' }, 'agency.code', 'check-character'],
    ['an empty name', { ...RESERVE_CENTRE, code: 'MA2K3L4P2', name: '  ' }, 'agency.name', 'length'],
    ['an unknown region', { ...RESERVE_CENTRE, code: 'MA2K3L4P2', regionCode: '439999' }, 'agency.regionCode', 'reference'],
    ['a region outside the parent’s', { ...RESERVE_CENTRE, code: 'MA2K3L4P2', regionCode: '532300' }, 'agency.regionCode', 'region-scope'],
  ])('%s (BAD_USER_INPUT naming the field)', async (_name, agency, argument, rule) => {
    const before = await storedAgencies();
    const response = await register(agency);
    expect(response.status).toBe(400);
    expect(response.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument, rule });
    expect(await storedAgencies()).toBe(before);
  });

  it('refuses a department registering beside itself under its government (FORBIDDEN) and a call without a key', async () => {
    const before = await storedAgencies();
    const sideways = await register({ ...RESERVE_CENTRE, code: 'MA2K3L4P2' }, bureauKey);
    expect(sideways.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(sideways.errors?.[0].message).toContain(`may not register agencies under ${COUNTY_GOVERNMENT._id}`);
    const anonymous = await register({ ...RESERVE_CENTRE, code: 'MA2K3L4P2' }, '');
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(await storedAgencies()).toBe(before);
  });

  it('refuses a record of an organisation code with a wrong check character, naming the rule', async () => {
    const record = landTransferSubmission('岳阳县国土资源局', { envelope: { agencyCode: '00434159-1' } });
    const response = await stack.query<{ submitDisclosures: { rejected: Array<{ errors: Array<{ field: string; rule: string }> }> } }>(
      `mutation ($s: [DisclosureSubmission!]!) { submitDisclosures(submissions: $s) { rejected { errors { field rule } } } }`,
      { s: [record] },
      bearer(governmentKey),
    );
    expect(response.data?.submitDisclosures.rejected).toEqual([{ errors: [{ field: 'envelope.agencyCode', rule: 'format' }] }]);
  });
});
