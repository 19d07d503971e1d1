// The `unifashion` command line: one entry point, one table of subcommands (Cli.cpp), each
// subcommand in its own file (XxxCommand.cpp) calling pipeline/ use cases.
// Exit codes: 0 success, 3 finished but some items failed, 1 error, 2 usage.
#pragma once

#include <string>
#include <vector>

namespace uf::cli {

enum ExitCode { kExitOk = 0, kExitError = 1, kExitUsage = 2, kExitPartial = 3 };

int run(int argc, char** argv);

// Subcommands: argv holds the words after the subcommand's name. Each returns an ExitCode.
using CommandFn = int (*)(const std::vector<std::string>& argv);

struct Command {
    const char* name;
    CommandFn fn;
    const char* summary; // one line for `unifashion --help`
};

} // namespace uf::cli
