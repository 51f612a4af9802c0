import type { Locale } from '../domain/locale.ts';
import { m } from '../paraglide/messages.js';

/**
 * The fixed words of the exports, in one language. The export functions take them as a
 * plain object rather than calling Paraglide themselves, so they stay pure functions of
 * (snapshot, words) and a report follows the session's language, not the language the
 * coordinator's screen happens to be in.
 */
export interface ReportWords {
  readonly locale: Locale;
  readonly report: string;
  readonly date: string;
  readonly script: string;
  readonly participants: string;
  readonly anonymised: string;
  readonly noSteps: string;
  readonly ideas: string;
  readonly noNotes: string;
  readonly unclustered: string;
  readonly clustersOf: (source: string) => string;
  readonly voteOn: (source: string) => string;
  readonly voters: (count: number) => string;
  readonly dots: (count: number) => string;
  readonly dotGivers: (count: number) => string;
  readonly pickers: (count: number) => string;
  readonly chosen: (count: number) => string;
  readonly answers: (count: number) => string;
  readonly notesCount: (count: number) => string;
  readonly noAnswers: string;
  readonly actionsBelow: string;
  readonly actions: string;
  readonly noActions: string;
  readonly what: string;
  readonly who: string;
  readonly when: string;
  readonly step: string;
  readonly column: string;
  readonly cluster: string;
  readonly text: string;
  readonly votes: string;
  readonly created: string;
  readonly author: string;
  readonly by: (name: string) => string;
  readonly rank: string;
  readonly item: string;
  readonly card: string;
  readonly count: string;
  readonly answer: string;
}

/** The export words in a language, from the app's messages. */
export function reportWords(locale: Locale): ReportWords {
  const o = { locale };
  return {
    locale,
    report: m.report_title({}, o),
    date: m.report_date({}, o),
    script: m.report_script({}, o),
    participants: m.report_participants({}, o),
    anonymised: m.report_anonymised({}, o),
    noSteps: m.report_no_steps({}, o),
    ideas: m.report_ideas({}, o),
    noNotes: m.report_no_notes({}, o),
    unclustered: m.report_unclustered({}, o),
    clustersOf: (source) => m.report_clusters_of({ source }, o),
    voteOn: (source) => m.report_vote_on({ source }, o),
    voters: (count) => m.report_voters({ count }, o),
    dots: (count) => m.report_dots({ count }, o),
    dotGivers: (count) => m.report_dot_givers({ count }, o),
    pickers: (count) => m.report_pickers({ count }, o),
    chosen: (count) => m.report_chosen({ count }, o),
    answers: (count) => m.report_answers({ count }, o),
    notesCount: (count) => m.report_notes_count({ count }, o),
    noAnswers: m.report_no_answers({}, o),
    actionsBelow: m.report_actions_below({}, o),
    actions: m.report_actions({}, o),
    noActions: m.report_no_actions({}, o),
    what: m.report_what({}, o),
    who: m.report_who({}, o),
    when: m.report_when({}, o),
    step: m.report_step({}, o),
    column: m.report_column({}, o),
    cluster: m.report_cluster({}, o),
    text: m.report_text({}, o),
    votes: m.report_votes({}, o),
    created: m.report_created({}, o),
    author: m.report_author({}, o),
    by: (name) => m.report_by({ name }, o),
    rank: m.report_rank({}, o),
    item: m.report_item({}, o),
    card: m.report_card({}, o),
    count: m.report_count({}, o),
    answer: m.report_answer({}, o)
  };
}
