import * as fs from 'node:fs';
import * as path from 'node:path';
import { createLexiconService, glossarySetProblems, type Glossary, type GlossaryProblem, type LexiconService, type Logger } from './core';
import { readProjectConfig } from './config';
import { MAX_FILE_BYTES } from './draftFiles';
import { excludeMatcher, GLOSSARY_FILE, loadGlossaryText, walkFiles } from './glossaryFiles';
import { parseSettings, type Settings } from './lsp/settings';

/** What is kept about one glossary file: its last good version and its current problems. */
interface GlossaryFile {
  lastGood: Glossary | undefined;
  problems: readonly GlossaryProblem[];
  /** Text from the editor while the file is open there (it wins over the disk). */
  openText: string | undefined;
  loaded: boolean;
}

/** One workspace folder: its settings, its glossary files in precedence order, and its service. */
export interface Folder {
  readonly root: string;
  settings: Settings;
  discovered: string[];
  listed: string[];
  service: LexiconService;
  /** Problems of the folder's configuration (.policy-lexicon.json, settings). */
  configProblems: string[];
  /** The folder's project configuration section, read at the last refresh. */
  project: Record<string, unknown>;
}

/**
 * The glossaries of every workspace folder. Built-in < glossary files discovered in the folder
 * (`*.lexicon.yaml|yml|json`) < the `glossaries` list in order (later wins). A file with errors
 * keeps its last good version, so a half-typed glossary never takes terms away from the drafts.
 * Only files that changed are read again.
 */
export class GlossaryWorkspace {
  readonly folders: Folder[] = [];
  /** For files outside every folder: the built-in glossary only. */
  readonly loose: LexiconService;
  private readonly files = new Map<string, GlossaryFile>();

  constructor(
    roots: readonly string[],
    private readonly builtin: Glossary | undefined,
    private readonly trusted: boolean,
    private readonly logger: Logger,
  ) {
    this.loose = createLexiconService({ glossaries: builtin ? [builtin] : [], logger });
    for (const root of roots) {
      this.folders.push({ root, settings: parseSettings(undefined).settings, discovered: [], listed: [], service: this.loose, configProblems: [], project: {} });
    }
  }

  /** The folder a file belongs to (the innermost one), if any. */
  folderOf(file: string): Folder | undefined {
    let best: Folder | undefined;
    for (const folder of this.folders) {
      if ((file === folder.root || file.startsWith(folder.root + path.sep)) && (!best || folder.root.length > best.root.length)) best = folder;
    }
    return best;
  }

  serviceFor(file: string | undefined): LexiconService {
    return (file && this.folderOf(file)?.service) || this.loose;
  }

  /** The project configuration section of a folder (`.policy-lexicon.json` over `.vscode/settings.json`). */
  projectSection(folder: Folder): Record<string, unknown> {
    const config = readProjectConfig(folder.root);
    folder.configProblems = config.problems;
    folder.project = config.section;
    return config.section;
  }

  /**
   * Re-reads a folder's configuration and glossary list, loads what changed, and rebuilds its
   * service. `rawSettings` is the editor's `policyLexicon` section for the folder.
   */
  refreshFolder(folder: Folder, rawSettings: unknown, rediscover: boolean): void {
    const section = { ...(isObject(rawSettings) ? rawSettings : {}), ...this.projectSection(folder) };
    const { settings, problems } = parseSettings(section);
    for (const p of problems) this.logger.error(`${folder.root}: settings: ${p}`);
    folder.settings = settings;
    if (rediscover || folder.discovered.length === 0) {
      const excluded = excludeMatcher(settings.exclude);
      folder.discovered = [...walkFiles(folder.root, (name) => GLOSSARY_FILE.test(name), excluded)];
    }
    folder.listed = settings.glossaries
      .map((g) => path.resolve(folder.root, g))
      .filter((file) => {
        const inside = file.startsWith(folder.root + path.sep);
        if (!inside && !this.trusted) this.logger.log(`${file}: glossaries outside the workspace are ignored until the workspace is trusted`);
        return inside || this.trusted;
      });
    const glossaries: Glossary[] = settings.builtin && this.builtin ? [this.builtin] : [];
    const ordered = [...folder.discovered.filter((f) => !folder.listed.includes(f)), ...folder.listed];
    for (const file of ordered) {
      const state = this.ensureLoaded(file);
      if (state.lastGood) glossaries.push(state.lastGood);
    }
    folder.service = createLexiconService({ glossaries, logger: this.logger });
  }

