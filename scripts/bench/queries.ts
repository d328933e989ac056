/** The GraphQL operations the bench sends. */

/** One domain field per domain, reached with inline fragments, as a portal's list view asks. */
export const DOMAIN_FRAGMENTS = `
  ... on LandTransfer { finalPrice { yuan } }
  ... on ProcurementAward { awardAmount { yuan } }
  ... on HousingAllocation { householdHead }
  ... on SchoolFee { amount { yuan } }
  ... on SafetyAccident { deaths }`;

const NODE = `__typename indexNumber title publishedAt agency { name } region { name } ${DOMAIN_FRAGMENTS}`;

/** Figure 1: the cross-domain catalogue page, newest first. */
export function cataloguePage(first: number): string {
  return `query CataloguePage { catalogue(first: ${first}) { edges { node { ${NODE} } } pageInfo { hasNextPage endCursor } } }`;
}

/** Figure 2: a query that only the catalogue subgraph answers (the same text goes to it directly). */
export const SINGLE_SUBGRAPH = 'query Region { region(code: "430600") { code name level } }';

/** Figure 4: a page with a filter: one domain in one province since 2015. */
export const FILTERED_PAGE = `query FilteredPage {
  catalogue(first: 20, filter: { domains: [LAND], regionCodes: ["430000"], publishedFrom: "2015-01-01" }) {
    edges { node { ${NODE} } } pageInfo { hasNextPage endCursor } } }`;

/** Figure 4: an exact-substring text search. */
export const TEXT_SEARCH = `query TextSearch {
  catalogue(first: 20, filter: { text: "征地拆迁补偿" }) { edges { node { ${NODE} } } pageInfo { hasNextPage endCursor } } }`;

/** Figure 4: the plain catalogue page after a cursor (none for page 1). */
export function pageAfter(cursor: string | null): string {
  return `query Page { catalogue(first: 20${cursor ? `, after: ${JSON.stringify(cursor)}` : ''}) { edges { node { ${NODE} } } pageInfo { hasNextPage endCursor } } }`;
}

/** Figure 5: what counts as an answered query after `npm start`. */
export const FIRST_QUERY = '{ catalogue(first: 1) { edges { node { indexNumber } } } }';

export interface GraphQLAnswer<Data = Record<string, unknown>> {
  status: number;
  data?: Data | null;
  errors?: Array<{ message: string }>;
  text: string;
}

/** POSTs one operation; never waits longer than `timeoutMs`. */
export async function post<Data = Record<string, unknown>>(url: string, query: string, timeoutMs = 120_000): Promise<GraphQLAnswer<Data>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await response.text();
  let body: { data?: Data | null; errors?: Array<{ message: string }> } = {};
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    body = { errors: [{ message: `not JSON: ${text.slice(0, 200)}` }] };
  }
  return { status: response.status, ...body, text };
}

/** Throws with the errors unless the answer is a 200 with data and no errors. */
export function expectData<Data>(answer: GraphQLAnswer<Data>, what: string): Data {
  if (answer.status !== 200 || answer.errors?.length || !answer.data) {
    throw new Error(`${what}: HTTP ${answer.status} ${answer.errors?.map((e) => e.message).join('; ') ?? answer.text.slice(0, 300)}`);
  }
  return answer.data;
}
