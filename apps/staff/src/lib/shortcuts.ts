import type { MessageKey } from '@termin/ui';

export type ShortcutAction = 'callNext' | 'complete' | 'noShow';

/**
 * With Alt+Shift, so no single key press fires an action by accident (WCAG 2.1.4) and the
 * browser's own Alt shortcuts stay free. `code` keeps the keys where they are on any layout.
 */
export const shortcuts: { action: ShortcutAction; code: string; keys: string; label: MessageKey }[] = [
  { action: 'callNext', code: 'KeyN', keys: 'Alt+Shift+N', label: 'shortcuts.callNext' },
  { action: 'complete', code: 'KeyE', keys: 'Alt+Shift+E', label: 'shortcuts.complete' },
  { action: 'noShow', code: 'KeyX', keys: 'Alt+Shift+X', label: 'shortcuts.noShow' },
];

export function shortcutOf(event: KeyboardEvent): ShortcutAction | null {
  if (!event.altKey || !event.shiftKey || event.ctrlKey || event.metaKey) return null;
  return shortcuts.find((s) => s.code === event.code)?.action ?? null;
}

/** Shortcuts never fire while the clerk types into a field. */
export function typingInField(event: KeyboardEvent): boolean {
  const target = event.target as HTMLElement | null;
  return Boolean(target?.closest('input, textarea, select, [contenteditable="true"]'));
}
