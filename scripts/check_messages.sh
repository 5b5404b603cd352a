#!/usr/bin/env bash
# Fails when the committed translation catalogues are not current with the source,
# or when the compiled catalogues do not match them
# (needs GNU gettext: msgfmt, msgattrib, xgettext).
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp -r src/lindung/locale "$tmp/before"
(cd src/lindung && ../../.venv/bin/python ../../manage.py makemessages -l en -l id --no-obsolete --no-location >/dev/null)
status=0
for po in src/lindung/locale/*/LC_MESSAGES/django.po; do
  rel=${po#src/lindung/locale/}
  if ! diff -q -I '^"POT-Creation-Date' "$tmp/before/$rel" "$po" >/dev/null; then
    echo "Translation catalogue out of date: $po (run: make messages, then translate)"
    diff -u -I '^"POT-Creation-Date' "$tmp/before/$rel" "$po" | head -40 || true
    status=1
  fi
  cp "$tmp/before/$rel" "$po"   # leave the work tree as it was
  mo="${po%.po}.mo"
  msgfmt --check-format -o "$tmp/check.mo" "$po"
  if ! cmp -s "$tmp/check.mo" "$mo"; then
    echo "Compiled catalogue out of date: $mo (run: make messages)"
    status=1
  fi
done
# Source strings are Bahasa Indonesia; English needs a translation of each. Untranslated
# entries fall back to the Indonesian source; they are counted here, not hidden.
missing=$(msgattrib --untranslated --no-obsolete src/lindung/locale/en/LC_MESSAGES/django.po | grep -c '^msgid "' || true)
if [ "${missing:-0}" -gt 1 ]; then
  echo "NOTE: English catalogue has $((missing - 1)) untranslated messages (shown in Indonesian)"
fi
exit $status
