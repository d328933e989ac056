/**
 * Personal data through the API: a housing allocation submitted with a raw name and ID number is
 * masked before it is stored, answered or logged. The test scans every collection of the stack's
 * databases, every log line of the gateway and the subgraphs, and the answers.
 */
import { agencyNamed, housingAllocationSubmission } from '../support/builders';
import { startTestStack, type TestStack } from '../support/stack';
import { captureLog } from '../support/log-capture';

const HOUSING_BUREAU = agencyNamed('岳阳县住房和城乡建设局');
const RAW = { name: '张三丰', idNumber: '430621199001011234', rejectedName: '欧阳修文', badIdNumber: '43062119900101123Z' };

const { chunks: logText, stream: logStream } = captureLog();

let stack: TestStack;
let key: string;

beforeAll(async () => {
  stack = await startTestStack('privacy', { logStream });
  ({ key } = await stack.createKey(HOUSING_BUREAU._id, 'privacy test'));
});
afterAll(async () => {
  await stack?.close();
});

function allocation(serial: number, householdHead: string, idNumber: string) {
  const indexNumber = `${HOUSING_BUREAU._id}-/2024-${4_000_000 + serial}`;
  return housingAllocationSubmission(HOUSING_BUREAU.name, { envelope: { indexNumber }, fields: { householdHead, idNumber } });
}

it('stores, answers and logs only the masked name and ID number, and rejects a bad one without echoing it', async () => {
  const submitted = await stack.query(
    `mutation ($s: [DisclosureSubmission!]!) { submitDisclosures(submissions: $s) {
      accepted { indexNumber status } rejected { position errors { field rule message } } } }`,
    { s: [allocation(1, RAW.name, RAW.idNumber), allocation(2, RAW.rejectedName, RAW.badIdNumber)] },
    { authorization: `Bearer ${key}` },
  );
  expect(submitted.data).toEqual({
    submitDisclosures: {
      accepted: [{ indexNumber: `${HOUSING_BUREAU._id}-/2024-4000001`, status: 'DRAFT' }],
      rejected: [{ position: 1, errors: [expect.objectContaining({ field: 'fields.idNumber', rule: 'format' })] }],
    },
  });
  const read = await stack.query(
    `{ disclosure(indexNumber: "${HOUSING_BUREAU._id}-/2024-4000001") { ... on HousingAllocation { householdHead idNumber } } }`,
    {},
    { authorization: `Bearer ${key}` },
  );
  expect(read.data).toEqual({ disclosure: { householdHead: '张*丰', idNumber: '4306**********1234' } });

  const seen: string[] = [JSON.stringify(submitted), JSON.stringify(read)];
  for (const db of Object.values(stack.databases)) {
    for (const { name } of await db.listCollections().toArray()) seen.push(JSON.stringify(await db.collection(name).find().toArray()));
  }
  await new Promise((resolve) => setTimeout(resolve, 100)); // log lines are written as responses end
  seen.push(...logText);
  const haystack = seen.join('\n');
  expect(haystack).toContain('张*丰');
  // The scan covers the mutation's own log lines, on the gateway and on the catalogue subgraph.
  expect(logText.join('').match(/"operationType":"mutation"/g)?.length).toBeGreaterThanOrEqual(2);
  for (const value of Object.values(RAW)) expect(haystack).not.toContain(value);
});
