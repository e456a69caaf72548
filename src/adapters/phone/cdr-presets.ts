/**
 * Communication Manager's standard CDR record formats, as `CDR_LAYOUT=preset:<name>` selects them
 * (formats/phone.md, A). Each is the list of items the Administrator's Guide for Avaya
 * Communication Manager (555-233-506) tabulates by position, in the layout syntax: items back to
 * back, `space`, `return`, `line-feed` and `null` as items. None of them carries a date: the
 * date comes from the date records the switch sends at midnight and on a date change.
 */
export const CDR_PRESETS: Readonly<Record<string, string>> = {
  /**
   * TELESEER (positions 1–81): `   HHMMhmmtC…`, a record ending in CR LF and three NULs.
   */
  teleseer: [
    'space:3 time:4 duration:4 cond-code:1 code-dial:3 code-used:3 dialed-num:15',
    'calling-num:5 acct-code:15 frl:1 ixc-code:1 in-crt-id:3 out-crt-id:3 feat-flag:1',
    'auth-code:7 space:7 return line-feed null:3',
  ].join(' '),
  /**
   * Printer, positions 1–77 (the incoming circuit ID and the space after it). The guide's table
   * continues past 77 (outgoing circuit ID, feature flag, the line end), but that part of it could
   * not be found; the record is read from its start, so what follows position 77 is ignored.
   */
  printer: [
    'time:4 space duration:4 space cond-code:1 space code-dial:3 space code-used:3 space',
    'dialed-num:15 space calling-num:5 space acct-code:15 space auth-code:7 space:4 frl:1',
    'space ixc-code:1 space in-crt-id:3 space',
  ].join(' '),
  /**
   * Int-ISDN, positions 1–131. The guide places a line feed at position 74, inside the record:
   * the record spans two lines. The line end after position 131 could not be found; nothing of
   * it is read.
   */
  'int-isdn': [
    'time:4 space duration:4 space cond-code:1 space code-dial:4 space code-used:4 space',
    'dialed-num:15 space calling-num:10 space acct-code:15 space auth-code:7 space line-feed',
    'space frl:1 space in-crt-id:3 space out-crt-id:3 space feat-flag:1 space attd-console:2',
    'space in-trk-code:4 space node-num:2 space ins:3 space ixc-code:4 space bcc:1 space',
    'ma-uui:1 space res-flag:1 space reserved:6 ppm:5 space:7',
  ].join(' '),
}

/**
 * Standard formats whose published position table could not be found. Selecting one is a
 * settings error that says so, rather than a layout made up here: write the switch's items as a
 * customized layout instead.
 */
export const UNPUBLISHED_CDR_PRESETS: readonly string[] = ['unformatted', '59-char']
