import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { toBase32 } from '../domain/ids.ts';
import type { ReportWords } from '../export/reportWords.ts';
import { summaryPlaces, type SessionSnapshot } from '../export/snapshot.ts';
import type { CarryInput } from '../model/decide.ts';
import type { Action } from '../domain/actions.ts';
import type { CarryKind, Script } from '../scripts/schema.ts';
import { agreementKey } from './trackRecord.ts';

/*
 * Carrying results forward: what an earlier session of a track can give the next one, and
 * where the next session's script takes it. Everything here is text a report already shows
 * (the snapshot of an anonymised export, the agreements as the facilitator typed them): no
 * author id and no name ever leaves its session this way.
 */

/** How many words of a round (its word cloud) can be carried. */
export const carriedWords = 12;

/** An earlier session, as carrying reads it. */
export interface CarrySource {
  readonly sessionId: string;
  /** Anonymised (snapshot.ts with `anonymise`): the shape holds no author id at all. */
  readonly snapshot: SessionSnapshot;
  /** Its agreements (model/view.ts actionsOf). */
  readonly agreements: readonly Action[];
}

/** One result an earlier session can give. */
export interface CarryCandidate {
  /** Stable across reloads: "<session id>/<step id>/<n>". */
  readonly key: string;
  readonly sessionId: string;
  readonly kind: CarryKind;
  /** "<session title> · <step title>". */
  readonly source: string;
  readonly text: string;
  readonly detail: string;
  /** For agreements: their key in the track (trackRecord.ts agreementKey). */
  readonly agreement?: string | undefined;
}

/** A candidate with the step of the new session it goes to, and the id it gets there. */
export interface PlacedCarry extends CarryCandidate {
  readonly stepId: string;
  readonly id: string;
}

/** What an earlier session can give: top votes, chosen cards, round words, agreements. */
export function carryCandidates(source: CarrySource, words: ReportWords): CarryCandidate[] {
  const { snapshot, sessionId } = source;
  const out: CarryCandidate[] = [];
  const from = (stepTitle: string): string => `${snapshot.title} · ${stepTitle}`;
  for (const step of snapshot.steps) {
    const add = (kind: CarryKind, index: number, text: string, detail: string): void => {
      out.push({
        key: `${sessionId}/${step.id}/${index}`,
        sessionId,
        kind,
        source: from(step.title),
        text,
        detail
      });
    };
    if (step.kind === 'vote')
      step.ranking
        .filter((row) => row.dots > 0 && row.place <= summaryPlaces)
        .forEach((row, index) => add('ranked', index, row.label, words.dots(row.dots)));
    if (step.kind === 'pick')
      step.chosen.forEach((card, index) =>
        add('picks', index, card.title, words.chosen(card.count))
      );
    if (step.kind === 'round') {
      const items =
        step.display === 'cloud'
          ? step.words.slice(0, carriedWords).map((word) => [word.word, word.count] as const)
          : step.answers.map((answer) => [answer, 1] as const);
      items.forEach(([text, count], index) =>
        add('answers', index, text, count > 1 ? `×${count}` : '')
      );
    }
  }
  const titles = new Map(snapshot.steps.map((step) => [step.id, step.title]));
  for (const action of source.agreements)
    out.push({
      key: `${sessionId}/${action.stepId}/${action.id}`,
      sessionId,
      kind: 'agreements',
      source: from(titles.get(action.stepId) ?? action.stepId),
      text: action.what,
      detail: [action.who, action.when].filter(Boolean).join(' · '),
      agreement: agreementKey(sessionId, action.id)
    });
  return out;
}

/** The first step of the script that takes this kind of result, if any. */
export function targetStep(script: Script, kind: CarryKind): string | undefined {
  return script.steps.find((step) => step.carry?.kinds.includes(kind))?.id;
}

/** The kinds of results this script takes anywhere. */
export function carriedKinds(script: Script): Set<CarryKind> {
  return new Set(script.steps.flatMap((step) => step.carry?.kinds ?? []));
}

/**
 * What the facilitator starts from: every candidate the script has a place for. They untick
 * what they leave behind.
 */
export function defaultSelection(
  script: Script,
  candidates: readonly CarryCandidate[]
): Set<string> {
  const kinds = carriedKinds(script);
  return new Set(candidates.filter((c) => kinds.has(c.kind)).map((c) => c.key));
}

/** The chosen candidates, each at the step the script says; those it has no place for stay behind. */
export function placeCarry(
  script: Script,
  candidates: readonly CarryCandidate[],
  chosen: ReadonlySet<string>
): PlacedCarry[] {
  return candidates.flatMap((candidate) => {
    if (!chosen.has(candidate.key)) return [];
    const stepId = targetStep(script, candidate.kind);
    return stepId ? [{ ...candidate, stepId, id: carriedId(candidate.key) }] : [];
  });
}

/** The id a carried item gets in the new session: the same every time, so carrying twice adds nothing. */
export function carriedId(key: string): string {
  return `c${toBase32(sha256(utf8ToBytes(`kring-carry|${key}`))).slice(0, 15)}`;
}

/** The carry command's items for the placed results. */
export function carryInputs(placed: readonly PlacedCarry[]): CarryInput[] {
  return placed.map((item) => ({
    id: item.id,
    stepId: item.stepId,
    kind: item.kind,
    source: item.source,
    text: item.text,
    detail: item.detail
  }));
}

/** Items grouped by where they came from, in the order they first appear. */
export function groupBySource<T extends { readonly source: string }>(
  items: readonly T[]
): { source: string; list: T[] }[] {
  const groups: { source: string; list: T[] }[] = [];
  for (const item of items) {
    const group = groups.find((g) => g.source === item.source);
    if (group) group.list.push(item);
    else groups.push({ source: item.source, list: [item] });
  }
  return groups;
}
