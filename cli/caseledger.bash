# bash completion for caseledger. Installed as share/bash-completion/completions/caseledger,
# where bash-completion loads it the first time caseledger is completed; without
# bash-completion, `source` it from ~/.bashrc.
#
# The commands and each command's options are read from the program's own --help, so the
# completion offers exactly what the caseledger being completed accepts; only the values
# of a few options are listed here.

# The long options in a help text, each with " arg" when it takes a value.
_caseledger_options() {
  "$@" --help 2>/dev/null |
    sed -n -e 's/^  \(-h \[ \)\{0,1\}\(--[a-z0-9-]*\)\( arg\)\{0,1\}.*/\2\3/p'
}

_caseledger() {
  local program=${COMP_WORDS[0]} cur=${COMP_WORDS[COMP_CWORD]}
  local prev=${COMP_WORDS[COMP_CWORD - 1]}
  COMPREPLY=()

  if ((COMP_CWORD == 1)); then
    local commands
    commands=$("${program}" --help 2>/dev/null |
      sed -n -e '/^Commands:/,/^$/s/^  \([a-z][a-z]*\) .*/\1/p')
    mapfile -t COMPREPLY < <(compgen -W "${commands} --help --version" -- "${cur}")
    return 0
  fi

  local options
  options=$(_caseledger_options "${program}" "${COMP_WORDS[1]}")
  # The value of an option that takes one.
  if [[ ${prev} == --* ]] && grep -qxF -e "${prev} arg" <<<"${options}"; then
    local values=""
    case ${prev} in
      --language) values="zh-Hans zh-Hant en" ;;
      --format) values="text markdown" ;;
      --encoding) values="auto utf-8 gb18030 gbk" ;;
      --money-unit) values="yuan wan" ;;
      --compare) values="previous year-ago" ;;
      --threads) values="1 2" ;;
      --messages) values="en zh" ;;
      --group-by)
        # A comma-separated list: the dimensions already given stay in front.
        local given=""
        [[ ${cur} == *,* ]] && given=${cur%,*},
        mapfile -t COMPREPLY < <(compgen -P "${given}" \
          -W "district category channel month team" -- "${cur##*,}")
        return 0
        ;;
      --layout)
        # (compopt fails, silently here, when the function is called outside completion.)
        compopt -o filenames 2>/dev/null
        mapfile -t COMPREPLY < <(compgen -W "office data" -- "${cur}"; compgen -f -- "${cur}")
        return 0
        ;;
      --json | --xlsx | --mapping | --calendar | --alerts | --templates)
        compopt -o filenames 2>/dev/null
        mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
        return 0
        ;;
      *) return 0 ;;  # a date, a number, a title: nothing to offer
    esac
    mapfile -t COMPREPLY < <(compgen -W "${values}" -- "${cur}")
    return 0
  fi

  if [[ ${cur} == -* ]]; then
    mapfile -t COMPREPLY < <(compgen -W "${options// arg/}" -- "${cur}")
  else
    # A LEDGER: a file, or a folder of CSV files.
    compopt -o filenames 2>/dev/null
    mapfile -t COMPREPLY < <(compgen -f -- "${cur}")
  fi
  return 0
}

complete -F _caseledger caseledger
