import { formatDate } from './exportText.ts';
import type { ReportWords } from './reportWords.ts';
import type { SessionSnapshot, SnapshotGroup, SnapshotNote, StepSnapshot } from './snapshot.ts';

/*
 * The report as Markdown (CommonMark with a GFM table for the agreements). Participants'
 * text is escaped so it always reads as the words they typed, never as formatting or links.
 */

/** Escapes text for inline Markdown; line breaks become hard breaks inside the same block. */
export function markdownText(text: string, indent = ''): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n+/)
    .map((line) =>
      line
        .replace(/[\\`*_[\]<>|&~]/g, '\\$&')
        // What would start a heading, list, quote or rule at the start of a line.
        .replace(/^(\s*)([#+\-=])/, '$1\\$2')
        .replace(/^(\s*\d+)([.)])/, '$1\\$2')
        .trim()
    )
    .filter((line) => line !== '')
    .join(`\\\n${indent}`);
}

const cell = (text: string): string => markdownText(text.replace(/\s+/g, ' ')) || '—';

function noteLine(note: SnapshotNote, words: ReportWords): string {
  const name = note.authorName ? ` — *${markdownText(words.by(note.authorName))}*` : '';
  return `- ${markdownText(note.text, '  ')}${name}`;
}

function groupLines(
  title: string | null,
  notes: readonly SnapshotNote[],
  words: ReportWords
): string[] {
  const lines: string[] = [];
  if (title !== null) lines.push(`### ${markdownText(title)} (${notes.length})`, '');
  if (notes.length === 0) lines.push(`*${words.noNotes}*`);
  else lines.push(...notes.map((note) => noteLine(note, words)));
  lines.push('');
  return lines;
}

function groupsLines(groups: readonly SnapshotGroup[], words: ReportWords): string[] {
  return groups.flatMap((group) => groupLines(group.name ?? words.unclustered, group.notes, words));
}

function stepLines(step: StepSnapshot, words: ReportWords): string[] {
  const lines = [`## ${step.number}. ${markdownText(step.title)}`, ''];
  lines.push(
    ...step.prompt
      .split(/\n+/)
      .filter((line) => line.trim())
      .map((line) => `> ${markdownText(line)}`),
    ''
  );
  switch (step.kind) {
    case 'info':
      break;
    case 'brainstorm':
      lines.push(words.notesCount(step.noteCount), '');
      if (step.noteCount === 0) break;
      if (step.clustered) lines.push(...groupsLines(step.groups, words));
      else if (step.columns.length > 1)
        lines.push(...step.columns.flatMap((c) => groupLines(c.title, c.notes, words)));
      else
        lines.push(
          ...groupLines(
            null,
            step.groups.flatMap((g) => g.notes),
            words
          )
        );
      break;
    case 'cluster':
      lines.push(markdownText(words.clustersOf(step.sourceTitle)), '');
      if (step.groups.length === 0) lines.push(`*${words.noNotes}*`, '');
      else lines.push(...groupsLines(step.groups, words));
      break;
    case 'vote':
      lines.push(
        `${markdownText(words.voteOn(step.sourceTitle))} ${words.voters(step.voters)}`,
        ''
      );
      step.ranking.forEach((row, index) =>
        lines.push(
          `${index + 1}. ${cell(row.label)} — ${words.dots(row.dots)} (${words.dotGivers(row.voters)})`
        )
      );
      lines.push('');
      break;
    case 'pick':
      lines.push(words.pickers(step.people), '');
      lines.push(
        ...step.picks.map((pick) => `- ${cell(pick.title)} — ${words.chosen(pick.count)}`)
      );
      lines.push('');
      break;
    case 'round':
      lines.push(words.answers(step.answers.length), '');
      if (step.answers.length === 0) lines.push(`*${words.noAnswers}*`);
      else if (step.display === 'cloud')
        lines.push(...step.words.map((w) => `- ${cell(w.word)} (${w.count})`));
      else lines.push(...step.answers.map((answer) => `- ${cell(answer)}`));
      lines.push('');
      break;
    case 'actions':
      lines.push(`*${words.actionsBelow}*`, '');
      break;
  }
  return lines;
}

/** The report in Markdown: title, date, script, participants, each step, the agreements. */
export function reportMarkdown(snapshot: SessionSnapshot, words: ReportWords): string {
  const lines = [
    `# ${markdownText(snapshot.title)}`,
    '',
    `- **${words.date}:** ${formatDate(snapshot.date, words.locale)}`,
    `- **${words.script}:** ${markdownText(snapshot.scriptTitle) || '—'}`,
    `- **${words.participants}:** ${snapshot.participants}`,
    ''
  ];
  if (snapshot.anonymised) lines.push(`*${words.anonymised}*`, '');
  if (snapshot.steps.length === 0) lines.push(words.noSteps, '');
  for (const step of snapshot.steps) lines.push(...stepLines(step, words));
  lines.push(`## ${words.actions}`, '');
  if (snapshot.actions.length === 0) lines.push(`*${words.noActions}*`);
  else {
    lines.push(`| ${words.what} | ${words.who} | ${words.when} |`, '| --- | --- | --- |');
    for (const action of snapshot.actions)
      lines.push(`| ${cell(action.what)} | ${cell(action.who)} | ${cell(action.when)} |`);
  }
  return `${lines.join('\n').replace(/\n{3,}/g, '\n\n')}\n`;
}
