/**
 * Handling requests for information (2019 Regulations, Arts 27–45): each step checked against the
 * request's state and the law's order before it is stored, by the agency handling the request (its
 * key's scope). The applicant's identity is sealed before it is stored and opened only for that
 * agency; every other string is de-identified, and the applicant's own name, number, phone and e-mail
 * are masked wherever they are written into one.
 */
import { randomBytes } from 'node:crypto';
import type { GraphQLError } from 'graphql';
import { deidentifyText, isPersonalName, maskName } from '../../model/deidentify';
import { receivedOn, CONSULTATION_REPLY_WORKING_DAYS, MAX_EXTENSION_WORKING_DAYS, type Channel } from '../../model/requests/clock';
import {
  ANSWER_TYPES,
  clockOf,
  listKeysOf,
  PROVIDING_ANSWERS,
  type Applicant,
  type ApplicantType,
  type AnswerType,
  type ConsultationKind,
  type ConsultationReply,
  type LegalBasis,
  type StoredRequest,
} from '../../model/requests/request';
import { toIsoDay } from '../../model/time';
import { workingDaysLater } from '../../model/workdays';
import { codedError } from '../../platform/error-codes';
import { badUserInput } from '../../platform/errors';
import type { QueryLimits } from '../../platform/overload';
import type { DataSeal } from '../../platform/sealed-data';
import type { Connection } from '../../storage/pagination';
import { allOf, oneOf, range } from '../../storage/filters';
import { requireAgency, type Actor } from '../kit/auth';
import type { RequestStore, Written } from './request-store';

const MAX_DESCRIPTION = 2000;
const MAX_SHORT_TEXT = 200;
const MAX_ITEM = 500;
const MAX_ITEMS = 20;
const MAX_CORRECTION_PERIOD_WORKING_DAYS = 30;
const MAX_CONSULTATIONS = 20;
const MAX_PROVIDED = 50;
const MAX_LOG_AGENCIES = 50;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^[0-9+\-() ]{5,30}$/;

type Day = Date | string;
type AgencyActor = Extract<Actor, { kind: 'agency' }>;

export interface RegisterRequestInput {
  agencyCode: string;
  applicantType: ApplicantType;
  channel: Channel;
  submittedOn: Day;
  signedForOn?: Day | null;
  confirmedOn?: Day | null;
  description: string;
  requestedForm?: string | null;
  delivery?: string | null;
  applicant: { name: string; idNumber?: string | null; phone?: string | null; email?: string | null; address?: string | null };
}

export interface ExtensionInput {
  approvedBy: string;
  approvedOn: Day;
  applicantNotifiedOn: Day;
  workingDays: number;
}

export interface AnswerInput {
  answeredOn: Day;
  type: AnswerType;
  legalBasis?: LegalBasis | null;
  providedIndexNumbers?: string[] | null;
  /** In fen (the YuanAmount scalar parses it). */
  fee?: number | null;
}

export interface RequestLogFilter {
  agencyCodes?: string[] | null;
  receivedFrom?: Day | null;
  receivedTo?: Day | null;
  answerTypes?: AnswerType[] | null;
  answeredLate?: boolean | null;
}

export interface LateAnswerRow {
  agencyCode: string;
  answered: number;
  onTime: number;
  late: number;
}

const ACTION = 'Handling requests for information';

/** A day argument as `YYYY-MM-DD`, refused when it is after `today`. */
function dayOf(argument: string, value: Day, today: string): string {
  const day = toIsoDay(value);
  if (day > today) throw badUserInput(argument, 'future', `must not be after today (${today}, Asia/Shanghai)`);
  return day;
}

function notBefore(argument: string, day: string, earliest: string, what: string): void {
  if (day < earliest) throw badUserInput(argument, 'order', `must not be before ${what} (${earliest})`);
}

/** `value` trimmed, 1 to `max` characters. */
function trimmed(argument: string, value: string, max: number): string {
  const text = value.trim();
  if (!text || [...text].length > max) throw badUserInput(argument, 'length', `must have 1 to ${max} characters`);
  return text;
}

/** Masks the applicant's own name, credential number, phone and e-mail wherever a text repeats them, then de-identifies it. */
function withoutApplicant(text: string, applicant: Applicant): string {
  let masked = text;
  const own: Array<[string | null, string]> = [
    [applicant.name.length >= 2 ? applicant.name : null, maskName(applicant.name)],
    [applicant.idNumber, '[证件号码]'],
    [applicant.phone, '[电话]'],
    [applicant.email, '[电子邮箱]'],
  ];
  for (const [value, mask] of own) if (value) masked = masked.split(value).join(mask);
  return deidentifyText(masked);
}

