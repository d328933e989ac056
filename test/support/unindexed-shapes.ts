/**
 * The reviewed allow-list of test/support/index-coverage.ts: query shapes no declared index covers
 * by the ESR rule, each with why it is accepted, and fields that may be tested after an index has
 * done its part. A new unindexed shape fails the test run until it gets an index or an entry here.
 */
import { AGENCIES, CATALOGUE_BODIES, CATALOGUE_ENTRIES, RECORD_TYPES, RECORD_TYPE_NAMES, REGIONS, type RecordTypeName } from '../../model/record-types';
import { API_KEYS } from '../../gateway/auth/api-key-store';
import { CHANGES } from '../../publishing/change-log';
import { DOCUMENT_LINKS, NUMBERING_SCHEMES } from '../../publishing/document-references';
import { IDEMPOTENCY_COLLECTION } from '../../publishing/idempotency-store';
import { REQUESTS_COLLECTION } from '../../model/requests/request';
import type { AllowList, AllowedShape, ResidualField } from './index-coverage';

const collectionOf = (type: RecordTypeName) => RECORD_TYPES[type].collection;
/** The catalogue's index and every owner's collection: each holds envelopes, with the envelope indexes. */
const ENVELOPES = [CATALOGUE_ENTRIES, ...RECORD_TYPE_NAMES.map(collectionOf)];
const OWNED = RECORD_TYPE_NAMES.map(collectionOf);

const residual = (collections: readonly string[], fields: readonly string[], reason: string): ResidualField[] =>
  fields.map((field) => ({ collections, field, reason }));

/** A page of one value of a field whose index orders its matches by another field: the matches are sorted in memory. */
const sortedInMemory = (collections: readonly string[], fields: readonly string[], reason: string): AllowedShape[] =>
  fields.map((field) => ({ collections, equality: [field], range: [], reason: `${field}: ${reason}` }));

/** A page filtered by a bound on a field whose index serves the bound, not the publication order. */
const RANGE_NOT_ORDER =
  'a page bounded on this field walks the publication order (index published) and tests the bound on each record, or the planner takes the field index and sorts its matches; a count uses the field index where the field leads it, else tests each record';

const UNINDEXED_OWN_FILTER =
  "a filter of the type's own with no index (few values, or a measure): tested on each record of the type's own collection that the publication order or the envelope filters' index reads";

