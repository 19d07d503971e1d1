// Console helpers shared by the subcommands: help text, stderr progress, and JSON output.
#pragma once

#include "common/Progress.h"

#include <string>
#include <vector>

namespace uf::cli {

// True (and prints usage to stdout) when argv asks for --help.
bool wantsHelp(const std::vector<std::string>& argv, const char* usage);

// A ProgressFn that prints "label: done/total (pct%)" to stderr at most a few times a second
// and stops the job when Ctrl-C was pressed.
ProgressFn stderrProgress(std::string label);

// Installs a SIGINT handler that sets a flag instead of killing the process (first Ctrl-C);
// stderrProgress() returns false once it is set. A second Ctrl-C exits at once.
void installInterruptHandler();
bool interrupted();

} // namespace uf::cli