function applicantOf(input: RegisterRequestInput['applicant']): Applicant {
  const given = (argument: string, value: string | null | undefined, max: number) =>
    value === null || value === undefined || value.trim() === '' ? null : trimmed(`request.applicant.${argument}`, value, max);
  const applicant: Applicant = {
    name: trimmed('request.applicant.name', input.name, 100),
    idNumber: given('idNumber', input.idNumber, 50),
    phone: given('phone', input.phone, 30),
    email: given('email', input.email, 200),
    address: given('address', input.address, 300),
  };
  if (applicant.phone && !PHONE.test(applicant.phone)) throw badUserInput('request.applicant.phone', 'format', 'digits, spaces, +, - and brackets only, 5 to 30 characters');
  if (applicant.email && !EMAIL.test(applicant.email)) throw badUserInput('request.applicant.email', 'format', 'must be an e-mail address (name@domain)');
  if (!applicant.phone && !applicant.email && !applicant.address) {
    throw badUserInput('request.applicant', 'contact', 'give at least one of phone, email and address: an application states how to reach the applicant (Art. 29)');
  }
  return applicant;
}

function forbidden(action: string, agencyCode: string, actor: AgencyActor): GraphQLError {
  return codedError('FORBIDDEN', `This API key may not ${action} of ${agencyCode}: it acts only for ${actor.agencyCode} and the agencies under it`);
}

/** A step on a request the corrected application is still awaited for: the clock has not started. */
function refuseWhileAwaitingCorrection(request: StoredRequest, argument: string, step: string): void {
  if (request.correction && !request.correction.correctedOn) {
    throw badUserInput(argument, 'order', `${step} must wait for the corrected application (asked for on ${request.correction.noticeOn}): the clock has not started`);
  }
}

function refuseWhenAnswered(request: StoredRequest): void {
  if (request.answer) throw badUserInput('id', 'answered', `the request was answered on ${request.answer.answeredOn}: only archiving follows`);
}

export class RequestManager {
  constructor(
    private readonly store: RequestStore,
    private readonly seal: DataSeal,
  ) {}

  async register(actor: Actor, input: RegisterRequestInput, today: string): Promise<StoredRequest> {
    const agency = requireAgency(actor, ACTION);
    if (!agency.scope.has(input.agencyCode)) throw forbidden('register requests', input.agencyCode, agency);
    const submittedOn = dayOf('request.submittedOn', input.submittedOn, today);
    const signedForOn = input.signedForOn ? dayOf('request.signedForOn', input.signedForOn, today) : null;
    const confirmedOn = input.confirmedOn ? dayOf('request.confirmedOn', input.confirmedOn, today) : null;
    if (signedForOn && input.channel !== 'REGISTERED_POST') throw badUserInput('request.signedForOn', 'channel', 'only REGISTERED_POST is signed for; leave it out');
    if (confirmedOn && !['ORDINARY_LETTER', 'ONLINE', 'FAX'].includes(input.channel)) {
      throw badUserInput('request.confirmedOn', 'channel', 'only ORDINARY_LETTER, ONLINE and FAX are confirmed with the applicant; leave it out');
    }
    const receipt = receivedOn(input.channel, { submittedOn, signedForOn, confirmedOn });
    if (!receipt.ok) throw badUserInput(`request.${receipt.field}`, receipt.rule, receipt.message);
    const applicant = applicantOf(input.applicant);
    const text = (argument: string, value: string | null | undefined) =>
      value === null || value === undefined ? null : withoutApplicant(trimmed(`request.${argument}`, value, MAX_SHORT_TEXT), applicant);
    const steps = {
      agencyCode: input.agencyCode,
      applicantType: input.applicantType,
      channel: input.channel,
      submittedOn,
      signedForOn,
      confirmedOn,
      receivedOn: receipt.receivedOn,
      description: withoutApplicant(trimmed('request.description', input.description, MAX_DESCRIPTION), applicant),
      requestedForm: text('requestedForm', input.requestedForm),
      delivery: text('delivery', input.delivery),
      registeredAt: new Date(),
      correction: null,
      consultations: [],
      extension: null,
      answer: null,
      archivedOn: null,
      version: 1,
    };
    // A clash of random ids is all but impossible; a new id is drawn if one happens.
    for (let attempt = 0; ; attempt++) {
      const _id = `req-${randomBytes(6).toString('hex')}`;
      const sealed = { _id, ...steps, applicant: this.seal.seal(applicant, _id) };
      const written = await this.store.insert({ ...sealed, ...listKeysOf(sealed) });
      if (written.outcome === 'written') return written.request;
      if (attempt === 2) throw new Error('request ids clashed three times');
    }
  }

