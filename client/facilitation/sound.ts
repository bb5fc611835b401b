/**
 * The optional end-of-timer sound: a soft two-tone chime made with WebAudio (no audio file, works
 * offline). Off unless the person turns it on; the choice is remembered on the device.
 */
const KEY = 'talkoot:timerSound';

/** Whether the person asked for a sound when the timer ends. */
export function soundEnabled(): boolean {
  try {
    return window.localStorage.getItem(KEY) === 'on';
  } catch {
    return false;
  }
}

/** Remembers the sound choice. */
export function setSoundEnabled(on: boolean): void {
  try {
    window.localStorage.setItem(KEY, on ? 'on' : 'off');
  } catch {
    // Forgetful without storage; still works for this page.
  }
}

let context: AudioContext | null = null;

/** Plays the chime (quietly; browsers may refuse before any user gesture, which is fine). */
export function playChime(): void {
  try {
    context ??= new AudioContext();
    const ctx = context;
    const start = ctx.currentTime + 0.02;
    for (const [i, freq] of [660, 880].entries()) {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = 'sine';
      osc.frequency.value = freq;
      const t0 = start + i * 0.35;
      gain.gain.setValueAtTime(0, t0);
      gain.gain.linearRampToValueAtTime(0.12, t0 + 0.03);
      gain.gain.exponentialRampToValueAtTime(0.0001, t0 + 0.6);
      osc.connect(gain).connect(ctx.destination);
      osc.start(t0);
      osc.stop(t0 + 0.65);
    }
  } catch {
    // No audio on this device: the visual cue is enough.
  }
}
