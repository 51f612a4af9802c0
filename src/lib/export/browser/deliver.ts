import type { ExportFile } from '../exportFiles.ts';

/*
 * Browser only: hands a finished export to the person, through the system's share sheet
 * where the browser offers one for files (secure contexts: phones, tablets, some laptops),
 * and as a download everywhere else, including plain http on a room's local network.
 */

export type Delivery = 'shared' | 'downloaded' | 'cancelled';

function download(file: ExportFile): void {
  const url = URL.createObjectURL(new Blob([file.bytes as BlobPart], { type: file.type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.name;
  link.rel = 'noopener';
  link.click();
  // Revoking at once can cancel a download that has not started reading yet.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Shares the file where the browser can, downloads it otherwise. */
export async function deliver(file: ExportFile): Promise<Delivery> {
  if (globalThis.isSecureContext && typeof navigator.share === 'function') {
    const shared = new File([file.bytes as BlobPart], file.name, { type: file.type });
    if (navigator.canShare?.({ files: [shared] })) {
      try {
        await navigator.share({ files: [shared], title: file.name });
        return 'shared';
      } catch (error) {
        // The person closed the share sheet: that is their answer, not a failure.
        if (error instanceof DOMException && error.name === 'AbortError') return 'cancelled';
        // Anything else (no user gesture left after a slow export, a refused type): download.
      }
    }
  }
  download(file);
  return 'downloaded';
}
