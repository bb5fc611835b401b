/**
 * The client's import boundaries (client/README.md) are enforced by `npm run lint`. These lint
 * deliberately wrong imports kept in `__lint_fixture__` folders (left out of the normal run) with
 * the project's own ESLint config, so removing or loosening a zone fails here.
 */
import { fileURLToPath } from 'node:url';
import { ESLint, type Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

async function lint(file: string): Promise<Linter.LintMessage[]> {
  // ignore: false lints the fixtures the config otherwise leaves out.
  const eslint = new ESLint({ cwd: root, ignore: false });
  const [result] = await eslint.lintFiles([file]);
  if (!result) throw new Error(`ESLint returned nothing for ${file}`);
  return result.messages;
}

function rules(messages: Linter.LintMessage[]): (string | null)[] {
  return messages.map((m) => m.ruleId);
}

describe('client import zones', { timeout: 60_000 }, () => {
  it('a feature importing another feature fails lint with no-restricted-paths', async () => {
    const messages = await lint('client/canvas/__lint_fixture__/wrongImport.ts');
    expect(rules(messages)).toContain('import-x/no-restricted-paths');
    const zone = messages.find((m) => m.ruleId === 'import-x/no-restricted-paths');
    expect(zone?.severity).toBe(2);
    expect(zone?.message).toContain('features never import each other');
  });

  it('a feature importing the kit passes lint', async () => {
    expect(await lint('client/canvas/__lint_fixture__/rightImport.ts')).toEqual([]);
  });

  it('the kit importing a feature fails lint with no-restricted-paths', async () => {
    const messages = await lint('client/kit/__lint_fixture__/wrongImport.ts');
    expect(rules(messages)).toContain('import-x/no-restricted-paths');
  });

  it('client/sync importing React fails lint', async () => {
    const messages = await lint('client/sync/__lint_fixture__/usesReact.ts');
    expect(rules(messages)).toContain('no-restricted-imports');
    expect(messages.map((m) => m.message).join('\n')).toContain('client/sync/ uses no React');
  });
});