  /** Marks a file as changed on disk (or deleted); it is read again when next needed. */
  invalidate(file: string): void {
    const state = this.files.get(file);
    if (state) state.loaded = false;
  }

  forget(file: string): void {
    this.files.delete(file);
  }

  /** The target of "Add to workspace glossary": the first YAML file of the `glossaries` list, else terms.lexicon.yaml at the root. */
  targetGlossary(folder: Folder): string {
    return folder.listed.find((f) => /\.ya?ml$/i.test(f)) ?? path.join(folder.root, 'terms.lexicon.yaml');
  }

  /** Markdown drafts of a folder outside `policyLexicon.exclude`. */
  *drafts(folder: Folder): Generator<string> {
    yield* walkFiles(folder.root, (name) => /\.(md|markdown)$/i.test(name), excludeMatcher(folder.settings.exclude));
  }

  /** The editor's text of an open glossary file (undefined when closed: the disk counts again). */
  setOpenText(file: string, text: string | undefined): void {
    const state = this.files.get(file) ?? { lastGood: undefined, problems: [], openText: undefined, loaded: false };
    state.openText = text;
    state.loaded = false;
    this.files.set(file, state);
  }

  isGlossaryFile(file: string): boolean {
    return GLOSSARY_FILE.test(file) || this.folders.some((f) => f.listed.includes(file));
  }

  /** What the status item shows for a folder's glossary files: entries in use and the first error. */
  statusOf(folder: Folder): Array<{ file: string; entries: number; error: GlossaryProblem | undefined }> {
    const files = [...folder.discovered.filter((f) => !folder.listed.includes(f)), ...folder.listed];
    return files.map((file) => {
      const state = this.files.get(file);
      return { file, entries: state?.lastGood?.entries.length ?? 0, error: state?.problems.find((p) => p.severity === 'error') };
    });
  }

  /** Every glossary file of a folder with its problems, including the conflicts between files. */
  problemsOf(folder: Folder): Map<string, GlossaryProblem[]> {
    const files = [...folder.discovered.filter((f) => !folder.listed.includes(f)), ...folder.listed];
    const out = new Map<string, GlossaryProblem[]>();
    for (const file of files) out.set(file, [...(this.files.get(file)?.problems ?? [])]);
    const glossaries = files.map((f) => this.files.get(f)?.lastGood).filter((g): g is Glossary => g !== undefined);
    const all = folder.settings.builtin && this.builtin ? [this.builtin, ...glossaries] : glossaries;
    const discovered = new Set(folder.discovered.filter((f) => !folder.listed.includes(f)));
    for (const [origin, problems] of glossarySetProblems(all, discovered)) {
      if (out.has(origin)) out.get(origin)!.push(...problems);
    }
    return out;
  }

  private ensureLoaded(file: string): GlossaryFile {
    let state = this.files.get(file);
    if (state?.loaded) return state;
    state ??= { lastGood: undefined, problems: [], openText: undefined, loaded: false };
    let text = state.openText;
    if (text === undefined) {
      try {
        if (fs.statSync(file).size > MAX_FILE_BYTES) throw new Error(`larger than ${MAX_FILE_BYTES} bytes`);
        text = fs.readFileSync(file, 'utf8');
      } catch (error) {
        state.problems = [{ message: `cannot read the glossary: ${(error as Error).message}`, line: 0, character: 0, endLine: 0, endCharacter: 0, severity: 'error' }];
        state.lastGood = undefined;
        state.loaded = true;
        this.files.set(file, state);
        return state;
      }
    }
    const result = loadGlossaryText(text, file, path.basename(file));
    state.problems = result.problems;
    const hasError = result.problems.some((p) => p.severity === 'error');
    // Keep the last good version while the file has errors; a first load uses what is valid.
    if (!hasError || !state.lastGood) state.lastGood = result.glossary;
    state.loaded = true;
    this.files.set(file, state);
    return state;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
