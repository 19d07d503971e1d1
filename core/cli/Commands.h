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
int cmdGenerate(const std::vector<std::string>& argv);
int cmdCaption(const std::vector<std::string>& argv);
int cmdAudit(const std::vector<std::string>& argv);
int cmdExport(const std::vector<std::string>& argv);
int cmdTrain(const std::vector<std::string>& argv);
int cmdEval(const std::vector<std::string>& argv);
int cmdBench(const std::vector<std::string>& argv);
int cmdIndex(const std::vector<std::string>& argv);
int cmdSearch(const std::vector<std::string>& argv);
int cmdDuplicates(const std::vector<std::string>& argv);
int cmdBenchSearch(const std::vector<std::string>& argv);

} // namespace uf::cli
