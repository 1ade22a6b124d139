# Kiln build driver: one per build, POSIX sh only. Arguments: STATE_DIR NONCE OOM_CHECK(0|1).
# Reads requests on stdin:  "R <id> <shell> <succeeding> <mode>" then the command's lines, then "E <nonce>".
#                           "X" ends the driver.
# After each command it prints "<RS>KILN:<nonce>:<id>:<exit>:<oom><RS>" on stdout and on stderr.
# It uses nothing but sh built-ins. STATE_DIR exists (the container's working directory, or made by the backend);
# the state files are created world-writable, so commands run as other users (run-as) can save state too.
d=$1; n=$2; k=$3
if [ ! -f "$d/env" ]; then
  um=$(umask); umask 000
  { : > "$d/env" && : > "$d/pwd"; } || { echo "kiln: cannot write the state directory $d" >&2; exit 90; }
  umask "$um"
fi
rs=$(printf '\036')
oom_count() {
  c=0
  for f in /sys/fs/cgroup/memory.events /sys/fs/cgroup/memory/memory.oom_control; do
    if [ -r "$f" ]; then
      while read -r key value; do [ "$key" = oom_kill ] && c=$value; done < "$f"
      break
    fi
  done
  echo "$c"
}
[ "$k" = 1 ] && base=$(oom_count)
while IFS= read -r req; do
  case $req in
    "R "*)
      set -f; set -- $req; set +f
      id=$2; sh=$3; ok=$4; mode=$5
      while IFS= read -r line; do
        [ "$line" = "E $n" ] && break
        printf '%s\n' "$line"
      done > "$d/c$id"
      if [ "$mode" = write ]; then
        rc=0
      else
        "$sh" "$d/cw" "$d/c$id" "$ok" "$mode" < /dev/null
        rc=$?
      fi
      o=0
      if [ "$k" = 1 ]; then now=$(oom_count); [ "$now" != "$base" ] && o=1; base=$now; fi
      printf '%sKILN:%s:%s:%s:%s%s\n' "$rs" "$n" "$id" "$rc" "$o" "$rs"
      printf '%sKILN:%s:%s:%s:%s%s\n' "$rs" "$n" "$id" "$rc" "$o" "$rs" >&2
      ;;
    X) exit 0 ;;
    *) ;;
  esac
done
