/**
 * Validation of submissions: every problem reported at once, each naming the field and the rule;
 * money converted exactly from yuan to fen.
 */
import { FIELD_SCHEMAS } from '../../model/records';
import { validateSubmission } from '../../model/input';
import { agencyNamed, landTransferSubmission } from '../support/builders';

const agency = agencyNamed('岳阳县国土资源局');

/** The land transfer every test starts from, with one index number; the test overrides what it is about. */
function landTransfer(envelope: Record<string, unknown> = {}, fields: Record<string, unknown> = {}) {
  return landTransferSubmission(agency.name, { envelope: { indexNumber: `${agency._id}-/2014-1000001`, ...envelope }, fields });
}

it('accepts a good submission and stores money in fen and instants as dates', () => {
  const result = validateSubmission(landTransfer(), FIELD_SCHEMAS);
  expect(result.ok).toBe(true);
  if (!result.ok) return;
  expect(result.input.fields).toMatchObject({ startingPriceFen: 100_000_000, finalPriceFen: 123_456_789 });
  expect(result.input.fields).not.toHaveProperty('finalPrice');
  expect(result.input.envelope.publishedAt.toISOString()).toBe('2014-06-20T02:00:00.000Z');
  expect(result.input.envelope.documentNumber).toBeNull();
});

it.each([
  ['negative money', {}, { finalPrice: '-5' }, [['fields.finalPrice', 'non-negative']]],
  ['money with three decimals', {}, { startingPrice: '1.005' }, [['fields.startingPrice', 'money-format']]],
  ['an impossible day', {}, { transferredOn: '2014-02-30' }, [['fields.transferredOn', 'format']]],
  ['an unknown enum value', {}, { use: 'CASTLE' }, [['fields.use', 'one-of']]],
  ['an unknown field', {}, { colour: 'red' }, [['fields.colour', 'unknown-field']]],
  ['a missing field', {}, { winningParty: undefined }, [['fields.winningParty', 'required']]],
  ['a bad credit code', { agencyCode: '11430621059724804X', indexNumber: '11430621059724804X-/2014-1' }, {}, [['envelope.agencyCode', 'format']]],
  ['an index number with a space', { indexNumber: '11370900004341590P /2017-00150' }, {}, [['envelope.indexNumber', 'format']]],
  ['an index number with a Chinese character', { indexNumber: '岳阳县/2017-00150' }, {}, [['envelope.indexNumber', 'format']]],
  ['an empty index number', { indexNumber: '' }, {}, [['envelope.indexNumber', 'min-length']]],
  ['an index number of 65 characters', { indexNumber: 'A'.repeat(65) }, {}, [['envelope.indexNumber', 'max-length']]],
  ['a date-time without offset', { publishedAt: '2014-06-20 10:00' }, {}, [['envelope.publishedAt', 'format']]],
  ['several problems at once', { title: '', regionCode: '43062' }, { termYears: 71 },
    [['envelope.title', 'min-length'], ['envelope.regionCode', 'format'], ['fields.termYears', 'maximum']]],
])('rejects %s naming each field and rule', (_name, envelope, fields, expected) => {
  const result = validateSubmission(landTransfer(envelope, fields), FIELD_SCHEMAS);
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.errors.map((e) => [e.field, e.rule])).toEqual(expected);
  for (const error of result.errors) expect(error.message.length).toBeGreaterThan(5);
});

it.each([
  ['the agency code, -/, year and serial', '11430621059724804R-/2014-1000001'],
  ['another agency’s code: each agency numbers in its own scheme', '115323000151673132-/2017-1019636'],
  ['a slash without the hyphen', '11370900004341590P/2017-00150'],
  ['underscores and dots, 64 characters', `${'A'.repeat(54)}_2017.0001`],
])('accepts an index number written as %s', (_name, indexNumber) => {
  const result = validateSubmission(landTransfer({ indexNumber }), FIELD_SCHEMAS);
  expect(result.ok && result.input.envelope.indexNumber).toBe(indexNumber);
});

it('rejects an unknown type', () => {
  const result = validateSubmission({ ...landTransfer(), type: 'Castle' }, FIELD_SCHEMAS);
  expect(result.ok).toBe(false);
  if (!result.ok) expect(result.errors[0]).toMatchObject({ field: 'type', rule: 'one-of' });
});
