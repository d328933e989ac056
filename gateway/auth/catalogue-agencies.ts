/**
 * The agencies as the catalogue subgraph knows them, asked over GraphQL at its own port: whether an
 * agency exists, and its scope (the agency and every agency under it, `Agency.scope`, a field that
 * is `@inaccessible` in the supergraph, so only direct calls to the catalogue see it). The gateway
 * and `npm run keys` never read the catalogue's database: the agency hierarchy is the catalogue's
 * data, and its API is how others read it.
 */
import { request } from 'undici';
import { z } from 'zod';
import { reasonOf } from '../../platform/observability';

/** How long a scope the catalogue gave is reused: a department added under an agency counts within this time. */
export const SCOPE_CACHE_MS = 30_000;
/** Scopes kept at most (least recently fetched go first). */
const MAX_CACHED_SCOPES = 1_000;

export interface CatalogueAgency {
  code: string;
  /** The agency and every agency under it (its departments, and theirs). */
  scope: string[];
  /** Its region's code. */
  regionCode: string;
}

/** An agency (null: the catalogue has none with that code), or why the catalogue could not be asked. */
export type AgencyLookup = { ok: true; agency: CatalogueAgency | null } | { ok: false; reason: string };

const AGENCY_QUERY = 'query AgencyScope($code: ID!) { agency(code: $code) { code scope region { code } } }';

const answerShape = z.object({
  data: z
    .object({ agency: z.object({ code: z.string(), scope: z.array(z.string()), region: z.object({ code: z.string() }) }).nullable() })
    .nullish(),
  errors: z.array(z.object({ message: z.string() })).optional(),
});

/** Why a call did not get an answer, in a few words (errors read by shape, as in subgraph-source.ts). */
function callFailure(error: unknown, timeoutMs: number): string {
  const shape = (typeof error === 'object' && error !== null ? error : {}) as { name?: string; code?: string; cause?: { code?: string } };
  if (shape.name === 'TimeoutError' || shape.name === 'AbortError') return `no answer within ${timeoutMs} ms`;
  const code = shape.cause?.code ?? shape.code;
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'connection reset';
  return reasonOf(error);
}

export class CatalogueAgencies {
  private readonly cache = new Map<string, { agency: CatalogueAgency; until: number }>();

  constructor(
    /** The catalogue subgraph's GraphQL URL (CATALOGUE_URL). */
    readonly url: string,
    private readonly timeoutMs: number,
  ) {}

  /** The agency with `code`, from the cache when the catalogue gave it less than SCOPE_CACHE_MS ago. */
  async find(code: string): Promise<AgencyLookup> {
    const cached = this.cache.get(code);
    if (cached && cached.until > Date.now()) return { ok: true, agency: cached.agency };
    const found = await this.ask(code);
    if (found.ok && found.agency) {
      this.cache.delete(code);
      if (this.cache.size >= MAX_CACHED_SCOPES) this.cache.delete(this.cache.keys().next().value as string);
      this.cache.set(code, { agency: found.agency, until: Date.now() + SCOPE_CACHE_MS });
    }
    return found;
  }

  private async ask(code: string): Promise<AgencyLookup> {
    const unavailable = (why: string): AgencyLookup => ({
      ok: false,
      reason: `the catalogue subgraph at ${this.url} could not be asked about agency ${code} (${why})`,
    });
    let status: number;
    let text: string;
    try {
      const response = await request(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: AGENCY_QUERY, variables: { code } }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      status = response.statusCode;
      text = await response.body.text();
    } catch (error) {
      return unavailable(callFailure(error, this.timeoutMs));
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return unavailable(`it answered HTTP ${status} without JSON`);
    }
    const answer = answerShape.safeParse(body);
    if (!answer.success) return unavailable(`it answered HTTP ${status} with an unexpected body`);
    if (answer.data.errors?.length || !answer.data.data) {
      return unavailable(`it answered: ${answer.data.errors?.[0]?.message ?? `HTTP ${status}`}`);
    }
    const agency = answer.data.data.agency;
    return { ok: true, agency: agency && { code: agency.code, scope: agency.scope, regionCode: agency.region.code } };
  }
}
