/**
 * A two-note gong made on the spot with the Web Audio API (no sound file to ship or load).
 * Browsers start audio only after a user gesture unless the kiosk browser allows autoplay;
 * `needsGesture` tells the page to offer a button in that case.
 */
export function createGong() {
  let context: AudioContext | null = null;

  const ensure = () => (context ??= new AudioContext());

  function strike(at: number, frequency: number, audio: AudioContext) {
    const oscillator = audio.createOscillator();
    const gain = audio.createGain();
    oscillator.type = 'sine';
    oscillator.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, at);
    gain.gain.exponentialRampToValueAtTime(0.4, at + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, at + 1.4);
    oscillator.connect(gain).connect(audio.destination);
    oscillator.start(at);
    oscillator.stop(at + 1.5);
  }

  return {
    get needsGesture() {
      return ensure().state === 'suspended';
    },
    async unlock() {
      await ensure().resume();
    },
    play() {
      const audio = ensure();
      if (audio.state === 'suspended') void audio.resume();
      strike(audio.currentTime, 659.25, audio);
      strike(audio.currentTime + 0.45, 523.25, audio);
    },
    close() {
      void context?.close();
      context = null;
    },
  };
}
