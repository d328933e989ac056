/**
 * Requests for information 依申请公开 through the gateway, as an agency and the public use them: a
 * request through every step with the due days the clock gives; each step out of the law's order
 * refused naming the argument and the rule, storing nothing; another agency's key FORBIDDEN and no
 * key UNAUTHENTICATED; the public log and the late-answer ranking with exact rows; and the
 * applicant's identity in no collection, public answer, log line or error, while the handling
 * agency's key reads it back.
 */
import { shanghaiDate } from '../../model/time';
import { workingDaysLater, workingDaysThrough } from '../../model/workdays';
import { DataSeal } from '../../platform/sealed-data';
import { OWNER_NAMES } from '../../subgraphs/kit/config';
import { agencyNamed, sampleRecords } from '../support/builders';
import { captureLog } from '../support/log-capture';
import { startTestStack, type GraphQLResponse, type TestStack } from '../support/stack';

const LAND = agencyNamed('岳阳县国土资源局')._id;
const HOUSING = agencyNamed('岳阳县住房和城乡建设局')._id;
const GOVERNMENT = agencyNamed('岳阳县人民政府办公室')._id;

const APPLICANT = { name: '欧阳修文', idNumber: '11010519491231002X', phone: '13812345678', email: 'ouyang.xiuwen@example.cn', address: '湖南省岳阳县荣家湾镇建设路8号' };
/** The raw values of the applicant as they must never be seen outside the agency's reads. */
const RAW = [APPLICANT.name, APPLICANT.idNumber, APPLICANT.phone, APPLICANT.email, APPLICANT.address];

const REQUEST_FIELDS = `id agency { code } applicantType channel submittedOn signedForOn confirmedOn receivedOn description requestedForm delivery
  applicant { name idNumber phone email address }
  correction { noticeOn items periodWorkingDays periodEndsOn correctedOn }
  consultations { kind sentOn replyDueOn repliedOn reply }
  extension { approvedBy approvedOn applicantNotifiedOn workingDays }
  answer { answeredOn type reportRow legalBasis fee { fen yuan } provided { __typename id ... on LandTransfer { indexNumber } } }
  archivedOn
  clock { receivedOn correctionNoticeDueOn countsFrom baseDueOn dueOn pausedWorkingDays breaches calendarComplete }
  state`;
const STEP_FIELDS = 'id clock { countsFrom baseDueOn dueOn pausedWorkingDays breaches } state';

let stack: TestStack;
const log = captureLog();
const keys: Record<string, string> = {};
/** Every public answer and every error answer, for the privacy scan. */
const publicAnswers: string[] = [];

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function call<Data = Json>(query: string, variables: Json = {}, key?: string): Promise<GraphQLResponse<Data>> {
  const answer = await stack.query<Data>(query, variables, key ? { authorization: `Bearer ${key}` } : {});
  if (!key || answer.errors) publicAnswers.push(JSON.stringify(answer));
  return answer;
}

const REGISTER = `mutation ($request: RegisterRequestInput!) { registerRequest(request: $request) { ${STEP_FIELDS} receivedOn } }`;

function registration(overrides: Json = {}): Json {
  return {
    agencyCode: LAND,
    applicantType: 'NATURAL_PERSON',
    channel: 'IN_PERSON',
    submittedOn: '2025-01-24',
    description: `本人${APPLICANT.name}（身份证${APPLICANT.idNumber}，电话${APPLICANT.phone}）申请公开荣家湾镇2024年征地补偿安置方案`,
    requestedForm: '纸质',
    delivery: '邮寄',
    applicant: APPLICANT,
    ...overrides,
  };
}

async function register(overrides: Json = {}, key = keys.land): Promise<string> {
  const answer = await call<{ registerRequest: { id: string } }>(REGISTER, { request: registration(overrides) }, key);
  expect(answer.errors).toBeUndefined();
  return answer.data!.registerRequest.id;
}

const MUTATIONS = {
  correction: `mutation ($id: ID!, $noticeOn: Date!, $items: [String!]!, $period: Int!) {
    requestCorrection(id: $id, noticeOn: $noticeOn, items: $items, periodWorkingDays: $period) { ${STEP_FIELDS} } }`,
  corrected: `mutation ($id: ID!, $on: Date!) { receiveCorrection(id: $id, correctedOn: $on) { ${STEP_FIELDS} } }`,
  consult: `mutation ($id: ID!, $kind: ConsultationKind!, $on: Date!) { startConsultation(id: $id, kind: $kind, sentOn: $on) { ${STEP_FIELDS} } }`,
  reply: `mutation ($id: ID!, $n: Int!, $on: Date!, $reply: ConsultationReply!) {
    recordConsultationReply(id: $id, consultation: $n, repliedOn: $on, reply: $reply) { ${STEP_FIELDS} } }`,
  extend: `mutation ($id: ID!, $extension: ExtensionInput!) { extendRequest(id: $id, extension: $extension) { ${STEP_FIELDS} } }`,
  answer: `mutation ($id: ID!, $answer: AnswerInput!) { answerRequest(id: $id, answer: $answer) { ${STEP_FIELDS} } }`,
  archive: `mutation ($id: ID!, $on: Date!) { archiveRequest(id: $id, archivedOn: $on) { id archivedOn state } }`,
};
type Step = keyof typeof MUTATIONS;

