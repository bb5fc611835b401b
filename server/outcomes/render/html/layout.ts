import { OUTCOME_LANGS, type OutcomeLang } from '@shared/outcome/api';
import { escapeHtml as h } from '../../escape';
import { OUTCOME_STRINGS } from '../../i18n';
import { OUTCOME_CSS } from './style';

export interface LayoutInput {
  lang: OutcomeLang;
  title: string;
  /** Escaped HTML for the left of the top bar. */
  banner: string;
  /** Escaped HTML of <main>'s content. */
  main: string;
  /** Escaped HTML of the footer's content. */
  footer: string;
  /** Extra escaped <head> tags. */
  head?: string;
  /** The page in another language (a URL; escaped here). */
  langHref: (lang: OutcomeLang) => string;
}

function languageNav(current: OutcomeLang, href: (lang: OutcomeLang) => string): string {
  const s = OUTCOME_STRINGS[current];
  const items = OUTCOME_LANGS.map((lang) => {
    const name = h(OUTCOME_STRINGS[lang].languageName);
    const here = lang === current ? ' aria-current="page"' : '';
    return `<li><a href="${h(href(lang))}" hreflang="${lang}" lang="${lang}"${here}>${name}</a></li>`;
  }).join('');
  return `<nav class="langs" aria-label="${h(s.languageNav)}"><ul>${items}</ul></nav>`;
}

/** A complete published page: no scripts, no external resources, one inline style sheet. */
export function layout(input: LayoutInput): string {
  const s = OUTCOME_STRINGS[input.lang];
  return `<!doctype html>
<html lang="${input.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<link rel="icon" href="data:,">
<title>${h(input.title)}</title>
${input.head ?? ''}
<style>${OUTCOME_CSS}</style>
</head>
<body>
<a class="skip" href="#main">${h(s.skipToContent)}</a>
<header class="site"><div class="wrap">
<p>${input.banner}</p>
${languageNav(input.lang, input.langHref)}
</div></header>
<main id="main" tabindex="-1"><div class="wrap">
${input.main}
</div></main>
<footer class="foot"><div class="wrap">
${input.footer}
</div></footer>
</body>
</html>
`;
}
