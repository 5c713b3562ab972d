/**
 * A strict parser for VS Code's snippet syntax, so that a typo in `snippets/markdown.json` fails
 * a test instead of being inserted as literal text (VS Code's own parser silently falls back to
 * text on anything it cannot read). The grammar, from VS Code's snippet documentation:
 *
 *   any         ::= tabstop | placeholder | choice | variable | text
 *   tabstop     ::= '$' int | '${' int '}' | '${' int transform '}'
 *   placeholder ::= '${' int ':' any* '}'
 *   choice      ::= '${' int '|' text (',' text)* '|}'
 *   variable    ::= '$' var | '${' var '}' | '${' var ':' any* '}' | '${' var transform '}'
 *   transform   ::= '/' regex '/' (format | text)* '/' options
 *   format      ::= '$' int | '${' int '}' | '${' int ':' '/upcase' | '/downcase' | '/capitalize'
 *                   | '/camelcase' | '/pascalcase' '}' | '${' int ':+' if '}'
 *                   | '${' int ':?' if ':' else '}' | '${' int ':-' else '}' | '${' int ':' else '}'
 *
 * Stricter than VS Code on purpose: a `$` that starts nothing, a `}` outside a placeholder, an
 * unknown variable name and an invalid regular expression are errors, not text.
 */

export type SnippetNode =
  | { readonly type: 'text'; readonly value: string }
  | { readonly type: 'tabstop'; readonly index: number; readonly transform?: Transform }
  | { readonly type: 'placeholder'; readonly index: number; readonly children: readonly SnippetNode[] }
  | { readonly type: 'choice'; readonly index: number; readonly options: readonly string[] }
  | { readonly type: 'variable'; readonly name: string; readonly children?: readonly SnippetNode[]; readonly transform?: Transform };

export interface Transform {
  readonly regex: string;
  readonly format: string;
  readonly options: string;
}

export class SnippetSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(`${message} at offset ${offset}`);
  }
}

/** The variables VS Code resolves (1.100); any other name is a mistake in our snippets. */
export const KNOWN_VARIABLES: ReadonlySet<string> = new Set([
  'TM_SELECTED_TEXT', 'TM_CURRENT_LINE', 'TM_CURRENT_WORD', 'TM_LINE_INDEX', 'TM_LINE_NUMBER',
  'TM_FILENAME', 'TM_FILENAME_BASE', 'TM_DIRECTORY', 'TM_FILEPATH', 'RELATIVE_FILEPATH',
  'CLIPBOARD', 'WORKSPACE_NAME', 'WORKSPACE_FOLDER', 'CURSOR_INDEX', 'CURSOR_NUMBER',
  'CURRENT_YEAR', 'CURRENT_YEAR_SHORT', 'CURRENT_MONTH', 'CURRENT_MONTH_NAME', 'CURRENT_MONTH_NAME_SHORT',
  'CURRENT_DATE', 'CURRENT_DAY_NAME', 'CURRENT_DAY_NAME_SHORT', 'CURRENT_HOUR', 'CURRENT_MINUTE',
  'CURRENT_SECOND', 'CURRENT_SECONDS_UNIX', 'CURRENT_TIMEZONE_OFFSET',
  'RANDOM', 'RANDOM_HEX', 'UUID', 'BLOCK_COMMENT_START', 'BLOCK_COMMENT_END', 'LINE_COMMENT',
]);

const FORMAT_MODIFIERS = new Set(['upcase', 'downcase', 'capitalize', 'camelcase', 'pascalcase']);

/** Parses a snippet body (its lines joined with "\n"); throws `SnippetSyntaxError` on any malformed construct. */
export function parseSnippet(body: string): SnippetNode[] {
  const parser = new Parser(body);
  const nodes = parser.sequence(false);
  if (!parser.done()) throw new SnippetSyntaxError(`unexpected "${body[parser.pos]}"`, parser.pos);
  return nodes;
}

/** Every node of a parsed snippet, depth first. */
export function* walk(nodes: readonly SnippetNode[]): Generator<SnippetNode> {
  for (const node of nodes) {
    yield node;
    if ((node.type === 'placeholder' || node.type === 'variable') && node.children) yield* walk(node.children);
  }
}

class Parser {
  pos = 0;
  constructor(private readonly src: string) {}

  done(): boolean {
    return this.pos >= this.src.length;
  }

