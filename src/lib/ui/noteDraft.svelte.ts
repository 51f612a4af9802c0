import type { SignedFirstIdea } from '$lib/model/firstIdea.ts';

/*
 * What a joining phone's first screen (routes/j/[room]/FirstStep.svelte) hands to the
 * session's own screen when that takes over: the idea being typed, and the ideas sent before
 * the session was there to add them.
 */

/**
 * An idea being written and what its form says about it, kept when the form that shows it is
 * replaced by another (a problem shown stays shown).
 */
export class NoteDraft {
  text = $state('');
  column = $state('');
  /** The form's message about the last try to send it, if any. */
  error = $state('');
  /** Whether that message is about the missing column. */
  columnError = $state(false);
  /** Whether its field has the focus: the next form takes it over. */
  focused = false;
  #focusNewest: (() => void) | undefined;

  /** The form that shows the draft last registers how to focus its field; returns the undo. */
  showIn(focus: () => void): () => void {
    this.#focusNewest = focus;
    return () => {
      if (this.#focusNewest === focus) this.#focusNewest = undefined;
    };
  }

  /** After one form replaced another: the cursor goes on in the newest, if the person was typing. */
  continueTyping(): void {
    if (this.focused) this.#focusNewest?.();
  }
}

/** An idea sent from the first screen, added by the session once it has loaded. */
export interface WaitingIdea {
  /** This page's number for it. */
  readonly id: number;
  readonly stepId: string;
  readonly column: string;
  readonly text: string;
  /**
   * The first one is also signed as the person's first entry of the step and posted to the
   * hub (model/firstIdea.ts); the session then writes that same record.
   */
  readonly signed?: SignedFirstIdea | undefined;
  /** Being signed: the session waits (milliseconds) so that it writes the same record. */
  readonly signing?: boolean | undefined;
  /** The hub took it: it is on the board already. */
  readonly delivered?: boolean | undefined;
  /** The hub said no (model/firstIdea.ts): the session adds it anew, as any idea. */
  readonly refused?: boolean | undefined;
}

/** The ideas waiting for the session, in the order they were sent. */
export class WaitingIdeas {
  // Raw: a signed record goes into the doc as it is (a proxy of it would be another object).
  list: readonly WaitingIdea[] = $state.raw([]);
  #next = 0;

  add(idea: Omit<WaitingIdea, 'id'>): WaitingIdea {
    const added = { ...idea, id: ++this.#next };
    this.list = [...this.list, added];
    return added;
  }

  /** What became known about a waiting idea (nothing when the session has taken it). */
  update(
    id: number,
    changes: Pick<WaitingIdea, 'signed' | 'signing' | 'delivered' | 'refused'>
  ): void {
    this.list = this.list.map((idea) => (idea.id === id ? { ...idea, ...changes } : idea));
  }

  /** Hands over every waiting idea and forgets them. */
  take(): WaitingIdea[] {
    const taken = [...this.list];
    this.list = [];
    return taken;
  }
}
