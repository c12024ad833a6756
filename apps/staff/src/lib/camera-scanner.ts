export type CameraState = 'starting' | 'scanning' | 'unavailable';

export interface CameraScanOptions {
  video: HTMLVideoElement;
  onText(text: string): void;
  onState(state: CameraState): void;
}

/**
 * Reads QR codes from the device camera into `onText`, showing the picture in `video`. The decoder
 * (ZXing) is loaded only in the browser and only when a kiosk screen asks for it; without a camera,
 * or when the browser refuses one, the state says so and the kiosk's typed field remains.
 */
export function scanWithCamera(options: CameraScanOptions): () => void {
  let stopped = false;
  let stop: (() => void) | null = null;
  options.onState('starting');
  void (async () => {
    try {
      if (!navigator.mediaDevices?.getUserMedia) throw new Error('no camera API');
      const { BrowserQRCodeReader } = await import('@zxing/browser');
      const reader = new BrowserQRCodeReader(undefined, { delayBetweenScanAttempts: 150, delayBetweenScanSuccess: 1500 });
      const controls = await reader.decodeFromConstraints({ audio: false, video: { facingMode: 'user' } }, options.video, (result) => {
        if (result && !stopped) options.onText(result.getText());
      });
      if (stopped) controls.stop();
      else {
        stop = () => controls.stop();
        options.onState('scanning');
      }
    } catch {
      if (!stopped) options.onState('unavailable');
    }
  })();
  return () => {
    stopped = true;
    stop?.();
  };
}
