import type { Action } from '../domain/actions.ts';
import type { Locale } from '../domain/locale.ts';
import { formatDate } from '../export/exportText.ts';
import { stepBlocks, type ReportBlock, type ReportOutline } from '../export/reportOutline.ts';
import type { ReportWords } from '../export/reportWords.ts';
import type { SessionSnapshot, StepSnapshot } from '../export/snapshot.ts';
import {
  agreementKey,
  reviewHistory,
  type AgreementStatus,
  type TrackRecord
} from './trackRecord.ts';

/*
 * The track report: a draft of the network's agreement note, built from all sessions of the
 * track. Each werf gives the section it is about (vision and positive core, target groups,
 * goals, roles and tasks; chosen design principles from the principles session), each section
 * naming the session it comes from; then every agreement with how it is doing. The blocks are
 * the session report's (export/reportOutline.ts), so Word, Markdown and print draw it the same.
 */

export const trackThemes = [
  'vision',
  'targetGroups',
  'goals',
  'roles',
  'principles',
  'swot',
  'start'
] as const;
export type TrackTheme = (typeof trackThemes)[number];

/** Which steps of a built-in script feed which section, outcomes first. */
const themeOfScript: Readonly<Record<string, { theme: TrackTheme; steps: readonly string[] }>> = {
  'werf-1-visie': {
    theme: 'vision',
    steps: ['positieve-kern', 'toekomst-kiezen', 'realisaties-kiezen', 'visie-vandaag']
  },
  'werf-2-doelgroepen': {
    theme: 'targetGroups',
    steps: ['wie-betrokken', 'ideeen-kiezen', 'betrokkenheid', 'zelfde-taal']
  },
  'werf-3-aanbod': {
    theme: 'goals',
    steps: ['doelenkader', 'doelen-kiezen', 'voorwaarden-kiezen', 'succesfactoren']
  },
  'werf-4-samenwerking': {
    theme: 'roles',
    steps: ['rollen-kiezen', 'wie-doet-wat', 'taken-werkwijze', 'plannen-kiezen']
  },
  ontwerpprincipes: {
    theme: 'principles',
    steps: ['principe-kiezen', 'uitdaging-kiezen', 'aanpakken']
  },
  swot: { theme: 'swot', steps: ['stemmen', 'swot'] },
  'warm-start': {
    theme: 'start',
    steps: ['eerste-stap-kiezen', 'werkafspraken-kiezen', 'wat-ik-meebreng', 'meerwaarde']
  }
};

/** The track report's own words, in the track's language (trackWords.ts makes them). */
export interface TrackWords {
  readonly locale: Locale;
  readonly title: (network: string) => string;
  readonly network: string;
  readonly municipality: string;
  readonly partners: string;
  readonly sessions: string;
  readonly draft: string;
  readonly noSessions: string;
  /** A session section with nothing to show yet. */
  readonly noOutcomes: string;
  readonly theme: Readonly<Record<TrackTheme, string>>;
  readonly from: (session: string, date: string) => string;
  readonly agreements: string;
  readonly noAgreements: string;
  readonly fromSession: string;
  readonly status: string;
  readonly statusOf: Readonly<Record<AgreementStatus | 'open', string>>;
  readonly markedIn: (status: string, session: string) => string;
}

/** One session of the track as the report reads it. */
export interface TrackReportSession {
  readonly id: string;
  readonly scriptId: string;
  readonly snapshot: SessionSnapshot;
  /** Its agreements with their ids (model/view.ts actionsOf). */
  readonly agreements: readonly Action[];
}

export interface TrackReportOptions {
  /** Headings the coordinator rewrote, by section id (see `sectionIds`). */
  readonly headings?: Readonly<Record<string, string>> | undefined;
}

const section = (id: string, title: string, blocks: readonly ReportBlock[]): ReportBlock => ({
  kind: 'section',
  id,
  title,
  level: 2,
  blocks
});

/** A step of a session as a sub-section: the session report's blocks, without board pictures. */
function stepSection(
  step: StepSnapshot,
  snapshot: SessionSnapshot,
  words: ReportWords,
  id: string
) {
  const blocks = stepBlocks(step, snapshot, words).filter((block) => block.kind !== 'board');
  return { kind: 'section', id, title: step.title, level: 3, blocks } satisfies ReportBlock;
}

/** Whether a step yielded anything: a draft note leaves out what stayed empty. */
function hasOutcome(step: StepSnapshot): boolean {
  switch (step.kind) {
    case 'brainstorm':
      return step.noteCount > 0;
    case 'vote':
      return step.voters > 0;
    case 'pick':
      return step.people > 0;
    case 'round':
      return step.answers.length > 0;
    default:
      return false;
  }
}

