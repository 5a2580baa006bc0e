/**
 * What runs on the deploy target, as POSIX sh (here or on the server through ssh). A site's folder:
 *
 *   <target>/<slug>/
 *     current -> releases/<id>          the one symlink the web server follows
 *     releases/<id>/                    a complete release, never changed once activated
 *     releases/<id>.json                its hash manifest (for verify-deploy)
 *     releases/.incoming-<id>[.json]    a release still arriving (never served)
 *
 * A release is switched in with rename(2) of a new symlink over `current`, which is atomic: a
 * request sees the old release or the new one, never a mix, and a deploy that dies before the
 * switch leaves the old release serving. Release ids sort by time.
 */

/**
 * $1... = site folders. Creates their folders, then prints for each, in order, a line
 * "--- portal-site ok [<current release id>]" (no id if none yet), or "--- portal-site failed"
 * when its folders cannot be made; then a line "--- portal-manifests" and the current releases'
 * manifests, one after the other. One call for every site of a deploy, and almost only the
 * shell's builtins (a process per site cost 15 ms each here): over ssh, one connection.
 */
export const prepareScript = `set -u
n=$#
for dir; do [ -d "$dir/releases" ] || mkdir -p "$dir/releases" 2>/dev/null || :; done
for dir; do
  if [ ! -d "$dir/releases" ]; then
    echo "--- portal-site failed"
  elif [ -L "$dir/current" ] && id="$(cd -P "$dir/current" 2>/dev/null && pwd -P)"; then
    echo "--- portal-site ok \${id##*/}"
    set -- "$@" "$dir/releases/\${id##*/}.json"
  else
    echo "--- portal-site ok"
  fi
done
shift "$n"
echo "--- portal-manifests"
[ "$#" -eq 0 ] || cat -- "$@" 2>/dev/null || :
`;

/**
 * $1 = site folder, $2 = release id, $3 = releases to keep. Moves the arrived release into place,
 * switches \`current\` to it, then removes old releases (never the current or the one before it)
 * and what deploys that died left behind.
 */
export const activateScript = `set -eu
cd "$1"
id="$2"; keep="$3"
test -d "releases/.incoming-$id" && test -f "releases/.incoming-$id.json" || { echo "release $id has not fully arrived" >&2; exit 3; }
mv "releases/.incoming-$id.json" "releases/$id.json"
mv "releases/.incoming-$id" "releases/$id"
ln -s "releases/$id" ".current-$id"
mv -T ".current-$id" current
ls -1 releases | grep -v '^\\.' | grep -v '\\.json$' | sort -r | tail -n +"$((keep + 1))" | while read -r old; do
  rm -rf "releases/$old" "releases/$old.json"
done
for stale in releases/.incoming-*; do
  case "$stale" in *"-$id"|*"-$id.json"|'releases/.incoming-*') ;; *) rm -rf "$stale" ;; esac
done
echo "$id"
`;

/** $1 = site folder, $2 = release id or empty for the one before current. Switches \`current\` back. */
export const rollbackScript = `set -eu
cd "$1"
test -L current || { echo "no release is deployed here" >&2; exit 3; }
now="$(basename "$(readlink current)")"
if [ -n "$2" ]; then
  to="$2"
else
  to="$(ls -1 releases | grep -v '^\\.' | grep -v '\\.json$' | sort | awk -v now="$now" '$0 == now { print prev; exit } { prev = $0 }')"
fi
test -n "$to" || { echo "no release before $now to go back to" >&2; exit 4; }
test -d "releases/$to" || { echo "release $to is not here" >&2; exit 4; }
ln -s "releases/$to" ".current-rollback-$to"
mv -T ".current-rollback-$to" current
echo "$now $to"
`;

/**
 * $1 = site folder. Prints the current release id, then its manifest, then a line "--", then
 * "sha256  ./path" for every file under current/ as served now, then a line "--special", then
 * "<type> ./path -> <link target>" for everything there that is neither a file nor a folder
 * (a release holds only regular files: a symlink is how a file outside it would be served).
 */
export const inspectScript = `set -eu
cd "$1"
test -L current || { echo "no release is deployed here" >&2; exit 3; }
id="$(basename "$(readlink current)")"
echo "$id"
cat "releases/$id.json"
echo
echo "--"
cd current
find . -type f -print0 | xargs -0 -r sha256sum
echo "--special"
find . ! -type f ! -type d -printf '%y %p -> %l\n'
`;

/** $1 = site folder. Lists release ids, oldest first, and the current one after "current ". */
export const listScript = `set -eu
cd "$1"
ls -1 releases 2>/dev/null | grep -v '^\\.' | grep -v '\\.json$' | sort || true
if [ -L current ]; then echo "current $(basename "$(readlink current)")"; fi
`;
