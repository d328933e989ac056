/**
 * Personal data in every field (issue 10): for every record type of the registry, raw ID numbers,
 * mobile numbers, card numbers and natural persons' names are put in every string of a submission
 * (envelope and own fields, nested and optional ones included), written as publishers write them
 * (spaced, full-width, lower-case x, inside longer text), and sent through the gateway's API and
 * through `npm run import` as a process. Fields where such a value still passes the type's rules
 * make one accepted record per type, which is published; the others make one rejected record per
 * type. Then every collection of every database, the servers' and the import's output, the import
 * report, the feeds, the exports, every change-feed page, a page of every record with all its fields
 * and anonymous text searches are scanned: no raw value, in any form it was sent in or normalised to.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Kind, parse, print, type InputObjectTypeDefinitionNode } from 'graphql';
import { validateSubmission } from '../../model/input';
import { FIELD_SCHEMAS, RECORD_DEFINITIONS } from '../../model/records';
import { namedType, type FieldType, type PersonNameRule } from '../../model/records/record-type';
import { publicSubmission } from '../../scripts/sample/public-form';
import { sampleRecords } from '../support/builders';
import { request } from '../support/http';
import { runScript, type Finished } from '../support/process';
import { startTestStack, type TestStack } from '../support/stack';
import { captureLog } from '../support/log-capture';

/** The raw values, as a publisher might type them. */
const NUMBERS = ['11010519491231002X', '110105491231002', '13812345678', '6217001234567890122'];
/** A natural person's name for each field a type names one in, repeated in the record's title. */
const NAMES = ['欧阳修文', '司马相如', '上官婉儿', '诸葛明远'];

