/*
 * The rows of sessions a network goes through. The start track: a first conversation with a
 * SWOT, then the open and warm start meeting. The restart track: the four werven, each
 * building on the one before. An own track starts empty: any script, in any order. Their
 * names and descriptions are messages (track_template_<id>).
 */

export const trackTemplateIds = ['restart', 'start', 'own'] as const;
export type TrackTemplateId = (typeof trackTemplateIds)[number];

/** The scripts (built-in ids) each template's sessions follow, in order. */
export const trackTemplateScripts: Readonly<Record<TrackTemplateId, readonly string[]>> = {
  restart: ['werf-1-visie', 'werf-2-doelgroepen', 'werf-3-aanbod', 'werf-4-samenwerking'],
  start: ['swot', 'warm-start'],
  own: []
};

export function isTrackTemplateId(value: unknown): value is TrackTemplateId {
  return (trackTemplateIds as readonly unknown[]).includes(value);
}

/** The script the template plans next, after the sessions made so far; undefined when all are made. */
export function nextScriptId(
  template: TrackTemplateId,
  madeScriptIds: readonly string[]
): string | undefined {
  return trackTemplateScripts[template].find((id) => !madeScriptIds.includes(id));
}