async function step(name: Step, variables: Json, key = keys.land): Promise<Json> {
  const answer = await call(MUTATIONS[name], variables, key);
  expect(answer.errors).toBeUndefined();
  return Object.values(answer.data!)[0] as Json;
}

const stored = (id: string) => stack.databases.requests.collection('requests').findOne({ _id: id as never });

/** The step is refused with BAD_USER_INPUT naming the argument and the rule, and the request is stored as it was. */
async function refused(name: Step, variables: Json, argument: string, rule: string, message?: string): Promise<void> {
  const before = await stored(variables.id);
  const answer = await call(MUTATIONS[name], variables, keys.land);
  expect(answer.data).toBeNull();
  expect(answer.errors?.map((e) => e.extensions)).toEqual([{ code: 'BAD_USER_INPUT', argument, rule, serviceName: 'requests' }]);
  if (message) expect(answer.errors?.[0].message).toBe(`Invalid value for "${argument}": ${message}`);
  expect(await stored(variables.id)).toEqual(before);
}

const READ = `query ($id: ID!) { request(id: $id) { ${REQUEST_FIELDS} } }`;
const read = async (id: string, key = keys.land) => (await call<{ request: Json | null }>(READ, { id }, key)).data?.request;

let landTransfer: string;

beforeAll(async () => {
  stack = await startTestStack('requests', { logStream: log.stream });
  keys.land = (await stack.createKey(LAND, 'land bureau')).key;
  keys.housing = (await stack.createKey(HOUSING, 'housing bureau')).key;
  keys.government = (await stack.createKey(GOVERNMENT, 'county government')).key;
  const [record] = sampleRecords('LandTransfer', 1, 21);
  expect((await stack.writer.write([record], { status: 'PUBLISHED' })).rejected).toEqual([]);
  landTransfer = record.envelope.indexNumber;
}, 120_000);
afterAll(async () => {
  await stack?.close();
});

describe('the requests subgraph in the deployment', () => {
  it('is no owner of records: the catalogue hands records to and syncs from the subgraphs that own record types only', () => {
    expect(OWNER_NAMES).toEqual(['finance', 'land', 'housing', 'education', 'safety', 'documents', 'enforcement']);
  });
});

