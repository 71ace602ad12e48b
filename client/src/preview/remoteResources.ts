// Whether the preview may load remote resources (web fonts, images from other sites): asked once per
// workspace, the first time a page leaves some out, never as a banner on every page. Pure (VS Code's
// workspace state and notification come in), so that a unit test can check the asking-once logic.

/** The part of VS Code's `Memento` used here. */
export interface WorkspaceState {
  get<T>(key: string, defaultValue: T): T;
  update(key: string, value: unknown): Thenable<void>;
}

/** Whether the workspace said yes, and whether it was asked at all. */
const ALLOWED_KEY = 'jekyllAuthor.preview.remoteAllowed';
const ASKED_KEY = 'jekyllAuthor.preview.remoteAsked';

export class RemoteResources {
  /**
   * @param ask shows the question with an Allow button; true when the author chose it.
   * @param allowed called once the author allowed them, to show the open pages again with them.
   */
  constructor(
    private readonly state: WorkspaceState,
    private readonly ask: (question: string) => Thenable<boolean>,
    private readonly allowed: () => void,
  ) {}

  /** The `jekyllAuthor.preview.allowRemoteResources` setting, or the workspace's answer. */
  allows(setting: boolean): boolean {
    return setting || this.state.get<boolean>(ALLOWED_KEY, false);
  }

  /** A page left out `count` remote resources: ask, unless this workspace was asked before. */
  blocked(count: number): void {
    if (count <= 0 || this.state.get<boolean>(ASKED_KEY, false)) return;
    void this.state.update(ASKED_KEY, true);
    const question = `This site's pages load ${count === 1 ? 'a font or image' : 'fonts or images'} from the internet, which the preview leaves out. `
      + 'Allow them in the preview for this workspace? (Whoever serves them then sees that you opened the page.)';
    void this.ask(question).then(async (allow) => {
      if (!allow) return;
      await this.state.update(ALLOWED_KEY, true);
      this.allowed();
    });
  }
}
