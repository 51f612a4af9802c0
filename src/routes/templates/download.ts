import type { Locale } from '$lib/domain/locale.ts';
import type { Script } from '$lib/scripts/schema.ts';
import { templateFileName, templateFileText } from '$lib/scripts/templateFile.ts';

/** Saves a script as a template file through the browser's download; returns the file name. */
export function downloadTemplate(script: Script, locale: Locale): string {
  const name = templateFileName(script, locale);
  const url = URL.createObjectURL(
    new Blob([templateFileText(script)], { type: 'application/json' })
  );
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  // Revoking at once can cancel a download that has not started reading yet; a minute is
  // plenty, and the blob is small.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return name;
}
