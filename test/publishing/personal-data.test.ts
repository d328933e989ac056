/**
 * The de-identification step: which numbers and names in a submission are personal data, exactly how
 * each is masked, and what is left alone (codes, index numbers, dates, amounts, organisations).
 */
import { deidentifyErrorMessage, deidentifyText, idCheckCharacter, isPersonalName, isResidentIdNumber } from '../../model/deidentify';
import { validateSubmission } from '../../model/input';
import { FIELD_SCHEMAS } from '../../model/records';
import { deidentifySubmission } from '../../model/records/personal-data';
import { publicSubmission } from '../../scripts/sample/public-form';
import { sampleRecords } from '../support/builders';

/** With its correct check character (GB 11643-1999's own example is 11010519491231002X). */
const withCheck = (first17: string) => first17 + idCheckCharacter(first17);
const fullWidth = (text: string) => text.replace(/[0-9A-Za-z-]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

describe('idCheckCharacter and isResidentIdNumber', () => {
  it('computes the check character, X for 10', () => {
    expect(idCheckCharacter('11010519491231002')).toBe('X');
    expect(idCheckCharacter('43062119900101123')).toBe('4');
  });

  it.each([
    ['18 characters with the right check character', '11010519491231002X', true],
    ['15 digits with a real birth date (1949-12-31)', '110105491231002', true],
    ['the wrong check character', '110105194912310021', false],
    ['a lower-case x (normalised before, not here)', '11010519491231002x', false],
    ['a province code that does not exist', withCheck('00010519491231002'), false],
    ['30 February', withCheck('11010519490230123'), false],
    ['born in 2099', withCheck('11010520990101123'), false],
    ['15 digits born on 13/13', '110105491313002', false],
    ['17 digits', '11010519491231002', false],
  ])('%s: %s', (_case, value, expected) => {
    expect(isResidentIdNumber(value)).toBe(expected);
  });
});

describe('deidentifyText masks', () => {
  it.each([
    ['an ID number', '11010519491231002X', '1101**********002X'],
    ['… with a lower-case x', '11010519491231002x', '1101**********002X'],
    ['… in full-width digits', fullWidth('11010519491231002x'), '1101**********002X'],
    ['… with spaces', '110105 19491231 002X', '1101**********002X'],
    ['… with hyphens', '110105-19491231-002X', '1101**********002X'],
    ['… with an ideographic space and a zero-width space', '110105\u30001949\u200B1231002X', '1101**********002X'],
    ['… inside text', '户主身份证号11010519491231002X，请核实', '户主身份证号1101**********002X，请核实'],
    ['… after Latin letters', 'ID11010519491231002X', 'ID1101**********002X'],
    ['a 15-digit ID number', '编号110105491231002。', '编号1101********002。'],
    ['a mobile number', '13812345678', '138****5678'],
    ['… with +86 and spaces', '+86 138 1234 5678', '+86 138****5678'],
    ['… with 0086 and hyphens', '0086-138-1234-5678', '0086 138****5678'],
    ['… with 86 joined on', '8613812345678', '86 138****5678'],
    ['… full-width, inside text', '电话：１３８－１２３４－５６７８。', '电话：138****5678。'],
    ['… after a number it is not part of', '编号 2024 13812345678', '编号 2024 138****5678'],
    ['a 16-digit card number', '6228480012345671', '6228********5671'],
    ['a 19-digit card number in groups of four', '卡号6217 0012 3456 7890 122', '卡号6217***********0122'],
    ['an 18-digit Luhn-valid number that is no ID number', '990105194912310023', '9901**********0023'],
    ['several at once', '李四，13812345678，11010519491231002X', '李四，138****5678，1101**********002X'],
  ])('%s', (_case, text, expected) => {
    expect(deidentifyText(text)).toBe(expected);
  });
});

describe('deidentifyText leaves alone', () => {
  it.each([
    ['an ID number with the wrong check character', '110105194912310021'],
    ['18 digits with a birth date that does not exist', withCheck('11010519490230123')],
    ['18 digits with no such province', withCheck('00010519491231002')],
    ['a credit code of digits only that passes the Luhn check', '114306217955411095'],
    ['17 Luhn-valid digits before a credit code’s check letter', '11610900689665693R'],
    ['an index number', '115323000151673132-/2017-1019636'],
    ['a card number that fails the Luhn check', '6222021234567890'],
    ['digits touching a Latin letter that read as a mobile number', 'C13812345678'],
    ['12 digits', '138123456789'],
    ['10 digits', '1381234567'],
    ['11 digits that are no mobile number', '12812345678'],
    ['a date-time', '2017-03-06T10:00:00+08:00'],
    ['a parcel number in a title', '楚雄市国有建设用地使用权挂牌出让结果公示（532301-2014-854号宗地）'],
    ['an already masked ID number', '1101**********002X'],
    ['an already masked mobile number', '+86 138****5678'],
    ['an already masked card number', '6217***********0122'],
  ])('%s', (_case, text) => {
    expect(deidentifyText(text)).toBe(text);
  });
});

describe('isPersonalName', () => {
  it.each(['张三丰', '张三', '欧阳修文', '阿依古丽·买买提'])('%s reads as a natural person', (name) => {
    expect(isPersonalName(name)).toBe(true);
  });
  it.each(['岳阳城投置业有限公司', '张记五金店', '荣家湾供销社', '张', '王小明张大明', 'Zhang San', '张*丰'])('%s does not', (name) => {
    expect(isPersonalName(name)).toBe(false);
  });
});

describe('deidentifySubmission', () => {
  const [penalty] = sampleRecords('AdministrativePenalty', 1).map(publicSubmission);
  const [award] = sampleRecords('ProcurementAward', 1).map(publicSubmission);
  const [budget] = sampleRecords('BudgetReport', 1).map(publicSubmission);

  it('masks a penalty’s party who is a natural person, and the name wherever the submission repeats it', () => {
    const submission = {
      ...penalty,
      envelope: { ...penalty.envelope, title: '王小明行政处罚决定书', subjectTerms: ['王小明'] },
      fields: { ...penalty.fields, party: '王小明', partyCreditCode: null, violation: '王小明未按规定…' },
    };
    const masked = deidentifySubmission(submission) as typeof submission;
    expect(masked.fields).toEqual({ ...submission.fields, party: '王*明', violation: '王*明未按规定…' });
    expect(masked.envelope).toEqual({ ...submission.envelope, title: '王*明行政处罚决定书', subjectTerms: ['王*明'] });
  });

  it('masks a party whose kind is NATURAL_PERSON whatever the name looks like, and not the same name of another kind', () => {
    const person = { ...penalty, fields: { ...penalty.fields, party: '爱新觉罗启星', partyKind: 'NATURAL_PERSON', partyCreditCode: null, violation: '爱新觉罗启星擅自采砂' } };
    expect((deidentifySubmission(person) as typeof person).fields).toEqual({ ...person.fields, party: '爱****星', violation: '爱****星擅自采砂' });
    const business = { ...person, fields: { ...person.fields, partyKind: 'INDIVIDUAL_BUSINESS' } };
    expect(deidentifySubmission(business)).toEqual(business);
  });

  it('leaves a party that is an organisation as it is', () => {
    const submission = { ...penalty, fields: { ...penalty.fields, party: '岳阳县荣家湾五金有限公司' } };
    expect(deidentifySubmission(submission)).toEqual(submission);
  });

  it('masks a supplier’s name (a nested field) when it reads as a person’s', () => {
    const submission = { ...award, fields: { ...award.fields, supplier: { name: '李四', creditCode: null } } };
    expect((deidentifySubmission(submission) as typeof submission).fields.supplier).toEqual({ name: '李*', creditCode: null });
  });

  it('masks numbers in every string, keys included, but not an amount in a money field', () => {
    const submission = {
      ...budget,
      envelope: { ...budget.envelope, title: '预算13812345678' },
      fields: { ...budget.fields, totalExpenditure: '13812345678', totalRevenue: '收入13812345678', '11010519491231002X': 'x' },
    };
    const masked = deidentifySubmission(submission) as Record<string, Record<string, unknown>>;
    expect(masked.envelope.title).toBe('预算138****5678');
    expect(masked.fields.totalExpenditure).toBe('13812345678');
    expect(masked.fields.totalRevenue).toBe('收入138****5678');
    expect(Object.keys(masked.fields)).toContain('1101**********002X');
    expect(Object.keys(masked.fields)).not.toContain('11010519491231002X');
  });

  it('is what validateSubmission validates and returns, and its errors quote only the masked form', () => {
    const raw = { ...penalty, envelope: { ...penalty.envelope, agencyCode: '11010519491231002X' }, fields: { ...penalty.fields, '13812345678': 'x' } };
    const result = validateSubmission(raw, FIELD_SCHEMAS);
    expect(result.ok).toBe(false);
    expect(result.submission).toEqual({ ...raw, envelope: { ...raw.envelope, agencyCode: '1101**********002X' }, fields: { ...penalty.fields, '138****5678': 'x' } });
    const errors = result.ok ? [] : result.errors;
    expect(errors).toEqual(
      expect.arrayContaining([
        { field: 'envelope.agencyCode', rule: 'format', message: 'must be an 18-character unified social credit code 统一社会信用代码 or a 9-character organisation code 组织机构代码 (GB 11714, e.g. 00434159-0), with a correct check character' },
        { field: 'fields.138****5678', rule: 'unknown-field', message: '138****5678 is not a field of this record type' },
      ]),
    );
    expect(JSON.stringify(errors)).not.toMatch(/11010519491231002X|13812345678/);
  });
});

describe('deidentifyErrorMessage', () => {
  it.each([
    [
      'an enum value GraphQL could not coerce: the value left out, path and rule kept',
      'Variable "$s" got invalid value "FULL，13812345678" at "s[1].envelope.disclosureMode"; Value "FULL，13812345678" does not exist in "DisclosureMode" enum.',
      'Variable "$s" got invalid value at "s[1].envelope.disclosureMode"; The value does not exist in "DisclosureMode" enum.',
    ],
    [
      'a whole object printed for a missing field',
      'Variable "$s" got invalid value { title: "王小明，11010519491231002X" } at "s[0].envelope"; Field "indexNumber" of required type "String!" was not provided.',
      'Variable "$s" got invalid value at "s[0].envelope"; Field "indexNumber" of required type "String!" was not provided.',
    ],
    [
      'a variable without a path',
      'Variable "$first" got invalid value "13812345678"; Int cannot represent non-integer value: "13812345678"',
      'Variable "$first" got invalid value; Int cannot represent non-integer value: "138****5678"',
    ],
    ['any other message: numbers masked', 'Field "13812345678" is not defined by type "EnvelopeInput".', 'Field "138****5678" is not defined by type "EnvelopeInput".'],
    ['a message with nothing personal: unchanged', 'must be between 1 and 100; got 101', 'must be between 1 and 100; got 101'],
  ])('%s', (_case, message, expected) => {
    expect(deidentifyErrorMessage(message)).toBe(expected);
  });
});