  /** Nodes up to the end, or (inside a placeholder) up to the unescaped `}` that closes it. */
  sequence(nested: boolean): SnippetNode[] {
    const nodes: SnippetNode[] = [];
    let text = '';
    const flush = () => {
      if (text) nodes.push({ type: 'text', value: text });
      text = '';
    };
    while (!this.done()) {
      const c = this.src[this.pos];
      if (c === '\\') {
        const next = this.src[this.pos + 1];
        // Only `\$`, `\}` and `\\` are escapes; any other backslash is literal text.
        if (next === '$' || next === '}' || next === '\\') {
          text += next;
          this.pos += 2;
        } else {
          text += c;
          this.pos++;
        }
      } else if (c === '$') {
        flush();
        nodes.push(this.dollar());
      } else if (c === '}') {
        if (nested) break;
        throw new SnippetSyntaxError('unescaped "}" outside a placeholder (write "\\}")', this.pos);
      } else {
        text += c;
        this.pos++;
      }
    }
    flush();
    return nodes;
  }

  private dollar(): SnippetNode {
    const start = this.pos;
    this.pos++; // $
    const int = this.int();
    if (int !== undefined) return { type: 'tabstop', index: int };
    const name = this.varName();
    if (name !== undefined) return this.variable(name, start);
    if (this.src[this.pos] !== '{') throw new SnippetSyntaxError('"$" starts no tab stop, placeholder or variable (write "\\$")', start);
    this.pos++; // {
    const index = this.int();
    if (index !== undefined) return this.afterIndex(index, start);
    const braced = this.varName();
    if (braced === undefined) throw new SnippetSyntaxError('"${" must be followed by a number or a variable name', start);
    const variable = this.variable(braced, start);
    const c = this.src[this.pos];
    if (c === '}') {
      this.pos++;
      return variable;
    }
    if (c === ':') {
      this.pos++;
      const children = this.sequence(true);
      this.expect('}', start, `placeholder of variable ${braced} is not closed`);
      return { type: 'variable', name: braced, children };
    }
    if (c === '/') {
      const transform = this.transform(start);
      this.expect('}', start, `transform of variable ${braced} is not closed`);
      return { type: 'variable', name: braced, transform };
    }
    throw new SnippetSyntaxError(`unexpected ${c === undefined ? 'end' : `"${c}"`} in variable ${braced}`, this.pos);
  }

  private afterIndex(index: number, start: number): SnippetNode {
    const c = this.src[this.pos];
    if (c === '}') {
      this.pos++;
      return { type: 'tabstop', index };
    }
    if (c === ':') {
      this.pos++;
      const children = this.sequence(true);
      this.expect('}', start, `placeholder \${${index}:…} is not closed`);
      return { type: 'placeholder', index, children };
    }
    if (c === '|') {
      this.pos++;
      const options = this.choiceOptions(start, index);
      return { type: 'choice', index, options };
    }
    if (c === '/') {
      const transform = this.transform(start);
      this.expect('}', start, `transform of tab stop ${index} is not closed`);
      return { type: 'tabstop', index, transform };
    }
    throw new SnippetSyntaxError(`unexpected ${c === undefined ? 'end' : `"${c}"`} after "\${${index}"`, this.pos);
  }

  /** `text (',' text)* '|}'`; inside a choice `\,` `\|` `\$` `\}` `\\` are escapes. */
  private choiceOptions(start: number, index: number): string[] {
    const options: string[] = [];
    let current = '';
    while (!this.done()) {
      const c = this.src[this.pos];
      if (c === '\\' && ',|$}\\'.includes(this.src[this.pos + 1] ?? '')) {
        current += this.src[this.pos + 1];
        this.pos += 2;
      } else if (c === ',') {
        options.push(current);
        current = '';
        this.pos++;
      } else if (c === '|') {
        if (this.src[this.pos + 1] !== '}') throw new SnippetSyntaxError(`"|" inside choice ${index} must be escaped ("\\|") or end it with "|}"`, this.pos);
        options.push(current);
        this.pos += 2;
        if (options.some((o) => o === '')) throw new SnippetSyntaxError(`choice ${index} has an empty option`, start);
        return options;
      } else {
        current += c;
        this.pos++;
      }
    }
    throw new SnippetSyntaxError(`choice ${index} is not closed with "|}"`, start);
  }

