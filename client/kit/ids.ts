/** DOM id of a note's list item in the outline (focus target after moves and search jumps). */
export function noteDomId(noteId: string): string {
  return `outline-note-${noteId}`;
}

/** DOM id of a cluster's heading in the outline. */
export function clusterHeadingId(clusterId: string | null): string {
  return clusterId === null ? 'outline-unclustered' : `outline-cluster-${clusterId}`;
}

/** A note's text shortened for button labels ("Edit note “…”"). */
export function shortText(text: string, max = 40): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
