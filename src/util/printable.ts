// What a linted file or a registry says reaches a terminal only as text: control characters (an
// escape sequence that moves the cursor, rewrites the screen or sets the window title) are shown
// as `\u001b`, never sent raw. Tabs and newlines stay.

// C0 controls but tab and newline, DEL, and the C1 controls (0x9b is a one-byte CSI on some terminals).
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

export function printable(text: string): string {
  return CONTROL.test(text) ? text.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) : text;
}
