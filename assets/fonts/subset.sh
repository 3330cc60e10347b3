#!/bin/sh
# Rebuilds HoegoSans-Regular.ttf, the font the recap charts are drawn with: NanumGothic
# (SIL Open Font License 1.1, see OFL.txt) cut down to what a chart writes: Latin, digits,
# punctuation, every Hangul syllable and jamo. Renamed, as the license asks of a modified
# version (NanumGothic is a Reserved Font Name).
# Needs: apt-get install fonts-nanum; pip install fonttools.
set -eu
here=$(dirname "$0")
source=${1:-/usr/share/fonts/truetype/nanum/NanumGothic.ttf}
pyftsubset "$source" \
    --unicodes="U+0020-007E,U+00A0-00FF,U+2010-2027,U+2030-203A,U+2190-2193,U+2212,U+2581-2588,U+3000-3003,U+3008-3011,U+3131-318E,U+AC00-D7A3,U+FF01-FF5E" \
    --no-hinting --desubroutinize --layout-features='*' \
    --output-file="$here/HoegoSans-Regular.ttf"
python3 - "$here/HoegoSans-Regular.ttf" <<'PY'
import sys
from fontTools.ttLib import TTFont
path = sys.argv[1]
font = TTFont(path)
names = {
    1: "Hoego Sans", 3: "Hoego Sans Regular (subset of NanumGothic 3.021)",
    4: "Hoego Sans Regular", 6: "HoegoSans-Regular", 16: "Hoego Sans",
    13: "This Font Software is licensed under the SIL Open Font License, Version 1.1.",
    14: "https://openfontlicense.org",
}
table = font["name"]
table.names = [r for r in table.names if r.nameID not in names]
for name_id, text in names.items():
    table.setName(text, name_id, 3, 1, 0x409)
font.save(path)
PY
