#!/usr/bin/env bash
# Makes assets/fonts/ from Debian's fonts-dejavu-core: DejaVu Sans and DejaVu Sans Bold cut to the
# characters the page draws, and their Arabic script in separate files (the ranges of kGlyphRanges in src/platform/web_main.cpp), without hinting
# or layout tables (Dear ImGui's rasteriser reads neither). Needs pyftsubset (Debian package fonttools);
# the build itself only reads the committed files. Usage: tools/subset_fonts.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
src=/usr/share/fonts/truetype/dejavu
ranges="U+0020-007E,U+00A0-024F,U+0370-03FF,U+0400-04FF,U+1E00-1EFF,U+2000-206F,U+20A0-20CF,U+2100-214F,U+2190-21FF,U+25A0-25FF,U+2600,U+263E,U+FFFD"
for f in DejaVuSans DejaVuSans-Bold; do
  pyftsubset "$src/$f.ttf" --unicodes="$ranges" --no-hinting --layout-features='' \
    --drop-tables+=GSUB,GPOS,GDEF,kern,FFTM,MATH --name-IDs='*' --name-legacy --name-languages='*' \
    --output-file="$root/assets/fonts/$f.ttf"
  echo "assets/fonts/$f.ttf: $(stat -c %s "$root/assets/fonts/$f.ttf") bytes"
done
# The Arabic script and its presentation forms (kArabicRanges in web_main.cpp; what src/bidi shapes to):
# fonts the page fetches only for a corpus with Arabic text.
arabic="U+0600-06FF,U+FB50-FDFF,U+FE70-FEFF"
for f in DejaVuSans DejaVuSans-Bold; do
  pyftsubset "$src/$f.ttf" --unicodes="$arabic" --no-hinting --layout-features='' \
    --drop-tables+=GSUB,GPOS,GDEF,kern,FFTM,MATH --name-IDs='*' --name-legacy --name-languages='*' \
    --output-file="$root/assets/fonts/$f-Arabic.ttf"
  echo "assets/fonts/$f-Arabic.ttf: $(stat -c %s "$root/assets/fonts/$f-Arabic.ttf") bytes"
done