  /** `'/' regex '/' format '/' options`; the caller checks the closing brace. */
  private transform(start: number): Transform {
    this.pos++; // /
    const regex = this.until('/', start, 'regular expression');
    const format = this.format(start);
    let options = '';
    while (/[dgimsuvy]/.test(this.src[this.pos] ?? '')) options += this.src[this.pos++];
    try {
      new RegExp(regex, options);
    } catch (error) {
      throw new SnippetSyntaxError(`invalid regular expression /${regex}/${options}: ${(error as Error).message}`, start);
    }
    validateFormat(format, start);
    return { regex, format, options };
  }

  /** Raw text up to an unescaped `stop` (consumed); a backslash keeps the next character. */
  private until(stop: string, start: number, what: string): string {
    let out = '';
    while (!this.done()) {
      const c = this.src[this.pos];
      if (c === '\\' && this.pos + 1 < this.src.length) {
        out += c + this.src[this.pos + 1];
        this.pos += 2;
      } else if (c === stop) {
        this.pos++;
        return out;
      } else {
        out += c;
        this.pos++;
      }
    }
    throw new SnippetSyntaxError(`transform ${what} is not closed with "${stop}"`, start);
  }

  /** The format of a transform, up to its closing `/`; a `/` inside `${n:/upcase}` does not end it. */
  private format(start: number): string {
    let out = '';
    while (!this.done()) {
      const c = this.src[this.pos];
      if (c === '\\' && this.pos + 1 < this.src.length) {
        out += c + this.src[this.pos + 1];
        this.pos += 2;
      } else if (c === '$' && this.src[this.pos + 1] === '{') {
        const close = this.closingBrace(this.pos + 2);
        if (close < 0) throw new SnippetSyntaxError('transform format has an unclosed "${"', start);
        out += this.src.slice(this.pos, close + 1);
        this.pos = close + 1;
      } else if (c === '/') {
        this.pos++;
        return out;
      } else {
        out += c;
        this.pos++;
      }
    }
    throw new SnippetSyntaxError('transform format is not closed with "/"', start);
  }

  private closingBrace(from: number): number {
    for (let i = from; i < this.src.length; i++) {
      if (this.src[i] === '\\') i++;
      else if (this.src[i] === '}') return i;
    }
    return -1;
  }

  private variable(name: string, start: number): SnippetNode {
    if (!KNOWN_VARIABLES.has(name)) throw new SnippetSyntaxError(`unknown variable "${name}"`, start);
    return { type: 'variable', name };
  }

  private int(): number | undefined {
    const m = /^[0-9]+/.exec(this.src.slice(this.pos));
    if (!m) return undefined;
    this.pos += m[0].length;
    return Number(m[0]);
  }

  private varName(): string | undefined {
    const m = /^[_a-zA-Z][_a-zA-Z0-9]*/.exec(this.src.slice(this.pos));
    if (!m) return undefined;
    this.pos += m[0].length;
    return m[0];
  }

  private expect(c: string, start: number, message: string): void {
    if (this.src[this.pos] !== c) throw new SnippetSyntaxError(message, start);
    this.pos++;
  }
}

/** Checks a transform's format string: `$n`, `${n}`, `${n:/modifier}`, `${n:+if}`, `${n:?if:else}`, `${n:-else}`, `${n:else}`. */
function validateFormat(format: string, start: number): void {
  for (let i = 0; i < format.length; i++) {
    const c = format[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c !== '$') continue;
    const rest = format.slice(i + 1);
    const simple = /^[0-9]+/.exec(rest);
    if (simple) {
      i += simple[0].length;
      continue;
    }
    const braced = /^\{([0-9]+)(?:\}|:(\/[a-z]+\}|[+?-]?))/.exec(rest);
    if (!braced) throw new SnippetSyntaxError(`malformed format "${format}" ("$" must start $n or \${n…})`, start);
    if (braced[2]?.startsWith('/')) {
      const modifier = braced[2].slice(1, -1);
      if (!FORMAT_MODIFIERS.has(modifier)) throw new SnippetSyntaxError(`unknown format modifier "/${modifier}"`, start);
      i += braced[0].length;
      continue;
    }
    if (braced[2] === undefined) {
      i += braced[0].length;
      continue;
    }
    // A conditional: find its closing brace, honouring escapes.
    let j = i + 1 + braced[0].length;
    while (j < format.length && format[j] !== '}') j += format[j] === '\\' ? 2 : 1;
    if (j >= format.length) throw new SnippetSyntaxError(`format "${format}": conditional \${${braced[1]}:…} is not closed`, start);
    i = j;
  }
}

