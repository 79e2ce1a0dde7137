// What no report may carry: a run of twelve digits, the shape of a 個人番号.
/** Nothing of a 個人番号's shape may leave in a report, not even inside a longer run of digits. */
export const DIGIT_RUN = /\d{12}/;
