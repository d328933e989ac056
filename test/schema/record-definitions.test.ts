/**
 * The record types' definitions (model/records) and the hand-written SDL agree: every type's fields
 * (names, GraphQL types with nullability, money as Money), the values of each enum against the zod
 * enum of its input schema, its filter input, its query fields, and the catalogue's list of types.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { BODY_KEYS, ENVELOPE_KEYS } from '../../model/envelope';
import { RECORD_DEFINITIONS } from '../../model/records';
import { sampleRecords } from '../support/builders';
import { landTransfer } from '../../model/records/land/land-transfer';
import { REPO_ROOT } from '../../scripts/lib/schema-pieces';
import { catalogueProblems, domainProblems, recordEntities } from './record-definitions';

const sdlOf = (subgraph: string) => readFileSync(path.join(REPO_ROOT, 'subgraphs', subgraph, 'schema.graphql'), 'utf8');
const landSdl = sdlOf('land');

describe('each record type’s definition against its subgraph’s SDL', () => {
  it.each(RECORD_DEFINITIONS.map((definition) => [definition.type, definition] as const))('%s agrees', (_type, definition) => {
    expect(domainProblems(definition, sdlOf(definition.subgraph))).toEqual([]);
  });

  it.each([...new Set(RECORD_DEFINITIONS.map((d) => d.subgraph))])('every entity of the %s subgraph is a registered type it owns', (subgraph) => {
    const owned = RECORD_DEFINITIONS.filter((d) => d.subgraph === subgraph).map((d) => d.type);
    expect(recordEntities(sdlOf(subgraph)).sort()).toEqual([...owned].sort());
  });

  it('the catalogue implements Disclosure and lists DisclosureType for exactly the registered types, with their descriptions', () => {
    expect(catalogueProblems(RECORD_DEFINITIONS, sdlOf('catalogue'))).toEqual([]);
  });

  it.each(RECORD_DEFINITIONS.map((definition) => [definition.type, definition] as const))(
    '%s has no field, public or stored, named like an envelope field (which would overwrite it)',
    (type, definition) => {
      const stored = Object.keys(sampleRecords(type, 1)[0].fields);
      const clashes = [...Object.keys(definition.fields), ...stored].filter((field) => ([...ENVELOPE_KEYS, ...BODY_KEYS] as readonly string[]).includes(field));
      expect(clashes).toEqual([]);
    },
  );
});

describe('a disagreement', () => {
  it('names the type and the field when a definition’s field type changes, or a field is added', () => {
    const changed = { ...landTransfer, fields: { ...landTransfer.fields, finalPrice: 'String!', parcelArea: 'Float' } };
    expect(domainProblems(changed, landSdl)).toEqual([
      'LandTransfer.parcelArea: among the definition\'s public fields but not in the SDL',
      'LandTransfer.finalPrice: the SDL has Money!, the definition String!',
    ]);
  });

  it('names the field whose nullability differs in the SDL', () => {
    const sdl = landSdl.replace('  winningParty: String!\n  "Date of the deal', '  winningParty: String\n  "Date of the deal');
    expect(sdl).not.toBe(landSdl);
    expect(domainProblems(landTransfer, sdl)).toEqual(['LandTransfer.winningParty: the SDL has String, the definition String!']);
  });

  it('names the enum value the SDL and the zod enum disagree on', () => {
    const sdl = landSdl.replace('  "Storage 仓储用地."\n  STORAGE\n', '  "Storage 仓储用地."\n  STORAGE\n  "Castles."\n  CASTLE\n');
    expect(domainProblems(landTransfer, sdl)).toEqual([
      'LandTransfer.use (enum LandUse).CASTLE: in the SDL but not among the definition\'s zod enum values',
    ]);
    const input = landTransfer.input;
    const fewerMethods = {
      ...landTransfer,
      input: z.object({ ...(input as unknown as { in: z.ZodObject }).in.shape, method: z.enum(['TENDER', 'AUCTION', 'LISTING']) }),
    };
    expect(domainProblems(fewerMethods, landSdl)).toEqual([
      'LandTransfer.method (enum TransferMethod).AGREEMENT: in the SDL but not among the definition\'s zod enum values',
    ]);
  });

  it('names the filter field that differs', () => {
    const { winningParty: _gone, ...rest } = landTransfer.filter.fields;
    const changed = { ...landTransfer, filter: { ...landTransfer.filter, fields: { ...rest, maxFinalPrice: 'Float' } } };
    expect(domainProblems(changed, landSdl)).toEqual([
      'LandTransferFilter.winningParty: in the SDL but not among the definition\'s filters',
      'LandTransferFilter.maxFinalPrice: the SDL has YuanAmount, the definition Float',
    ]);
  });

  it('names a type the catalogue does not list, and a description that differs', () => {
    const renamed = { ...landTransfer, type: 'LandSale' };
    const redescribed = { ...landTransfer, description: 'A sale of land.' };
    expect(catalogueProblems([...RECORD_DEFINITIONS.filter((d) => d !== landTransfer), renamed], sdlOf('catalogue'))).toEqual([
      'Disclosure implementations.LandTransfer: in the SDL but not among the definition\'s record types',
      'Disclosure implementations.LandSale: among the definition\'s record types but not in the SDL',
      'DisclosureType.LandTransfer: in the SDL but not among the definition\'s record types',
      'DisclosureType.LandSale: among the definition\'s record types but not in the SDL',
    ]);
    expect(catalogueProblems([...RECORD_DEFINITIONS.filter((d) => d !== landTransfer), redescribed], sdlOf('catalogue'))).toEqual([
      'LandTransfer: the catalogue describes it as "Transfer of a state-owned land-use right 国有土地使用权出让.", the definition as "A sale of land."',
      'DisclosureType.LandTransfer: described as "Transfer of a state-owned land-use right 国有土地使用权出让.", the definition as "A sale of land."',
    ]);
  });
});
