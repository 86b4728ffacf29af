/**
 * A block of a document that code writes, between two marker comments: the
 * generator replaces what is between them, and a test checks that doing so
 * changes nothing.
 */
export const withBlock = (
  document: string,
  markers: { start: string; end: string },
  content: string,
): string => {
  const start = document.indexOf(markers.start);
  const end = document.indexOf(markers.end);
  if (start < 0 || end < start)
    throw new Error(`The document has no block ${markers.start} … ${markers.end}.`);
  return `${document.slice(0, start + markers.start.length)}\n${content}\n${document.slice(end)}`;
};