  /** The applicant of a request, for its agency's reads (never in a public answer). */
  applicantOf(request: StoredRequest): Applicant {
    const applicant = this.seal.open(request.applicant, request._id) as Applicant | undefined;
    if (!applicant) throw new Error(`the applicant of ${request._id} does not open with REQUESTS_DATA_KEY`);
    return applicant;
  }

  requestCorrection(actor: Actor, args: { id: string; noticeOn: Day; items: string[]; periodWorkingDays: number }, today: string) {
    return this.step(actor, args.id, (request) => {
      refuseWhenAnswered(request);
      if (request.correction) {
        throw badUserInput('noticeOn', 'once', `Art. 30 allows one request for correction, telling everything to correct at once; it was sent on ${request.correction.noticeOn}`);
      }
      if (request.consultations.length || request.extension) throw badUserInput('noticeOn', 'order', 'a correction is asked for before any consultation or extension');
      const noticeOn = dayOf('noticeOn', args.noticeOn, today);
      notBefore('noticeOn', noticeOn, request.receivedOn, 'the day the request was received');
      if (args.items.length < 1 || args.items.length > MAX_ITEMS) throw badUserInput('items', 'count', `give 1 to ${MAX_ITEMS} items to correct`);
      if (!Number.isInteger(args.periodWorkingDays) || args.periodWorkingDays < 1 || args.periodWorkingDays > MAX_CORRECTION_PERIOD_WORKING_DAYS) {
        throw badUserInput('periodWorkingDays', 'range', `must be 1 to ${MAX_CORRECTION_PERIOD_WORKING_DAYS} working days`);
      }
      const applicant = this.applicantOf(request);
      const items = args.items.map((item, i) => withoutApplicant(trimmed(`items[${i}]`, item, MAX_ITEM), applicant));
      return { correction: { noticeOn, items, periodWorkingDays: args.periodWorkingDays, correctedOn: null } };
    });
  }

  receiveCorrection(actor: Actor, args: { id: string; correctedOn: Day }, today: string) {
    return this.step(actor, args.id, (request) => {
      refuseWhenAnswered(request);
      const { correction } = request;
      if (!correction) throw badUserInput('correctedOn', 'order', 'no correction was asked for');
      if (correction.correctedOn) throw badUserInput('correctedOn', 'once', `the corrected application arrived on ${correction.correctedOn}`);
      const correctedOn = dayOf('correctedOn', args.correctedOn, today);
      notBefore('correctedOn', correctedOn, correction.noticeOn, 'the request for correction');
      return { correction: { ...correction, correctedOn } };
    });
  }

  startConsultation(actor: Actor, args: { id: string; kind: ConsultationKind; sentOn: Day }, today: string) {
    return this.step(actor, args.id, (request) => {
      refuseWhenAnswered(request);
      refuseWhileAwaitingCorrection(request, 'sentOn', 'a consultation');
      if (request.consultations.length >= MAX_CONSULTATIONS) throw badUserInput('id', 'max-items', `a request has at most ${MAX_CONSULTATIONS} consultations`);
      const sentOn = dayOf('sentOn', args.sentOn, today);
      notBefore('sentOn', sentOn, clockOf(request).countsFrom as string, 'the day the clock counts from');
      return { consultations: [...request.consultations, { kind: args.kind, sentOn, repliedOn: null, reply: null }] };
    });
  }

  recordConsultationReply(actor: Actor, args: { id: string; consultation: number; repliedOn: Day; reply: ConsultationReply }, today: string) {
    return this.step(actor, args.id, (request) => {
      refuseWhenAnswered(request);
      const consultation = request.consultations[args.consultation];
      if (!consultation) throw badUserInput('consultation', 'reference', `the request has ${request.consultations.length} consultations, numbered from 0`);
      if (consultation.reply) throw badUserInput('consultation', 'once', `its reply was recorded already (${consultation.reply}, ${consultation.repliedOn})`);
      const repliedOn = dayOf('repliedOn', args.repliedOn, today);
      notBefore('repliedOn', repliedOn, consultation.sentOn, 'the day the consultation was sent');
      const replyDueOn = workingDaysLater(consultation.sentOn, CONSULTATION_REPLY_WORKING_DAYS);
      if (args.reply === 'NONE' && repliedOn <= replyDueOn) {
        throw badUserInput('repliedOn', 'reply-period', `the party has until ${replyDueOn} to reply (15 working days): no reply is recorded after that day`);
      }
      const consultations = request.consultations.map((c, i) => (i === args.consultation ? { ...c, repliedOn, reply: args.reply } : c));
      return { consultations };
    });
  }

