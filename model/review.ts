import type { DisclosureStatus } from './envelope';

/** A state a record can be moved to by an agency: review, publication, withdrawal. */
export type TargetStatus = 'REVIEWED' | 'PUBLISHED' | 'WITHDRAWN';

/** Allowed moves (先审查后公开): review a draft, publish a reviewed record, withdraw anything not withdrawn. */
export const TRANSITIONS: Record<TargetStatus, readonly DisclosureStatus[]> = {
  REVIEWED: ['DRAFT'],
  PUBLISHED: ['REVIEWED'],
  WITHDRAWN: ['DRAFT', 'REVIEWED', 'PUBLISHED'],
};

/**
 * Why a record in state `current` cannot be moved to `target`, or undefined when it can (being there
 * already counts as done, so a repeated call changes nothing).
 */
export function transitionRefusal(current: DisclosureStatus, target: TargetStatus): string | undefined {
  if (current === target || TRANSITIONS[target].includes(current)) return undefined;
  return `it is ${current}; only ${TRANSITIONS[target].join(' or ')} records can become ${target}`;
}