/** The steps of a session that carry its outcomes, in report order. */
function outcomeSteps(session: TrackReportSession): StepSnapshot[] {
  const byId = new Map(session.snapshot.steps.map((step) => [step.id, step]));
  const theme = themeOfScript[session.scriptId];
  // An own script: what its votes, picks and rounds decided.
  const steps = theme
    ? theme.steps.flatMap((id) => byId.get(id) ?? [])
    : session.snapshot.steps.filter((step) => ['vote', 'pick', 'round'].includes(step.kind));
  return steps.filter(hasOutcome);
}

/** The section id of a session's part of the report (stable, for rewritten headings). */
export function sectionId(session: Pick<TrackReportSession, 'id'>): string {
  return `session-${session.id}`;
}

/** The heading a session's section gets unless the coordinator rewrote it. */
export function defaultHeading(session: TrackReportSession, words: TrackWords): string {
  const theme = themeOfScript[session.scriptId]?.theme;
  return theme ? words.theme[theme] : session.snapshot.title;
}

function agreementBlocks(
  track: TrackRecord,
  sessions: readonly TrackReportSession[],
  words: ReportWords,
  trackWords: TrackWords
): ReportBlock[] {
  const titles = new Map(sessions.map((s) => [s.id, s.snapshot.title]));
  const rows = sessions.flatMap((session) =>
    session.agreements.map((agreement) => {
      const history = reviewHistory(track, agreementKey(session.id, agreement.id));
      const status =
        history.length === 0
          ? trackWords.statusOf.open
          : history
              .map((review) => {
                const marked = trackWords.markedIn(
                  trackWords.statusOf[review.status],
                  titles.get(review.sessionId) ?? '—'
                );
                return review.note ? `${marked}: ${review.note}` : marked;
              })
              .join(' → ');
      return [
        agreement.what,
        agreement.who || '—',
        agreement.when || '—',
        session.snapshot.title,
        status
      ];
    })
  );
  if (rows.length === 0) return [{ kind: 'text', text: trackWords.noAgreements, tone: 'muted' }];
  return [
    {
      kind: 'table',
      columns: [
        { title: words.what, weight: 5 },
        { title: words.who, weight: 2.2 },
        { title: words.when, weight: 2 },
        { title: trackWords.fromSession, weight: 2.6 },
        { title: trackWords.status, weight: 4 }
      ],
      rows
    }
  ];
}

/** The track report's blocks, in the track's language. */
export function trackOutline(
  track: TrackRecord,
  sessions: readonly TrackReportSession[],
  words: ReportWords,
  trackWords: TrackWords,
  options: TrackReportOptions = {}
): ReportOutline {
  const heading = (id: string, fallback: string): string =>
    options.headings?.[id]?.trim() || fallback;
  const date = (ms: number): string => formatDate(ms, trackWords.locale);
  const facts = [
    { label: trackWords.network, value: track.name },
    ...(track.municipality ? [{ label: trackWords.municipality, value: track.municipality }] : []),
    ...(track.partners ? [{ label: trackWords.partners, value: track.partners }] : []),
    {
      label: trackWords.sessions,
      value: sessions.map((s) => `${s.snapshot.title} (${date(s.snapshot.date)})`).join('\n') || '—'
    }
  ];
  const blocks: ReportBlock[] = [
    { kind: 'facts', rows: facts },
    { kind: 'text', text: trackWords.draft, tone: 'muted' }
  ];
  if (sessions.length === 0) blocks.push({ kind: 'text', text: trackWords.noSessions });

  // Themed sessions in the order of the note (vision first), then the others as they came.
  const rank = (s: TrackReportSession): number => {
    const theme = themeOfScript[s.scriptId]?.theme;
    return theme ? trackThemes.indexOf(theme) : trackThemes.length;
  };
  const ordered = sessions
    .map((session, index) => ({ session, index }))
    .sort((a, b) => rank(a.session) - rank(b.session) || a.index - b.index)
    .map(({ session }) => session);
  for (const session of ordered) {
    const id = sectionId(session);
    const steps = outcomeSteps(session);
    blocks.push(
      section(id, heading(id, defaultHeading(session, trackWords)), [
        {
          kind: 'text',
          text: trackWords.from(session.snapshot.title, date(session.snapshot.date)),
          tone: 'muted'
        },
        ...(steps.length === 0
          ? [{ kind: 'text', text: trackWords.noOutcomes } as const]
          : steps.map((step) => stepSection(step, session.snapshot, words, `${id}-${step.id}`)))
      ])
    );
  }
  blocks.push(
    section(
      'agreements',
      heading('agreements', trackWords.agreements),
      agreementBlocks(track, sessions, words, trackWords)
    )
  );
  return { title: trackWords.title(track.name), blocks };
}
