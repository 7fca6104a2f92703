#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Write the mailable series into build/mail/: numbered, with the cover
# letter from patches/cover-letter.txt, base-commit information, and the
# sign-off of whoever runs it (git's user.name and user.email).
#
#   scripts/mail.sh [EXTRA FORMAT-PATCH ARGS...]   e.g. -v2, --rfc
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/queue.sh"

"$DT_TOP/scripts/prepare.sh"
name=$(git -C "$DT_SRC" config user.name || true)
email=$(git -C "$DT_SRC" config user.email || true)
case "$email" in
"" | *@damon-tier.invalid)
	dt_die "set your identity for the sign-off: git config --global user.name/user.email" ;;
esac
n=$(git -C "$DT_SRC" rev-list --count "$DT_BASE_TAG..HEAD")
[ "$n" -gt 0 ] || dt_die "the series is empty"

out=$DT_BUILD/mail
rm -rf "$out"
git -C "$DT_SRC" format-patch -q -s --cover-letter --numbered --thread \
	--base="$DT_BASE_TAG" -o "$out" "$@" "$DT_BASE_TAG..HEAD"

# the cover letter: first line of the source is the subject, the rest the blurb
cover=$(ls "$out"/0000-cover-letter.patch)
src=$DT_PATCHES/cover-letter.txt
python3 - "$cover" "$src" <<'PY'
import sys
cover, src = sys.argv[1], sys.argv[2]
lines = open(src).read().split('\n')
subject, blurb = lines[0].strip(), '\n'.join(lines[1:]).strip('\n')
text = open(cover).read()
text = text.replace('*** SUBJECT HERE ***', subject, 1)
text = text.replace('*** BLURB HERE ***', blurb, 1)
open(cover, 'w').write(text)
PY
dt_log "mailable series (by $name <$email>) in $out:"
ls -1 "$out" >&2
