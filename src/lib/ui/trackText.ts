import { m } from '$lib/paraglide/messages.js';
import type { AgreementStatus } from '$lib/model/records.ts';
import type { SessionState } from '$lib/tracks/sessionState.ts';
import type { TrackTemplateId } from '$lib/tracks/trackTemplates.ts';

/** The name of a track template, in the screen's language. */
export function templateName(id: TrackTemplateId): string {
  return {
    restart: m.track_template_restart,
    start: m.track_template_start,
    own: m.track_template_own
  }[id]();
}

export function templateSummary(id: TrackTemplateId): string {
  return {
    restart: m.track_template_restart_summary,
    start: m.track_template_start_summary,
    own: m.track_template_own_summary
  }[id]();
}

/** A session's state or an agreement's status as words. */
export function statusLabel(value: SessionState | AgreementStatus): string {
  if (typeof value === 'string')
    return {
      done: m.agreement_status_done,
      going: m.agreement_status_going,
      changed: m.agreement_status_changed,
      dropped: m.agreement_status_dropped
    }[value]();
  if (value.kind === 'new') return m.session_state_new();
  if (value.kind === 'lastStep') return m.session_state_last();
  return m.session_state_running({ step: value.step, count: value.count });
}
