// Every export format of a 1,000-note session, timed the way the export panel builds them:
// the snapshot from the doc, then the whole-session report (Markdown, Word), the workbook and
// the two CSV files, one board image per brainstorm step and the archive.
import { performance } from 'node:perf_hooks';
import { toBase32 } from '../../src/lib/domain/ids.ts';
import { newSession } from '../../src/lib/domain/session.ts';
import { archiveText } from '../../src/lib/export/archive.ts';
import { exportFile, type ExportFormat } from '../../src/lib/export/exportFiles.ts';
import { reportWords } from '../../src/lib/export/reportWords.ts';
import { sessionSnapshot } from '../../src/lib/export/readSessionData.ts';
import { hasBoard } from '../../src/lib/export/snapshot.ts';
import { swot } from '../../src/lib/scripts/builtin/swot.ts';
import { facilitatorIdentity, newSessionKeys } from '../../src/lib/sync/roomAccess.ts';
import { initSession } from '../../src/lib/sync/sessionDoc.ts';
import type { BenchGroup } from '../lib/result.ts';
import { buildSessionModel, sessionDoc } from '../lib/sessionModel.ts';

const wholeSession: readonly ExportFormat[] = [
  'markdown',
  'docx',
  'xlsx',
  'notesCsv',
  'actionsCsv'
];

export const exportGroup: BenchGroup = {
  name: 'exports',
  metrics: ['export_all_1000_ms'],
  async run(options) {
    // A SWOT whose silent brainstorm got 1,000 notes from 80 phones, edited, moved and voted on.
    const brainstorm = swot.steps.find((step) => step.id === 'swot');
    const columns =
      brainstorm?.activity.type === 'brainstorm'
        ? brainstorm.activity.columns.map((c) => c.id)
        : [];
    const model = buildSessionModel({ notes: 1000, votes: 4000, step: { id: 'swot', columns } });
    const doc = sessionDoc(model);
    const keys = newSessionKeys();
    initSession(
      doc,
      'Benchmark SWOT',
      swot,
      toBase32(facilitatorIdentity(keys.facilitatorKey).publicKey)
    );
    const record = newSession({
      id: 'bench',
      title: 'Benchmark SWOT',
      scriptId: 'swot',
      locale: 'nl',
      ...keys,
      now: Date.now()
    });
    const words = reportWords('nl');
    const runs = options.quick ? 1 : 3;
    const times: number[] = [];
    let bytes = 0;
    for (let run = 0; run < runs; run++) {
      bytes = 0;
      const started = performance.now();
      const snapshot = sessionSnapshot(doc, {
        title: record.title,
        createdAt: record.createdAt,
        locale: 'nl'
      });
      for (const format of wholeSession)
        bytes += (await exportFile(format, snapshot, words)).bytes.length;
      for (const step of snapshot.steps.filter(hasBoard)) {
        bytes += (await exportFile('svg', snapshot, words, step.id)).bytes.length;
      }
      bytes += archiveText(record, doc, Date.now()).length;
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    return [
      {
        metric: 'export_all_1000_ms',
        value: Math.round(times[Math.floor(times.length / 2)] ?? 0),
        note: 'Markdown, DOCX, XLSX, both CSVs, an SVG per board step and the archive, in Node (PNG is drawn from the SVG in the browser)',
        details: { runs, 'bytes written': bytes, notes: model.notes, votes: model.votes }
      }
    ];
  }
};
