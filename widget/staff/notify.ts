import { ct } from '../console-texts/index.ts';

const KEY = 'svar-staff-alerts';

/** Sound and desktop notification for new chats; staff can turn them off (kept in this browser). */
export class Alerts {
  private audio: AudioContext | undefined;

  get enabled(): boolean {
    try {
      return localStorage.getItem(KEY) !== 'off';
    } catch {
      return true;
    }
  }

  /** Called from the settings checkbox, so asking for notification permission happens on a user action. */
  setEnabled(on: boolean): void {
    try {
      localStorage.setItem(KEY, on ? 'on' : 'off');
    } catch {
      // private mode: the choice lasts for this page only
    }
    if (on && 'Notification' in window && Notification.permission === 'default')
      void Notification.requestPermission();
  }

  newChat(text: string, urgent: boolean): void {
    if (!this.enabled) return;
    this.beep(urgent);
    if (
      'Notification' in window &&
      Notification.permission === 'granted' &&
      document.visibilityState !== 'visible'
    ) {
      new Notification(urgent ? ct().staff.urgentChatWaiting : ct().staff.newChatWaiting, {
        body: text,
        tag: 'svar-queue',
      });
    }
  }

  private beep(urgent: boolean): void {
    try {
      this.audio ??= new AudioContext();
      const ctx = this.audio;
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.frequency.value = urgent ? 880 : 660;
      gain.gain.setValueAtTime(0.15, ctx.currentTime);
      gain.gain.exponentialRampToValueAtTime(0.001, ctx.currentTime + 0.4);
      osc.connect(gain).connect(ctx.destination);
      osc.start();
      osc.stop(ctx.currentTime + 0.4);
    } catch {
      // no audio device: the visual badge still shows
    }
  }
}
