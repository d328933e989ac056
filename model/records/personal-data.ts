/**
 * The de-identification step 去标识化 every submission passes first, before it is validated, stored,
 * logged or echoed (model/input.ts): the API, the owners' endpoints and the file import all keep
 * only what comes out of it. Every string of the submission (envelope, the type's fields, nested
 * objects and lists, and the keys themselves, which error messages name) has its resident ID, mobile
 * and card numbers masked (deidentifyText); the fields a type names natural persons in
 * (`personNames` of its definition) have the name masked, and so does every other string of the
 * submission that repeats it. A money field written as an amount is left alone: 13800000000 yuan is
 * not a phone number (anything else there is masked, since the field's error quotes it). An
 * attachment's bytes (base64) and hash are not text and are left alone (BINARY_PATHS).
 */
import { BINARY_PATHS } from '../attachments';
import { deidentifyText, isMaskedName, isPersonalName, maskName } from '../deidentify';
import { isYuanAmount } from '../scalars';
import { RECORD_DEFINITIONS } from './index';
import { namedType, type FieldType, type PersonNameRule } from './record-type';

interface TypeRules {
  /** Dotted paths from the submission (`fields.supplier.name`), list positions left out. */
  money: ReadonlySet<string>;
  personNames: Readonly<Record<string, PersonNameRule>>;
}

function moneyPaths(fields: Readonly<Record<string, FieldType>>, prefix: string): string[] {
  return Object.entries(fields).flatMap(([name, type]) => {
    const path = `${prefix}.${name}`;
    if (typeof type !== 'string') return moneyPaths(type.fields, path);
    return namedType(type) === 'Money' ? [path] : [];
  });
}

const RULES = new Map<string, TypeRules>(
  RECORD_DEFINITIONS.map((definition) => [
    definition.type,
    {
      money: new Set(moneyPaths(definition.fields, 'fields')),
      personNames: Object.fromEntries(Object.entries(definition.personNames ?? {}).map(([path, kind]) => [`fields.${path}`, kind])),
    },
  ]),
);
const NO_RULES: TypeRules = { money: new Set(), personNames: {} };

type Holder = Readonly<Record<string, unknown>> | null;
/** Visits a string at its dotted path, with the object that holds it (its fields beside it). */
type Visit = (text: string, path: string, holder: Holder) => string;

function mapStrings(value: unknown, path: string, visit: Visit, holder: Holder = null): unknown {
  if (typeof value === 'string') return visit(value, path, holder);
  if (Array.isArray(value)) return value.map((item) => mapStrings(item, path, visit, holder));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => {
        const name = deidentifyText(key);
        return [name, mapStrings(item, path ? `${path}.${name}` : name, visit, value as Record<string, unknown>)];
      }),
    );
  }
  return value;
}

/** What a rule makes of the name in `holder`: a person's, maybe a person's (`party`), or none. */
function kindOfName(rule: PersonNameRule | undefined, holder: Holder): 'person' | 'party' | undefined {
  if (rule === undefined || typeof rule === 'string') return rule;
  const kind = holder?.[rule.kindField];
  if (typeof kind === 'string' && rule.persons.includes(kind)) return 'person';
  if (typeof kind === 'string' && rule.organisations?.includes(kind)) return undefined;
  return 'party';
}

/** The natural person's name a field holds, masked; null where it holds none (or one its schema must refuse). */
function maskedPerson(text: string, kind: 'person' | 'party' | undefined): string | null {
  const name = text.trim();
  if (!kind || !name || isMaskedName(name) || (kind === 'party' && !isPersonalName(name))) return null;
  try {
    return maskName(name);
  } catch {
    return null;
  }
}

/** `raw` with its personal data masked; anything that is not an object comes back as it is, for validation to refuse. */
export function deidentifySubmission(raw: unknown): unknown {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return raw;
  const type = (raw as { type?: unknown }).type;
  const rules = (typeof type === 'string' && RULES.get(type)) || NO_RULES;
  const names = new Map<string, string>();
  const withPersonsMasked = mapStrings(raw, '', (text, path, holder) => {
    if (BINARY_PATHS.has(path)) return text;
    const masked = maskedPerson(text, kindOfName(rules.personNames[path], holder));
    if (masked === null) return text;
    names.set(text.trim(), masked);
    return masked;
  });
  const repeated = [...names].filter(([name]) => [...name].length >= 2);
  return mapStrings(withPersonsMasked, '', (text, path) => {
    if (rules.money.has(path) && isYuanAmount(text.trim())) return text;
    if (BINARY_PATHS.has(path)) return text;
    const withoutNames = repeated.reduce((result, [name, masked]) => result.split(name).join(masked), text);
    return deidentifyText(withoutNames);
  });
}
