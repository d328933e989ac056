/**
 * Publishing through the gateway as an agency does: submissions in the public form, with the agency's
 * key, and what the API answered for each of them.
 */
import { randomBytes } from 'node:crypto';
import { agencyNamed } from './builders';
import type { TestStack } from './stack';

export interface Submitted {
  accepted: Array<{ position: number; indexNumber: string }>;
  rejected: Array<{ position: number; errors: Array<{ field: string; rule: string; message: string }> }>;
}

export interface Publisher {
  /** A submission of `type` by the agency, with a fresh index number and the fields as given. */
  submission(type: string, title: string, fields: Record<string, unknown>): Record<string, unknown>;
  /** Submits through the gateway: each submission's [field, rule] errors in order ([] for an accepted one), the answer, and its text. */
  submit(...submissions: unknown[]): Promise<{ errors: Array<Array<[string, string]>>; answer: Submitted; text: string }>;
  /** The headers that carry the agency's key, to read its drafts. */
  headers: Record<string, string>;
}

/** An agency of the sample, by name, with a key of its own on `stack`. */
export async function publisher(stack: TestStack, agencyName: string): Promise<Publisher> {
  const agency = agencyNamed(agencyName);
  const { key } = await stack.createKey(agency._id, `${agencyName} publishing test`);
  const headers = { authorization: `Bearer ${key}` };
  const series = parseInt(randomBytes(2).toString('hex'), 16);
  let serial = 0;
  return {
    headers,
    submission(type, title, fields) {
      serial += 1;
      return {
        type,
        envelope: {
          indexNumber: `${agency._id}-/2024-${series}-${serial}`,
          title,
          category: '测试目录',
          agencyCode: agency._id,
          regionCode: agency.regionCode,
          publishedAt: '2024-03-01T10:00:00+08:00',
          disclosureMode: 'FULL',
        },
        fields,
      };
    },
    async submit(...submissions) {
      const response = await stack.query<{ submitDisclosures: Submitted }>(
        `mutation ($s: [DisclosureSubmission!]!) { submitDisclosures(submissions: $s) {
          accepted { position indexNumber } rejected { position errors { field rule message } } } }`,
        { s: submissions },
        headers,
      );
      if (response.errors) throw new Error(`submitDisclosures failed: ${JSON.stringify(response.errors)}`);
      const answer = response.data?.submitDisclosures as Submitted;
      const errors = submissions.map(
        (_, position) => answer.rejected.find((r) => r.position === position)?.errors.map((e): [string, string] => [e.field, e.rule]) ?? [],
      );
      return { errors, answer, text: JSON.stringify(response) };
    },
  };
}
