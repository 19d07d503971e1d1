// Declarations of every subcommand; the table is in Cli.cpp. Add a line here and there when
// adding a subcommand in its own XxxCommand.cpp file.
#pragma once

#include "cli/Cli.h"

#include <string>
#include <vector>

namespace uf::cli {

int cmdImport(const std::vector<std::string>& argv);
int cmdDemo(const std::vector<std::string>& argv);
int cmdList(const std::vector<std::string>& argv);
int cmdInfo(const std::vector<std::string>& argv);
int cmdReport(const std::vector<std::string>& argv);

} // namespace uf::cli
