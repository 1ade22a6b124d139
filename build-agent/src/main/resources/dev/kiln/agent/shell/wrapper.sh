# Kiln command wrapper, run by the build's shell (sh or bash) for each command.
# Arguments: COMMAND_FILE SUCCEEDING MODE (state: keep cd and variables across commands; fresh: do not).
# A fresh command still reads the saved variables: in a 0.1 build only the engine's set-up command saves them, so
# they are exactly the build's own variables.
__kiln_f=$1
__kiln_s=$2
__kiln_m=$3
set --
set -a
if [ -f @STATE@/env ]; then . @STATE@/env; fi
CODEBUILD_BUILD_SUCCEEDING=$__kiln_s
if [ "$__kiln_m" = state ]; then
  __kiln_save() {
    set +a
    export -p > @STATE@/env
    pwd > @STATE@/pwd
    exit "$1"
  }
  trap '__kiln_save $?' EXIT
  { read -r __kiln_d < @STATE@/pwd && cd -- "$__kiln_d"; } 2> /dev/null || cd -- "$CODEBUILD_SRC_DIR"
else
  cd -- "$CODEBUILD_SRC_DIR"
fi
. "$__kiln_f"