export interface RenderOptions {
  /** Values of variables (VS Code resolves them at insertion); a missing one renders its default or its name. */
  readonly variables?: Readonly<Record<string, string>>;
  /** The option picked for a choice, by tab stop index; the first option otherwise. */
  readonly choices?: Readonly<Record<number, string>>;
}

/**
 * The text VS Code inserts when the drafter accepts every default: placeholders keep their text,
 * choices take the first option (or the one given), tab stops mirror their placeholder, and
 * transforms are applied.
 */
export function render(nodes: readonly SnippetNode[], options: RenderOptions = {}): string {
  const values = new Map<number, string>();
  const collect = (list: readonly SnippetNode[]) => {
    for (const node of list) {
      if (node.type === 'choice' && !values.has(node.index)) values.set(node.index, options.choices?.[node.index] ?? node.options[0]);
      if (node.type === 'placeholder' && !values.has(node.index)) values.set(node.index, renderWith(node.children));
    }
  };
  const renderWith = (list: readonly SnippetNode[]): string =>
    list
      .map((node) => {
        switch (node.type) {
          case 'text':
            return node.value;
          case 'choice':
          case 'placeholder':
            return values.get(node.index) ?? '';
          case 'tabstop': {
            const value = values.get(node.index) ?? '';
            return node.transform ? applyTransform(value, node.transform) : value;
          }
          case 'variable': {
            const value = options.variables?.[node.name] ?? (node.children ? renderWith(node.children) : node.name);
            return node.transform ? applyTransform(value, node.transform) : value;
          }
        }
      })
      .join('');
  // Placeholders may nest, so collect from the inside out by walking the whole tree first.
  const all = [...walk(nodes)];
  collect(all.filter((n) => n.type === 'choice'));
  for (const node of all.reverse()) if (node.type === 'placeholder' && !values.has(node.index)) collect([node]);
  return renderWith(nodes);
}

/** Applies a snippet transform the way VS Code does: replace matches of the regex with the evaluated format. */
export function applyTransform(value: string, transform: Transform): string {
  const regex = new RegExp(transform.regex, transform.options);
  const replace = (groups: readonly (string | undefined)[]) => evaluateFormat(transform.format, groups);
  return value.replace(regex, (...args: unknown[]) => {
    // The callback receives the match, its groups, then the offset (the first number).
    const groups = args.slice(0, args.findIndex((a) => typeof a === 'number')) as (string | undefined)[];
    return replace(groups);
  });
}

function evaluateFormat(format: string, groups: readonly (string | undefined)[]): string {
  let out = '';
  for (let i = 0; i < format.length; i++) {
    const c = format[i];
    if (c === '\\' && i + 1 < format.length) {
      out += format[++i];
      continue;
    }
    if (c !== '$') {
      out += c;
      continue;
    }
    const rest = format.slice(i + 1);
    const simple = /^[0-9]+/.exec(rest);
    if (simple) {
      out += groups[Number(simple[0])] ?? '';
      i += simple[0].length;
      continue;
    }
    const head = /^\{([0-9]+)(\}|:)/.exec(rest)!;
    const group = groups[Number(head[1])] ?? '';
    if (head[2] === '}') {
      out += group;
      i += head[0].length;
      continue;
    }
    let j = i + 1 + head[0].length;
    let body = '';
    while (j < format.length && format[j] !== '}') {
      if (format[j] === '\\') body += format[j++];
      body += format[j++];
    }
    i = j;
    if (body.startsWith('/')) out += modify(group, body.slice(1));
    else if (body.startsWith('+')) out += group ? body.slice(1) : '';
    else if (body.startsWith('?')) {
      const [yes, no = ''] = body.slice(1).split(':');
      out += group ? yes : no;
    } else out += group || (body.startsWith('-') ? body.slice(1) : body);
  }
  return out;
}

function modify(value: string, modifier: string): string {
  switch (modifier) {
    case 'upcase':
      return value.toUpperCase();
    case 'downcase':
      return value.toLowerCase();
    case 'capitalize':
      return value.charAt(0).toUpperCase() + value.slice(1);
    case 'camelcase':
    case 'pascalcase': {
      const words = value.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
      const joined = words.map((w) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase()).join('');
      return modifier === 'camelcase' ? joined.charAt(0).toLowerCase() + joined.slice(1) : joined;
    }
    default:
      return value;
  }
}
