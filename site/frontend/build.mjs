// Westmere front-end build: `npm run build`
//
//  scss/westmere.scss                       -> ../static/dist/westmere.css (compressed)
//  js/init.js + everything it imports       -> ../static/dist/init.js (+ .map): one minified ES module
//    (the GOV.UK Frontend components used, js/chat/, js/search-autocomplete.js, js/feedback.js),
//    bundled by esbuild so no module is fetched by its plain name at run time
//  images/favicon.svg (Westmere's own)      -> ../static/dist/
//
// No GOV.UK Frontend images or fonts are copied: they carry the GOV.UK crown
// or are the GDS Transport font, and nothing in our CSS references them.
// The build fails if the CSS contains GDS Transport, an @font-face rule or a
// url() pointing at GOV.UK assets, or if a colour pair fails WCAG AA.
import { buildSync } from 'esbuild'
import { compile } from 'sass'
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'

const here = dirname(fileURLToPath(import.meta.url))
const dist = join(here, '..', 'static', 'dist')
const govuk = join(here, 'node_modules', 'govuk-frontend', 'dist', 'govuk')

function fail (message) {
  console.error(`\nBuild failed: ${message}`)
  process.exit(1)
}

// 1. Clean the output folder (keep its .gitignore)
mkdirSync(dist, { recursive: true })
for (const name of readdirSync(dist)) {
  if (name !== '.gitignore') rmSync(join(dist, name), { recursive: true, force: true })
}
writeFileSync(join(dist, '.gitignore'), '*\n!.gitignore\n')

// 2. Sass
let css
try {
  const result = compile(join(here, 'scss', 'westmere.scss'), {
    style: 'compressed',
    loadPaths: [join(here, 'node_modules')],
    quietDeps: true
  })
  css = result.css
} catch (error) {
  fail(error.message)
}
if (/GDS Transport/i.test(css)) fail('compiled CSS mentions "GDS Transport"')
if (/@font-face/i.test(css)) fail('compiled CSS contains @font-face')
const urls = css.match(/url\([^)]*\)/g) || []
if (urls.length) fail(`compiled CSS references external files: ${urls.join(', ')}`)
writeFileSync(join(dist, 'westmere.css'), css + '\n')

// 3. JavaScript: one bundle. Every import is resolved now, at build time, so the page needs a
//    single <script type="module" src="{% static 'dist/init.js' %}">, whose hashed name comes from
//    whitenoise's manifest. A dynamic import() would be fetched by its plain name: the build refuses it.
if (!existsSync(govuk)) fail('missing node_modules/govuk-frontend (run npm ci)')
let bundle
try {
  bundle = buildSync({
    entryPoints: [join(here, 'js', 'init.js')],
    outfile: join(dist, 'init.js'),
    bundle: true,
    format: 'esm',
    minify: true,
    sourcemap: 'linked',
    target: ['es2018'],
    legalComments: 'none',
    metafile: true,
    logLevel: 'silent'
  })
} catch (error) {
  fail(error.message)
}
const outputs = Object.keys(bundle.metafile.outputs).filter((name) => name.endsWith('.js'))
if (outputs.length !== 1) fail(`expected one JavaScript file, esbuild wrote ${outputs.join(', ')}`)
if (/\bimport\s*\(/.test(readFileSync(join(dist, 'init.js'), 'utf8'))) fail('dist/init.js still has a run-time import()')

// 4. Images
const copies = [
  [join(here, 'images', 'favicon.svg'), 'favicon.svg']
]
for (const [from, to] of copies) {
  if (!existsSync(from)) fail(`missing ${relative(here, from)} (run npm ci)`)
  copyFileSync(from, join(dist, to))
}

// 5. Contrast check of the colour pairs used (WCAG 2.2 AA: 4.5:1 text)
function luminance (hex) {
  const channels = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
  const [r, g, b] = channels.map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4))
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}
function contrast (a, b) {
  const [x, y] = [luminance(a), luminance(b)].sort((m, n) => n - m)
  return (x + 0.05) / (y + 0.05)
}
const pairs = [
  ['header / toggle: white on teal', '#ffffff', '#00625e'],
  ['links: teal on white', '#00625e', '#ffffff'],
  ['links: teal on teal tint (footer, cards)', '#00625e', '#f2f8f7'],
  ['links: teal on card hover', '#00625e', '#cce0df'],
  ['links: teal on chat bot bubble', '#00625e', '#f3f3f3'],
  ['link hover: dark teal on white', '#003f3c', '#ffffff'],
  ['visited links: purple on white', '#54319f', '#ffffff'],
  ['search button: white on dark teal', '#ffffff', '#003f3c'],
  ['emergency banner: white on red', '#ffffff', '#b10e1e'],
  ['warning banner: black on yellow tint', '#0b0c0c', '#fff7bf'],
  ['secondary text on teal tint', '#484949', '#f2f8f7'],
  ['focus: black on yellow', '#0b0c0c', '#ffdd00'],
  ['button: white on green', '#ffffff', '#0f7a52']
]
for (const [name, fg, bg] of pairs) {
  const ratio = contrast(fg, bg)
  if (ratio < 4.5) fail(`contrast ${ratio.toFixed(2)}:1 < 4.5:1 for ${name}`)
}

// 6. Report sizes
const rows = []
let pageRaw = 0
let pageGzip = 0
const pageFiles = ['westmere.css', 'init.js']
for (const name of readdirSync(dist).sort()) {
  if (name === '.gitignore') continue
  const file = join(dist, name)
  const raw = statSync(file).size
  const gz = gzipSync(readFileSync(file), { level: 9 }).length
  rows.push([name, raw, gz])
  if (pageFiles.includes(name)) {
    pageRaw += raw
    pageGzip += gz
  }
}
const kb = (n) => `${(n / 1024).toFixed(1)} KB`
console.log(`Built ${relative(process.cwd(), dist) || dist}:`)
for (const [name, raw, gz] of rows) {
  console.log(`  ${name.padEnd(28)} ${kb(raw).padStart(9)}  gzip ${kb(gz).padStart(8)}`)
}
console.log(`  ${'per page (css + js)'.padEnd(28)} ${kb(pageRaw).padStart(9)}  gzip ${kb(pageGzip).padStart(8)}`)
console.log(`Contrast: ${pairs.length} colour pairs pass WCAG AA 4.5:1. No GDS Transport / @font-face / url() in CSS.`)
