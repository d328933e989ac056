import { CONSULTATION_REPLY_WORKING_DAYS } from '../../model/requests/clock';
import { ANSWER_TYPES, clockOf, requestState, type StoredRequest } from '../../model/requests/request';
import { money } from '../../model/scalars';
import { workingDaysLater } from '../../model/workdays';
import type { RequestPage } from './request-store';
import type { Resolvers } from './generated/resolvers';

const pageResolvers = {
  totalCount: (page: RequestPage) => page.totalCount(),
};

export const resolvers: Resolvers = {
  Query: {
    request: (_source, args, context) => context.manager.read(context.actor, args.id, context.work),
    openRequests: (_source, args, context) => context.manager.openRequests(context.actor, args, context.work),
    requestLog: (_source, args, context) => context.manager.requestLog(args, context.work),
    lateAnswerRanking: (_source, args, context) => {
      context.work.admitExpensive();
      return context.manager.lateAnswerRanking(args, context.work);
    },
  },
  Mutation: {
    registerRequest: (_source, args, context) => context.manager.register(context.actor, args.request, context.today),
    requestCorrection: (_source, args, context) => context.manager.requestCorrection(context.actor, args, context.today),
    receiveCorrection: (_source, args, context) => context.manager.receiveCorrection(context.actor, args, context.today),
    startConsultation: (_source, args, context) => context.manager.startConsultation(context.actor, args, context.today),
    recordConsultationReply: (_source, args, context) => context.manager.recordConsultationReply(context.actor, args, context.today),
    extendRequest: (_source, args, context) => context.manager.extend(context.actor, args, context.today),
    answerRequest: (_source, args, context) => context.manager.answer(context.actor, args, context.today),
    archiveRequest: (_source, args, context) => context.manager.archive(context.actor, args, context.today),
  },
  InformationRequest: {
    __resolveReference: (reference, context) => context.manager.reference(context.actor, reference.id, context.work),
    id: (request) => request._id,
    agency: (request) => ({ code: request.agencyCode }),
    // The request reaches a caller only through the handling agency's reads (RequestManager.read).
    applicant: (request, _args, context) => context.manager.applicantOf(request),
    clock: (request) => ({ receivedOn: request.receivedOn, ...clockOf(request) }),
    state: (request: StoredRequest, _args, context) => requestState(request, context.today),
  },
  RequestCorrection: {
    periodEndsOn: (correction) => workingDaysLater(correction.noticeOn, correction.periodWorkingDays),
  },
  RequestConsultation: {
    replyDueOn: (consultation) => workingDaysLater(consultation.sentOn, CONSULTATION_REPLY_WORKING_DAYS),
  },
  RequestAnswer: {
    reportRow: (answer) => ANSWER_TYPES[answer.type].row,
    provided: (answer) => answer.providedIndexNumbers.map((id) => ({ id })),
    fee: (answer) => money(answer.feeFen),
  },
  RequestLogEntry: {
    id: (request) => request._id,
    agency: (request) => ({ code: request.agencyCode }),
    subject: (request) => request.description,
    onTime: (request) => (request.answeredLate === null ? null : !request.answeredLate),
  },
  LateAnswerRank: {
    agency: (row) => ({ code: row.agencyCode }),
  },
  InformationRequestConnection: pageResolvers,
  RequestLogConnection: pageResolvers,
};
