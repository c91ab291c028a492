/** The editor's keyboard commands, and the key each one answers to. */
export type ShortcutCommand = 'undo' | 'redo' | 'copy' | 'paste' | 'delete' | 'save' | 'selectAll' | 'help';

type KeyInput = { key: string; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean };

/** The command a key press means, if any: Ctrl on Linux and Windows, Cmd on macOS. */
export function shortcutOf(event: KeyInput): ShortcutCommand | undefined {
  const mod = event.ctrlKey || event.metaKey;
  const key = event.key.toLowerCase();
  if (event.altKey) return undefined;
  if (mod && key === 'z') return event.shiftKey ? 'redo' : 'undo';
  if (mod && key === 'y') return 'redo';
  if (mod && key === 'c' && !event.shiftKey) return 'copy';
  if (mod && key === 'v' && !event.shiftKey) return 'paste';
  if (mod && key === 's') return 'save';
  if (mod && key === 'a') return 'selectAll';
  if (!mod && (key === 'delete' || key === 'backspace')) return 'delete';
  if (!mod && event.key === '?') return 'help';
  return undefined;
}

/** True when keys go to a text field (or a select): the editor's shortcuts, except save, leave them alone. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!target || typeof (target as { tagName?: unknown }).tagName !== 'string') return false;
  const element = target as unknown as { tagName: string; isContentEditable?: boolean };
  return ['INPUT', 'TEXTAREA', 'SELECT'].includes(element.tagName) || element.isContentEditable === true;
}

/** Shown in the "Shortcuts" popover. */
export const SHORTCUT_HELP: { keys: string; does: string }[] = [
  { keys: 'Shift-click, Shift-drag', does: 'select several nodes' },
  { keys: 'Ctrl/⌘-A', does: 'select all' },
  { keys: 'Delete, Backspace', does: 'delete the selection' },
  { keys: 'Ctrl/⌘-C, Ctrl/⌘-V', does: 'copy, paste' },
  { keys: 'Ctrl/⌘-Z', does: 'undo' },
  { keys: 'Shift-Ctrl/⌘-Z, Ctrl-Y', does: 'redo' },
  { keys: 'Ctrl/⌘-S', does: 'save the draft (also while typing)' },
  { keys: '{{ in a field', does: 'complete an expression' },
  { keys: '?', does: 'show this list' },
];
