// Every export format of a 1,000-idea session, timed the way the export panel builds them:
// the snapshot from the session's view (the laptop holds it already), then the whole-session
// report (Markdown, Word), the workbook and the two CSV files, one board image per brainstorm
// step and the archive. Reading the doc into that view (every signature checked) is timed apart.
import { performance } from 'node:perf_hooks';
import { archiveText } from '../../src/lib/export/archive.ts';
import { exportFile, type ExportFormat } from '../../src/lib/export/exportFiles.ts';
import { reportWords } from '../../src/lib/export/reportWords.ts';
import { hasBoard, sessionSnapshot } from '../../src/lib/export/snapshot.ts';
import { project } from '../../src/lib/model/view.ts';
import { newSession } from '../../src/lib/storage/sessionRecord.ts';
import { readSessionData } from '../../src/lib/sync/sessionTransfer.ts';
import type { BenchGroup } from '../lib/result.ts';
import { swot } from '../../src/lib/scripts/builtin/swot.ts';
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
    // A SWOT whose silent brainstorm got 1,000 ideas from 80 phones, edited, moved and voted
    // on (five dots each, its one vote).
    const model = buildSessionModel({ notes: 1000, votes: 400, script: swot });
    const doc = sessionDoc(model);
    const record = newSession({
      id: 'bench',
      title: 'Benchmark SWOT',
      scriptId: swot.id,
      script: swot,
      locale: 'nl',
      roomKey: model.roomKey,
      facilitatorKey: model.facilitatorKey,
      now: Date.now()
    });
    const readStarted = performance.now();
    const view = project(readSessionData(doc, model.roomKey), {
      role: 'facilitator',
      locale: 'nl',
      authorOf: () => undefined
    });
    const readMs = performance.now() - readStarted;
    const words = reportWords('nl');
    const runs = options.quick ? 1 : 3;
    const times: number[] = [];
    let bytes = 0;
    for (let run = 0; run < runs; run++) {
      bytes = 0;
      const started = performance.now();
      const snapshot = sessionSnapshot(view, record);
      for (const format of wholeSession)
        bytes += (await exportFile(format, snapshot, words)).bytes.length;
      for (const step of snapshot.steps.filter(hasBoard)) {
        bytes += (await exportFile('svg', snapshot, words, step.id)).bytes.length;
      }
      bytes += archiveText(record, doc, Date.now()).length;
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    doc.destroy();
    return [
      {
        metric: 'export_all_1000_ms',
        value: Math.round(times[Math.floor(times.length / 2)] ?? 0),
        note: 'Markdown, DOCX, XLSX, both CSVs, an SVG per board step and the archive, in Node (PNG is drawn from the SVG in the browser)',
        details: {
          runs,
          'bytes written': bytes,
          notes: model.notes,
          votes: model.votes,
          read_and_verify_ms: Math.round(readMs)
        }
      }
    ];
  }
};
