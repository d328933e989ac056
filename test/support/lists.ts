/** Reading a typed list through the gateway, as the domain tests compare it with what they stored. */
import type { TestStack } from './stack';

type Connection = { totalCount: number; edges: Array<{ node: { id: string } }> };

/** Runs `<listField>(filter: $filter)` and returns the ids in page order and the total, checking the query had no errors. */
export async function listIds(stack: TestStack, listField: string, filterType: string, filter: Record<string, unknown>) {
  const response = await stack.query<Record<string, Connection>>(
    `query ($filter: ${filterType}) { ${listField}(filter: $filter) { totalCount edges { node { id } } } }`,
    { filter },
  );
  expect(response.errors).toBeUndefined();
  const connection = response.data?.[listField];
  return { ids: connection?.edges.map((e) => e.node.id), totalCount: connection?.totalCount };
}

/** The index numbers of records, in their order. */
export const indexNumbers = (records: Array<{ envelope: { indexNumber: string } }>) => records.map((r) => r.envelope.indexNumber);