export const UNINDEXED_SHAPES: AllowList = {
  residualFields: [
    ...residual(ENVELOPES, ['status'], 'public reads ask for PUBLISHED records, nearly all of them: an index on status would not narrow; the index of the other fields serves and status is tested on what it finds'),
    ...residual(ENVELOPES, ['disclosureMode', 'publishedLate', 'writtenOn'], 'an envelope filter with no index (few values, or a second date): tested on each record the publication order or the other filters\' index reads'),
    ...residual(ENVELOPES, ['qualityFlags'], 'few records carry flags: alone, the flags index serves them; beside another envelope filter, that filter\'s index reads and the flags are tested on what it finds'),
    ...residual(ENVELOPES, ['searchText'], 'the literal text ($regex) is tested on the candidates the grams index found'),
    ...residual(['revisionBlocks', 'changeBlocks'], ['committed'], 'the open blocks among the few from the cursor on: the _id range bounds the read; old committed blocks are dropped'),
    ...residual([CHANGES], ['type', 'agencyCode', 'category'], 'the change feed with a filter walks the log in _id order from the cursor and tests each entry'),
    ...residual(
      OWNED,
      [
        'use', 'method', 'approvalAuthority', 'areaSquareMetres', 'transferredOn', 'right', 'landType', 'householdsAffected', 'compensationBudgetFen',
        'industry', 'deaths', 'directEconomicLossFen', 'penaltyKinds', 'decidedOn', 'productCategory', 'kind', 'scope', 'overspent',
        'unitsPlanned', 'investmentFen', 'householdSize', 'allocatedOn', 'level', 'ownership', 'studentCapacity', 'unit',
        'plannedEnrolment', 'actualEnrolment', 'licenceCategory', 'sector', 'startedOn', 'medium', 'measures', 'normative',
      ],
      UNINDEXED_OWN_FILTER,
    ),
    // Food and drug samplings have an index that leads with outcome; housing allocations have none.
    ...residual([collectionOf('HousingAllocation')], ['outcome'], UNINDEXED_OWN_FILTER),
  ],
  shapes: [
    {
      collections: [...ENVELOPES, CATALOGUE_BODIES, AGENCIES, REGIONS, CHANGES, 'projections', 'revisionBlocks', 'changeBlocks', API_KEYS, DOCUMENT_LINKS, NUMBERING_SCHEMES, 'attachments.chunks', REQUESTS_COLLECTION],
      command: 'find',
      equality: [],
      range: [],
      sort: [],
      reason: 'a test reads a whole collection to compare what is stored (no filter, no order); the project itself sends no such find',
    },
    {
      collections: [...ENVELOPES, API_KEYS, CHANGES, IDEMPOTENCY_COLLECTION, REQUESTS_COLLECTION],
      command: 'aggregate',
      equality: [],
      range: [],
      reason: 'countDocuments with nothing an index bounds: totalCount of an unfiltered public list (asked only when selected), an owner\'s record count (/owner/count, for reindex), counts in tests (the change log and the idempotency keys: what a retry must not add); reads the collection',
    },
    {
      collections: [REQUESTS_COLLECTION],
      equality: ['agencyCode', 'answerType', 'answeredLate'],
      combined: true,
      range: [],
      reason: 'the public request log with several filters at once: the index of one of them serves (each leads an index with the receipt order), the others are tested on its matches',
    },
    {
      collections: [REQUESTS_COLLECTION],
      command: 'aggregate',
      equality: ['agencyCode', 'answerType', 'answeredLate'],
      combined: true,
      range: ['receivedOn'],
      reason: 'the total of the public request log with several filters and a receipt period: the index of one filter serves, the rest is tested on its matches',
    },
    ...sortedInMemory([collectionOf('SchoolFee')], ['feeItem'], 'its index fee_item_amount is {feeItem, amountFen}: a page of one fee item sorts its matches in memory'),
    ...sortedInMemory([collectionOf('AffordableHousingProject')], ['housingType'], 'its index is {housingType, planYear}: a page of one housing type sorts its matches in memory'),
    ...sortedInMemory([collectionOf('FoodDrugSampling')], ['outcome'], 'its index outcome_sampled is {outcome, sampledOn}: a page of one outcome sorts its matches in memory'),
    ...sortedInMemory([collectionOf('SafetyAccident')], ['grade'], 'its index is {grade, occurredAt}: a page of one grade sorts its matches in memory (grades are few: the grave ones are rare)'),
    {
      collections: ENVELOPES,
      equality: ['agencyCode', 'category', 'regionPath', 'domain', 'type', 'grams', 'winningParty', 'mineral', 'supplierName', 'schoolName', 'projectName', 'party', 'partyCreditCode', 'holder', 'holderCreditCode', 'enterprise', 'producer', 'feeItem', 'collectingUnit', 'fundName', 'housingType', 'grade', 'outcome', 'interpretsIndexNumbers'],
      combined: true,
      range: [],
      reason: 'several filters at once: the index of one of them serves (the planner tries them and keeps the most selective), the others are tested on its matches; no compound index for every combination',
    },
    {
      collections: [CATALOGUE_ENTRIES],
      command: 'aggregate',
      equality: ['domain', 'grams', 'regionPath'],
      combined: true,
      range: ['publishedAt'],
      reason: 'several filters and a period, counted: the index of one filter serves, the rest is tested on its matches',
    },
    {
      collections: ENVELOPES,
      equality: ['grams'],
      range: [],
      reason: 'a text search: the grams index (multikey, the $all of the bigrams) finds the candidates, which are sorted in memory; the hits of a text are few next to the collection',
    },
    ...[
      ['LandTransfer', 'finalPriceFen'],
      ['MiningRightTransfer', 'finalPriceFen'],
      ['ProcurementAward', 'awardAmountFen'],
      ['ProcurementAward', 'awardDate'],
      ['BudgetReport', 'totalExpenditureFen'],
      ['BudgetReport', 'fiscalYear'],
      ['PublicExpenseReport', 'totalActualFen'],
      ['PublicExpenseReport', 'fiscalYear'],
      ['AdministrativePenalty', 'fineAmountFen'],
      ['EnvironmentalEnforcement', 'fineAmountFen'],
      ['SafetyAccident', 'occurredAt'],
      ['FoodDrugSampling', 'sampledOn'],
      ['SchoolFee', 'amountFen'],
      ['EnrolmentPlan', 'schoolYear'],
      ['AffordableHousingProject', 'planYear'],
      ['PolicyDocument', 'effectiveOn'],
      ['Consultation', 'commentWindow.closesAt'],
    ].map(([type, field]): AllowedShape => ({
      collections: [collectionOf(type as RecordTypeName)],
      equality: [],
      range: [field],
      reason: `${field}: ${RANGE_NOT_ORDER}`,
    })),
    {
      collections: [collectionOf('LandTransfer')],
      equality: ['regionPath'],
      range: ['finalPriceFen'],
      reason: 'a region and a price bound: the region index serves, the price is tested on its matches',
    },
    {
      collections: [collectionOf('AdministrativePenalty')],
      equality: ['regionPath'],
      range: ['fineAmountFen'],
      reason: 'a region and a fine bound (the explorer example penaltiesBySector): the region index serves, the fine is tested on its matches',
    },
    {
      collections: ['attachments.files'],
      command: 'find',
      equality: [],
      range: [],
      sort: [],
      reason: "the driver's GridFS check whether an owner's attachment bucket is empty (one _id, limit 1) before its first upload; tests read the bucket whole",
    },
    {
      collections: [CATALOGUE_BODIES],
      command: 'find',
      equality: [],
      range: ['bodySearch'],
      reason: 'a text search in the bodies: no index serves a substring of a long text, so the $regex reads every body (bodies are kept apart from the index entries so that only a text search pays for reading them; README, Search)',
    },
    {
      collections: [AGENCIES, REGIONS],
      equality: ['parentCode'],
      range: [],
      reason: 'the children of an agency or a region (tens): the parent index finds them, they are sorted by code in memory',
    },
    {
      collections: [REGIONS],
      equality: ['level'],
      range: [],
      reason: 'the regions of one level (at most the 2,800-odd counties of GB/T 2260, a reference table): read whole and sorted by code',
    },
    {
      collections: [AGENCIES],
      equality: ['regionCode'],
      range: [],
      reason: 'the agencies of a region (tens): the region index finds them, they are sorted by code in memory',
    },
    {
      collections: [API_KEYS],
      equality: ['agencyCode'],
      range: [],
      reason: 'the keys of one agency (a handful): the index {agencyCode, createdAt} finds them; the _id tie-break is sorted in memory',
    },
    {
      collections: [API_KEYS],
      equality: [],
      range: [],
      sort: ['createdAt:1', '_id:1'],
      reason: '`npm run keys -- list` without an agency: every key, an administrator\'s listing; keys are few',
    },
  ],
};
