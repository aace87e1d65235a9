#!/usr/bin/env bash
# Makes assets/fonts/ from Debian's fonts-dejavu-core: DejaVu Sans and DejaVu Sans Bold cut to the
# characters the first view draws (Latin; the ranges of kGlyphRanges in src/platform/web_main.cpp), and the
# scripts a corpus may need in separate files the page fetches only then (kScriptRanges there): Greek and
# Cyrillic; Arabic with its presentation forms (what src/bidi shapes to). No hinting or layout tables
# (Dear ImGui's rasteriser reads neither). Needs pyftsubset (Debian package fonttools); the build itself
# only reads the committed files. Usage: tools/subset_fonts.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
src=/usr/share/fonts/truetype/dejavu
cut() {  # cut FONT RANGES OUT
  pyftsubset "$src/$1.ttf" --unicodes="$2" --no-hinting --layout-features='' \
    --drop-tables+=GSUB,GPOS,GDEF,kern,FFTM,MATH --name-IDs='*' --name-legacy --name-languages='*' \
    --output-file="$root/assets/fonts/$3.ttf"
  echo "assets/fonts/$3.ttf: $(stat -c %s "$root/assets/fonts/$3.ttf") bytes"
}
latin="U+0020-007E,U+00A0-024F,U+0394,U+1E00-1EFF,U+2000-206F,U+20A0-20CF,U+2100-214F,U+2190-21FF,U+25A0-25FF,U+2600,U+263E,U+FFFD"
greek_cyrillic="U+0370-03FF,U+0400-04FF"
arabic="U+0600-06FF,U+FB50-FDFF,U+FE70-FEFF"
for f in DejaVuSans DejaVuSans-Bold; do
  cut "$f" "$latin" "$f"
  cut "$f" "$greek_cyrillic" "$f-GreekCyrillic"
  cut "$f" "$arabic" "$f-Arabic"
done
