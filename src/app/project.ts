// `semicap project`: a value projected through known points (anchors) by each method, with empirical bands, and
// what it takes to reach a target. No data files: everything comes from the command line.
import { defaultLookTo, defaultThrough } from '../domain/horizons.js';
import { assessGoal, firstYearReaching, type GoalAssessment } from '../domain/goal.js';
import { projectMethods, type Anchor, type Projection, type ProjectionMethod } from '../domain/projection.js';
import { usageError } from '../errors.js';
import { say } from '../messages.js';
import { projectWithEvidence, type ProjectionEvidence } from './projection-evidence.js';

export interface ProjectInput {
  /** First, in-between and last anchors, in the order given; `percent` marks a share (bounded 0–100). */
  anchors: (Anchor & { percent: boolean })[];
  methods: ProjectionMethod[];
  /** Last year projected (default: defaultThrough of the anchors). */
  through?: number;
  cap?: number;
  /** Lower bound; null: none; undefined: 0. */
  floor?: number | null;
  target?: Anchor;
  /** Last year searched for the year each path reaches the target (default: defaultLookTo). */
  lookTo?: number;
}

export interface TargetReach {
  target: Anchor;
  /** The last anchor, from which the target is assessed. */
  current: Anchor;
  goal: GoalAssessment;
  lookTo: number;
  /** Per method, the first year its path reaches the target, or null when not by lookTo. */
  reached: { method: ProjectionMethod; year: number | null }[];
}

export interface ProjectResult {
  isShare: boolean;
  anchors: Anchor[];
  through: number;
  projections: Projection[];
  evidence: ProjectionEvidence[];
  target?: TargetReach;
}

export function projectUseCase(input: ProjectInput): ProjectResult {
  const isShare = input.anchors.some((a) => a.percent);
  const anchors: Anchor[] = input.anchors.map(({ year, value }) => ({ year, value }));
  const through = input.through ?? defaultThrough(...anchors.map((a) => a.year));
  const { methods, cap, floor } = input;
  if (!isShare && methods.includes('logistic') && cap === undefined) {
    throw usageError(say('error.logisticNeedsCap'));
  }
  const negative = anchors.find((a) => a.value < 0);
  if (floor === undefined && !isShare && negative) {
    throw usageError(say('error.anchorBelowFloor', { year: negative.year, value: negative.value }));
  }
  const { projections, evidence } = projectWithEvidence(methods, { anchors, through, isShare, cap, floor });
  if (input.target === undefined) return { isShare, anchors, through, projections, evidence };
  const target = input.target;
  const current = anchors[anchors.length - 1];
  const lookTo = input.lookTo ?? defaultLookTo(through, target.year);
  // The same paths, carried on to --look-to, for the year each reaches the target.
  const searched = lookTo > through ? projectMethods(methods, { anchors, through: lookTo, isShare, cap, floor }) : projections;
  const reached = searched.map((p) => ({ method: p.method, year: firstYearReaching(p.points.filter((pt) => pt.year <= lookTo), target.value, { fromYear: current.year }) }));
  return { isShare, anchors, through, projections, evidence, target: { target, current, goal: assessGoal({ current, target }), lookTo, reached } };
}