  extend(actor: Actor, args: { id: string; extension: ExtensionInput }, today: string) {
    return this.step(actor, args.id, (request) => {
      const { extension } = args;
      refuseWhenAnswered(request);
      refuseWhileAwaitingCorrection(request, 'extension', 'an extension');
      if (request.extension) throw badUserInput('extension', 'once', `Art. 33 allows one extension; it was approved on ${request.extension.approvedOn}`);
      if (!Number.isInteger(extension.workingDays) || extension.workingDays < 1 || extension.workingDays > MAX_EXTENSION_WORKING_DAYS) {
        throw badUserInput('extension.workingDays', 'range', `must be 1 to ${MAX_EXTENSION_WORKING_DAYS} working days (Art. 33)`);
      }
      const approvedBy = trimmed('extension.approvedBy', extension.approvedBy, 100);
      if (isPersonalName(approvedBy)) {
        throw badUserInput('extension.approvedBy', 'role', 'name the role that consented (政府信息公开工作机构负责人), not a person');
      }
      const approvedOn = dayOf('extension.approvedOn', extension.approvedOn, today);
      notBefore('extension.approvedOn', approvedOn, clockOf(request).countsFrom as string, 'the day the clock counts from');
      const applicantNotifiedOn = dayOf('extension.applicantNotifiedOn', extension.applicantNotifiedOn, today);
      notBefore('extension.applicantNotifiedOn', applicantNotifiedOn, approvedOn, 'the approval');
      return { extension: { approvedBy: withoutApplicant(approvedBy, this.applicantOf(request)), approvedOn, applicantNotifiedOn, workingDays: extension.workingDays } };
    });
  }

  answer(actor: Actor, args: { id: string; answer: AnswerInput }, today: string) {
    return this.step(actor, args.id, (request) => {
      const { answer } = args;
      if (request.answer) throw badUserInput('answer', 'once', `the request was answered on ${request.answer.answeredOn}`);
      const answeredOn = dayOf('answer.answeredOn', answer.answeredOn, today);
      notBefore('answer.answeredOn', answeredOn, request.receivedOn, 'the day the request was received');
      const { correction } = request;
      const awaiting = correction !== null && !correction.correctedOn;
      if (answer.type === 'OTHER_CORRECTION_LAPSED') {
        if (!awaiting) throw badUserInput('answer.type', 'lapse', 'only a request whose correction was asked for and never arrived lapses');
        const endsOn = clockOf(request).correctionPeriodEndsOn as string;
        if (answeredOn <= endsOn) throw badUserInput('answer.answeredOn', 'correction-period', `the correction period runs to ${endsOn}: the request lapses only after it`);
      } else if (awaiting && answer.type !== 'OTHER') {
        throw badUserInput('answer.type', 'awaiting-correction', 'the corrected application is awaited: only OTHER_CORRECTION_LAPSED (after its period) or OTHER (e.g. withdrawn) closes the request now');
      }
      if (answer.type === 'UNAVAILABLE_UNCLEAR_AFTER_CORRECTION' && !correction?.correctedOn) {
        throw badUserInput('answer.type', 'correction', 'a request is unclear after correction only once a corrected application arrived');
      }
      if (correction?.correctedOn) notBefore('answer.answeredOn', answeredOn, correction.correctedOn, 'the corrected application');
      const bases: readonly LegalBasis[] = ANSWER_TYPES[answer.type].bases;
      if (answer.legalBasis && !bases.includes(answer.legalBasis)) {
        throw badUserInput('answer.legalBasis', 'basis', bases.length ? `${answer.type} rests on ${bases.join(' or ')}` : `${answer.type} rests on no single article: leave it out`);
      }
      if (!answer.legalBasis && bases.length > 1) throw badUserInput('answer.legalBasis', 'required', `say which article ${answer.type} rests on: ${bases.join(' or ')}`);
      const provided = answer.providedIndexNumbers ?? [];
      if (provided.length && !PROVIDING_ANSWERS.has(answer.type)) {
        throw badUserInput('answer.providedIndexNumbers', 'answer-type', 'only an answer that provides information (DISCLOSED, PARTLY_DISCLOSED) points to records');
      }
      if (provided.length > MAX_PROVIDED) throw badUserInput('answer.providedIndexNumbers', 'max-items', `at most ${MAX_PROVIDED} index numbers`);
      const providedIndexNumbers = [...new Set(provided.map((indexNumber, i) => trimmed(`answer.providedIndexNumbers[${i}]`, indexNumber, 100)))];
      return {
        answer: { answeredOn, type: answer.type, legalBasis: answer.legalBasis ?? bases[0] ?? null, providedIndexNumbers, feeFen: answer.fee ?? null },
      };
    });
  }

