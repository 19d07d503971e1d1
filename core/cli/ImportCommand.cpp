// Placeholder until the ingest engineer lands the import pipeline.
#include "cli/Commands.h"
#include "common/Error.h"
namespace uf::cli {
int cmdImport(const std::vector<std::string>&) { throw Error("import is not available in this build yet"); }
}
