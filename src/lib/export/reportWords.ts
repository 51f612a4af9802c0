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
  readonly actionsAbove: string;
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
  readonly people: string;
  readonly partners: string;
  readonly conclusion: string;
  readonly summary: string;
  readonly topOf: (step: string) => string;
  readonly chosenIn: (step: string) => string;
  readonly chosenHeader: string;
  readonly notChosen: (cards: readonly string[]) => string;
  readonly groupsShownAt: (count: number, number: number, step: string) => string;
  readonly groupsWithoutDots: (count: number) => string;
  readonly ideasWithoutDots: (count: number) => string;
  readonly spreadGroups: string;
  readonly boardOf: (step: string) => string;
  /** The footer's words around the page number and the page count. */
  readonly pageFooter: readonly [before: string, between: string, after: string];
  readonly groups: string;
  readonly voteResults: string;
  readonly cards: string;
  readonly roundAnswers: string;
  readonly ideaDots: string;
  readonly groupDots: string;
  readonly notesHeader: string;
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
    actionsAbove: m.report_actions_above({}, o),
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
    answer: m.report_answer({}, o),
    people: m.report_people({}, o),
    partners: m.report_partners({}, o),
    conclusion: m.report_conclusion({}, o),
    summary: m.report_summary({}, o),
    topOf: (step) => m.report_top_of({ step }, o),
    chosenIn: (step) => m.report_chosen_in({ step }, o),
    chosenHeader: m.report_chosen_header({}, o),
    notChosen: (cards) =>
      m.report_not_chosen({ cards: new Intl.ListFormat(locale).format(cards) }, o),
    groupsShownAt: (count, number, step) => m.report_groups_shown_at({ count, number, step }, o),
    groupsWithoutDots: (count) => m.report_groups_without_dots({ count }, o),
    ideasWithoutDots: (count) => m.report_ideas_without_dots({ count }, o),
    spreadGroups: m.report_spread_groups({}, o),
    boardOf: (step) => m.report_board_of({ step }, o),
    pageFooter: splitAround(m.report_page_footer({ page: '\u0001', pages: '\u0002' }, o)),
    groups: m.report_groups({}, o),
    voteResults: m.report_vote_results({}, o),
    cards: m.report_cards({}, o),
    roundAnswers: m.report_round_answers({}, o),
    ideaDots: m.report_idea_dots({}, o),
    groupDots: m.report_group_dots({}, o),
    notesHeader: m.report_notes_header({}, o)
  };
}

/** "Pagina \u0001 van \u0002" → ["Pagina ", " van ", ""]: the text around two markers. */
function splitAround(text: string): readonly [string, string, string] {
  const [before = '', rest = ''] = text.split('\u0001');
  const [between = '', after = ''] = rest.split('\u0002');
  return [before, between, after];
}
