// unifashion: the command-line front end. All logic lives in core/cli.
#include "cli/Cli.h"

int main(int argc, char** argv)
{
    return uf::cli::run(argc, argv);
}
