import type { Locale } from '../domain/locale.ts';
import { m } from '../paraglide/messages.js';
import type { TrackWords } from './trackReport.ts';

/** The track report's words in a language, from the app's messages (like export/reportWords.ts). */
export function trackWords(locale: Locale): TrackWords {
  const o = { locale };
  return {
    locale,
    title: (network) => m.track_report_title({ network }, o),
    network: m.track_report_network({}, o),
    municipality: m.track_report_municipality({}, o),
    partners: m.track_report_partners({}, o),
    sessions: m.track_report_sessions({}, o),
    draft: m.track_report_draft({}, o),
    noSessions: m.track_report_no_sessions({}, o),
    noOutcomes: m.track_report_no_outcomes({}, o),
    theme: {
      vision: m.track_theme_vision({}, o),
      targetGroups: m.track_theme_target_groups({}, o),
      goals: m.track_theme_goals({}, o),
      roles: m.track_theme_roles({}, o),
      principles: m.track_theme_principles({}, o),
      swot: m.track_theme_swot({}, o),
      start: m.track_theme_start({}, o)
    },
    from: (session, date) => m.track_report_from({ session, date }, o),
    agreements: m.track_report_agreements({}, o),
    noAgreements: m.track_report_no_agreements({}, o),
    fromSession: m.track_report_from_session({}, o),
    status: m.track_report_status({}, o),
    statusOf: {
      done: m.agreement_status_done({}, o),
      going: m.agreement_status_going({}, o),
      changed: m.agreement_status_changed({}, o),
      dropped: m.agreement_status_dropped({}, o),
      open: m.agreement_status_open({}, o)
    },
    markedIn: (status, session) => m.track_report_marked_in({ status, session }, o)
  };
}
