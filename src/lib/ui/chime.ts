/**
 * A short two-tone chime when a step's time is up, made with Web Audio (no sound file to
 * download or cache). Browsers only play sound after the person interacted with the page,
 * which the facilitator has by then.
 */
export function playChime(): void {
  const AudioContextClass = globalThis.AudioContext;
  if (!AudioContextClass) return;
  try {
    const context = new AudioContextClass();
    const start = context.currentTime;
    for (const [offset, frequency] of [
      [0, 880],
      [0.35, 660]
    ] as const) {
      const oscillator = context.createOscillator();
      const gain = context.createGain();
      oscillator.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, start + offset);
      gain.gain.exponentialRampToValueAtTime(0.3, start + offset + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.6);
      oscillator.connect(gain).connect(context.destination);
      oscillator.start(start + offset);
      oscillator.stop(start + offset + 0.65);
    }
    setTimeout(() => void context.close(), 1500);
  } catch {
    // No audio device: the timer still turns red on screen.
  }
}
