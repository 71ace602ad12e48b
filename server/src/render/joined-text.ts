/**
 * A long text built from many pieces, joined a group at a time. Rendering builds each piece with `+=`,
 * which V8 keeps as a tree of the small strings it was made of: kept until the end, a 50 MB page's
 * millions of them were walked again by every full garbage collection, so the time grew faster than
 * the page. Joining copies them into one flat string and lets them go.
 */
const GROUP = 16;

export class JoinedText {
  private readonly groups: string[] = [];
  private pieces: string[] = [];

  add(piece: string): void {
    this.pieces.push(piece);
    if (this.pieces.length === GROUP) {
      this.groups.push(this.pieces.join(''));
      this.pieces = [];
    }
  }

  toString(): string {
    return this.groups.join('') + this.pieces.join('');
  }
}