const fullWidth = (text: string) => text.replace(/[0-9A-Za-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
const FORMS: ReadonlyArray<(value: string) => string> = [
  (value) => value,
  (value) => value.replace(/(.{4})(?=.)/g, '$1 '),
  (value) => fullWidth(value.toLowerCase()),
  (value) => value.toLowerCase().replace(/(.{3})(.{4})/, '$1-$2-'),
  (value) => `联系人电话或证件${value}请核实`,
];
/** Every form a raw number may be found in: as sent, and normalised (half-width, upper- and lower-case, no separators). */
const NEEDLES = [
  ...new Set([...NUMBERS.flatMap((value) => [value, value.toLowerCase(), fullWidth(value), ...FORMS.map((form) => form(value))]), ...NAMES]),
];

type Json = Record<string, unknown>;
type Path = Array<string | number>;

/** Paths of the strings and nulls of a submission, and of the String fields its type has that it leaves out. */
function stringPaths(submission: Json, fields: Readonly<Record<string, FieldType>>): Path[] {
  const paths: Path[] = [];
  const walk = (value: unknown, at: Path) => {
    if (typeof value === 'string' || value === null) paths.push(at);
    else if (Array.isArray(value)) (value.length ? value : [null]).forEach((item, i) => walk(item, [...at, i]));
    else if (typeof value === 'object') for (const [key, item] of Object.entries(value as Json)) walk(item, [...at, key]);
  };
  walk(submission, []);
  const missing = (types: Readonly<Record<string, FieldType>>, at: Path): Path[] =>
    Object.entries(types).flatMap(([name, type]) => {
      if (typeof type !== 'string') return missing(type.fields, [...at, name]);
      return namedType(type) === 'String' && !paths.some((p) => p.join('.').startsWith([...at, name].join('.'))) ? [[...at, name]] : [];
    });
  const all = [...paths.filter((p) => p[0] !== 'type'), ...missing(fields, ['fields'])];
  // A null object (a consultation without feedback yet) is not a string: its String fields are.
  const inside = (outer: Path, inner: Path) => inner.length > outer.length && inner.join('.').startsWith(`${outer.join('.')}.`);
  return all.filter((p) => !all.some((q) => inside(p, q)));
}

/** Whether the field at `at` (from the submission, list positions included) is Money. */
function isMoney(fields: Readonly<Record<string, FieldType>>, at: Path): boolean {
  const names = at.filter((key): key is string => typeof key === 'string');
  if (names[0] !== 'fields') return false;
  let type: FieldType | undefined = { type: 'fields', fields };
  for (const name of names.slice(1)) type = typeof type === 'string' || type === undefined ? undefined : type.fields[name];
  return typeof type === 'string' && namedType(type) === 'Money';
}

/**
 * Where a person-name rule of the type puts a natural person's name in a submission: the field, or
 * that field of every element of a list on the way whose kind (`kindField`) is not an organisation's.
 */
function personNamePaths(submission: Json, field: string, rule: PersonNameRule): Path[] {
  const names = field.split('.');
  const walk = (value: unknown, at: Path, rest: string[]): Path[] => {
    if (Array.isArray(value)) return value.flatMap((item, i) => walk(item, [...at, i], rest));
    if (!rest.length) return [at];
    if (value === null || value === undefined) return [];
    const holder = value as Json;
    if (rest.length === 1 && typeof rule !== 'string' && rule.organisations?.includes(holder[rule.kindField] as string)) return [];
    return walk(holder[rest[0]], [...at, rest[0]], rest.slice(1));
  };
  return walk(submission.fields, ['fields'], names);
}

function get(value: unknown, at: Path): unknown {
  return at.reduce<unknown>((v, key) => (v as Json | undefined)?.[key as string], value);
}

function set(target: Json, at: Path, value: unknown): Json {
  const copy = structuredClone(target);
  let node: Json = copy;
  at.slice(0, -1).forEach((key, i) => {
    if (node[key as string] === null || node[key as string] === undefined) node[key as string] = typeof at[i + 1] === 'number' ? [] : {};
    node = node[key as string] as Json;
  });
  node[at[at.length - 1] as string] = value;
  return copy;
}

/** Envelope fields GraphQL itself types as something else than a string (an enum): refused before the catalogue sees them. */
const ENVELOPE_NON_STRINGS = new Set(
  parse(readFileSync(path.join(__dirname, '../../schema/supergraph.graphql'), 'utf8'))
    .definitions.filter((d): d is InputObjectTypeDefinitionNode => d.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION && d.name.value === 'EnvelopeInput')
    .flatMap((d) => d.fields ?? [])
    .filter((field) => !/^\[?String!?\]?!?$/.test(print(field.type)))
    .map((field) => field.name.value),
);

interface Variants {
  /** Raw values wherever the type's rules still accept one: stored, once de-identified. */
  accepted: Json;
  /** Raw values in every other string the catalogue reads: refused with field errors. */
  rejected: Json;
  /** Raw values in the envelope's enums: refused by GraphQL's own coercion, at the gateway. */
  refusedByGraphQL: Json;
}

let written = 0;
/** The next form and the next raw value in it, so that every value is sent in every form across the types. */
function nextForm(): { form: (value: string) => string; raw: string } {
  const form = FORMS[Math.floor(written / NUMBERS.length) % FORMS.length];
  const raw = form(NUMBERS[written % NUMBERS.length]);
  written += 1;
  return { form, raw };
}
let named = 0;

/**
 * For one sample record: the submission with a raw value in every string where the type still
 * accepts one (added to the text there, or in place of it, as in an ID number field), a natural
 * person's name in its person fields, repeated in the title; and the one with a raw value added to
 * every other string, which is refused.
 */
function withPersonalData(definition: (typeof RECORD_DEFINITIONS)[number], seed: number): Variants {
  // A record that names a person wherever its type can (a list of recipients may hold organisations only, or be left out).
  const samples = sampleRecords(definition.type, 20, seed).map((record) => publicSubmission(record) as unknown as Json);
  const rules = Object.entries(definition.personNames ?? {});
  const sample = samples.find((candidate) => rules.every(([field, rule]) => personNamePaths(candidate, field, rule).length > 0)) ?? samples[0];
  let accepted = sample;
  let rejected = sample;
  let refusedByGraphQL = sample;
  const personPaths = Object.entries(definition.personNames ?? {}).flatMap(([field, rule]) => {
    const name = NAMES[named++ % NAMES.length];
    const paths = personNamePaths(sample, field, rule);
    for (const at of paths) accepted = set(accepted, at, name);
    if (paths.length) accepted = set(accepted, ['envelope', 'title'], `${name}${get(accepted, ['envelope', 'title']) as string}`);
    return paths.map((at) => at.join('.'));
  });
  for (const at of stringPaths(sample, definition.fields)) {
    if (personPaths.includes(at.join('.'))) continue;
    const original = get(sample, at);
    const { form, raw } = nextForm();
    const added = `${typeof original === 'string' ? original : '样例'}，${raw}`;
    // An amount in a money field is an amount (13812345678 yuan): only raw values that cannot be one go there.
    const alone = isMoney(definition.fields, at) ? [] : [raw, ...NUMBERS.map(form)];
    const accepts = [added, ...alone].find((value) => validateSubmission(set(sample, at, value), FIELD_SCHEMAS).ok);
    if (accepts) accepted = set(accepted, at, accepts);
    else if (at[0] === 'envelope' && ENVELOPE_NON_STRINGS.has(at[1] as string)) refusedByGraphQL = set(refusedByGraphQL, at, added);
    else rejected = set(rejected, at, added);
  }
  expect(validateSubmission(accepted, FIELD_SCHEMAS)).toMatchObject({ ok: true });
  expect(validateSubmission(rejected, FIELD_SCHEMAS)).toMatchObject({ ok: false });
  expect(refusedByGraphQL).not.toEqual(sample);
  return { accepted, rejected, refusedByGraphQL };
}

const { chunks: logText, stream: logStream } = captureLog();

let stack: TestStack;
let workDir: string;
const seen: string[] = [];
const agencyCodes = new Set<string>();
const categories = new Set<string>();

beforeAll(async () => {
  // Each publishing call writes to several owners and brings the index up to date; on a loaded
  // machine that can take longer than the gateway's 10 s for a subgraph, which is not what this tests.
  stack = await startTestStack('personal_data', { logStream, env: { GATEWAY_SUBGRAPH_TIMEOUT_MS: '30000' } });
  workDir = mkdtempSync(path.join(os.tmpdir(), 'personal-data-'));
});
afterAll(async () => {
  await stack?.close();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

/** Every own field of every type, nested ones and money as yuan included. */
function selection(fields: Readonly<Record<string, FieldType>>): string {
  return Object.entries(fields)
    .map(([name, type]) => {
      if (typeof type !== 'string') return `${name} { ${selection(type.fields)} }`;
      return namedType(type) === 'Money' ? `${name} { yuan }` : name;
    })
    .join(' ');
}
/** The envelope and every own field of a type (types of different records may not be selected together: their fields' types clash). */
const everyField = (definition: (typeof RECORD_DEFINITIONS)[number]) => `__typename indexNumber title category agency { code name } region { code name }
  documentNumber subjectTerms writtenOn publishedAt disclosureMode sourceUrl ... on ${definition.type} { ${selection(definition.fields)} }`;

const SUBMIT = `mutation ($s: [DisclosureSubmission!]!) { submitDisclosures(submissions: $s) {
  accepted { position indexNumber status } rejected { position indexNumber errors { field rule message } } } }`;

/**
 * Each type's variants under the accepted record's agency, with its key: the accepted and rejected
 * ones in one call, the ones GraphQL refuses in calls of their own; the accepted records reviewed and
 * published.
 */
async function submitThroughTheApi(variants: Variants[]): Promise<void> {
  const byAgency = new Map<string, Variants[]>();
  for (const v of variants) {
    const code = (v.accepted.envelope as Json).agencyCode as string;
    byAgency.set(code, [...(byAgency.get(code) ?? []), v]);
  }
  for (const [agencyCode, ofAgency] of byAgency) {
    const { key } = await stack.createKey(agencyCode, 'personal data test');
    const headers = { authorization: `Bearer ${key}` };
    const answer = await stack.query<{ submitDisclosures: { accepted: Array<{ indexNumber: string }>; rejected: unknown[] } }>(
      SUBMIT,
      { s: ofAgency.flatMap((v) => [v.accepted, v.rejected]) },
      headers,
    );
    seen.push(JSON.stringify(answer));
    expect(answer.errors).toBeUndefined();
    const accepted = answer.data?.submitDisclosures.accepted.map((a) => a.indexNumber) ?? [];
    expect([agencyCode, accepted.length, answer.data?.submitDisclosures.rejected.length]).toEqual([agencyCode, ofAgency.length, ofAgency.length]);
    for (const { refusedByGraphQL } of ofAgency) {
      const refused = await stack.query(SUBMIT, { s: [refusedByGraphQL] }, headers);
      seen.push(JSON.stringify(refused));
      expect(refused.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    }
    for (const step of ['reviewDisclosures', 'publishDisclosures']) {
      const moved = await stack.query(`mutation ($n: [String!]!) { ${step}(indexNumbers: $n) { status } }`, { n: accepted }, headers);
      expect(moved.errors).toBeUndefined();
    }
  }
}

it('keeps no raw personal data anywhere, whichever way it came in', async () => {
  const api = RECORD_DEFINITIONS.map((definition) => withPersonalData(definition, 4));
  const imported = RECORD_DEFINITIONS.map((definition) => withPersonalData(definition, 5));
  for (const { accepted } of [...api, ...imported]) agencyCodes.add((accepted.envelope as Json).agencyCode as string);

  await submitThroughTheApi(api);

  const file = path.join(workDir, `personal-data-${randomBytes(3).toString('hex')}.ndjson`);
  writeFileSync(file, imported.flatMap((v) => [v.accepted, v.rejected, v.refusedByGraphQL].map((s) => JSON.stringify(s))).join('\n'));
  const report = path.join(workDir, 'report.csv');
  const run: Finished = await runScript('scripts/import.ts', [file, '--publish', '--report', report], stack.env);
  const count = RECORD_DEFINITIONS.length;
  expect(run.stdout).toMatch(new RegExp(`${count} stored as PUBLISHED, 0 unchanged, ${2 * count} rejected`));
  seen.push(run.stdout, run.stderr, readFileSync(report, 'utf8'));

  for (const definition of RECORD_DEFINITIONS) {
    const filter = { types: [definition.type] };
    for (let after: string | null = null, more = true; more; ) {
      const page: { data?: { changes: { edges: unknown[]; pageInfo: { hasNextPage: boolean; endCursor: string } } } | null } = await stack.query(
        `query ($after: String, $filter: ChangeFilter) { changes(first: 100, after: $after, filter: $filter) {
          edges { node { sequence kind indexNumber type disclosure { ${everyField(definition)} } } } pageInfo { hasNextPage endCursor } } }`,
        { after, filter },
      );
      expect(page.data?.changes.edges).toHaveLength(2);
      seen.push(JSON.stringify(page));
      more = page.data?.changes.pageInfo.hasNextPage ?? false;
      after = page.data?.changes.pageInfo.endCursor ?? null;
    }
    const records = await stack.query<{ catalogue: { totalCount: number; edges: Array<{ node: { category: string } }> } }>(
      `query ($filter: CatalogueFilter) { catalogue(first: 100, filter: $filter) { totalCount edges { node { ${everyField(definition)} } } } }`,
      { filter },
    );
    expect([definition.type, records.errors, records.data?.catalogue.totalCount]).toEqual([definition.type, undefined, 2]);
    seen.push(JSON.stringify(records));
    // Headings as stored (de-identified): the feeds of the headings as sent do not exist.
    for (const { node } of records.data?.catalogue.edges ?? []) categories.add(node.category);
  }

  const base = stack.gatewayUrl.replace(/\/$/, '');
  const pages = [
    ...[...agencyCodes].flatMap((code) => [`/feeds/agency/${code}.atom`, `/feeds/agency/${code}.json`]),
    ...[...categories].flatMap((heading) => [`/feeds/category/${encodeURIComponent(heading)}.atom`, `/feeds/category/${encodeURIComponent(heading)}.json`]),
    '/export.csv',
    '/export.ndjson',
  ];
  for (const page of pages) {
    const answer = await request(`${base}${page}`);
    expect([page, answer.status]).toEqual([page, 200]);
    seen.push(answer.text);
  }

  for (const needle of NEEDLES) {
    const search = await stack.query<{ catalogue: { totalCount: number } }>('query ($t: String!) { catalogue(filter: { text: $t }) { totalCount } }', { t: needle });
    expect([needle, search.data?.catalogue.totalCount]).toEqual([needle, 0]);
  }
  // The masked forms are there and found: the raw ones found nothing because nothing raw is kept.
  for (const masked of ['1101**********002X', '138****5678']) {
    const search = await stack.query<{ catalogue: { totalCount: number } }>('query ($t: String!) { catalogue(filter: { text: $t }) { totalCount } }', { t: masked });
    expect(search.data?.catalogue.totalCount).toBeGreaterThan(0);
  }

  for (const db of [...Object.values(stack.databases), stack.gatewayDatabase]) {
    for (const { name } of await db.listCollections().toArray()) seen.push(JSON.stringify(await db.collection(name).find().toArray()));
  }
  await new Promise((resolve) => setTimeout(resolve, 100)); // log lines are written as responses end
  seen.push(...logText);
  expect(logText.join('').match(/"operationType":"mutation"/g)?.length).toBeGreaterThanOrEqual(2);

  const haystack = seen.join('\n');
  for (const masked of ['1101**********002X', '1101********002', '138****5678', '6217***********0122', '欧**文', '司**如']) expect(haystack).toContain(masked);
  const found = NEEDLES.filter((needle) => haystack.includes(needle));
  expect(found).toEqual([]);
}, 120_000);
