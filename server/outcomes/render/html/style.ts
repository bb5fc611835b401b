import { NOTE_COLORS } from '@shared/board/note';

/**
 * The published pages' only styles (inline: the pages load nothing). Text is #1b1f24 on white
 * and every note colour, links #0b57d0, secondary text #4a5562: all at least WCAG AA.
 */
export const OUTCOME_CSS = `
:root{color-scheme:light;--ink:#1b1f24;--muted:#4a5562;--line:#d0d7de;--panel:#f4f6f8;--link:#0b57d0;--accent:#0f6b5c}
*{box-sizing:border-box}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;font-size:1.0625rem;line-height:1.55;color:var(--ink);background:#fff}
a{color:var(--link);text-underline-offset:.15em}
a:focus-visible{outline:3px solid var(--link);outline-offset:2px;border-radius:2px}
.skip{position:absolute;left:-10000px;top:.5rem;background:#fff;padding:.5rem 1rem;border:2px solid var(--link)}
.skip:focus{left:.5rem}
.wrap{max-width:72rem;margin:0 auto;padding:0 1.25rem}
.site{background:var(--panel);border-bottom:1px solid var(--line)}
.site .wrap{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:.5rem 1.5rem;padding-top:.75rem;padding-bottom:.75rem}
.site p{margin:0;color:var(--muted);font-size:.95rem}
.site strong{color:var(--ink)}
.langs ul{display:flex;gap:.25rem;list-style:none;margin:0;padding:0}
.langs a{display:inline-block;padding:.2rem .65rem;border-radius:999px;text-decoration:none}
.langs a[aria-current]{background:var(--ink);color:#fff}
main{padding-top:2rem;padding-bottom:3rem}
h1{font-size:clamp(1.8rem,1.3rem + 2vw,2.6rem);line-height:1.15;margin:0 0 .5rem;overflow-wrap:anywhere}
.lede{color:var(--muted);margin:0 0 1.5rem}
h2{font-size:1.45rem;line-height:1.25;margin:2.75rem 0 1rem;padding-bottom:.4rem;border-bottom:2px solid var(--ink)}
h3{font-size:1.2rem;line-height:1.3;margin:0 0 .2rem;overflow-wrap:anywhere}
h4{font-size:1.05rem;margin:1.25rem 0 .5rem}
.cluster{margin:0 0 2.25rem}
.count{color:var(--muted);margin:0 0 .75rem;font-size:.95rem}
.notes{display:grid;grid-template-columns:repeat(auto-fill,minmax(15rem,1fr));gap:.75rem;list-style:none;margin:0;padding:0}
.note{display:flex;flex-direction:column;justify-content:space-between;gap:.6rem;padding:.8rem .95rem;border-radius:.4rem;border:1px solid rgba(0,0,0,.14);color:var(--ink);scroll-margin-top:1rem}
.note .text{margin:0;white-space:pre-wrap;overflow-wrap:anywhere}
.note .meta{margin:0;display:flex;flex-wrap:wrap;justify-content:space-between;gap:.25rem .75rem;font-size:.875rem;color:#2f3740}
.note:target{outline:3px solid var(--link);outline-offset:2px}
${NOTE_COLORS.map((c) => `.c-${c.name}{background:${c.hex}}`).join('\n')}
table{border-collapse:collapse;width:100%;margin:0 0 1.5rem}
caption{text-align:left;font-weight:600;font-size:1.05rem;padding:0 0 .5rem}
th,td{text-align:left;vertical-align:top;padding:.45rem .6rem;border-bottom:1px solid var(--line)}
thead th{border-bottom:2px solid var(--ink)}
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.proposal{margin:0 0 2.25rem;padding:.1rem 0 .1rem 1.1rem;border-left:4px solid var(--accent)}
.proposal .body{overflow-wrap:anywhere}
.proposal blockquote{margin:0 0 1rem;padding-left:1rem;border-left:3px solid var(--line);color:var(--muted)}
.proposal pre{background:var(--panel);padding:.75rem;overflow:auto}
figure{margin:0}
figure img{display:block;max-width:100%;height:auto;border:1px solid var(--line);border-radius:.4rem;background:#fff}
figcaption{margin-top:.5rem;font-size:.95rem}
.about{display:grid;grid-template-columns:max-content 1fr;gap:.5rem 1.5rem;margin:0}
.about dt{font-weight:600}
.about dd{margin:0;overflow-wrap:anywhere}
.about ul{margin:0;padding-left:1.1rem}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.92em}
.hash{word-break:break-all}
.outcomes{list-style:none;margin:0;padding:0}
.outcomes li{padding:1rem 0;border-bottom:1px solid var(--line)}
.outcomes h2{font-size:1.2rem;margin:0 0 .25rem;padding:0;border:0}
.outcomes p{margin:.15rem 0;color:var(--muted)}
.foot{border-top:1px solid var(--line);color:var(--muted);font-size:.9rem}
.foot .wrap{padding-top:1.25rem;padding-bottom:2rem}
.visually-hidden{position:absolute;width:1px;height:1px;margin:-1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
@media (max-width:40rem){.about{grid-template-columns:1fr}.about dd{margin-bottom:.5rem}}
@media print{.langs,.skip{display:none}.note{break-inside:avoid}}
`.trim();