describe('a request through every step', () => {
  let id: string;

  it('is registered with its receipt day and its clock, the description de-identified', async () => {
    const answer = await call<{ registerRequest: Json }>(REGISTER, { request: registration() }, keys.land);
    expect(answer.errors).toBeUndefined();
    id = answer.data!.registerRequest.id;
    expect(answer.data!.registerRequest).toEqual({
      id,
      receivedOn: '2025-01-24',
      clock: { countsFrom: '2025-01-24', baseDueOn: '2025-02-27', dueOn: '2025-02-27', pausedWorkingDays: 0, breaches: [] },
      state: 'OVERDUE',
    });
    expect(id).toMatch(/^req-[0-9a-f]{12}$/);
  });

  it('waits for the correction (Art. 30), then counts 20 working days from the corrected application', async () => {
    expect(await step('correction', { id, noticeOn: '2025-01-27', items: ['请写明征地项目名称或文号'], period: 10 })).toEqual({
      id,
      clock: { countsFrom: null, baseDueOn: null, dueOn: null, pausedWorkingDays: 0, breaches: [] },
      state: 'AWAITING_CORRECTION',
    });
    expect((await stored(id))?.nextDeadlineOn).toBe('2025-02-17');
    expect(await step('corrected', { id, on: '2025-02-08' })).toEqual({
      id,
      clock: { countsFrom: '2025-02-08', baseDueOn: '2025-03-07', dueOn: '2025-03-07', pausedWorkingDays: 0, breaches: [] },
      state: 'OVERDUE',
    });
  });

  it('pauses for a consultation from the day after the letter through the reply (Art. 33(3))', async () => {
    expect((await step('consult', { id, kind: 'THIRD_PARTY', on: '2025-02-10' })).clock).toMatchObject({ pausedWorkingDays: 15, dueOn: '2025-03-28' });
    expect((await step('reply', { id, n: 0, on: '2025-02-14', reply: 'AGREE' })).clock).toEqual({
      countsFrom: '2025-02-08', baseDueOn: '2025-03-13', dueOn: '2025-03-13', pausedWorkingDays: 4, breaches: [],
    });
  });

  it('is extended by 20 working days from the deadline, across Qingming', async () => {
    const extension = { approvedBy: '政府信息公开工作机构负责人', approvedOn: '2025-03-10', applicantNotifiedOn: '2025-03-11', workingDays: 20 };
    expect((await step('extend', { id, extension })).clock).toEqual({ countsFrom: '2025-02-08', baseDueOn: '2025-03-13', dueOn: '2025-04-11', pausedWorkingDays: 4, breaches: [] });
  });

  it('is answered on time, pointing to a public catalogue record, with a fee in fen, and archived', async () => {
    const answer = { answeredOn: '2025-04-11', type: 'DISCLOSED', legalBasis: 'ART_36_1', providedIndexNumbers: [landTransfer], fee: '12.50' };
    expect((await step('answer', { id, answer })).state).toBe('ANSWERED_ON_TIME');
    expect(await step('archive', { id, on: '2025-04-15' })).toEqual({ id, archivedOn: '2025-04-15', state: 'ANSWERED_ON_TIME' });
  });

  it('reads back whole for its agency, the applicant as given, the provided record through the catalogue', async () => {
    expect(await read(id)).toEqual({
      id,
      agency: { code: LAND },
      applicantType: 'NATURAL_PERSON',
      channel: 'IN_PERSON',
      submittedOn: '2025-01-24',
      signedForOn: null,
      confirmedOn: null,
      receivedOn: '2025-01-24',
      // The applicant's own number and phone are masked whole, as is any other number that is personal data.
      description: '本人欧**文（身份证[证件号码]，电话[电话]）申请公开荣家湾镇2024年征地补偿安置方案',
      requestedForm: '纸质',
      delivery: '邮寄',
      applicant: APPLICANT,
      correction: { noticeOn: '2025-01-27', items: ['请写明征地项目名称或文号'], periodWorkingDays: 10, periodEndsOn: '2025-02-17', correctedOn: '2025-02-08' },
      consultations: [{ kind: 'THIRD_PARTY', sentOn: '2025-02-10', replyDueOn: '2025-03-03', repliedOn: '2025-02-14', reply: 'AGREE' }],
      extension: { approvedBy: '政府信息公开工作机构负责人', approvedOn: '2025-03-10', applicantNotifiedOn: '2025-03-11', workingDays: 20 },
      answer: {
        answeredOn: '2025-04-11',
        type: 'DISCLOSED',
        reportRow: '（一）予以公开',
        legalBasis: 'ART_36_1',
        fee: { fen: 1250, yuan: '12.50' },
        provided: [{ __typename: 'LandTransfer', id: landTransfer, indexNumber: landTransfer }],
      },
      archivedOn: '2025-04-15',
      clock: {
        receivedOn: '2025-01-24',
        correctionNoticeDueOn: '2025-02-10',
        countsFrom: '2025-02-08',
        baseDueOn: '2025-03-13',
        dueOn: '2025-04-11',
        pausedWorkingDays: 4,
        breaches: [],
        calendarComplete: true,
      },
      state: 'ANSWERED_ON_TIME',
    });
  });

  it('is read by the government above the bureau (its scope), by no one else', async () => {
    expect((await read(id, keys.government))?.applicant).toEqual(APPLICANT);
    expect(await read(id, keys.housing)).toBeNull();
    const anonymous = await call(READ, { id });
    expect(anonymous.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
  });
});

describe('the receipt day by channel (Art. 31)', () => {
  it.each([
    ['REGISTERED_POST', { submittedOn: '2025-09-24', signedForOn: '2025-09-26' }, '2025-09-26', '2025-10-30'],
    ['ONLINE', { submittedOn: '2026-09-18', confirmedOn: '2026-09-20' }, '2026-09-20', '2026-10-23'],
    ['ORDINARY_LETTER', { submittedOn: '2024-09-25', confirmedOn: '2024-09-27' }, '2024-09-27', '2024-10-30'],
  ])('%s counts from its own day', async (channel, dates, receivedOn, dueOn) => {
    const answer = await call<{ registerRequest: Json }>(REGISTER, { request: registration({ channel, ...dates }) }, keys.land);
    expect(answer.data?.registerRequest).toMatchObject({ receivedOn, clock: { dueOn } });
  });
});

describe('steps out of the law’s order', () => {
  const count = () => stack.databases.requests.collection('requests').countDocuments();

  it.each([
    ['an online request without its confirmation day', { channel: 'ONLINE' }, 'request.confirmedOn', 'required'],
    ['a confirmation before the submission', { channel: 'FAX', submittedOn: '2025-03-03', confirmedOn: '2025-03-02' }, 'request.confirmedOn', 'order'],
    ['a signing day for a request handed in', { signedForOn: '2025-01-25' }, 'request.signedForOn', 'channel'],
    ['a submission after today', { submittedOn: '2099-01-04' }, 'request.submittedOn', 'future'],
    ['no way to reach the applicant', { applicant: { name: APPLICANT.name, idNumber: APPLICANT.idNumber } }, 'request.applicant', 'contact'],
    ['an e-mail that is none', { applicant: { ...APPLICANT, email: APPLICANT.phone } }, 'request.applicant.email', 'format'],
    ['an empty description', { description: '  ' }, 'request.description', 'length'],
  ])('refuses registering %s, storing nothing', async (_what, overrides, argument, rule) => {
    const before = await count();
    const answer = await call(REGISTER, { request: registration(overrides) }, keys.land);
    expect(answer.errors?.map((e) => e.extensions)).toEqual([{ code: 'BAD_USER_INPUT', argument, rule, serviceName: 'requests' }]);
    expect(await count()).toBe(before);
  });

  it('refuses an answer before receipt, and while the corrected application is awaited', async () => {
    const id = await register({ submittedOn: '2025-03-03' });
    await refused('answer', { id, answer: { answeredOn: '2025-03-02', type: 'DISCLOSED', legalBasis: 'ART_36_2' } }, 'answer.answeredOn', 'order', 'must not be before the day the request was received (2025-03-03)');
    await step('correction', { id, noticeOn: '2025-03-05', items: ['补充身份证明'], period: 5 });
    await refused('answer', { id, answer: { answeredOn: '2025-03-10', type: 'DISCLOSED', legalBasis: 'ART_36_2' } }, 'answer.type', 'awaiting-correction');
    await refused('consult', { id, kind: 'THIRD_PARTY', on: '2025-03-06' }, 'sentOn', 'order');
    await refused('extend', { id, extension: { approvedBy: '政府信息公开工作机构负责人', approvedOn: '2025-03-06', applicantNotifiedOn: '2025-03-06', workingDays: 5 } }, 'extension', 'order');
    // Art. 30: once.
    await refused('correction', { id, noticeOn: '2025-03-06', items: ['再次补正'], period: 5 }, 'noticeOn', 'once', 'Art. 30 allows one request for correction, telling everything to correct at once; it was sent on 2025-03-05');
    await refused('answer', { id, answer: { answeredOn: '2025-03-12', type: 'OTHER_CORRECTION_LAPSED' } }, 'answer.answeredOn', 'correction-period', 'the correction period runs to 2025-03-12: the request lapses only after it');
    // The period passed without a correction: the request lapses (（六）1), closed in time.
    expect(await step('answer', { id, answer: { answeredOn: '2025-03-13', type: 'OTHER_CORRECTION_LAPSED' } })).toEqual({
      id, clock: { countsFrom: null, baseDueOn: null, dueOn: null, pausedWorkingDays: 0, breaches: [] }, state: 'ANSWERED_ON_TIME',
    });
    await refused('corrected', { id, on: '2025-03-14' }, 'id', 'answered');
  });

  it('refuses a lapse without a correction asked for, and a correction that never was', async () => {
    const id = await register({ submittedOn: '2025-03-03' });
    await refused('answer', { id, answer: { answeredOn: '2025-04-10', type: 'OTHER_CORRECTION_LAPSED' } }, 'answer.type', 'lapse');
    await refused('corrected', { id, on: '2025-03-04' }, 'correctedOn', 'order');
    await refused('answer', { id, answer: { answeredOn: '2025-03-10', type: 'UNAVAILABLE_UNCLEAR_AFTER_CORRECTION' } }, 'answer.type', 'correction');
  });

  it('refuses an extension over 20 working days, by a person’s name, before the clock, and a second one', async () => {
    const id = await register({ submittedOn: '2025-09-26', channel: 'IN_PERSON' });
    const extension = { approvedBy: '政府信息公开工作机构负责人', approvedOn: '2025-10-28', applicantNotifiedOn: '2025-10-28', workingDays: 21 };
    await refused('extend', { id, extension }, 'extension.workingDays', 'range', 'must be 1 to 20 working days (Art. 33)');
    await refused('extend', { id, extension: { ...extension, workingDays: 20, approvedBy: '张建国' } }, 'extension.approvedBy', 'role');
    await refused('extend', { id, extension: { ...extension, workingDays: 20, approvedOn: '2025-09-25' } }, 'extension.approvedOn', 'order');
    await refused('extend', { id, extension: { ...extension, workingDays: 20, applicantNotifiedOn: '2025-10-27' } }, 'extension.applicantNotifiedOn', 'order');
    expect((await step('extend', { id, extension: { ...extension, workingDays: 20 } })).clock).toMatchObject({ baseDueOn: '2025-10-30', dueOn: '2025-11-27', breaches: [] });
    await refused('extend', { id, extension: { ...extension, workingDays: 1 } }, 'extension', 'once', 'Art. 33 allows one extension; it was approved on 2025-10-28');
  });

  it('records an extension after the deadline as a breach, not a refusal', async () => {
    const id = await register({ submittedOn: '2025-09-26' });
    const extension = { approvedBy: '办公室负责人', approvedOn: '2025-10-31', applicantNotifiedOn: '2025-10-31', workingDays: 10 };
    expect((await step('extend', { id, extension })).clock).toEqual({ countsFrom: '2025-09-26', baseDueOn: '2025-10-30', dueOn: workingDaysLater('2025-10-30', 10), pausedWorkingDays: 0, breaches: ['EXTENDED_AFTER_DEADLINE'] });
  });

  it('refuses a silent consultation recorded inside the 15 days, a reply before the letter, a second reply', async () => {
    const id = await register({ submittedOn: '2026-02-09' });
    await step('consult', { id, kind: 'CO_PRODUCING_AGENCY', on: '2026-02-13' });
    await refused('reply', { id, n: 1, on: '2026-02-20', reply: 'AGREE' }, 'consultation', 'reference');
    await refused('reply', { id, n: 0, on: '2026-02-12', reply: 'AGREE' }, 'repliedOn', 'order');
    await refused('reply', { id, n: 0, on: '2026-03-12', reply: 'NONE' }, 'repliedOn', 'reply-period', 'the party has until 2026-03-12 to reply (15 working days): no reply is recorded after that day');
    expect((await step('reply', { id, n: 0, on: '2026-03-13', reply: 'NONE' })).clock).toMatchObject({ pausedWorkingDays: 15, dueOn: '2026-04-03' });
    await refused('reply', { id, n: 0, on: '2026-03-14', reply: 'OBJECT' }, 'consultation', 'once');
  });

  it('refuses an answer without the article it rests on, on another article, pointing to records when withholding, twice', async () => {
    const id = await register({ submittedOn: '2025-03-03' });
    await refused('answer', { id, answer: { answeredOn: '2025-03-20', type: 'UNAVAILABLE_NOT_HELD' } }, 'answer.legalBasis', 'required', 'say which article UNAVAILABLE_NOT_HELD rests on: ART_36_4 or ART_36_5');
    await refused('answer', { id, answer: { answeredOn: '2025-03-20', type: 'WITHHELD_STATE_SECRET', legalBasis: 'ART_15' } }, 'answer.legalBasis', 'basis', 'WITHHELD_STATE_SECRET rests on ART_14');
    await refused('answer', { id, answer: { answeredOn: '2025-03-20', type: 'WITHHELD_STATE_SECRET', providedIndexNumbers: [landTransfer] } }, 'answer.providedIndexNumbers', 'answer-type');
    await refused('archive', { id, on: '2025-03-21' }, 'archivedOn', 'order');
    await step('answer', { id, answer: { answeredOn: '2025-03-20', type: 'WITHHELD_STATE_SECRET' } });
    expect((await read(id))?.answer).toMatchObject({ legalBasis: 'ART_14', reportRow: '（三）1 属于国家秘密', fee: null, provided: [] });
    await refused('answer', { id, answer: { answeredOn: '2025-03-21', type: 'DISCLOSED', legalBasis: 'ART_36_2' } }, 'answer', 'once');
    await refused('archive', { id, on: '2025-03-19' }, 'archivedOn', 'order');
    await step('archive', { id, on: '2025-03-21' });
    await refused('archive', { id, on: '2025-03-22' }, 'archivedOn', 'once');
  });

  it('refuses an unknown request by its id', async () => {
    const answer = await call(MUTATIONS.corrected, { id: 'req-000000000000', on: '2025-03-04' }, keys.land);
    expect(answer.errors?.map((e) => e.extensions)).toEqual([{ code: 'BAD_USER_INPUT', argument: 'id', rule: 'reference', serviceName: 'requests' }]);
  });
});

describe('who may handle a request', () => {
  it('refuses another agency’s key (FORBIDDEN) and no key (UNAUTHENTICATED), storing nothing', async () => {
    const id = await register({ submittedOn: '2025-05-06' });
    const before = await stored(id);
    const answer = { answeredOn: '2025-05-07', type: 'DISCLOSED', legalBasis: 'ART_36_2' };
    const forbidden = await call(MUTATIONS.answer, { id, answer }, keys.housing);
    expect(forbidden.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([
      ['FORBIDDEN', `This API key may not handle the requests of ${LAND}: it acts only for ${HOUSING} and the agencies under it`],
    ]);
    const anonymous = await call(MUTATIONS.answer, { id, answer });
    expect(anonymous.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([
      ['UNAUTHENTICATED', "Handling requests for information needs an agency's API key: no API key: send Authorization: Bearer gdk_<id>_<secret>"],
    ]);
    expect(await stored(id)).toEqual(before);
    const registered = await call(REGISTER, { request: registration() }, keys.housing);
    expect(registered.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    // The government above the bureau acts for it.
    expect((await step('answer', { id, answer }, keys.government)).state).toBe('ANSWERED_ON_TIME');
  });
});

describe('an agency’s open requests, soonest deadline first', () => {
  const OPEN = `query ($agency: ID!, $dueBy: Date, $first: Int, $after: String) {
    openRequests(agencyCode: $agency, dueBy: $dueBy, first: $first, after: $after) {
      totalCount edges { node { id receivedOn clock { dueOn } state } } pageInfo { hasNextPage endCursor } } }`;
  const today = shanghaiDate(new Date());
  /** The latest day whose answer is due within 5 working days of today, and still today or later. */
  function dueSoonReceipt(): string {
    let day = today;
    for (;;) {
      const earlier = new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
      if (workingDaysLater(earlier, 20) < today) return day;
      day = earlier;
    }
  }
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    ids.overdue = await register({ agencyCode: GOVERNMENT, submittedOn: '2026-02-09' }, keys.government);
    ids.soon = await register({ agencyCode: GOVERNMENT, submittedOn: dueSoonReceipt() }, keys.government);
    ids.onTime = await register({ agencyCode: GOVERNMENT, submittedOn: today }, keys.government);
    ids.awaiting = await register({ agencyCode: GOVERNMENT, submittedOn: '2026-03-02' }, keys.government);
    await step('correction', { id: ids.awaiting, noticeOn: '2026-03-03', items: ['写明所需信息的名称'], period: 10 }, keys.government);
    const answered = await register({ agencyCode: GOVERNMENT, submittedOn: '2026-01-05' }, keys.government);
    await step('answer', { id: answered, answer: { answeredOn: '2026-01-06', type: 'NOT_PROCESSED_PUBLICATION' } }, keys.government);
  });

  it('lists the unanswered ones by the day the agency must act by, each with its state', async () => {
    const soonDue = workingDaysLater(dueSoonReceipt(), 20);
    expect(workingDaysThrough(today, soonDue).length).toBeLessThanOrEqual(5);
    const answer = await call<{ openRequests: Json }>(OPEN, { agency: GOVERNMENT }, keys.government);
    expect(answer.data?.openRequests.totalCount).toBe(4);
    expect(answer.data?.openRequests.edges.map((e: Json) => e.node)).toEqual([
      { id: ids.overdue, receivedOn: '2026-02-09', clock: { dueOn: '2026-03-13' }, state: 'OVERDUE' },
      { id: ids.awaiting, receivedOn: '2026-03-02', clock: { dueOn: null }, state: 'AWAITING_CORRECTION' },
      { id: ids.soon, receivedOn: dueSoonReceipt(), clock: { dueOn: soonDue }, state: 'DUE_SOON' },
      { id: ids.onTime, receivedOn: today, clock: { dueOn: workingDaysLater(today, 20) }, state: 'ON_TIME' },
    ]);
  });

  it('pages with a cursor and stops at dueBy', async () => {
    const first = await call<{ openRequests: Json }>(OPEN, { agency: GOVERNMENT, first: 1 }, keys.government);
    expect(first.data?.openRequests.pageInfo.hasNextPage).toBe(true);
    const next = await call<{ openRequests: Json }>(OPEN, { agency: GOVERNMENT, first: 2, after: first.data?.openRequests.pageInfo.endCursor }, keys.government);
    expect(next.data?.openRequests.edges.map((e: Json) => e.node.id)).toEqual([ids.awaiting, ids.soon]);
    const due = await call<{ openRequests: Json }>(OPEN, { agency: GOVERNMENT, dueBy: '2026-03-31' }, keys.government);
    expect(due.data?.openRequests.edges.map((e: Json) => e.node.id)).toEqual([ids.overdue, ids.awaiting]);
    expect(due.data?.openRequests.totalCount).toBe(2);
  });

  it('is for the agency’s key only', async () => {
    const other = await call(OPEN, { agency: GOVERNMENT }, keys.land);
    expect(other.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    const anonymous = await call(OPEN, { agency: GOVERNMENT });
    expect(anonymous.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
  });
});

describe('the public log and the late-answer ranking', () => {
  const LOG = `query ($filter: RequestLogFilter, $first: Int, $after: String) {
    requestLog(filter: $filter, first: $first, after: $after) {
      totalCount edges { node { id agency { code } subject applicantType receivedOn answerType answeredOn onTime } } pageInfo { hasNextPage endCursor } } }`;
  const RANKING = `query ($from: Date!, $to: Date!) { lateAnswerRanking(from: $from, to: $to) { agency { code name } answered onTime late } }`;
  // The receipt-by-channel cases above received one in September 2024.
  const YEAR = { receivedFrom: '2024-01-01', receivedTo: '2024-08-31' };
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    const made: Array<[string, string, Json, Json | null]> = [
      // name, key, registration, answer: received on, due on in the comment
      ['A1', 'land', { submittedOn: '2024-03-01', applicantType: 'COMMERCIAL_ENTERPRISE' }, { answeredOn: '2024-03-20', type: 'DISCLOSED', legalBasis: 'ART_36_2' }], // 03-01, due 03-29
      ['A2', 'land', { submittedOn: '2024-03-05' }, { answeredOn: '2024-04-10', type: 'WITHHELD_STATE_SECRET' }], // 03-05, due 04-02
      ['B1', 'housing', { agencyCode: HOUSING, channel: 'ONLINE', submittedOn: '2024-03-01', confirmedOn: '2024-03-04' }, { answeredOn: '2024-04-02', type: 'UNAVAILABLE_NOT_HELD', legalBasis: 'ART_36_4' }], // 03-04, due 04-01
      ['B2', 'housing', { agencyCode: HOUSING, channel: 'REGISTERED_POST', submittedOn: '2024-03-01', signedForOn: '2024-03-06', applicantType: 'LEGAL_SERVICE_INSTITUTION' }, { answeredOn: '2024-03-06', type: 'NOT_PROCESSED_REPEAT' }], // 03-06
      ['B3', 'housing', { agencyCode: HOUSING, submittedOn: '2024-03-11' }, { answeredOn: '2024-05-06', type: 'DISCLOSED', legalBasis: 'ART_36_1' }], // 03-11, due 04-09
      ['G1', 'government', { agencyCode: GOVERNMENT, channel: 'FAX', submittedOn: '2024-04-01', confirmedOn: '2024-04-01' }, null],
      ['G2', 'government', { agencyCode: GOVERNMENT, submittedOn: '2024-08-01', description: '申请公开2024年县政府常务会议纪要' }, { answeredOn: '2024-08-20', type: 'OTHER' }], // due 08-29
    ];
    for (const [name, key, overrides, answer] of made) {
      ids[name] = await register(overrides, keys[key]);
      if (answer) await step('answer', { id: ids[name], answer }, keys[key]);
    }
  });

  const page = async (variables: Json) => (await call<{ requestLog: Json }>(LOG, variables)).data?.requestLog;
  const idsOf = (connection: Json | undefined) => connection?.edges.map((e: Json) => e.node.id);
  const nameOf = (id: string) => Object.entries(ids).find(([, value]) => value === id)?.[0];

  it('shows each request with nothing of its applicant, latest received first', async () => {
    const year = await page({ filter: YEAR });
    expect(idsOf(year)?.map(nameOf)).toEqual(['G2', 'G1', 'B3', 'B2', 'A2', 'B1', 'A1']);
    expect(year?.totalCount).toBe(7);
    const subject = '本人欧**文（身份证[证件号码]，电话[电话]）申请公开荣家湾镇2024年征地补偿安置方案';
    expect(year?.edges.find((e: Json) => e.node.id === ids.A1).node).toEqual({
      id: ids.A1, agency: { code: LAND }, subject, applicantType: 'COMMERCIAL_ENTERPRISE', receivedOn: '2024-03-01', answerType: 'DISCLOSED', answeredOn: '2024-03-20', onTime: true,
    });
    expect(year?.edges.find((e: Json) => e.node.id === ids.G1).node).toEqual({
      id: ids.G1, agency: { code: GOVERNMENT }, subject, applicantType: 'NATURAL_PERSON', receivedOn: '2024-04-01', answerType: null, answeredOn: null, onTime: null,
    });
    const applicant = await call(`{ requestLog { edges { node { applicant { name } } } } }`);
    expect(applicant.errors?.map((e) => e.extensions?.code)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });

  it.each([
    ['one agency', { agencyCodes: [LAND] }, ['A2', 'A1']],
    ['late answers', { answeredLate: true }, ['B3', 'A2', 'B1']],
    ['answers on time', { answeredLate: false }, ['G2', 'B2', 'A1']],
    ['answer types', { answerTypes: ['DISCLOSED', 'NOT_PROCESSED_REPEAT'] }, ['B3', 'B2', 'A1']],
    ['an agency’s late answers', { agencyCodes: [HOUSING], answeredLate: true }, ['B3', 'B1']],
    ['a receipt period', { receivedFrom: '2024-03-04', receivedTo: '2024-03-06' }, ['B2', 'A2', 'B1']],
  ])('filters by %s', async (_what, filter, expected) => {
    const filtered = await page({ filter: { ...YEAR, ...filter } });
    expect(idsOf(filtered)?.map(nameOf)).toEqual(expected);
    expect(filtered?.totalCount).toBe(expected.length);
  });

  it('pages by keyset, and refuses a cursor it did not issue and a period that ends before it starts', async () => {
    const first = await page({ filter: YEAR, first: 3 });
    expect([idsOf(first)?.map(nameOf), first?.pageInfo.hasNextPage]).toEqual([['G2', 'G1', 'B3'], true]);
    const second = await page({ filter: YEAR, first: 3, after: first?.pageInfo.endCursor });
    expect([idsOf(second)?.map(nameOf), second?.pageInfo.hasNextPage]).toEqual([['B2', 'A2', 'B1'], true]);
    const third = await page({ filter: YEAR, first: 3, after: second?.pageInfo.endCursor });
    expect([idsOf(third)?.map(nameOf), third?.pageInfo.hasNextPage]).toEqual([['A1'], false]);
    const forged = await call(LOG, { after: Buffer.from('{"v":1,"f":"nextDeadlineOn","k":"2024","i":"x"}').toString('base64url') });
    expect(forged.errors?.map((e) => e.extensions)).toEqual([{ code: 'BAD_USER_INPUT', argument: 'after', rule: 'cursor', serviceName: 'requests' }]);
    const backwards = await call(LOG, { filter: { receivedFrom: '2024-05-01', receivedTo: '2024-04-01' } });
    expect(backwards.errors?.map((e) => e.extensions)).toEqual([{ code: 'BAD_USER_INPUT', argument: 'filter.receivedTo', rule: 'order', serviceName: 'requests' }]);
  });

  it('ranks agencies by their late answers in a period, with their answered and on-time counts', async () => {
    const year = await call<{ lateAnswerRanking: Json[] }>(RANKING, { from: '2024-01-01', to: '2024-12-31' });
    expect(year.data?.lateAnswerRanking).toEqual([
      { agency: { code: HOUSING, name: '岳阳县住房和城乡建设局' }, answered: 3, onTime: 1, late: 2 },
      { agency: { code: LAND, name: '岳阳县国土资源局' }, answered: 2, onTime: 1, late: 1 },
      { agency: { code: GOVERNMENT, name: '岳阳县人民政府办公室' }, answered: 1, onTime: 1, late: 0 },
    ]);
    const april = await call<{ lateAnswerRanking: Json[] }>(RANKING, { from: '2024-04-01', to: '2024-04-30' });
    const tied = [
      { agency: { code: HOUSING, name: '岳阳县住房和城乡建设局' }, answered: 1, onTime: 0, late: 1 },
      { agency: { code: LAND, name: '岳阳县国土资源局' }, answered: 1, onTime: 0, late: 1 },
    ].sort((a, b) => (a.agency.code < b.agency.code ? -1 : 1));
    expect(april.data?.lateAnswerRanking).toEqual(tied);
    expect((await call<{ lateAnswerRanking: Json[] }>(RANKING, { from: '2023-01-01', to: '2023-12-31' })).data?.lateAnswerRanking).toEqual([]);
    const backwards = await call(RANKING, { from: '2024-12-31', to: '2024-01-01' });
    expect(backwards.errors?.map((e) => e.extensions)).toEqual([{ code: 'BAD_USER_INPUT', argument: 'to', rule: 'order', serviceName: 'requests' }]);
  });
});

describe('the applicant’s identity', () => {
  it('refused input is answered without quoting it', async () => {
    const coerced = await call(REGISTER, { request: registration({ applicant: { ...APPLICANT, nickname: APPLICANT.name } }) }, keys.land);
    expect(coerced.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const badPhone = await call(REGISTER, { request: registration({ applicant: { ...APPLICANT, phone: `${APPLICANT.phone}${APPLICANT.name}` } }) }, keys.land);
    expect(badPhone.errors?.map((e) => e.extensions)).toEqual([{ code: 'BAD_USER_INPUT', argument: 'request.applicant.phone', rule: 'format', serviceName: 'requests' }]);
  });

  it('is in no collection of any database, no public answer, no error and no log line', async () => {
    const seen: string[] = [];
    for (const db of [...Object.values(stack.databases), stack.gatewayDatabase]) {
      for (const { name } of await db.listCollections().toArray()) seen.push(JSON.stringify(await db.collection(name).find().toArray()));
    }
    const everything = seen.join('\n');
    expect(everything).toContain('"applicant":{"v":1,');
    expect(everything).toContain('欧**文');
    await new Promise((resolve) => setTimeout(resolve, 100)); // log lines are written as responses end
    const logText = log.chunks.join('');
    expect(logText.match(/"operationType":"mutation"/g)?.length).toBeGreaterThanOrEqual(20);
    const haystacks = { databases: everything, publicAnswers: publicAnswers.join('\n'), log: logText };
    const found = Object.entries(haystacks).flatMap(([where, text]) => RAW.filter((raw) => text.includes(raw)).map((raw) => `${where}: ${raw}`));
    expect(found).toEqual([]);
    expect(publicAnswers.length).toBeGreaterThan(40);
  });
});

describe('sealing (platform/sealed-data.ts)', () => {
  const seal = new DataSeal('a test secret of at least thirty-two characters', 'requests applicants');

  it('opens what it sealed for the same record only, under the same key only', () => {
    const sealed = seal.seal(APPLICANT, 'req-1');
    expect(JSON.stringify(sealed)).not.toContain(APPLICANT.name);
    expect(seal.open(sealed, 'req-1')).toEqual(APPLICANT);
    expect(seal.open(sealed, 'req-2')).toBeUndefined();
    expect(new DataSeal('another secret of at least thirty-two characters', 'requests applicants').open(sealed, 'req-1')).toBeUndefined();
    expect(seal.open({ ...sealed, data: Buffer.from('tampered').toString('base64') }, 'req-1')).toBeUndefined();
    expect(seal.seal(APPLICANT, 'req-1').iv).not.toBe(sealed.iv);
  });
});