  archive(actor: Actor, args: { id: string; archivedOn: Day }, today: string) {
    return this.step(actor, args.id, (request) => {
      if (!request.answer) throw badUserInput('archivedOn', 'order', 'only an answered request is archived (Art. 45)');
      if (request.archivedOn) throw badUserInput('archivedOn', 'once', `the request was archived on ${request.archivedOn}`);
      const archivedOn = dayOf('archivedOn', args.archivedOn, today);
      notBefore('archivedOn', archivedOn, request.answer.answeredOn, 'the answer');
      return { archivedOn };
    });
  }

  /** A request its agency may see: null for another agency's (or none). */
  async read(actor: Actor, id: string, limits: QueryLimits): Promise<StoredRequest | null> {
    const agency = requireAgency(actor, ACTION);
    const request = await this.store.requests.findOne({ _id: id }, limits.query());
    return request && agency.scope.has(request.agencyCode) ? request : null;
  }

  /** The same for an entity reference: null without a key rather than an error. */
  async reference(actor: Actor, id: string, limits: QueryLimits): Promise<StoredRequest | null> {
    return actor.kind === 'agency' ? this.read(actor, id, limits) : null;
  }

  openRequests(actor: Actor, args: { agencyCode: string; dueBy?: Day | null; first?: number | null; after?: string | null }, limits: QueryLimits): Promise<Connection<StoredRequest>> {
    const agency = requireAgency(actor, ACTION);
    if (!agency.scope.has(args.agencyCode)) throw forbidden('read the requests', args.agencyCode, agency);
    return this.store.openPage(args.agencyCode, args.dueBy ? toIsoDay(args.dueBy) : null, args, limits);
  }

  requestLog(args: { filter?: RequestLogFilter | null; first?: number | null; after?: string | null }, limits: QueryLimits): Promise<Connection<StoredRequest>> {
    const filter = args.filter ?? {};
    const from = filter.receivedFrom ? toIsoDay(filter.receivedFrom) : null;
    const to = filter.receivedTo ? toIsoDay(filter.receivedTo) : null;
    if (from && to && from > to) throw badUserInput('filter.receivedTo', 'order', `must not be before receivedFrom (${from})`);
    if (filter.agencyCodes && filter.agencyCodes.length > MAX_LOG_AGENCIES) throw badUserInput('filter.agencyCodes', 'max-items', `at most ${MAX_LOG_AGENCIES} agencies`);
    const query = allOf({
      agencyCode: oneOf(filter.agencyCodes),
      receivedOn: range('filter.receivedFrom', from, to),
      answerType: oneOf(filter.answerTypes),
      answeredLate: filter.answeredLate ?? undefined,
    });
    return this.store.logPage(query, args, limits);
  }

  async lateAnswerRanking(args: { from: Day; to: Day }, limits: QueryLimits): Promise<LateAnswerRow[]> {
    const from = toIsoDay(args.from);
    const to = toIsoDay(args.to);
    if (from > to) throw badUserInput('to', 'order', `must not be before from (${from})`);
    const rows = new Map<string, LateAnswerRow>();
    for (const { agencyCode, answeredLate, count } of await this.store.answerCounts(from, to, limits)) {
      const row = rows.get(agencyCode) ?? { agencyCode, answered: 0, onTime: 0, late: 0 };
      row.answered += count;
      if (answeredLate) row.late += count;
      else row.onTime += count;
      rows.set(agencyCode, row);
    }
    return [...rows.values()].sort((a, b) => b.late - a.late || (a.agencyCode < b.agencyCode ? -1 : 1));
  }

  /**
   * Loads the request, checks the key may act on it, applies `change` (which throws a
   * BAD_USER_INPUT for a step out of order) and stores the result onto the version it was read at.
   */
  private async step(actor: Actor, id: string, change: (request: StoredRequest) => Partial<StoredRequest>): Promise<StoredRequest> {
    const agency = requireAgency(actor, ACTION);
    const request = await this.store.requests.findOne({ _id: id });
    if (!request) throw badUserInput('id', 'reference', `no request ${id}`);
    if (!agency.scope.has(request.agencyCode)) throw forbidden('handle the requests', request.agencyCode, agency);
    const steps = { ...request, ...change(request), version: request.version + 1 };
    const written: Written = await this.store.replace({ ...steps, ...listKeysOf(steps) });
    if (written.outcome === 'conflict') throw badUserInput('id', 'concurrent-change', 'the request was changed by another step meanwhile; read it again and retry');
    return written.request;
  }
}
