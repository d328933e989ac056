/** De-identification of household heads' names and ID numbers in housing allocation results. */
import { isMaskedIdNumber, isMaskedName, maskIdNumber, maskName } from '../../model/deidentify';

describe('maskName', () => {
  it.each([
    ['three characters: the middle one', '张三丰', '张*丰'],
    ['two characters: the last one', '张三', '张*'],
    ['one character: all of it', '张', '*'],
    ['a compound surname, by the same rule', '欧阳修', '欧*修'],
    ['four characters: one star for each', '欧阳修文', '欧**文'],
    ['a name with a middle dot', '阿依古丽·买买提', '阿******提'],
    ['a character outside the Basic Multilingual Plane as one character', '𪚥三丰', '𪚥*丰'],
    ['surrounding whitespace: ignored', '  张三丰\t', '张*丰'],
    ['an already masked name: unchanged', '张*丰', '张*丰'],
    ['an already masked two-character name: unchanged', '张*', '张*'],
  ])('masks %s', (_case, name, expected) => {
    expect(maskName(name)).toBe(expected);
  });

  it.each([
    ['empty', ''],
    ['only whitespace', ' \t '],
  ])('rejects a name that is %s', (_case, name) => {
    expect(() => maskName(name)).toThrow(new RangeError('Cannot mask a name: it is empty'));
  });

  it.each(['*三丰', '张三*', '*三'])('rejects %s, which starts or ends with the mask character', (name) => {
    expect(() => maskName(name)).toThrow(new RangeError('Cannot mask a name: it starts or ends with "*"'));
  });
});

describe('maskIdNumber', () => {
  it.each([
    ['an 18-digit number: first 4 and last 4 kept', '430621199001011234', '4306**********1234'],
    ['an 18-character number ending in X', '43062119851212345X', '4306**********345X'],
    ['a lower-case x as X', '43062119851212345x', '4306**********345X'],
    ['a 15-digit legacy number: first 4 and last 3 kept', '430621900101123', '4306********123'],
    ['surrounding whitespace: ignored', ' 430621199001011234\n', '4306**********1234'],
    ['an already masked number: unchanged', '4306**********1234', '4306**********1234'],
    ['a number masked another way: into the same form', '430621********1234', '4306**********1234'],
    ['a legacy number masked another way', '430621******123', '4306********123'],
  ])('masks %s', (_case, idNumber, expected) => {
    expect(maskIdNumber(idNumber)).toBe(expected);
  });

  it.each([
    ['empty', '', 0],
    ['only whitespace', '   ', 0],
    ['16 digits', '4306211990010112', 16],
    ['17 digits', '43062119900101123', 17],
    ['19 digits', '4306211990010112345', 19],
    ['14 digits', '43062190010112', 14],
  ])('rejects %s, naming the length but not the value', (_case, idNumber, length) => {
    expect(() => maskIdNumber(idNumber)).toThrow(
      new RangeError(`Cannot mask an ID number: it must have 18 or 15 characters; got ${length}`),
    );
  });

  it.each([
    ['a letter other than X in an 18-character number', '43062119900101123A', 18, '17 digits followed by a digit or X'],
    ['an X before the last position', '4306211990X1011234', 18, '17 digits followed by a digit or X'],
    ['a mask over the first four characters', '****21199001011234', 18, '17 digits followed by a digit or X'],
    ['a mask over the last four characters', '43062119900101****', 18, '17 digits followed by a digit or X'],
    ['an X in a 15-digit number', '43062190010112X', 15, '15 digits'],
  ])('rejects %s', (_case, idNumber, length, rule) => {
    expect(() => maskIdNumber(idNumber)).toThrow(new RangeError(`Cannot mask an ID number: ${length} characters must be ${rule}`));
  });
});

describe('isMaskedName', () => {
  it.each(['张*丰', '张*', '*', '欧**文', '𪚥*丰'])('accepts %s', (value) => {
    expect(isMaskedName(value)).toBe(true);
  });

  it.each(['', '张三丰', '张三', '张', '张**', '**', '*张', ' 张*丰', '张*丰 '])('refuses %j', (value) => {
    expect(isMaskedName(value)).toBe(false);
  });

  it('accepts everything maskName makes', () => {
    for (const name of ['张三丰', '张三', '张', '欧阳修文', '阿依古丽·买买提']) expect(isMaskedName(maskName(name))).toBe(true);
  });
});

describe('isMaskedIdNumber', () => {
  it.each(['4306**********1234', '4306**********345X', '4306********123'])('accepts %s', (value) => {
    expect(isMaskedIdNumber(value)).toBe(true);
  });

  it.each([
    '',
    '430621199001011234',
    '430621900101123',
    '430621********1234',
    '4306**********345x',
    '4306*********11234',
    '4306**********1234 ',
    '4306********12X',
  ])('refuses %j', (value) => {
    expect(isMaskedIdNumber(value)).toBe(false);
  });
});
