# Writes a gzipped man page from `CLI SUBCOMMAND --help` (or from STATIC_TEXT): NAME, SYNOPSIS and
# DESCRIPTION are the help text itself, so the page cannot drift from the program.
if(STATIC_TEXT)
  file(READ ${STATIC_TEXT} help)
elseif(SUBCOMMAND)
  execute_process(COMMAND ${CLI} ${SUBCOMMAND} --help OUTPUT_VARIABLE help RESULT_VARIABLE rc)
else()
  execute_process(COMMAND ${CLI} --help OUTPUT_VARIABLE help RESULT_VARIABLE rc)
endif()
string(REPLACE "\\" "\\\\" help "${help}")
string(REGEX REPLACE "\n\\." "\n\\\\&." help "${help}")
string(REGEX REPLACE "\n'" "\n\\\\&'" help "${help}")
string(REPLACE "-" "\\-" help "${help}")
string(TOUPPER "${PAGE}" upper)
if(SUBCOMMAND)
  set(summary "the '${SUBCOMMAND}' command of UniFashion Studio's command line")
elseif(PAGE STREQUAL "unifashion-studio")
  set(summary "desktop application to search and generate fashion images")
else()
  set(summary "command line of UniFashion Studio")
endif()
string(REPLACE "-" "\\-" name "${PAGE}")
file(WRITE ${OUT} ".TH ${upper} 1 \"\" \"UniFashion Studio ${VERSION}\" \"User Commands\"
.SH NAME
${name} \\- ${summary}
.SH DESCRIPTION
.nf
${help}
.fi
.SH SEE ALSO
unifashion(1), unifashion\\-studio(1)
")
execute_process(COMMAND gzip -9nf ${OUT})
