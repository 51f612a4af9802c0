// Exports (Markdown, CSV, DOCX, archive) are a later issue. When they exist, measure them
// here: build the 1,000-note session with buildSessionModel(), then time every format.
import type { BenchGroup } from '../lib/result.ts';

export const exportGroup: BenchGroup = {
  name: 'exports',
  metrics: ['export_all_1000_ms'],
  async run() {
    return [
      {
        metric: 'export_all_1000_ms',
        value: null,
        note: 'exports not built yet (src/lib/export does not exist)'
      }
    ];
  }
};
